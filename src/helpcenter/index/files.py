"""The files of the search index under search/kb/, and their bytes. The worker
(docs/assets/kb-search/worker.js) reads them as LAYOUT says; LAYOUT ships in the
manifest's contract and tests/test_search_contract.py checks both sides agree.

A query fetches what it needs in a bounded number of requests, whatever the size of
the site (the worker's REQUESTS): the dictionary, in the manifest Material loads with
every page, tells it which of its terms the site has, how rare each is, and which file
holds its postings; it fetches the files of its rarest terms first. A small site (less
than WHOLE_BYTES of postings) has no dictionary in its manifest: its first query fetches
all its POSTING_FILES t/ files at once and reads the dictionary from them.

- the dictionary (the manifest's "dictionary"): every term but ASCII words (CJK terms,
  ⏱), in term order, in columns: "terms" joined by newlines, "df", "file" (t/<file>.bin).
- t/<n>.bin: those terms' postings, in term order, FILE_BYTES a file; a site with less
  than WHOLE_BYTES in POSTING_FILES files.
- a/<n>.bin: ASCII words, in the file of their key (the first two characters; FNV-1a of
  its UTF-8 bytes, modulo the count of a/ files). A code unique to one question is a
  word of its own, so they stay out of the dictionary.
- d/<n>.json: the records of documents n × RECORDS … n × RECORDS + RECORDS - 1, each
  [url, title, excerpt, tags, errors, fix]: a shown result needs its record.

t/ and a/ files are gzip (decompressed by the worker, so even a server that does not
compress sends them small) of, per term: varint byte length, UTF-8 term, varint df,
varint count << 1 | (1 if a word), varint the word's log2 frequency if a word (terms.
word_frequency: jieba's, so the browser cuts a query as jieba does and marks words, never a
pair that joins two), then count × (varint document delta, varint weight). A posting's weight
packs the fields the term is in, the body score and the question's pair count (LAYOUT).
"""

from __future__ import annotations

import functools
import gzip
import heapq
import json
import math
from array import array
from collections.abc import Callable
from typing import NamedTuple

from helpcenter.index.terms import is_ascii_word

BLOCK = 512  # postings shipped per term, highest impact first
# t/ files one query fetches at most: one round trip on HTTP/1.1, which opens six
# connections to a host (then the records, a second). More files keep more of the whole
# index's top results for long queries on large sites, but cost a third round trip
# (bench/results/search-layout.md)
POSTING_FILES = 6
FILE_BYTES = 12_000  # bytes of postings in a t/ file before gzip (about 9 KB after)
# a site whose postings fit in POSTING_FILES files of this size ships them whole: every
# query reads every posting it needs, and the first fetches them all, once a visit (about
# 330 KB gzip at most). A help center of a few products fits, so it ranks as exactly as
# one product does; cutting its postings to the budget would not
WHOLE_BYTES = POSTING_FILES * 96_000
SHARD_BYTES = 1_000  # bytes in an a/ file before gzip: a query has few ASCII words
RECORDS = 8  # records in a d/ file: results of one category often share one

TITLE, ERROR, TAG, BODY = 1, 2, 4, 8
# weight = flags | body score << 4 (BM25's tf part, 1..22) | the question's pair count << 9
LAYOUT = {
    "flags": {"title": TITLE, "error": ERROR, "tag": TAG, "body": BODY},
    "score": {"shift": 4, "bits": 5},
    "pairs": {"shift": 9, "bits": 6},
    "key": 2,  # characters of an a/ term that choose its file
    "records": RECORDS,
    "postingFiles": POSTING_FILES,
}
MAX_SCORE = (1 << LAYOUT["score"]["bits"]) - 1
MAX_PAIRS = (1 << LAYOUT["pairs"]["bits"]) - 1


def weight(flags: int, score: int = 0, pairs: int = 0) -> int:
    return flags | min(score, MAX_SCORE) << LAYOUT["score"]["shift"] | min(pairs, MAX_PAIRS) << LAYOUT["pairs"]["shift"]


def score_of(weight: int) -> int:
    return weight >> LAYOUT["score"]["shift"] & MAX_SCORE


def pairs_of(weight: int) -> int:
    return weight >> LAYOUT["pairs"]["shift"] & MAX_PAIRS


def key_of(term: str) -> str:
    return term[:LAYOUT["key"]]


def shard_of(key: str, shards: int) -> int:
    """FNV-1a (32 bit) of the key's UTF-8 bytes; the worker computes the same."""
    h = 0x811C9DC5
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % shards


def record_path(doc: int) -> str:
    return f"d/{doc // RECORDS}.json"


def records(rows: list[list]) -> dict[str, str]:
    """d/<n>.json files of RECORDS rows each, row n being document n."""
    return {record_path(start): dump(rows[start: start + RECORDS]) for start in range(0, len(rows), RECORDS)}


def postings_files(postings: dict[str, array], impact, words: Callable[[str], int]) -> tuple[dict[str, bytes], dict]:
    """({path: bytes} for t/ and a/, the manifest's part: {"postings": t/ count, "shards":
    a/ count, "dictionary": its columns, or None for a small site}).
    postings: term -> array of doc << 16 | weight, emptied as it goes (at 100,000
    issues they are most of the build's memory); impact: what a weight adds to a score;
    words: a term's word frequency (0: not a word).

    t/ files hold the dictionary's terms in term order: the terms that start with one
    character (人脸, 人脸识别, 人) are together, so a short query needs a file per character."""
    cjk, others = [], {}
    for term in sorted(postings):
        plist = postings.pop(term)
        data = _encode_term(term, plist, impact, words(term))
        if is_ascii_word(term):
            others[term] = data
        else:
            cjk.append((term, len(plist), data))
    total = sum(len(data) for _, _, data in cjk)
    size = max(FILE_BYTES, math.ceil(total / POSTING_FILES)) if total <= WHOLE_BYTES else FILE_BYTES
    files: list[bytearray] = []
    where: dict[str, int] = {}
    offset = 0
    for term, _, data in cjk:
        n = offset // size  # by where a term starts: a small site makes at most POSTING_FILES
        while len(files) <= n:
            files.append(bytearray())
        files[n] += data
        where[term] = n
        offset += len(data)
    # a small site's query fetches every t/ file at once and reads the dictionary from
    # them: readers who never search do not pay for it with every page
    dictionary = None if total <= WHOLE_BYTES else {
        "terms": "\n".join(term for term, _, _ in cjk),  # one string: compact, split at once
        "df": [df for _, df, _ in cjk],
        "file": [where[term] for term, _, _ in cjk],
    }
    count = max(1, math.ceil(sum(map(len, others.values())) / SHARD_BYTES))
    shards = [bytearray() for _ in range(count)]
    for term, data in others.items():  # in term order: reproducible files
        shards[shard_of(key_of(term), count)] += data
    out = {f"t/{n}.bin": _gzip(data) for n, data in enumerate(files or [bytearray()])}
    out.update((f"a/{n}.bin", _gzip(data)) for n, data in enumerate(shards))
    return out, {"postings": max(1, len(files)), "shards": count, "dictionary": dictionary}


def _encode_term(term: str, plist: array, impact, word: int) -> bytes:
    """Best postings first, cut at BLOCK, then in document order for delta coding."""
    best = list(plist)
    if len(best) > BLOCK:
        best = sorted(heapq.nsmallest(BLOCK, best, key=lambda p: (_rank(impact, p & 0xFFFF), p >> 16)))
    out = bytearray()
    _term_head(out, term)
    _varint(out, len(plist))
    _varint(out, len(best) << 1 | bool(word))
    if word:
        _varint(out, word)
    previous = 0
    for packed in best:  # appended in document order
        doc = packed >> 16
        _varint(out, doc - previous)
        _varint(out, packed & 0xFFFF)
        previous = doc
    return bytes(out)


@functools.cache
def _rank(impact, weight: int) -> tuple[float, int]:
    # a short question before a long one among equal impacts
    return -impact(weight), pairs_of(weight) or MAX_PAIRS + 1


def _term_head(out: bytearray, term: str) -> None:
    raw = term.encode("utf-8")
    _varint(out, len(raw))
    out += raw


def _varint(out: bytearray, value: int) -> None:
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)


def _gzip(data: bytes | bytearray) -> bytes:
    return gzip.compress(bytes(data), 9, mtime=0)


def dump(data) -> str:
    """Compact JSON, Chinese as written."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def more(self) -> bool:
        return self.at < len(self.data)

    def varint(self) -> int:
        value = shift = 0
        while True:
            byte = self.data[self.at]
            self.at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    def term(self) -> str:
        length = self.varint()
        self.at += length
        return self.data[self.at - length: self.at].decode("utf-8")


class Entry(NamedTuple):
    df: int
    postings: list[tuple[int, int]]  # (doc, weight), best first
    word: int  # log2 frequency as a word; 0: not a word


def decode_postings(data: bytes) -> dict[str, Entry]:
    """A t/ or a/ file: term -> its Entry, as the worker reads it."""
    reader, out = _Reader(gzip.decompress(data)), {}
    while reader.more():
        term = reader.term()
        df, head = reader.varint(), reader.varint()
        word = reader.varint() if head & 1 else 0
        doc, plist = 0, []
        for _ in range(head >> 1):
            doc += reader.varint()
            plist.append((doc, reader.varint()))
        out[term] = Entry(df, plist, word)
    return out


def decode_dictionary(columns: dict) -> dict[str, tuple[int, int]]:
    """A big site's manifest's dictionary: term -> (df, t/ file number)."""
    terms = columns["terms"].split("\n") if columns["df"] else []
    return {term: (df, file) for term, df, file in zip(terms, columns["df"], columns["file"], strict=True)}
