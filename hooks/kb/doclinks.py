"""Links to Tencent Cloud's documentation that name a question this site has.

The docs' anchors are the heading text, percent-encoded with `.` for `%`
(`#.E7.A9.BA.E5.A3.B3…` is `#空壳主体…`). When the decoded anchor is, letter for
letter, the title of one question here, the reader is better served by this
site's own page: the link points there instead. Anything else stays external.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from .model import Issue
from .text import fold

_DOC_LINK = re.compile(r"\]\((https?://cloud\.tencent\.com/document/[^)\s#]*#([^)\s]+))\)")
_DOT_ESCAPE = re.compile(r"\.([0-9A-Fa-f]{2})")
_HTML = re.compile(r"<[^>]*>")


def anchor_text(anchor: str) -> str:
    """`.E7.A9.BA…` -> the heading text it encodes (inline HTML removed)."""
    return _HTML.sub("", unquote(_DOT_ESCAPE.sub(r"%\1", anchor)))


def title_index(issues: list[Issue]) -> dict[str, Issue]:
    """Folded title -> the one question with it (titles asked twice are ambiguous)."""
    seen: dict[str, list[Issue]] = {}
    for issue in issues:
        seen.setdefault(fold(issue.title), []).append(issue)
    return {key: found[0] for key, found in seen.items() if key and len(found) == 1}


def localise(markdown: str, titles: dict[str, Issue], link) -> str:
    """Rewrite doc links whose anchor names a question here; `link(issue)` gives its URL."""
    def replace(match: re.Match) -> str:
        issue = titles.get(fold(anchor_text(match.group(2))))
        return f"]({link(issue)})" if issue else match.group(0)
    return _DOC_LINK.sub(replace, markdown)
