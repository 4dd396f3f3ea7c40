/*
 * The reader's words in a query, as jieba would cut them: what a result marks.
 */
"use strict";

/* What a result marks, in the list and, through its ?h=, on the page opened from it: the
 * reader's words as the search understood them, never a pair of characters that only joins
 * two words (序备 of 小程序备案, 案时 of 备案时). The query as written (not its rewritings:
 * 刷脸 is not 人脸) is cut into words as jieba cuts it (cut). Marked are: a word the index
 * holds of three or more characters; one of two when jieba would surely cut it so too
 * (sureOf); any three or more characters of the query, from one word's start to another's
 * end (人脸核验, 不通过: marks.js); Latin and digit tokens; a lone character only when it
 * is the whole query. Question words (什么, 多久) say what is asked, not about what, and a
 * Traditional character is not the reader's own text on a Simplified page: neither is.
 * As runs: the query's pieces in order, a piece that is not a mark of its own prefixed
 * with "-" (marks.js reads them, here and on the page). */
function markRuns(text, raw, lookup) {
  const known = term => { const entry = lookup(term); return entry && entry.postings ? entry : null; };
  const literal = new Set(Array.from(String(raw).normalize("NFKC").toLowerCase()));
  const runs = [];
  for (const [run] of text.matchAll(CJK)) {
    const chars = Array.from(run);
    let at = 0, pieces = [];
    const end = () => { if (pieces.some(piece => !piece.startsWith("-")) || pieces.length > 1) runs.push(pieces); pieces = []; };
    for (const piece of cut(chars, lookup)) {
      const size = Array.from(piece).length;
      const entry = size > 1 && known(piece);
      const sure = size > 2 || (size === 2 && sureOf(chars, at, size, lookup));
      at += size;
      if (ASKING.includes(piece) || Array.from(piece).some(ch => !literal.has(ch))) { end(); continue; }
      pieces.push(entry && entry.word && sure ? piece : "-" + piece);
    }
    end();
  }
  for (const [token] of text.matchAll(ASCII)) if (known(token)) runs.push([token]);
  const single = Array.from(text.replace(/\s+/g, ""));
  if (single.length === 1 && isCjk(single[0]) && known(single[0])) runs.push(single);
  return runs.map(pieces => pieces.join("."));
}

/* Whether jieba too would cut the pair at `at` as a word, beside a pair the index lacks:
 * the manifest lists jieba's common pairs the site lacks with their frequencies (回来 of
 * 找回来); any other is rarer than those (contract.words.pairFloor, log2) and mostly no
 * word at all, and counts as contract.words.unknownPair. A tie is not sure, the
 * frequencies being rounded. */
function sureOf(chars, at, size, lookup) {
  const frequency = term => { const entry = lookup(term); return entry && entry.postings ? entry.word : null; };
  const lacking = pair => commonPairs().get(pair) || manifest.contract.words.unknownPair;
  /* a character whose frequency this query did not fetch: as rare as characters go where
   * that speaks for the word, as common as they go where it speaks against it */
  const { rareChar, commonChar } = manifest.contract.words;
  const low = i => frequency(chars[i]) || rareChar, high = i => frequency(chars[i]) || commonChar;
  const word = frequency(chars.slice(at, at + size).join(""));
  const leftPair = chars.slice(at - 1, at + 1).join(""), rightPair = chars.slice(at + size - 1, at + size + 1).join("");
  const left = at > 0 && frequency(leftPair) === null;
  const right = at + size < chars.length && frequency(rightPair) === null;
  return (!left || low(at - 1) + word > lacking(leftPair) + high(at + 1))
    && (!right || word + low(at + size) > high(at) + lacking(rightPair));
}

let COMMON_PAIRS = null;  // read from the manifest once (a new manifest, read again)
function commonPairs() {
  if (!COMMON_PAIRS || COMMON_PAIRS.of !== manifest) {
    COMMON_PAIRS = new Map();
    COMMON_PAIRS.of = manifest;
    for (const [frequency, pairs] of Object.entries(manifest.pairs || {})) {
      const chars = Array.from(pairs);
      for (let i = 0; i + 1 < chars.length; i += 2) COMMON_PAIRS.set(chars[i] + chars[i + 1], Number(frequency));
    }
  }
  return COMMON_PAIRS;
}

/* A run of Chinese cut into its most likely words, as jieba does: the pieces whose log
 * frequencies, less the dictionary's total for each piece, add up to the most. Its words
 * are those the index holds with their jieba frequencies (files.js: each posting list says
 * whether its term is a word, and how common), and jieba's common pairs the site lacks
 * (the manifest's pairs); a character whose entry this query did not fetch counts as a
 * common one, any other pair as none. */
function cut(chars, lookup) {
  const { total, unknownChar } = manifest.contract.words;
  const n = chars.length;
  const best = new Array(n + 1).fill(-Infinity), step = new Array(n).fill(1);
  best[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let size = 1; size <= 12 && i + size <= n; size++) {
      const piece = chars.slice(i, i + size).join("");
      const entry = lookup(piece);
      const frequency = entry && entry.postings ? entry.word
        : size === 1 ? unknownChar : size === 2 ? commonPairs().get(piece) || 0 : 0;
      if (!frequency && size > 1) continue;
      const value = (frequency || 1) - total + best[i + size];
      if (value > best[i]) { best[i] = value; step[i] = size; }
    }
  }
  const pieces = [];
  for (let i = 0; i < n; i += step[i]) pieces.push(chars.slice(i, i + step[i]).join(""));
  return pieces;
}
