"""A query as search compares it to what readers taught it (data/learned/) and as the
readers' report groups readers' queries: one rule, here and in the browser (assets/search/
text.js queryKey), on the same parameters (the manifest's traditional map and ignored
phrases); tests/test_contracts.py runs both on the same cases.

The key of a text: normalised (NFKC, lower case, Traditional characters the site uses as
Simplified), the question phrases and chat filler search ignores taken out, then letters
and digits only, normalised once more; when that leaves nothing (你好, 谢谢！！), the
letters and digits of the whole text.
您好，批下来要多久？谢谢 and 批下来要多久 are one query; 備案 and 备案 are one word.

A lesson is taught by a query whose key is the lesson's, or holds it with nothing else
around it but chat filler (data/synonyms.yml chat_filler: 急, 麻烦了 …) and particles
(啊, 吧 …): 在吗？批下来要多久啊，急 is the lesson 批下来要多久; 注销备案要多久 is another
question, however few of its words the site knows (assets/search/results.js learnedDoc)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from helpcenter.index.terms import PARTICLES
from helpcenter.text import normalise


def fold(text: str, traditional: Mapping[str, str]) -> str:
    """normalise, and Traditional characters as Simplified (the map the manifest ships)."""
    return "".join(traditional.get(ch, ch) for ch in normalise(text))


def drop_ignored(text: str, ignore: Sequence[str]) -> str:
    """The text without the ignored phrases (each a space), in the order given (the
    manifest's: longest first); the text itself when nothing else is left."""
    out = text
    for phrase in ignore:
        out = out.replace(phrase, " ")
    return out if out.strip() else text


def query_key(text: str, ignore: Sequence[str], traditional: Mapping[str, str]) -> str:
    folded = fold(text, traditional)
    return _letters(drop_ignored(folded, ignore), traditional) or _letters(folded, traditional)


def _letters(text: str, traditional: Mapping[str, str]) -> str:
    return "".join(ch for ch in fold(text, traditional) if unicodedata.category(ch)[0] in "LN")


def ignored_phrases(words: Sequence[str]) -> list[str]:
    """The ignore list as the manifest ships it: normalised, longest first."""
    return sorted({normalise(w) for w in words}, key=lambda w: (-len(w), w))


def teaches(key: str, lesson: str, filler: Sequence[str]) -> bool:
    """Whether a query of this key is the lesson's (its key), with chat filler at most:
    `filler` as the manifest ships it (normalised, longest first)."""
    if not lesson or lesson not in key:
        return False
    rest = key.split(lesson)
    for phrase in filler:
        rest = [part.replace(phrase, "") for part in rest]
    return all(ch in PARTICLES for part in rest for ch in part)
