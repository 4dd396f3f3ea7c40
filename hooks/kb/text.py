"""Plain-text views of dialect Markdown: excerpts, descriptions, similarity."""

from __future__ import annotations

import html
import re
import unicodedata

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


def first_line(markdown: str, limit: int = 90) -> str:
    """The first line of text an answer shows, shortened for listings."""
    for line in markdown.split("\n"):
        text = plain_text(line)
        if text:
            return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return ""


def first_sentence(markdown: str, limit: int = 150) -> str:
    text = plain_text(markdown)
    match = re.search(r"[。！？!?]", text)
    if match and match.end() <= limit:
        return text[: match.end()]
    return text if len(text) <= limit else text[: limit - 1] + "…"


_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")  # \w is Unicode letters and numbers, and _


def fold(text: str) -> str:
    """Letters and digits only, NFKC-folded and lower-cased: for comparing texts."""
    return _NOT_LETTER_OR_DIGIT.sub("", unicodedata.normalize("NFKC", text).lower())


def bigrams(text: str) -> set[str]:
    folded = fold(text)
    if len(folded) < 2:
        return {folded} if folded else set()
    return {folded[i: i + 2] for i in range(len(folded) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams: 1.0 for the same words."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 1.0 if x == y else 0.0
    return 2 * len(x & y) / (len(x) + len(y))


_URL = re.compile(r"(?:https?://|www\.)[^\s，。；、）)】」]+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_CLAUSE_END = re.compile(r"[，,、：:]")


def summary(title: str, answer: str, limit: int = 120) -> str:
    """A description that stands on its own in a link preview: `问：<question> 答：<answer>`,
    as much of the answer as fits, cut after a sentence or clause (never inside a word or
    an address); bare addresses are left out. `答：可以。` alone would mean nothing."""
    gist = re.sub(r"\s+", " ", _URL.sub("", plain_text(answer))).strip()
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
