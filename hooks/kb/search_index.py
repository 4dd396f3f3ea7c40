"""Build the search index the browser-side worker (docs/assets/kb-search/) reads.

Terms, made the same way here and in the browser (`normalise` = NFKC + lower case;
the character classes are shipped to the worker in the manifest, see CONTRACT):
- every pair of adjacent CJK characters (bigrams), not across particles (的 了 吗 …):
  fragments, partial words and a one-character typo in a long error text still
  share most of them;
- jieba words of three or more characters (cut_for_search, with a domain
  dictionary of error texts, UI labels and tag names): whole-phrase matches;
  the browser finds them by looking up the query's substrings, which is the same
  segmentation restricted to what the index holds;
- runs of ASCII letters, and of digits (ios, gps, 48 – also in 48h);
- single CJK characters, for a lone character or a typo that breaks both of a
  character's bigrams (flags only: the fields where a term starting with it occurs).

What a query costs is bounded by the query, not by the site:
- a term lives in the shard of its first two characters (its key), so a query
  fetches one small shard per character pair it contains, and its substrings
  (jieba words) come with the pairs they start with;
- a term's postings are shipped best first and cut at BLOCK: a frequent term
  (备案 on 100,000 pages) costs the same as on 1,000; its document frequency is
  kept whole, so the idf and therefore the ranking do not depend on the cut. A
  site of up to BLOCK documents ships every posting;
- a shown result fetches its own small record (url, title, excerpt, tags, errors).

Files under `search/kb/`:
- t/<n>.bin: gzip (decompressed by the worker, so even a server that does not
  compress sends it small) of, per term in order: varint byte length, UTF-8 term,
  varint df, varint count, then count × (varint doc delta, varint weight);
- d/<doc >> 10>/<doc & 1023>.json: [url, title, excerpt, tags, errors, fix (the answer's
  first sentence, as 复制回复 quotes it)];
- the manifest (document count, shard count, contract, Traditional->Simplified
  map, synonyms) rides in Material's search_index.json (hooks/kb_hooks.py).
"""

from __future__ import annotations

import functools
import gzip
import heapq
import json
import logging
import math
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jieba
from pypinyin import Style, pinyin

from .datafile import read_yaml
from .model import KnowledgeBase
from .text import first_sentence

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not for editors

BLOCK = 512  # postings shipped per term, highest impact first
SHARD_BYTES = 1_000  # bytes before gzip: a long pasted message fetches a shard per character pair
EXCERPT = 140
DURATION_TERM = "⏱"  # a term of its own: the answers that state a duration

# posting weight = field flags | body score << 4 | title length << 9 (title postings:
# the question's bigram count, so the browser can prefer the question the query
# fills best)
TITLE, ERROR, TAG, BODY = 1, 2, 4, 8
# what a match in each field is worth (the worker scores with the same numbers); an answer
# that repeats a word is about it less surely than a question that names it (body 0.1
# ranked 是否可以同时作为个人备案的负责人… above 个人备案能否转为企业备案 for 个人备案转企业备案;
# 0.05 chosen on the -tune sets, seed.tsv and corpus.tsv: 307 -> 311 of 345 at R@1)
FIELD_WEIGHTS = {"title": 1, "error": 1, "tag": 0.6, "body": 0.05}

CJK_CLASS = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff"
PARTICLES = "的了吗呢吧啊呀哦嘛"  # never start or end a word: bigrams do not cross them
# The tokenizer contract: the worker builds its regular expressions from these.
# Letters and digits are separate words: 48h, 24小时 and 48 小时 share "48".
CONTRACT = {"cjk": CJK_CLASS, "particles": PARTICLES, "ascii": "[a-z]+|[0-9]+", "key": 2}

_CJK = re.compile(f"[{CJK_CLASS}]+")
_PARTICLES = re.compile(f"[{PARTICLES}]")
_ASCII = re.compile(CONTRACT["ascii"])
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


def build(kb: KnowledgeBase, vocabulary: Vocabulary, answers: Mapping[str, str]) -> dict[str, str | bytes]:
    """Relative path under search/kb/ -> file content; "manifest.json" is the manifest.
    answers: issue ID -> the answer's text as its page shows it (text.html_text)."""
    synonyms = vocabulary.synonyms
    issues = kb.issues
    doc_of = {issue.id: doc for doc, issue in enumerate(issues)}
    segmenter = Segmenter.for_words(domain_words(kb, list(synonyms)))
    # a posting is one int, doc << 16 | weight, in an array per term: at 100,000 issues
    # tuples in lists took gigabytes
    postings: dict[str, array] = defaultdict(lambda: array("q"))
    out: dict[str, str | bytes] = {}
    lengths = []
    for doc, issue in enumerate(issues):
        text = " ".join(answers[issue.id].split())
        lengths.append(sum(terms(text, None).values()))
        # the fix is what 复制回复 quotes ({fix}): the reply desk composes replies from results
        out[record_path(doc)] = _dump([issue.url, issue.title, text[:EXCERPT], issue.tags, issue.errors,
                                       first_sentence(text)])
    avg = sum(lengths) / max(1, len(lengths)) or 1.0
    for doc, issue in enumerate(issues):
        doc_fields = _fields(issue, answers[issue.id], segmenter)  # one document's at a time, for the same reason
        title_length = min(63, len(set(bigrams(normalise(issue.title)))) or 1)
        doc_terms = set().union(*doc_fields.values())
        firsts: dict[str, int] = defaultdict(int)  # CJK character -> fields of terms starting with it
        for term in doc_terms:
            flags = sum(flag for flag in (TITLE, ERROR, TAG, BODY) if term in doc_fields[flag])
            weight = flags | (title_length << 9 if flags & TITLE else 0)
            if flags & BODY:
                weight |= _body_score(doc_fields[BODY][term], lengths[doc], avg) << 4
            postings[term].append(doc << 16 | weight)
            if _CJK.match(term[0]):
                firsts[term[0]] |= flags
        for char in firsts.keys() - doc_terms:
            postings[char].append(doc << 16 | firsts[char])

    # "how long" queries prefer the questions that ask it or whose answer states a
    # duration (durations.find, as 等待期一览)
    cues = [normalise(cue) for cue in vocabulary.duration_cues]
    postings[DURATION_TERM] = array("q", (
        doc << 16 | BODY | 10 << 4 for doc, issue in enumerate(issues)
        if issue.waits or any(cue in normalise(issue.title) for cue in cues)))

    chars = {ch for term in postings for ch in term}
    site_chars = {ch for ch in chars if _CJK.match(ch)}
    shards = _shard(postings)  # empties postings as it goes
    out.update((f"t/{n}.bin", gzip.compress(data, 9, mtime=0)) for n, data in enumerate(shards))
    canonicals: dict[str, list[str]] = {}
    for canonical, alias_list in synonyms.items():
        for alias in alias_list:
            canonicals.setdefault(normalise(alias), []).append(normalise(canonical))
    # longest alias first: the worker takes the first that matches at a position
    aliases = sorted(canonicals.items(), key=lambda pair: -len(pair[0]))
    out["manifest.json"] = _dump({
        "version": 2,
        "docs": len(issues),
        "shards": len(shards),
        "contract": CONTRACT,
        "flags": {"title": TITLE, "error": ERROR, "tag": TAG, "body": BODY},
        "fields": FIELD_WEIGHTS,
        "traditional": traditional_map(chars),
        "synonyms": aliases,
        "ignore": sorted({normalise(w) for w in vocabulary.ignore}, key=lambda w: (-len(w), w)),
        "homophones": homophones(site_chars),
        "lookalikes": [normalise(group) for group in vocabulary.lookalikes],
        "durationTerm": DURATION_TERM,
        "durationCues": sorted({normalise(w) for w in vocabulary.duration_cues}),
        "questionWords": sorted({normalise(w) for w in vocabulary.question_words}, key=lambda w: (-len(w), w)),
        "elsewhere": sorted({normalise(w) for w in vocabulary.elsewhere}),
        # what readers taught (data/learned/): the worker puts the doc first for that query
        "learned": [[normalise(lesson.query), doc_of[lesson.issue_id]] for lesson in kb.learned],
    })
    return out


def into_material(material_index: str, manifest: str) -> str:
    """Material's search_index.json with our manifest in it. Material fetches that file
    on every page and hands the worker {config, docs} and nothing else, so the manifest
    rides in config and no request is wasted; its docs list stays empty (every page
    opts out of Material's own index)."""
    index = json.loads(material_index)
    index["config"] = {**index.get("config", {}), "kb": json.loads(manifest)}
    index["docs"] = []
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


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


def _fields(issue, answer: str, segmenter: Segmenter) -> dict[int, Counter]:
    return {
        TITLE: terms(issue.title, segmenter),
        ERROR: terms(" ".join(issue.errors), segmenter),
        # a tag is one term: its words would make every tagged page look relevant
        TAG: Counter(normalise(tag) for tag in issue.tags),
        # answers get bigrams only: jieba over every answer was most of the build's
        # hook time, and whole-word matches matter in questions and error texts
        BODY: terms(answer, None),
    }


def record_path(doc: int) -> str:
    return f"d/{doc >> 10}/{doc & 1023}.json"


def key_of(term: str) -> str:
    """The shard key: a term's first two characters."""
    return term[:CONTRACT["key"]]


def shard_of(key: str, shards: int) -> int:
    """FNV-1a (32 bit) of the key's UTF-8 bytes; the worker computes the same."""
    h = 0x811C9DC5
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % shards


def impact(weight: int) -> float:
    """What one posting adds to a document's score (before idf): the order in which
    postings are shipped, so a cut list keeps the ones that matter."""
    value = FIELD_WEIGHTS["body"] * ((weight >> 4) & 31)
    for flag, name in ((TITLE, "title"), (ERROR, "error"), (TAG, "tag")):
        if weight & flag:
            value += FIELD_WEIGHTS[name]
    return value


@functools.cache
def _rank(weight: int) -> tuple[float, int]:
    # a short question before a long one among equal impacts
    return -impact(weight), weight >> 9 or 64


def _encode_term(term: str, plist: array) -> bytes:
    """Best postings first, cut at BLOCK, then in document order for delta coding."""
    best = list(plist)
    if len(best) > BLOCK:
        best = sorted(heapq.nsmallest(BLOCK, best, key=lambda p: (_rank(p & 0xFFFF), p >> 16)))
    out = bytearray()
    raw = term.encode("utf-8")
    _varint(out, len(raw))
    out += raw
    _varint(out, len(plist))
    _varint(out, len(best))
    previous = 0
    for packed in best:  # appended in document order
        doc = packed >> 16
        _varint(out, doc - previous)
        _varint(out, packed & 0xFFFF)
        previous = doc
    return bytes(out)


def _shard(postings: dict[str, array]) -> list[bytes]:
    encoded = {term: _encode_term(term, postings.pop(term)) for term in sorted(postings)}
    count = max(1, math.ceil(sum(map(len, encoded.values())) / SHARD_BYTES))
    shards = [bytearray() for _ in range(count)]
    for term, data in encoded.items():  # in term order: reproducible files
        shards[shard_of(key_of(term), count)] += data
    return [bytes(shard) for shard in shards]


def _varint(out: bytearray, value: int) -> None:
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)


def decode_shard(data: bytes) -> dict[str, tuple[int, list[tuple[int, int]]]]:
    """term -> (df, [(doc, weight), …]): what the worker reads, for tests and benches."""
    data = gzip.decompress(data)
    out, at = {}, 0

    def varint() -> int:
        nonlocal at
        value = shift = 0
        while True:
            byte = data[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    while at < len(data):
        length = varint()
        term = data[at: at + length].decode("utf-8")
        at += length
        df, count = varint(), varint()
        doc, plist = 0, []
        for _ in range(count):
            doc += varint()
            plist.append((doc, varint()))
        out[term] = (df, plist)
    return out


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Vocabulary:
    """data/synonyms.yml: what readers type instead of the FAQ's words, and the
    question phrases that say nothing about the problem."""

    synonyms: dict[str, list[str]]  # canonical word -> aliases
    ignore: list[str]
    duration_cues: list[str] = field(default_factory=list)  # 多久, 几天 …: the reader asks how long
    lookalikes: list[str] = field(default_factory=list)  # groups of characters OCR confuses: 未末
    # 什么, 多少 …: say what kind of answer is wanted, not what about (the 没有找到 decision)
    question_words: list[str] = field(default_factory=list)
    # SSL, 发票 …: topics of neighbouring products this FAQ does not answer (没有找到)
    elsewhere: list[str] = field(default_factory=list)


class VocabularyError(ValueError):
    """data/synonyms.yml cannot be used; the message names the file and line."""


def load_vocabulary(path: Path) -> Vocabulary:
    data = read_yaml(path, "同义词表", VocabularyError)

    def word_list(where: str, value: object) -> list[str]:
        if value is None or value == "":
            return []
        # a bare string would be read a character at a time: 发票 as 发 and 票
        if not isinstance(value, list):
            raise VocabularyError(f"{path}: {where}: 应为列表，如 {where}: [词一, 词二]")
        # an empty or nested item would become the word "None" or "['x']"
        if any(w is None or isinstance(w, (list, dict, bool)) for w in value):
            raise VocabularyError(f"{path}: {where}: 列表里有空的或嵌套的项，每项应是一个词")
        return [str(w) for w in value]

    def words(key: str) -> list[str]:
        return word_list(key, data.get(key))

    table = data.get("synonyms") or {}
    if not isinstance(table, dict):
        raise VocabularyError(f"{path}: 同义词表应为 synonyms:（词 -> 别名列表）和 ignore:（列表）")
    synonyms = {str(c): word_list(f"synonyms: {c}", aliases) for c, aliases in table.items()}
    elsewhere = words("elsewhere")
    short = [w for w in elsewhere if len(w) < 2]
    if short:
        # one character (票) is in too many of the site's own questions to mean another product
        raise VocabularyError(f"{path}: elsewhere: 每个词至少两个字：{'、'.join(short)}")
    # a synonym says the site answers it in its own words; elsewhere says it does not
    both = [w for w in elsewhere if w in synonyms or any(w in aliases for aliases in synonyms.values())]
    if both:
        raise VocabularyError(f"{path}: elsewhere: 这些词也写在 synonyms 里，只能留一处：{'、'.join(both)}")
    ignore = words("ignore")
    # the query loses its ignored phrases before aliases are looked for: 怎么弄 would never match
    phrases = [(phrase, normalise(phrase)) for phrase in ignore]
    dead = []
    for alias in (alias for aliases in synonyms.values() for alias in aliases):
        inside = [phrase for phrase, normalised in phrases if normalised in normalise(alias)]
        if inside:
            dead.append(f"{alias}（{inside[0]}）")
    if dead:
        raise VocabularyError(f"{path}: synonyms: 这些别名含有 ignore 里的词，搜索时那个词先被去掉，"
                              f"别名永远用不上：{'、'.join(dead)}")
    lookalikes = words("lookalikes")
    alone = [w for w in lookalikes if len(w) < 2]
    if alone:
        raise VocabularyError(f"{path}: lookalikes: 每组至少两个字（容易认错的几个字写在一起）：{'、'.join(alone)}")
    return Vocabulary(synonyms, ignore, words("durations"), lookalikes, words("question_words"), elsewhere)
