"""Turn dialect Markdown (as Tencent Cloud's editors write it) into the Markdown
Python-Markdown + pymdown render as intended.

- `>!` / `>?` notice lines become admonitions (注意 / 说明), including `> ?`,
  a bare `>!` line followed by its text, and notices indented in list items;
- lists written the CommonMark way (no blank line before, 1-3 space nesting)
  get the blank line and 4-space nesting Python-Markdown needs;
- headings inside an answer move up so that `####` under a `###` question
  becomes `##` under the page's `#`;
- `[](id:name)` anchors become `<span id="name">`, a target for `#name` links;
- the `dx-` components (notices, tabs, code blocks) are read first (`dx.py`).
"""

from __future__ import annotations

import re

from helpcenter.dialect import dx
from helpcenter.dialect.fences import code_lines, fence_marker
from helpcenter.dialect.parse import ANCHOR

_NOTICE = re.compile(r"^(?P<indent>[ \t]*)>[ \t]*(?P<kind>[!?])(?P<rest>.*)$")
_QUOTE = re.compile(r"^[ \t]*>[ \t]?(?P<rest>.*)$")
_LIST_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?!#)")

NOTICE_KINDS = {"!": ("warning", "注意"), "?": ("note", "说明")}


def _indent_width(indent: str) -> int:
    return len(indent.replace("\t", "    "))


def notices_to_admonitions(lines: list[str]) -> list[str]:
    out: list[str] = []
    in_list = False  # an indented notice belongs to the list item above it, if any
    i = 0
    while i < len(lines):
        match = _NOTICE.match(lines[i])
        if not match:
            line = lines[i]
            if _LIST_ITEM.match(line):
                in_list = True
            elif _HEADING.match(line) or (line[:1].strip() and (not out or not out[-1].strip())):
                in_list = False  # a heading or an unindented paragraph ends the list
            out.append(line)
            i += 1
            continue
        kind, label = NOTICE_KINDS[match.group("kind")]
        body = [match.group("rest").strip()] if match.group("rest").strip() else []
        bare = not body
        i += 1
        last_had_text = bool(body)
        listed = False  # a bare mark followed by a list: the whole list is the notice
        while i < len(lines):
            line = lines[i]
            quote = _QUOTE.match(line)
            if quote and not _NOTICE.match(line):
                body.append(quote.group("rest"))
                last_had_text = bool(quote.group("rest").strip())
            elif bare and not body and line.strip():
                body.append(line)  # a bare `>!` takes the text below it
                last_had_text, listed = True, bool(_LIST_ITEM.match(line))
            elif line.strip() and last_had_text and not _HEADING.match(line) and (
                    listed or not _LIST_ITEM.match(line)):
                body.append(line)  # lazy continuation; the list item that follows is not part of it
            else:
                break
            i += 1
        while body and not body[-1].strip():
            body.pop()
        width = _indent_width(match.group("indent"))
        # inside a list item: at its content; anywhere else an indent is a slip (not code)
        pad = " " * (((width + 3) // 4) * 4 if in_list else 0)
        if out and out[-1].strip():
            out.append("")
        out.append(f'{pad}!!! {kind} "{label}"')
        for line in normalise_lists(notices_to_admonitions(body)) or [""]:
            out.append(f"{pad}    {line}" if line.strip() else "")
        out.append("")
    return out


def normalise_lists(lines: list[str]) -> list[str]:
    """Give lists the blank line before them and 4 spaces per nesting level."""
    out: list[str] = []
    stack: list[int] = []  # source indents of the open list levels
    admonition = None  # indent of an admonition we made: its body is already right
    for line, code in zip(lines, code_lines(lines), strict=True):
        width = _indent_width(line[: len(line) - len(line.lstrip(" \t"))])
        if admonition is not None:
            if not line.strip() or width > admonition:
                out.append(line)
                continue
            admonition = None
        if line.lstrip().startswith("!!! "):
            admonition = width
            out.append(line)
            continue
        if code:
            out.append(line)
            continue
        item = _LIST_ITEM.match(line)
        if item:
            width = _indent_width(item.group("indent"))
            if not stack:
                if out and out[-1].strip():
                    out.append("")
                stack = [width]
            elif width > stack[-1]:
                stack.append(width)
            else:
                while len(stack) > 1 and stack[-1] > width:
                    stack.pop()
            out.append(" " * (4 * (len(stack) - 1)) + line.lstrip(" \t"))
            continue
        if not line.strip():
            out.append(line)
            continue
        if _HEADING.match(line):
            stack = []  # a heading ends the list, indented or not
            out.append(line)
            continue
        if stack and width:
            # continuation text of the current item, at its content indentation
            out.append(" " * (4 * len(stack)) + line.lstrip(" \t"))
            continue
        if stack and out and not out[-1].strip():
            stack = []  # an unindented paragraph after a blank line ends the list
        out.append(line)
    return out


def shift_headings(lines: list[str], by: int) -> list[str]:
    """Move ATX headings up `by` levels (never above level 2: the page's `#` is
    the question), at the margin: Python-Markdown reads no heading indented, as
    CommonMark does up to three spaces."""
    out = []
    for line, code in zip(lines, code_lines(lines), strict=True):
        match = None if code else _HEADING.match(line)
        if match:
            level = max(2, len(match.group(1)) - by)
            line = "#" * level + " " + line[match.end():].lstrip()
        out.append(line)
    return out


def anchors_to_html(lines: list[str]) -> list[str]:
    """`[](id:Step2)` (or `[words](id:Step2)`) wherever it stands is an anchor
    (`<span id>`) before its words, not an empty link."""
    return [line if code else ANCHOR.sub(lambda m: f'<span id="{escape_inline(m.group(2))}"></span>{m.group(1)}', line)
            for line, code in zip(lines, code_lines(lines), strict=True)]


def separate_fences(lines: list[str]) -> list[str]:
    """A blank line around fenced code: written right under a line of text (代码：), the
    fence would otherwise open inside that paragraph."""
    out: list[str] = []
    fence = None  # the marker of the open fence
    closed = False  # the line before closed a fence
    for line in lines:
        marker = fence_marker(line)
        if (marker and fence is None and out and out[-1].strip()) or (closed and line.strip()):
            out.append("")
        closed = bool(marker) and marker == fence
        if marker and fence is None:
            fence = marker
        elif closed:
            fence = None
        out.append(line)
    return out


def to_markdown(text: str, heading_shift: int = 0) -> str:
    lines = notices_to_admonitions(anchors_to_html(dx.to_dialect(text.split("\n"))))
    lines = shift_headings(separate_fences(normalise_lists(lines)), heading_shift)
    return "\n".join(lines).strip("\n") + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|])")  # | would end a table cell


def escape_inline(text: str) -> str:
    """Escape text so Markdown shows it literally (titles are data, not markup)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)
