"""The site's own CSS and JavaScript (the package's assets/ folder), under content-hashed
names so hosting can cache them for a year (`kb.css` -> `assets/kb.3f9a2c1d.css`, the
pattern Material's own assets follow): a changed file gets a new name, an unchanged one
keeps its cache."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

SOURCE = Path(__file__).resolve().parent.parent / "assets"
# what pages link (the worker fetches the index by its own path, unaffected by the renaming)
FINGERPRINTED = ("kb.css", "kb.js", "search/worker.js", "kb-reply.js", "kb-events.js")


def hashed_name(name: str, content: bytes) -> str:
    path = PurePosixPath(name)
    digest = hashlib.sha256(content).hexdigest()[:8]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def fingerprinted() -> dict[str, tuple[str, bytes]]:
    """Asset name -> (its uri in the site, its content)."""
    out = {}
    for name in FINGERPRINTED:
        content = (SOURCE / name).read_bytes()
        out[name] = ("assets/" + hashed_name(name, content), content)
    return out
