/*
 * How sure search is of its best result: three states, each with its evidence.
 */
"use strict";

/* The three states and their evidence (how the thresholds were chosen: guide/search.md).
 *   nothing (没有找到, 提交工单): most of what is asked is in no pair the site uses
 *     (`unpaired`: 狗狗疫苗 on a filing FAQ); or the best result holds almost none of the
 *     query's specificity (`share` of the idf of its pairs, and less than `rare` rare
 *     terms' worth); or it holds little of the query's characters and covers little of
 *     its own question (`chars`, `question`) without holding its rare words (`held`); or
 *     the query names another product's topic (editors' `elsewhere:` list) that the best
 *     result never mentions, and the rest of the query does not fit it well (`fits`:
 *     the question covered, the specificity held, few unknown characters);
 *   weak (可能相关的问题, never 没有找到): a borderline best result, by one of the signs;
 *   confident: the list as it is. */
const NOTHING_FOUND = { chars: 0.8, question: 0.1, unpaired: 0.6, rare: 1.0, share: 0.05, held: 1.4,
                        fits: { question: 0.2, share: 0.15, unpaired: 0.3 } };

/* The share of a query's characters (particles aside) that are in no pair the site
 * uses (an ASCII word the site lacks counts as two characters): 狗狗疫苗 on a filing FAQ.
 * Taken over the query's rewritten variants too: a word the synonyms translate is known. */
function unpairedShare(text, lookup) {
  const chars = Array.from(text);
  const paired = new Set();
  for (let i = 0; i + 1 < chars.length; i++) if (lookup(chars[i] + chars[i + 1])) { paired.add(i); paired.add(i + 1); }
  let total = 0, unknown = 0;
  chars.forEach((ch, i) => {
    if (!isCjk(ch) || PARTICLES_CHAR.test(ch)) return;
    total++;
    if (!paired.has(i)) unknown++;
  });
  for (const [word] of text.matchAll(ASCII)) { total += 2; if (!lookup(word)) unknown += 2; }
  return total ? unknown / total : 0;
}

/* Whether a term's postings (lookup's entry, or none) include a document; null when
 * this query did not fetch them (a common term beyond its budget): unknown. */
function holds(entry, doc) {
  if (!entry) return false;
  return entry.postings ? entry.postings.some(([d]) => d === doc) : null;
}

/* The share of a query's characters (particles aside) that a document holds in a
 * pair (or ASCII word) of the query: what of the question the best result answers. */
function heldBy(text, doc, lookup) {
  const has = term => holds(lookup(term), doc);
  const chars = Array.from(text);
  const counted = chars.map(ch => isCjk(ch) && !PARTICLES_CHAR.test(ch));
  const held = new Array(chars.length).fill(false), unknown = new Array(chars.length).fill(false);
  for (let i = 0; i + 1 < chars.length; i++) {
    if (!counted[i] || !counted[i + 1]) continue;
    const h = has(chars[i] + chars[i + 1]);
    if (h) held[i] = held[i + 1] = true;
    else if (h === null) unknown[i] = unknown[i + 1] = true;
  }
  /* a character only in pairs whose postings were not fetched counts neither way */
  let total = counted.filter((c, i) => c && (held[i] || !unknown[i])).length, got = held.filter(Boolean).length;
  for (const [word] of text.matchAll(ASCII)) { total += word.length; if (has(word)) got += word.length; }
  return total ? got / total : 0;
}

/* A word of the normalised query as the reader wrote it (SSL for ssl), for the notice;
 * the word itself where normalising changed the length. */
function asWritten(raw, word) {
  if (!word) return "";
  const at = raw.toLowerCase().indexOf(word);
  return at === -1 ? word : raw.slice(at, at + word.length);
}

/* 发票, SSL: a topic the editors say this site does not answer (manifest.elsewhere) that
 * the reader names (an ASCII word whole: COS is not in cost) and a document never mentions. */
function otherTopic(text, doc, lookup) {
  const ascii = new Set(queryTerms(text).ascii);
  return manifest.elsewhere.find(word => (/^[\x00-\x7f]+$/.test(word) ? ascii.has(word) : text.includes(word))
                                         && !mentions(doc, word, lookup));
}

/* Whether a document holds every pair and ASCII word of a word (a lone character: itself). */
function mentions(doc, word, lookup) {
  const { bigrams, ascii, singles } = queryTerms(word);
  return [...bigrams, ...ascii, ...singles].every(term => holds(lookup(term), doc) !== false);
}

/* The pairs of a text that touch a how-long question word (多久, and 等多 of 要等多久). */
function cuePairs(text) {
  const pairs = [];
  for (const cue of manifest.durationCues) {
    for (let at = text.indexOf(cue); at !== -1; at = text.indexOf(cue, at + 1)) {
      for (let i = Math.max(0, at - 1); i < at + cue.length && i + 1 < text.length; i++) pairs.push(text.slice(i, i + 2));
    }
  }
  return pairs;
}

/* A pair the site lacks is as specific as the rarer of its characters: 驾照 (驾 is rare here)
 * is something the site does not know; 销要 (of 注销要几天) only joins two words it does. */
function unknownWeight(term, lookup) {
  if (!isCjk(term[0])) return idf(0);
  return Math.max(...Array.from(term).map(ch => { const entry = lookup(ch); return entry ? idf(entry.df) : idf(0); }));
}

/* How much of what is specific in the query a document holds: the idf of the query's
 * pairs and ASCII words it holds, in units of the rarest possible term (`rare`), and as a
 * share of the idf of them all (`share`). `answered`: pairs that count neither way. */
function specificityHeld(q, doc, lookup, answered) {
  let held = 0, total = 0;
  for (const term of new Set([...q.bigrams, ...q.ascii])) {
    if (answered.has(term)) continue;
    const entry = lookup(term);
    const has = holds(entry, doc);
    if (has === null) continue;  // not fetched: counts neither way
    const weight = entry ? idf(entry.df) : unknownWeight(term, lookup);
    total += weight;
    if (has) held += weight;
  }
  return { rare: held / idf(0), share: total ? held / total : 1 };
}

/* Whether the best result answers the query: when it holds too little of what was
 * asked, the page says 没有找到 above the list (docs/assets/kb.js listens here). */
const verdicts = typeof BroadcastChannel === "function" ? new BroadcastChannel("kb-search") : null;

function verdict(query, coverage, result) {
  const state = confidence(coverage);
  if (verdicts) verdicts.postMessage({ query, coverage, state });
  /* the reply desk reads the verdict with its results (Material ignores the field) */
  return { ...result, kb: { state, topic: coverage.elsewhere } };
}

function confidence(c) {
  if (c.learned) return "confident";  // readers taught this answer
  const t = NOTHING_FOUND;
  const little = c.chars < t.chars && c.question < t.question;
  const unknown = c.unpaired >= t.unpaired;
  const unspecific = c.rare < t.rare && c.share < t.share;
  const fits = c.question >= t.fits.question && c.share >= t.fits.share && c.unpaired < t.fits.unpaired;
  if (unknown || unspecific || (little && c.rare < t.held) || (c.elsewhere && !fits)) return "nothing";
  return little || c.elsewhere ? "weak" : "confident";
}
