/*
 * Scoring: what each document gets for one variant of the query.
 */
"use strict";

/* How much each kind of match counts (the fields' weights come with the manifest; how these
 * were chosen, and on which query sets: guide/search.md). Sharing of the query found
 * anywhere (cover) outweighs where it was found (coverTitle), so a rare word in the answer
 * beats common words in another question. `asking`: a pair of a question or how-long word
 * (多少, 多久) counts half its idf, which in a FAQ is high though it says nothing of which
 * question is meant. */
const WEIGHTS = { cover: 3, coverTitle: 1, word: 0.5, precision: 2, single: 0.3,
                  unknownAlias: 0.9, anyAlias: 0.8, corrected: 0.85, duration: 1, asking: 0.5 };

/* What one posting adds to a document's score before idf: its fields' weights, and the
 * answer's BM25 share. The index ships postings in this order (index/build.py impact: one
 * formula, tests/test_contracts.py runs both). */
function postingValue(bits) {
  const field = LAYOUT.flags, weight = manifest.fields, flags = flagsOf(bits);
  return (flags & field.title ? weight.title : 0) + (flags & field.error ? weight.error : 0)
    + (flags & field.tag ? weight.tag : 0) + (flags & field.body ? scoreOf(bits) * weight.body : 0);
}

function idf(df) {
  const n = manifest.docs;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/* Score every document for one variant of the query:
 *   sum over terms of idf x field weight, divided by the query's total idf,
 *   + coverTitle x the share of the query (by idf) found in the question or error text,
 *   + cover x the share found anywhere,
 *   + precision x the share of the question's pairs the query hit,
 *   + duration when a "how long" query meets a question that states a duration.
 * Slots are the query's bigrams and ASCII words: each counts once towards
 * coverage; jieba words found in the query add a phrase bonus.
 * Returns doc -> [score, share of its question hit]. */
function scoreVariant(q, index, timed) {
  const lookup = index.lookup;
  const { title: TITLE, error: ERROR } = LAYOUT.flags;
  const score = new Map(), cover = new Map(), coverTitle = new Map();
  const titleHits = new Map(), titleLength = new Map();
  const add = (map, doc, value) => map.set(doc, (map.get(doc) || 0) + value);
  const maxIdf = idf(0);
  let total = 0;  // idf of the query's slots
  const useTerm = (term, weight, slot, prefix) => {
    const entry = prefix ? prefixEntry(index, term) : lookup(term);
    if (!entry) { if (slot) total += maxIdf; return false; }
    const w = idf(entry.df) * (ASKING_PAIRS.has(term) ? WEIGHTS.asking : 1);
    if (slot) total += w;
    if (!entry.postings) return true;  // beyond this query's budget: its idf still counts
    for (const [doc, bits] of entry.postings) {
      const flags = flagsOf(bits);
      add(score, doc, w * weight * postingValue(bits));
      if (slot) {
        add(cover, doc, w);
        if (flags & (TITLE | ERROR)) add(coverTitle, doc, w);
        /* precision counts the question's pairs: a lone character's posting carries no
         * question length, and one character of the question is not a share of it */
        const pairs = pairsOf(bits);
        if (flags & TITLE && pairs) { add(titleHits, doc, 1); titleLength.set(doc, pairs); }
      }
    }
    return true;
  };
  const missed = new Set();
  for (const term of new Set([...q.bigrams, ...q.ascii])) if (!useTerm(term, 1, true, false)) missed.add(term);
  /* A character whose bigrams all missed (转 in 个人备案转企业备案) still counts a
   * little through its own postings (the fields of the terms that start with it). */
  const covered = new Set([...q.bigrams].filter(b => !missed.has(b)).join(""));
  for (const b of missed)
    for (const ch of b) if (!covered.has(ch) && isCjk(ch)) { covered.add(ch); useTerm(ch, WEIGHTS.single, false, false); }
  /* a phrase bonus for the FAQ's words, not for a way of asking (什么意思) */
  for (const term of new Set(q.words)) {
    if (lookup(term) && !ASKING.includes(term)) useTerm(term, WEIGHTS.word * (term.length - 1), false, false);
  }
  /* A lone character: its own postings. An ASCII word still being typed: a prefix. */
  for (const term of new Set(q.singles)) useTerm(term, 0.5, true, false);
  const last = q.ascii[q.ascii.length - 1];
  if (last && !lookup(last)) useTerm(last, 0.5, false, true);

  /* precision: the share of the question's own bigrams the query hit, so the
   * question the query fills best wins among those it matches equally */
  const norm = total || 1;
  const out = new Map();
  for (const [doc, s] of score) {
    const question = Math.min(1, (titleHits.get(doc) || 0) / (titleLength.get(doc) || 1));
    out.set(doc, [s / norm + WEIGHTS.coverTitle * (coverTitle.get(doc) || 0) / norm
                  + WEIGHTS.cover * (cover.get(doc) || 0) / norm
                  + WEIGHTS.precision * question + (timed.has(doc) ? WEIGHTS.duration : 0),
                  question]);
  }
  return out;
}

/* The ASCII terms that start with a prefix (they share its a/ file), merged. */
function prefixEntry(index, prefix) {
  if (prefix.length < LAYOUT.key) return null;  // its terms live in many files
  const merged = new Map();
  let df = 0;
  for (const [term, entry] of index.termsOf(keyOf(prefix))) {
    if (term.length > prefix.length && term.startsWith(prefix)) {
      df = Math.max(df, entry.df);
      for (const [doc, bits] of entry.postings) merged.set(doc, (merged.get(doc) || 0) | flagsOf(bits));
    }
  }
  return merged.size ? { df: Math.max(df, merged.size), postings: [...merged.entries()] } : null;
}

/* The results whose records are in the first `budget` d/ files they need, in rank
 * order: the best `budget` results always, the rest when they share a file. */
function withinRecordFiles(results, budget) {
  const chosen = new Set();
  return results.filter(([doc]) => {
    const file = Math.floor(doc / LAYOUT.records);
    if (!chosen.has(file) && chosen.size < budget) chosen.add(file);
    return chosen.has(file);
  });
}
