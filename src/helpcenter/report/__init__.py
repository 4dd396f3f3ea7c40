"""The readers' report: what readers searched, opened and voted, read from the events
log that hosting/nginx.conf writes (docs/assets/kb-events.js sends them), for editors.
`python3 scripts/dev.py report LOG… --out DIR`; guide/reader-events.md."""
