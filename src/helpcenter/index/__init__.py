"""The search index the browser worker (assets/search/) reads: terms, files, manifest."""
