"""Point at the words a notice is about instead of quoting them: the 需要等待 / 时间说明
notices above an answer name the duration (需要等待：48小时), and the answer's own words
for it (耐心等待48小时) are marked where they stand, so no sentence shows twice."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"(<[^>]+>)")
_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
_CLASS = re.compile(r'\bclass\s*=\s*"([^"]*)"')
_SKIPPED = frozenset({"code", "pre", "mark", "strong"})  # code is quoted exactly; bold is emphasised already


def mark(page_html: str, phrases: list[str], notices: frozenset[str]) -> str:
    """Wrap the first occurrence of each phrase in the page's text in
    `<strong class="kb-cite">` (not `<mark>`: marks are the reader's search words),
    outside the notices (a `<div>` with a class in `notices`), code and bold text. A
    phrase split by markup stays unmarked."""
    wanted = [p for p in dict.fromkeys(phrases) if p]
    if not wanted:
        return page_html
    parts = _TAG.split(page_html)
    notice_depth = 0  # <div>s open since a notice began
    skipping = 0  # open code, pre and mark elements
    for n, part in enumerate(parts):
        if not wanted:
            break  # every phrase marked
        if n % 2 == 0:
            if not notice_depth and not skipping and part.strip():
                parts[n] = _mark_text(part, wanted)
            continue
        name = _NAME.match(part)
        tag, closing = (name.group(1).lower() if name else ""), part.startswith("</")
        if tag == "div" and notice_depth:
            notice_depth += -1 if closing else 1
        elif tag == "div" and not closing and _classes(part) & notices:
            notice_depth = 1
        elif tag in _SKIPPED and not part.endswith("/>"):
            skipping = max(0, skipping + (-1 if closing else 1))
    return "".join(parts)


def _classes(tag: str) -> set[str]:
    found = _CLASS.search(tag)
    return set(found.group(1).split()) if found else set()


def _mark_text(escaped: str, wanted: list[str]) -> str:
    """One text node with the wanted phrases in it marked (each taken off `wanted`)."""
    text = html.unescape(escaped)
    out, done = [], 0
    while True:
        hits = [(text.find(phrase, done), phrase) for phrase in wanted if phrase in text[done:]]
        if not hits:
            break
        at, phrase = min(hits)
        out += [html.escape(text[done:at], quote=False), '<strong class="kb-cite">', html.escape(phrase), "</strong>"]
        done = at + len(phrase)
        wanted.remove(phrase)
    return "".join(out) + html.escape(text[done:], quote=False) if out else escaped
