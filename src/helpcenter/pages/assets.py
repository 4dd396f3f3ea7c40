"""The site's own CSS and JavaScript (the package's assets/ folder), under content-hashed
names so hosting can cache them for a year (`kb.css` -> `assets/kb.3f9a2c1d.css`, the
pattern Material's own assets follow): a changed file gets a new name, an unchanged one
keeps its cache.

The search worker is files of its own (assets/search/), which a small entry file loads
with importScripts, the way a classic worker (what Material starts) loads scripts: the
entry is written here, naming its parts by their hashed names."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath

SOURCE = Path(__file__).resolve().parent.parent / "assets"
# what pages link (search/marks.js is the worker's too: the page marks as the result list does)
PAGES = ("kb.css", "search/marks.js", "kb.js", "kb-reply.js", "kb-events.js", "kb-boot.js", "kb-reply-query.js")
# the worker's parts, in the order they load: each may use what the ones before define
WORKER = ("search/protocol.js", "search/setup.js", "search/files.js", "search/text.js", "search/products.js",
          "search/slips.js", "search/score.js", "search/verdict.js", "search/marks.js", "search/words.js",
          "search/results.js", "search/search.js")
ENTRY = "search/worker.js"  # Material's config.search points here


def hashed_name(name: str, content: bytes) -> str:
    path = PurePosixPath(name)
    digest = hashlib.sha256(content).hexdigest()[:8]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def fingerprinted() -> dict[str, tuple[str, bytes]]:
    """Asset name -> (its uri in the site, its content), the worker's entry included."""
    out = {}
    for name in (*PAGES, *WORKER):
        content = (SOURCE / name).read_bytes()
        out[name] = ("assets/" + hashed_name(name, content), content)
    parts = ", ".join(json.dumps(PurePosixPath(out[name][0]).name) for name in WORKER)
    entry = (f"/* The site's search worker (src/helpcenter/assets/search/): its parts, in order. */\n"
             f"importScripts({parts});\n").encode()
    out[ENTRY] = ("assets/" + hashed_name(ENTRY, entry), entry)
    return out
