"""Links to Tencent Cloud's documentation that name a question this site has.

The docs' anchors are the heading text, percent-encoded with `.` for `%`
(`#.E7.A9.BA.E5.A3.B3…` is `#空壳主体…`). When the decoded anchor is, letter for
letter, the title of one question here, the reader is better served by this
site's own page: the link points there instead. Anything else stays external.

The FAQ's files are written for Tencent's documentation site, so a link may also be
site-relative there (`/document/product/382/3773`, `/doc/…`): it is made absolute. A
relative link (`./9557#…`) means a page of that site we cannot name; it shows as its
text, and the build says so (`unresolvable`), naming the file and line.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from helpcenter.dialect.fences import code_lines
from helpcenter.model import Issue
from helpcenter.text import fold

_CODE_SPAN = re.compile(r"`[^`\n]*`")

DOCS_SITE = "https://cloud.tencent.com"
_SITE_RELATIVE = re.compile(r"(\]\(\s*<?|\bhref=[\"'])(/(?:document|doc)/)")
# a Markdown link or image whose target has no scheme, no leading / and is no #anchor or id:
_RELATIVE = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?((?![a-zA-Z][\w+.-]*:|/|#)[^)\s>]+)>?"
                       r"(?:\s+\"[^\"]*\")?\s*\)")
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


def absolute(markdown: str) -> str:
    """`](/document/product/382/3773)` -> `](https://cloud.tencent.com/document/product/382/3773)`;
    relative links keep their text and lose the target no page here has."""
    def rewrite(text: str) -> str:
        text = _SITE_RELATIVE.sub(lambda m: m.group(1) + DOCS_SITE + m.group(2), text)
        return _RELATIVE.sub(lambda m: "" if m.group(1) else m.group(2), text)

    lines = markdown.split("\n")
    return "\n".join(line if code else _outside_code_spans(line, rewrite)
                     for line, code in zip(lines, code_lines(lines), strict=True))


def _outside_code_spans(line: str, rewrite) -> str:
    pieces = _CODE_SPAN.split(line)
    spans = _CODE_SPAN.findall(line)
    return "".join(rewrite(piece) + (spans[n] if n < len(spans) else "") for n, piece in enumerate(pieces))


def unresolvable(text: str) -> list[tuple[int, str]]:
    """(line, target) of each relative link in a source file, outside code."""
    lines = text.split("\n")
    return [(n, match.group(3)) for n, (line, code) in enumerate(zip(lines, code_lines(lines), strict=True), 1)
            if not code for match in _RELATIVE.finditer(_CODE_SPAN.sub("", line))]


def localise(markdown: str, titles: dict[str, Issue], link) -> str:
    """Rewrite doc links whose anchor names a question here; `link(issue)` gives its URL."""
    def replace(match: re.Match) -> str:
        issue = titles.get(fold(anchor_text(match.group(2))))
        return f"]({link(issue)})" if issue else match.group(0)
    return _DOC_LINK.sub(replace, markdown)
