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

/* Whether jieba too would cut the pair at `at` as a word, beside a pair the index lacks
 * (which jieba may know): it would take that pair only if it were far more common than
 * any the index lacks tends to be (UNKNOWN_PAIR, log2); a tie is not sure, the
 * frequencies being rounded. Next to 没 (没收到), 收到 is not sure: 没收 到 is jieba's cut.
 * A pair the index lacks that is more common still (回来 of 找回来) is not caught. */
const UNKNOWN_PAIR = 9;
function sureOf(chars, at, size, lookup) {
  const frequency = term => { const entry = lookup(term); return entry && entry.postings ? entry.word : null; };
  const char = i => frequency(chars[i]) || manifest.contract.words.unknownChar;
  const word = frequency(chars.slice(at, at + size).join(""));
  const left = at > 0 && frequency(chars.slice(at - 1, at + 1).join("")) === null;
  const right = at + size < chars.length && frequency(chars.slice(at + size - 1, at + size + 1).join("")) === null;
  return (!left || char(at - 1) + word > UNKNOWN_PAIR + char(at + 1))
    && (!right || word + char(at + size) > char(at) + UNKNOWN_PAIR);
}

/* A run of Chinese cut into its most likely words, as jieba does: the pieces whose log
 * frequencies, less the dictionary's total for each piece, add up to the most. Its words
 * are those the index holds with their jieba frequencies (files.js: each posting list says
 * whether its term is a word, and how common); a character whose entry this query did not
 * fetch counts as a common one, a pair the index lacks as none. */
function cut(chars, lookup) {
  const { total, unknownChar } = manifest.contract.words;
  const n = chars.length;
  const best = new Array(n + 1).fill(-Infinity), step = new Array(n).fill(1);
  best[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let size = 1; size <= 12 && i + size <= n; size++) {
      const entry = lookup(chars.slice(i, i + size).join(""));
      const frequency = entry && entry.postings ? entry.word : size === 1 ? unknownChar : 0;
      if (!frequency && size > 1) continue;
      const value = (frequency || 1) - total + best[i + size];
      if (value > best[i]) { best[i] = value; step[i] = size; }
    }
  }
  const pieces = [];
  for (let i = 0; i < n; i += step[i]) pieces.push(chars.slice(i, i + step[i]).join(""));
  return pieces;
}
