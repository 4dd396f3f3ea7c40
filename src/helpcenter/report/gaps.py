"""Content gaps: failing queries grouped by what they ask, so ten readers asking for one
missing answer in ten ways read as one gap, not ten small problems.

A query's words are cut as the search cuts them: its key (index/key.py: folded, question
phrases and chat filler gone), jieba's words and the dictionary words inside them, each
colloquial word as the FAQ's word
(data/synonyms.yml), question words (什么, 多久 …) dropped. A group is named by the word
of its queries the FAQ's titles use least (the highest idf over titles): 别人盗用我的备案号
and 备案号被盗用了 are both about 盗用, a word no title holds. The nearest existing issue
is the title sharing the most of the group's words, weighted by that rarity."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from helpcenter.index.terms import PARTICLES, _base_tokenizer
from helpcenter.index.vocabulary import Vocabulary
from helpcenter.text import normalise

NEAR = 0.2  # the share of a gap's (rarity-weighted) words the nearest issue's title must hold
_WORD = re.compile(r"[a-z0-9][a-z0-9._-]*|[\u3400-\u9fff]+")


@dataclass
class Gap:
    name: str  # the word the group is about

    @property
    def label(self) -> str:
        """The name and the word its phrasings use most besides it: 备案号 · 盗用."""
        other = next((w for w, _ in self.words.most_common() if w != self.name and w not in self.name
                      and self.name not in w), None)
        return f"{self.name} · {other}" if other else self.name
    searches: int = 0
    readers: int = 0
    phrasings: Counter = field(default_factory=Counter)
    words: Counter = field(default_factory=Counter)
    keys: list[str] = field(default_factory=list)  # the failing queries' keys
    nearest: str | None = None  # issue ID


class Words:
    """A text's words as the gaps compare them."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.canonical = {normalise(alias): normalise(word)
                          for word, aliases in vocabulary.synonyms.items() for alias in aliases}
        self.asking = {normalise(w) for w in [*vocabulary.question_words, *vocabulary.duration_cues,
                                                *vocabulary.ignore, *vocabulary.chat_filler]}
        self.tokenizer = _base_tokenizer()

    def __call__(self, text: str) -> list[str]:
        out = []
        for run in _WORD.findall(normalise(text)):
            pieces = [run] if run.isascii() else self.tokenizer.lcut(run, HMM=True)
            # and the dictionary words across them: 被盗用 (jieba: 被盗, 用) holds 盗用
            inside = [] if run.isascii() else [run[i:i + 2] for i in range(len(run) - 1)
                                                 if self.tokenizer.FREQ.get(run[i:i + 2])]
            for word in dict.fromkeys([*pieces, *inside]):
                word = self.canonical.get(word, word)
                if word in self.asking or all(ch in PARTICLES for ch in word):
                    continue
                if len(word) >= 2 or word.isascii():
                    out.append(word)
        return out


class Gaps:
    """The grouping, knowing the FAQ's titles (issue ID -> title)."""

    def __init__(self, titles: dict[str, str], words: Words) -> None:
        self.words = words
        self.title_words = {issue: set(words(title)) for issue, title in titles.items()}
        self.holding: dict[str, list[str]] = {}  # word -> the issues whose title holds it
        for issue, ws in self.title_words.items():
            for w in ws:
                self.holding.setdefault(w, []).append(issue)
        self.total = len(titles)

    def rarity(self, word: str) -> float:
        return math.log((self.total + 1) / (len(self.holding.get(word, ())) + 1))

    def group(self, failing: list[tuple[str, int, list]]) -> dict[str, Gap]:
        """failing: (key, searches, [[phrasing, searches]…]) -> the gaps by name (each key's
        group: gap.keys)."""
        cut = {key: self.words(key) for key, _, _ in failing}
        shared = Counter(w for ws in cut.values() for w in set(ws))
        gaps: dict[str, Gap] = {}
        for key, searches, phrasings in failing:
            ws = cut[key]
            # the rarest word in the titles; among equals, the one most failing queries share
            name = max(ws, key=lambda w: (round(self.rarity(w), 6), shared[w], len(w), w)) if ws else key
            gap = gaps.setdefault(name, Gap(name))
            gap.keys.append(key)
            gap.searches += searches
            gap.phrasings.update({text: int(n) for text, n in phrasings})
            gap.words.update({w: searches for w in set(ws)})
        return gaps

    def nearest(self, gap: Gap) -> str | None:
        """The issue whose title shares the most of the gap's words, rarer words counting
        more; none when even that one shares less than NEAR of them (a gap about 幕布 on a
        FAQ without it is not near the one title holding its 不匹配)."""
        score: Counter = Counter()
        for word, n in gap.words.items():
            for issue in self.holding.get(word, ()):
                score[issue] += self.rarity(word) * n
        whole = sum(self.rarity(word) * n for word, n in gap.words.items())
        best = min(score, key=lambda issue: (-score[issue], len(issue), issue)) if score else None
        return best if best and score[best] >= NEAR * whole else None
