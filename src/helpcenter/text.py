"""Plain-text views of dialect Markdown: excerpts, descriptions, similarity."""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]*>")
# what the sanitiser drops with its content (sanitize.DROP_WITH_CONTENT): never shown, so
# never in a search excerpt, a description or JSON-LD either
_DROPPED = re.compile(r"<(script|style|iframe|object|embed|noscript|template|textarea|select|frameset|frame)\b"
                      r".*?(?:</\1\s*>|\Z)", re.S | re.I)
# quote and notice marks, heading marks, list markers (repeated: "> 1. text")
_MARKUP = re.compile(r"^(?:[ \t]*(?:>[ \t]*[!?]?|#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+))+", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


def plain_text(markdown: str) -> str:
    """Markdown (or HTML) reduced to the words a reader sees."""
    text = _IMAGE.sub(" ", _DROPPED.sub(" ", markdown))
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _MARKUP.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = html.unescape(text)
    return re.sub(r"\s+", " ", text).strip()


# elements that start a new line of text; inline ones (strong, a, code) join their words
_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
               "table", "pre", "blockquote", "details", "summary", "dt", "dd", "hr"}
_VOID_TAGS = {"br", "hr", "img", "input", "wbr", "area", "col", "source", "track", "meta", "link"}


class _Text(HTMLParser):
    """Collects the text of sanitised HTML, leaving out elements with a skipped class."""

    def __init__(self, skip: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.parts: list[str] = []
        self.depth = 0  # > 0 inside a skipped element

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag in _VOID_TAGS:
            return
        if self.depth:
            self.depth += 1
        elif self.skip and self.skip & set((dict(attrs).get("class") or "").split()):
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in _VOID_TAGS:
            self.depth -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


# a heading's permalink sign (toc permalink: true) is not the answer's text
PAGE_CHROME = frozenset({"headerlink"})


def html_text(fragment: str, skip: frozenset[str] = PAGE_CHROME) -> str:
    """The text sanitised HTML shows, one line per block: the single plain-text view of
    a rendered answer (search, description, JSON-LD, 复制回复, the conservation check)."""
    parser = _Text(skip)
    parser.feed(fragment)
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def first_line(markdown: str, limit: int = 90) -> str:
    """The first line of text an answer shows, shortened for listings. A line that
    only announces what follows (…解决方法如下：) goes on with the lines it announces."""
    text = ""
    for line in markdown.split("\n"):
        line = plain_text(line)
        if line:
            text = f"{text} {line}" if text else line
            if not text.endswith(("：", ":")) or len(text) >= limit:
                break
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def first_sentence(text: str, limit: int = 150) -> str:
    """The first sentence of a plain text (html_text), shortened if it runs on."""
    text = " ".join(text.split())
    match = re.search(r"[。！？!?]", text)
    if match and match.end() <= limit:
        return text[: match.end()]
    return text if len(text) <= limit else text[: limit - 1] + "…"


_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")  # \w is Unicode letters and numbers, and _


def normalise(text: str) -> str:
    """NFKC, lower case: full-width letters and digits as ASCII, ＧＰＳ as gps. The browser's
    search does the same (assets/search/text.js normalise), with Traditional characters
    as Simplified besides (index/key.py); tests/test_contracts.py runs both."""
    return unicodedata.normalize("NFKC", text).lower()


def fold(text: str) -> str:
    """Letters and digits only, normalised: for comparing texts."""
    return _NOT_LETTER_OR_DIGIT.sub("", normalise(text))


def char_pairs(text: str) -> set[str]:
    """The folded text's pairs of adjacent characters (any script), for similarity: a title
    and its rewording share most of them. (Search's terms are index/terms.py cjk_pairs.)"""
    folded = fold(text)
    if len(folded) < 2:
        return {folded} if folded else set()
    return {folded[i: i + 2] for i in range(len(folded) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams: 1.0 for the same words."""
    x, y = char_pairs(a), char_pairs(b)
    if not x or not y:
        return 1.0 if x == y else 0.0
    return 2 * len(x & y) / (len(x) + len(y))


_URL = re.compile(r"(?:https?://|www\.)[^\s，。；、）)】」]+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_CLAUSE_END = re.compile(r"[，,、：:]")


def summary(title: str, answer: str, limit: int = 120) -> str:
    """A description that stands on its own in a link preview: `问：<question> 答：<answer>`,
    as much of the answer (its plain text, html_text) as fits, cut after a sentence or
    clause (never inside a word or an address); bare addresses are left out. `答：可以。`
    alone would mean nothing."""
    gist = re.sub(r"\s+", " ", _URL.sub("", answer)).strip()
    head = "问：" + " ".join(title.split())
    room = limit - len(head) - 3
    if not gist or room < 8:
        return head[:limit]
    if len(gist) > room:
        cut = gist[:room]
        ends = [m.end() for m in _SENTENCE_END.finditer(cut)] or [m.end() for m in _CLAUSE_END.finditer(cut)]
        if ends and ends[-1] >= room // 3:
            cut = cut[: ends[-1]]
        else:
            cut = re.sub(r"[A-Za-z0-9_.-]+$", "", cut[:-1])  # not inside a Latin word or number
        gist = cut.rstrip("，,、：: ") + "…"
    text = f"{head} 答：{gist}"
    # a one-word answer (不能。) to a short question: say there is more than the card shows
    return text if len(text) >= 20 else text + " 点开查看详细说明。"
