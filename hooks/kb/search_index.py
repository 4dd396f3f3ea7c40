"""Build the sharded search index the browser-side worker (overrides/assets/kb-search/)
reads.

Terms, made the same way here and in the browser (`normalise` = NFKC + lower case):
- every pair of adjacent CJK characters (bigrams), not across particles (的 了 吗 …):
  fragments, partial words and a one-character typo in a long error text still
  share most of them;
- jieba words of three or more characters (cut_for_search, with a domain
  dictionary of error texts, UI labels and tag names): whole-phrase matches;
  the browser finds them by looking up the query's substrings, which is the same
  segmentation restricted to what the index holds;
- runs of ASCII letters and digits (ios, gps, 48).

Files under `search/kb/`:
- manifest.json: shard count, document count, average lengths, the
  Traditional->Simplified map for the characters the site uses, synonyms;
- t/<n>.json: the terms whose first character's code point is n modulo the shard
  count, each with its postings [doc, weight, doc, weight, …] (doc ids delta-coded);
- d/<n>.json: documents n*CHUNK … as [url, title, excerpt, tags, errors].
A query loads only the shards of the characters it contains and the document chunks
of the results it shows.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import jieba

from .datafile import read_yaml
from .model import KnowledgeBase
from .text import plain_text

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not for editors

CHUNK = 64  # documents per document file
SHARD_BYTES = 24_000  # aim for shards of about this many bytes (raw JSON)
EXCERPT = 140

# posting weight = field flags | body score << 4 | title length << 9 (title postings:
# the question's bigram count, so the browser can prefer the question the query
# fills best)
TITLE, ERROR, TAG, BODY = 1, 2, 4, 8

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# particles never start or end a word: bigrams do not cross them ("上传的证件")
_PARTICLES = re.compile(r"[的了吗呢吧啊呀哦嘛]")
_ASCII = re.compile(r"[a-z0-9]+")
_QUOTED = re.compile(r"[“「【]([^”」】]{2,12})[”」】]")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def bigrams(text: str) -> list[str]:
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
                tokenizer.add_word(word, freq=2000)
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
    found = Counter(bigrams(text))
    found.update(ascii_words(text))
    if segmenter is not None:
        for run in _CJK.findall(text):
            found.update(segmenter.words(run))
    return found


def _body_score(tf: int, length: int, avg: float) -> int:
    """BM25's term-frequency part (k1=1.2, b=0.75), scaled to 1..22."""
    k1, b = 1.2, 0.75
    value = tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avg))
    return max(1, min(22, round(value * 10)))


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


def build(kb: KnowledgeBase, vocabulary: Vocabulary) -> dict[str, str]:
    """Relative path under the site -> file content."""
    synonyms = vocabulary.synonyms
    issues = kb.issues
    segmenter = Segmenter.for_words(domain_words(kb, list(synonyms)))
    fields = []
    for issue in issues:
        fields.append({
            TITLE: terms(issue.title, segmenter),
            ERROR: terms(" ".join(issue.errors), segmenter),
            # a tag is one term: its words would make every tagged page look relevant
            TAG: Counter(normalise(tag) for tag in issue.tags),
            # answers get bigrams only: jieba over every answer was most of the build's
            # hook time, and whole-word matches matter in questions and error texts
            BODY: terms(plain_text(issue.answer), None),
        })
    avg = sum(sum(f[BODY].values()) for f in fields) / max(1, len(fields)) or 1.0
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc, doc_fields in enumerate(fields):
        length = sum(doc_fields[BODY].values())
        title_length = min(63, len(set(bigrams(normalise(issues[doc].title)))) or 1)
        for term in sorted(set().union(*doc_fields.values())):  # reproducible file order
            flags = sum(flag for flag in (TITLE, ERROR, TAG) if term in doc_fields[flag])
            weight = flags | (title_length << 9 if flags & TITLE else 0)
            if term in doc_fields[BODY]:
                weight |= BODY | _body_score(doc_fields[BODY][term], length, avg) << 4
            postings[term].append((doc, weight))

    encoded = {term: _encode(plist) for term, plist in postings.items()}
    size = sum(len(t) + len(p) for t, p in encoded.items())
    shards = 1 << max(0, math.ceil(math.log2(max(1, size / SHARD_BYTES))))
    by_shard: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for term, plist in encoded.items():
        by_shard[ord(term[0]) % shards][term] = plist

    out = {}
    for n in range(shards):
        out[f"t/{n}.json"] = _dump(by_shard.get(n, {}))
    for start in range(0, len(issues), CHUNK):
        out[f"d/{start // CHUNK}.json"] = _dump([
            [issue.url, issue.title, plain_text(issue.answer)[:EXCERPT], issue.tags, issue.errors]
            for issue in issues[start: start + CHUNK]])
    chars = {ch for text in list(postings) for ch in text}
    canonicals: dict[str, list[str]] = {}
    for canonical, alias_list in synonyms.items():
        for alias in alias_list:
            canonicals.setdefault(normalise(alias), []).append(normalise(canonical))
    # longest alias first: the worker takes the first that matches at a position
    aliases = sorted(canonicals.items(), key=lambda pair: -len(pair[0]))
    out["manifest.json"] = _dump({
        "version": 1,
        "docs": len(issues),
        "shards": shards,
        "chunk": CHUNK,
        "flags": {"title": TITLE, "error": ERROR, "tag": TAG, "body": BODY},
        "traditional": traditional_map(chars),
        "synonyms": aliases,
        "ignore": sorted({normalise(w) for w in vocabulary.ignore}, key=lambda w: (-len(w), w)),
    })
    return out


def _encode(plist: list[tuple[int, int]]) -> list[int]:
    flat, previous = [], 0
    for doc, weight in plist:
        flat += [doc - previous, weight]
        previous = doc
    return flat


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Vocabulary:
    """data/synonyms.yml: what readers type instead of the FAQ's words, and the
    question phrases that say nothing about the problem."""

    synonyms: dict[str, list[str]]  # canonical word -> aliases
    ignore: list[str]


class VocabularyError(ValueError):
    """data/synonyms.yml cannot be used; the message names the file and line."""


def load_vocabulary(path: Path) -> Vocabulary:
    data = read_yaml(path, "同义词表", VocabularyError)
    try:
        synonyms = {str(c): [str(a) for a in aliases or []] for c, aliases in (data.get("synonyms") or {}).items()}
        return Vocabulary(synonyms, [str(w) for w in data.get("ignore") or []])
    except (AttributeError, TypeError) as exc:
        raise VocabularyError(f"{path}: 同义词表应为 synonyms:（词 -> 别名列表）和 ignore:（列表）：{exc}") from None
