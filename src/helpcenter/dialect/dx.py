"""The dialect's `dx-` components, as Tencent Cloud's documentation writes them, turned
into the Markdown the rest of the conversion reads (what a reader of the original page
sees, in the order it stands):

- `<dx-alert infotype="explain|notice|alarm" title="…">…</dx-alert>`: a notice, written
  as the dialect's `>?` (说明) / `>!` (注意) lines; one inside a line of text (a table
  cell) reads 说明：/注意： before its words;
- `<dx-tabs>` and `<dx-accordion>`, each part opened by `::: 标题` and closed by `:::`:
  the parts one after another, each under its title in bold (a page shows them all);
- `<dx-codeblock>` with `::: 语言` … `:::`: fenced code in that language;
- any other `dx-` tag: its words, without the tag.
"""

from __future__ import annotations

import re

from helpcenter.dialect.fences import dx_code_lines

_OPEN = re.compile(r"^(?P<indent>[ \t]*)<dx-(?P<name>[a-z-]+)(?P<attrs>[^>]*)>[ \t]*(?P<rest>.*)$")
_CLOSE = re.compile(r"</dx-[a-z-]+>")
_ANY_TAG = re.compile(r"</?dx-[a-z-]+[^>]*>")
_PART = re.compile(r"^[ \t]*:::[ \t]*(?P<title>.*?)[ \t]*$")
_INFOTYPE = re.compile(r"""\binfotype\s*=\s*["']?([a-z]+)""")
_INLINE_ALERT = re.compile(r"<dx-alert(?P<attrs>[^>]*)>(?P<text>.*?)</dx-alert>")
ALERT_MARKS = {"explain": "?", "tips": "?", "notice": "!", "alarm": "!", "warning": "!"}
ALERT_WORDS = {"?": "说明", "!": "注意"}
TAGS = ("dx-alert", "dx-tabs", "dx-accordion", "dx-codeblock")


def _mark(attrs: str) -> str:
    kind = _INFOTYPE.search(attrs)
    return ALERT_MARKS.get(kind.group(1) if kind else "", "?")


def to_dialect(lines: list[str]) -> list[str]:
    """The lines with every dx- component written in the dialect's Markdown."""
    if not any("<dx-" in line or "</dx-" in line for line in lines):
        return lines
    out: list[str] = []
    alert: tuple[str, str] | None = None  # (indent, mark) of an open multi-line alert
    alert_lines = 0
    in_code = dx_code_lines(lines)
    fence_open = False  # inside a dx-codeblock part
    for line, code in zip(lines, in_code, strict=True):
        if code:  # a dx-codeblock: `::: 语言` opens a fence, `:::` closes it
            part = _PART.match(line)
            if _OPEN.match(line) or _CLOSE.fullmatch(line.strip()):
                continue
            if part:
                out.append("```" + ("" if fence_open else part.group("title")))
                fence_open = not fence_open
            else:
                out.append(line)
            continue
        opened = _OPEN.match(line)
        if opened and opened.group("name") == "alert" and "</dx-alert>" not in opened.group("rest"):
            alert = (opened.group("indent"), _mark(opened.group("attrs")))
            alert_lines = 0
            line = opened.group("rest")
            if not line.strip():
                continue
        if alert is not None:
            closes = "</dx-alert>" in line
            text = line.split("</dx-alert>", 1)[0]
            if text.strip() or alert_lines:
                indent, mark = alert
                out.append(f"{indent}>{mark} {text.strip()}" if not alert_lines else f"{indent}> {text}")
                alert_lines += 1
            if closes:
                alert = None
                out.append("")
            continue
        line = _INLINE_ALERT.sub(
            lambda m: f"<strong>{ALERT_WORDS[_mark(m.group('attrs'))]}：</strong>{m.group('text')}", line)
        part = _PART.match(line)
        if part:  # a tab or a fold: its title in bold; its closing ::: says nothing
            if part.group("title"):
                out += ["", f"**{part.group('title')}**", ""]
            continue
        stripped = _ANY_TAG.sub("", line)  # the line itself when it has no dx- tag
        if stripped.strip() or stripped == line:
            out.append(stripped)
    return out
