"""Build the search index the browser-side worker (docs/assets/kb-search/) reads:
which terms each question holds, in which fields, and how strongly (search_terms
makes the terms, search_files writes the files, search_vocabulary reads the editors'
words). What a query costs is bounded by the query, not by the site:
- a term's postings are shipped best first and cut at BLOCK: a frequent term (备案
  on 100,000 pages) costs the same as on 1,000; its document frequency is kept whole,
  so the idf does not depend on the cut. A site of up to BLOCK documents ships every
  posting;
- the worker fetches a bounded number of files per query (search_files);
- the manifest (document count, file counts, contract, Traditional->Simplified map,
  synonyms) rides in Material's search_index.json (hooks/kb_hooks.py).
"""

from __future__ import annotations

import json
from array import array
from collections import Counter, defaultdict
from collections.abc import Mapping

from helpcenter.index import files
from helpcenter.index.files import BODY, ERROR, TAG, TITLE
from helpcenter.index.key import ignored_phrases
from helpcenter.index.terms import (
    ASCII,
    CJK_CLASS,
    COMMON_CHAR,
    PAIR_FLOOR,
    PARTICLES,
    RARE_CHAR,
    UNKNOWN_CHAR,
    UNKNOWN_PAIR,
    Segmenter,
    cjk_pairs,
    common_pairs,
    dictionary_total,
    domain_words,
    homophones,
    is_cjk,
    normalise,
    terms,
    traditional_map,
    word_frequency,
)
from helpcenter.index.vocabulary import Vocabulary
from helpcenter.model import KnowledgeBase
from helpcenter.text import first_sentence

EXCERPT = 140
DURATION_TERM = "⏱"  # a term of its own: the answers that state a duration

# what a match in each field is worth (the worker scores with the same numbers, shipped in
# the manifest): an answer that repeats a word is about it less surely than a question that
# names it (how the body's weight was chosen: guide/search.md)
FIELD_WEIGHTS = {"title": 1, "error": 1, "tag": 0.6, "body": 0.05}

# The contract: the worker builds its regular expressions from these and reads the
# files as the layout says.
CONTRACT = {"cjk": CJK_CLASS, "particles": PARTICLES, "ascii": ASCII, "layout": files.LAYOUT}


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
    rows, lengths = [], []
    for issue in issues:
        text = " ".join(answers[issue.id].split())
        lengths.append(sum(terms(text, None).values()))
        # the fix is what 复制回复 quotes ({fix}): the reply desk composes replies from results
        rows.append([issue.url, issue.title, text[:EXCERPT], issue.tags, issue.errors, first_sentence(text)])
    out: dict[str, str | bytes] = dict(files.records(rows))
    avg = sum(lengths) / max(1, len(lengths)) or 1.0
    for doc, issue in enumerate(issues):
        doc_fields = _fields(issue, answers[issue.id], segmenter)  # one document's at a time, for the same reason
        pairs = len(set(cjk_pairs(normalise(issue.title)))) or 1
        doc_terms = set().union(*doc_fields.values())
        firsts: dict[str, int] = defaultdict(int)  # CJK character -> fields of terms starting with it
        for term in doc_terms:
            flags = sum(flag for flag in (TITLE, ERROR, TAG, BODY) if term in doc_fields[flag])
            score = _body_score(doc_fields[BODY][term], lengths[doc], avg) if flags & BODY else 0
            postings[term].append(doc << 16 | files.weight(flags, score, pairs if flags & TITLE else 0))
            if is_cjk(term):
                firsts[term[0]] |= flags
        for char in firsts.keys() - doc_terms:
            postings[char].append(doc << 16 | firsts[char])

    # "how long" queries prefer the questions that ask it or whose answer states a
    # duration (durations.find, as 等待期一览)
    cues = [normalise(cue) for cue in vocabulary.duration_cues]
    postings[DURATION_TERM] = array("q", (
        doc << 16 | files.weight(BODY, 10) for doc, issue in enumerate(issues)
        if issue.waits or any(cue in normalise(issue.title) for cue in cues)))

    chars = {ch for term in postings for ch in term}
    site_chars = {ch for ch in chars if is_cjk(ch)}
    pairs = common_pairs(set(postings), site_chars)
    index_files, counts = files.postings_files(postings, impact, word_frequency)  # empties postings as it goes
    out.update(index_files)
    canonicals: dict[str, list[str]] = {}
    for canonical, alias_list in synonyms.items():
        for alias in alias_list:
            canonicals.setdefault(normalise(alias), []).append(normalise(canonical))
    # longest alias first: the worker takes the first that matches at a position
    aliases = sorted(canonicals.items(), key=lambda pair: -len(pair[0]))
    out["manifest.json"] = files.dump({
        "version": 4,
        "docs": len(issues),
        **counts,  # postings, shards, dictionary
        # and how it cuts a query into words as jieba would (terms.word_frequency)
        "contract": {**CONTRACT, "words": {"total": dictionary_total(), "unknownChar": UNKNOWN_CHAR,
                                           "rareChar": RARE_CHAR, "commonChar": COMMON_CHAR,
                                           "pairFloor": PAIR_FLOOR, "unknownPair": UNKNOWN_PAIR}},
        "pairs": pairs,  # jieba's common words the site lacks: where the browser's cut needs them
        "fields": FIELD_WEIGHTS,
        # the site's characters, and those of what readers taught (說 of a lesson's 说)
        "traditional": traditional_map(chars | {ch for lesson in kb.learned for ch in normalise(lesson.query)}),
        "synonyms": aliases,
        "ignore": ignored_phrases(vocabulary.ignore),
        "homophones": homophones(site_chars),
        "lookalikes": [normalise(group) for group in vocabulary.lookalikes],
        "durationTerm": DURATION_TERM,
        "durationCues": sorted({normalise(w) for w in vocabulary.duration_cues}),
        "questionWords": sorted({normalise(w) for w in vocabulary.question_words}, key=lambda w: (-len(w), w)),
        "elsewhere": _elsewhere(kb, vocabulary),
        # what readers taught (data/learned/): the worker puts the doc first for that query
        "learned": [[normalise(lesson.query), doc_of[lesson.issue_id]] for lesson in kb.learned],
        "chatFiller": ignored_phrases(vocabulary.chat_filler),
        **_products(kb),
    })
    return out


def _elsewhere(kb: KnowledgeBase, vocabulary: Vocabulary) -> list[str]:
    """Other products' topics (data/synonyms.yml): on a help center, less what one of its
    products answers or is called (a word the site holds is never another's)."""
    words = {normalise(w) for w in vocabulary.elsewhere}
    if kb.several_products:
        named = {normalise(n) for p in kb.products for n in (p.key, p.name, *p.aliases)}
        words -= kb.held_topics | named
    return sorted(words)


def _products(kb: KnowledgeBase) -> dict:
    """A help center's products for the worker: [slug, name, the words that name it], and
    which documents are whose ([first doc, product] at each change: documents follow the
    source's order, so a product's run long). A one-product site ships none."""
    if not kb.several_products:
        return {}
    index = {p.key: n for n, p in enumerate(kb.products)}
    runs: list[list[int]] = []
    for doc, issue in enumerate(kb.issues):
        if not runs or runs[-1][1] != index[issue.product]:
            runs.append([doc, index[issue.product]])
    return {"products": [[p.slug, p.name, sorted({normalise(n) for n in (p.key, p.name, *p.aliases) if n})]
                         for p in kb.products], "productRuns": runs}


def into_material(material_index: str, manifest: str) -> str:
    """Material's search_index.json with our manifest in it. Material fetches that file
    on every page and hands the worker {config, docs} and nothing else, so the manifest
    rides in config and no request is wasted; its docs list stays empty (every page
    opts out of Material's own index)."""
    index = json.loads(material_index)
    index["config"] = {**index.get("config", {}), "kb": json.loads(manifest)}
    index["docs"] = []
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def impact(weight: int) -> float:
    """What one posting adds to a document's score (before idf): its fields' weights and the
    answer's BM25 share, added in this order. The worker scores with the same formula
    (assets/search/score.js postingValue; tests/test_contracts.py runs both); postings
    are shipped best first by it, so a cut list keeps the ones that matter."""
    flags = weight & (TITLE | ERROR | TAG | BODY)
    return ((FIELD_WEIGHTS["title"] if flags & TITLE else 0) + (FIELD_WEIGHTS["error"] if flags & ERROR else 0)
            + (FIELD_WEIGHTS["tag"] if flags & TAG else 0)
            + (files.score_of(weight) * FIELD_WEIGHTS["body"] if flags & BODY else 0))


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


def _body_score(tf: int, length: int, avg: float) -> int:
    """BM25's term-frequency part (k1=1.2, b=0.75), scaled to 1..22."""
    k1, b = 1.2, 0.75
    value = tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avg))
    return max(1, min(22, round(value * 10)))
