"""How text becomes search terms, the same way here and in the browser worker
(assets/search/), which builds its regular expressions from index/build.py's CONTRACT.

`normalise` = NFKC + lower case; then:
- every pair of adjacent CJK characters (bigrams), not across particles (的 了 吗 …):
  fragments, partial words and a one-character typo in a long error text still
  share most of them;
- jieba words of three or more characters (cut_for_search, with a domain
  dictionary of error texts, UI labels and tag names): whole-phrase matches;
  the browser finds them by looking up the query's substrings in the dictionary,
  which is the same segmentation restricted to what the index holds;
- runs of ASCII letters, and of digits (ios, gps, 48 – also in 48h);
- single CJK characters, for a lone character or a typo that breaks both of a
  character's bigrams (the index keeps their flags only).
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import jieba
from pypinyin import Style, pinyin

from helpcenter.model import KnowledgeBase
from helpcenter.text import normalise

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not for editors

CJK_CLASS = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff"
PARTICLES = "的了吗呢吧啊呀哦嘛"  # never start or end a word: bigrams do not cross them
# Letters and digits are separate words: 48h, 24小时 and 48 小时 share "48".
ASCII = "[a-z]+|[0-9]+"

_CJK = re.compile(f"[{CJK_CLASS}]+")
_PARTICLES = re.compile(f"[{PARTICLES}]")
_ASCII = re.compile(ASCII)
_QUOTED = re.compile(r"[“「【]([^”」】]{2,12})[”」】]")


def is_cjk(term: str) -> bool:
    """Whether a term starts with a CJK character."""
    return bool(_CJK.match(term))


def is_ascii_word(term: str) -> bool:
    """Whether a term is a run of ASCII letters or digits (they stay out of the dictionary)."""
    return bool(_ASCII.match(term))


def cjk_pairs(text: str) -> list[str]:
    """Each pair of adjacent CJK characters, not across particles or anything else."""
    out = []
    for run in _CJK.findall(_PARTICLES.sub(" ", text)):
        out.extend(run[i: i + 2] for i in range(len(run) - 1))
    return out


def ascii_words(text: str) -> list[str]:
    return _ASCII.findall(text)


@functools.cache
def _base_tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


DOMAIN_FREQ = 2000  # how often jieba counts the FAQ's own words (error texts, labels, tags)
UNKNOWN_CHAR = 12  # log2 frequency of a character whose entry a query did not fetch: a common one
# the bounds of jieba's common characters' log2 frequencies (了 20, 到 18 … 幕 10): where a
# character's frequency is unknown, the marks take the one that makes a word less sure
RARE_CHAR, COMMON_CHAR = 10, 18


def word_frequency(term: str) -> int:
    """How often jieba sees a term as a word, as log2 of its dictionary's count (1 to 31),
    the FAQ's own words of three or more characters as DOMAIN_FREQ; 0: not a word, a pair
    that only joins two (案时 of 备案时, 序备 of 小程序备案). The browser cuts a query into
    words as jieba does with these (assets/search/results.js cut), to mark words only."""
    if not is_cjk(term):
        return 0
    count = _base_tokenizer().FREQ.get(term, 0) or (DOMAIN_FREQ if len(term) >= 3 else 0)
    return max(1, min(31, round(math.log2(count)))) if count else 0


PAIR_FLOOR = 11  # log2: jieba's pairs at least this common that the site lacks travel in the manifest
UNKNOWN_PAIR = 9  # log2 a pair the site lacks and the manifest does not list counts as (rarer, mostly no word)


def common_pairs(known: set[str], chars: set[str]) -> dict[str, str]:
    """jieba's two-character words at least 2**PAIR_FLOOR common that the index lacks, by
    log2 frequency ("14": "回来…"). The browser cuts a query as jieba does and may mark a
    word only where jieba would cut it so too: 找回 of 找回来 is not the reader's word when
    jieba cuts 找/回来, which it can tell only knowing 回来. A pair the site lacks and
    this list does not hold is less common than 2**PAIR_FLOOR (assets/search/words.js).
    Only pairs with a character of the site (`chars`): no other can border a word it marks."""
    by_frequency: dict[str, list[str]] = {}
    for word, count in _base_tokenizer().FREQ.items():
        if (len(word) == 2 and count and word not in known and _CJK.fullmatch(word)
                and (word[0] in chars or word[1] in chars)):
            frequency = min(31, round(math.log2(count)))
            if frequency >= PAIR_FLOOR:
                by_frequency.setdefault(str(frequency), []).append(word)
    return {frequency: "".join(sorted(words)) for frequency, words in sorted(by_frequency.items())}


def dictionary_total() -> float:
    """log2 of jieba's dictionary total: what one more piece of a cut costs."""
    return round(math.log2(_base_tokenizer().total), 2)


@dataclass
class Segmenter:
    """jieba with the FAQ's own vocabulary added (a private Tokenizer: Material's
    search plugin keeps the global one)."""

    tokenizer: jieba.Tokenizer

    @classmethod
    def for_words(cls, words: set[str]) -> Segmenter:
        # jieba's dictionary loads once per process (about 0.4 s); each build copies
        # it, so `mkdocs serve` rebuilds do not pay for it again
        base = _base_tokenizer()
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(base.FREQ), base.total, True
        for word in sorted(words):
            if _CJK.fullmatch(word):
                tokenizer.add_word(word, freq=DOMAIN_FREQ)
        return cls(tokenizer)

    def words(self, text: str) -> list[str]:
        return [w for w in self.tokenizer.cut_for_search(text, HMM=False)
                if len(w) >= 3 and _CJK.fullmatch(w)]


def domain_words(kb: KnowledgeBase, extra: list[str]) -> set[str]:
    """Error texts, quoted UI labels (“…”, 【…】), tag names and synonyms."""
    words = set(extra)
    for issue in kb.issues:
        words.update(normalise(e) for e in issue.errors)
        words.update(issue.tags)
        for text in (issue.title, issue.answer):
            words.update(normalise(m) for m in _QUOTED.findall(text))
    return {w for w in words if 2 <= len(w) <= 16}


def terms(text: str, segmenter: Segmenter | None) -> Counter:
    """Bigrams and ASCII words; jieba words too when a segmenter is given."""
    text = normalise(text)
    found = Counter(cjk_pairs(text))
    found.update(ascii_words(text))
    if segmenter is not None:
        for run in _CJK.findall(text):
            found.update(segmenter.words(run))
    return found


def traditional_map(chars: set[str]) -> dict[str, str]:
    """Traditional -> Simplified for the simplified characters the site uses."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    mapping = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        simp = simp.split(" ")[0]
        if simp in chars and trad != simp:
            mapping[trad] = simp
    return mapping


def homophones(chars: set[str]) -> dict[str, str]:
    """Toneless pinyin (in/ing, en/eng alike) -> the site's characters that read so (two or more): the
    browser tries them for a character of a pair the index lacks (实明 -> 实名), the
    typo a pinyin input method makes."""
    groups: dict[str, set[str]] = defaultdict(set)
    for char in chars:
        for reading in pinyin(char, style=Style.NORMAL, heteronym=True)[0]:
            # fuzzy -n/-ng, the finals many readers do not tell apart (视屏 for 视频)
            groups[re.sub(r"(?<=[ie])ng$", "n", reading)].add(char)
    return {reading: "".join(sorted(group)) for reading, group in sorted(groups.items()) if len(group) > 1}
