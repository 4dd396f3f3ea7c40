"""Content-hashed names for the site's own CSS and JS, so hosting can cache them for
a year (`kb.css` -> `kb.3f9a2c1d.css`, the pattern Material's own assets follow):
a changed file gets a new name, an unchanged one keeps its cache."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

SOURCE = Path(__file__).resolve().parent.parent / "assets"  # the package's browser code and style
# Paths under SOURCE that pages reference; files they load by relative URL
# (the worker fetches the index by its own path) are unaffected by the renaming.
FINGERPRINTED = ("kb.css", "kb.js", "search/worker.js", "kb-reply.js", "kb-events.js")


def hashed_name(name: str, content: bytes) -> str:
    path = PurePosixPath(name)
    digest = hashlib.sha256(content).hexdigest()[:8]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))
