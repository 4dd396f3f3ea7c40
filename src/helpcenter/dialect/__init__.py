"""Reading the FAQ: find and decode the files, parse the dialect, check the source."""
