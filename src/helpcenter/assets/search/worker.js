/*
 * Search worker for the knowledge base. It speaks Material for MkDocs' search
 * worker protocol (SETUP 0, READY 1, QUERY 2, RESULT 3), so Material's search
 * box, result list, highlighting and sharing keep working; the index it reads is
 * the one hooks/kb/search_index.py builds (hooks/kb/search_files.py for the files and
 * their bytes; the character classes and the posting layout arrive in the manifest's
 * contract).
 *
 * A query is normalised the way the index was (NFKC, lower case, Traditional ->
 * Simplified), colloquial words are rewritten to the FAQ's (data/synonyms.yml),
 * then cut into the index's terms: CJK bigrams, ASCII words, and the query's
 * substrings that the index holds as jieba words. The dictionary says which of them
 * the site has; the files of the rarest are fetched, then the records of the results.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const MAX_RESULTS = 10;  // what Material lists at once
/* How much each kind of match counts (field weights come with the manifest):
 * grid-searched in round 1 over seed.tsv, seed-holdout.tsv, seed-holdout2.tsv and
 * corpus.tsv (so none of those is held out), later weights on the -tune sets; sharing
 * of the query found anywhere (cover) outweighs where it was found (coverTitle),
 * so a rare word in the answer beats common words in another question. `asking`: a pair
 * of a question or how-long word (多少, 多久) counts half its idf, which in a FAQ is high
 * (多少 is in 3 of 355 questions) though it says nothing of which question is meant
 * (chosen on the -tune sets). */
const WEIGHTS = { cover: 3, coverTitle: 1, word: 0.5, precision: 2, single: 0.3,
                  unknownAlias: 0.9, anyAlias: 0.8, corrected: 0.85, duration: 1, asking: 0.5 };
/* How sure search is of its best result: three states, each with its evidence.
 *   nothing (没有找到, 提交工单): most of what is asked is in no pair the site uses
 *     (`unpaired`: 狗狗疫苗 on a filing FAQ); or the best result holds almost none of the
 *     query's specificity (`share` of the idf of its pairs, and less than `rare` rare
 *     terms' worth); or it holds little of the query's characters and covers little of
 *     its own question (`chars`, `question`) without holding its rare words (`held`); or
 *     the query names another product's topic (editors' `elsewhere:` list) that the best
 *     result never mentions, and the rest of the query does not fit it well (`fits`:
 *     the question covered, the specificity held, few unknown characters);
 *   weak (可能相关的问题, never 没有找到): a borderline best result, by one of the signs;
 *   confident: the list as it is.
 * Chosen on the tune sets (every -tune set, corpus.tsv, confidence-tune9): 没有找到 on
 * answerable queries 10 -> 2 of 467, off-topic 52 of 53, near-domain 59 of 85; never on
 * the -holdout sets. */
const NOTHING_FOUND = { chars: 0.8, question: 0.1, unpaired: 0.6, rare: 1.0, share: 0.05, held: 1.4,
                        fits: { question: 0.2, share: 0.15, unpaired: 0.3 } };

/* What one query may fetch, whatever the size of the site: on HTTP/1.1 a browser opens
 * six connections to a host and every further six requests wait another round trip.
 * The dictionary (which terms the site has, how rare, in which t/ file) came with the
 * manifest, so a query starts fetching postings at once:
 *   ASCII words: the a/ files of their keys;
 *   postings: up to the contract's postingFiles t/ files (one round trip), those of the
 *     query's rarest terms first. A term whose file is left out still counts by its
 *     frequency; only its postings are missing. A small site ships all its postings in
 *     that many files, so there no query leaves one out;
 *   records: RECORD_FILES d/ files (one round trip) when postings were left out, else
 *     what the budget leaves; the results whose records they hold are shown. A small
 *     site shows every result (up to 10 record files: more requests, for exact lists). */
const REQUESTS = 16, RECORD_FILES = 6;

const indexUrl = new URL("../../search/kb/", self.location.href);
let manifest = null;
let CJK, CJK_CHAR, ASCII, ASCII_WORD, PARTICLES, PARTICLES_CHAR, LAYOUT;
let ASKING;  // the question words, then the how-long words: what a query asks, not about what
let ASKING_PAIRS;  // their pairs: 多少 is rare in a FAQ, and says nothing of which question
let ALIASES;  // the synonyms, longest first: {alias, leading (marked ^), canonicals}
let CHOICES;  // the most canonical words one alias has
let LEARNED;  // [query key, doc]: what readers taught (data/learned/, accepted by an editor)
let DICTIONARY;  // Promise<term -> {df, file}>: every term but ASCII words (search_files)
const files = new Map();    // path of a t/ or a/ file -> Promise<Map<term, {df, postings: [[doc, weight]]}>>
const recordFiles = new Map();  // d/ file number -> Promise<[[url, title, excerpt, tags, errors, fix], …]>
const encoder = new TextEncoder(), decoder = new TextDecoder();
let queue = Promise.resolve();

self.onmessage = ({ data: message }) => {
  if (message.type === SETUP) {
    queue = queue.then(() => setup(message.data)).catch(error => console.error("kb-search:", error));
  } else if (message.type === QUERY) {
    queue = queue
      .then(() => search(message.data))
      .catch(error => { console.error("kb-search:", error); return { items: [], total: 0 }; })
      .then(result => self.postMessage({ type: RESULT, data: result }));
  }
};

/* Material fetched search/search_index.json and passes its config on; the build put
 * our manifest there (hooks/kb_hooks.py), so setting up costs no request of its own. */
function setup(index) {
  if (!index || !index.config || !index.config.kb) throw new Error("search_index.json has no kb manifest");
  manifest = index.config.kb;
  const { cjk, particles, ascii, layout } = manifest.contract;
  LAYOUT = layout;
  CJK = new RegExp(`[${cjk}]+`, "g");
  CJK_CHAR = new RegExp(`[${cjk}]`);
  ASCII = new RegExp(ascii, "g");
  ASCII_WORD = new RegExp(`^(?:${ascii})`);
  PARTICLES = new RegExp(`[${particles}]`, "g");
  PARTICLES_CHAR = new RegExp(`[${particles}]`);
  ASKING = [...manifest.questionWords, ...manifest.durationCues];
  ASKING_PAIRS = new Set(ASKING.flatMap(word => {
    const chars = Array.from(word);
    return chars.slice(1).map((ch, i) => chars[i] + ch);
  }));
  /* parsed once: rewrite() tries every alias at every position of every variant */
  ALIASES = manifest.synonyms.map(([written, canonicals]) => {
    const leading = written.startsWith("^");
    return { alias: leading ? written.slice(1) : written, leading, canonicals };
  });
  CHOICES = Math.max(1, ...ALIASES.map(({ canonicals }) => canonicals.length));
  LEARNED = (manifest.learned || []).map(([query, doc]) => [letters(dropIgnored(normalise(query), [])), doc])
    .filter(([key]) => key);
  self.postMessage({ type: READY });
}

async function fetchOk(path) {
  const response = await fetch(new URL(path, indexUrl));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response;
}

/* ---------------------------------------------------------------- index files */

/* FNV-1a of the key's UTF-8 bytes, as search_files.shard_of computes it. */
function shardOf(key) {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(key)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h % manifest.shards;
}

function keyOf(term) {
  return Array.from(term).slice(0, LAYOUT.key).join("");
}

/* The a/ file of an ASCII word. */
function asciiPath(term) {
  return `a/${shardOf(keyOf(term))}.bin`;
}

async function gunzip(response) {
  const stream = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function reader(bytes) {
  let at = 0;
  return {
    more: () => at < bytes.length,
    varint() {
      let value = 0, shift = 0, byte;
      do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte >= 0x80);
      return value;
    },
    term() {
      const length = this.varint();
      at += length;
      return decoder.decode(bytes.subarray(at - length, at));
    },
  };
}

/* A posting's weight: the fields the term is in, the body score, the question's pair
 * count (search_files.LAYOUT, shipped in the contract). */
function flagsOf(bits) {
  return bits & ((1 << LAYOUT.score.shift) - 1);
}
function scoreOf(bits) {
  return (bits >>> LAYOUT.score.shift) & ((1 << LAYOUT.score.bits) - 1);
}
function pairsOf(bits) {
  return (bits >>> LAYOUT.pairs.shift) & ((1 << LAYOUT.pairs.bits) - 1);
}

/* The dictionary's columns: the terms joined by newlines, their dfs, their t/ files. */
function dictionary({ terms, df, file }) {
  const out = new Map();
  if (df.length) terms.split("\n").forEach((term, i) => out.set(term, { df: df[i], file: file[i] }));
  return out;
}

/* The dictionary, made at the first query (a page whose reader never searches does not
 * pay for it): a big site's came with the manifest; a small site's is read from all its
 * t/ files (one round trip, once). */
function siteDictionary() {
  if (DICTIONARY) return DICTIONARY;
  if (manifest.dictionary) return (DICTIONARY = Promise.resolve(dictionary(manifest.dictionary)));
  const paths = Array.from({ length: manifest.postings }, (_, n) => `t/${n}.bin`);
  DICTIONARY = Promise.all(paths.map(termFile)).then(all => {
    const out = new Map();
    all.forEach((terms, file) => { for (const [term, { df }] of terms) out.set(term, { df, file }); });
    return out;
  });
  DICTIONARY.catch(() => { DICTIONARY = null; });  // the next query tries again
  return DICTIONARY;
}

/* t/ and a/ files: term, df, count, then count x (doc delta, weight) */
function termFile(path) {
  if (!files.has(path)) {
    files.set(path, fetchOk(path).then(gunzip).then(bytes => {
      const out = new Map(), r = reader(bytes);
      while (r.more()) {
        const term = r.term(), df = r.varint(), count = r.varint(), postings = new Array(count);
        for (let i = 0, doc = 0; i < count; i++) { doc += r.varint(); postings[i] = [doc, r.varint()]; }
        out.set(term, { df, postings });
      }
      return out;
    }));
  }
  return files.get(path);
}

function recordFile(n) {
  if (!recordFiles.has(n)) recordFiles.set(n, fetchOk(`d/${n}.json`).then(response => response.json()));
  return recordFiles.get(n);
}

/* What one query sees of the index: the dictionary, and the files it chose. Files an
 * earlier query fetched are not used unless this one chose them too, so a query ranks
 * the same whatever was typed before it. */
function queryIndex(dict) {
  const loaded = new Map();  // path -> its terms
  const lookup = term => {
    if (ASCII_WORD.test(term)) {
      const file = loaded.get(asciiPath(term));
      return file && file.get(term);
    }
    const known = dict.get(term);
    if (!known) return undefined;
    const file = loaded.get(`t/${known.file}.bin`);
    return (file && file.get(term)) || { df: known.df, postings: null };
  };
  const load = async paths => {
    await Promise.all([...paths].filter(path => !loaded.has(path))
      .map(async path => loaded.set(path, await termFile(path))));
  };
  /* The t/ files of `first`, then of each group's terms in turn, the rarest of a group
   * first, at most `budget` of them; `cut`: whether a term's file was left out. */
  const choose = (first, groups, budget) => {
    const chosen = new Set();
    const byRarity = (a, b) => dict.get(a).df - dict.get(b).df || (a < b ? -1 : a > b ? 1 : 0);
    const ranked = [first, ...groups.map(terms => [...new Set(terms)].filter(term => dict.has(term)).sort(byRarity))]
      .flat().filter(term => dict.has(term));
    let cut = false;
    for (const term of ranked) {
      const path = `t/${dict.get(term).file}.bin`;
      if (chosen.size < budget) chosen.add(path);
      else cut = cut || !chosen.has(path);
    }
    return { chosen, cut };
  };
  const asciiFiles = () => [...loaded.keys()].filter(path => path.startsWith("a/")).length;
  return { lookup, load, choose, asciiFiles, termsOf: key => loaded.get(asciiPath(key)) || new Map() };
}

/* The a/ files of a text's ASCII words. */
function asciiPaths(text) {
  return [...text.matchAll(ASCII)].map(([word]) => asciiPath(word));
}

/* ---------------------------------------------------------------- query text */

function normalise(text) {
  const trad = manifest.traditional;
  let out = "";
  for (const ch of text.normalize("NFKC").toLowerCase()) out += trad[ch] || ch;
  return out;
}

/* Rewrite colloquial words to the FAQ's words: the longest alias at each position; where
 * two overlap, those that cover the most of the query (我的号有问题: 号有问题 -> 异常账号, not
 * 我的号 -> 账号 leaving 有问题), the earlier one on a tie. A one-character alias, or one the
 * editors marked ^, only where a run of Chinese starts (after a particle too: 拍照的布). An
 * alias with several canonical words takes the `choice`-th (or its last). With `known`,
 * aliases the index holds as terms stay as they are. */
function rewrite(text, choice, known) {
  const n = text.length;
  const hits = new Array(n).fill(null);  // position -> [alias, canonical]
  for (let i = 0; i < n; i++) {
    for (const { alias, leading, canonicals } of ALIASES) {
      if (!text.startsWith(alias, i)) continue;
      /* one character, or marked ^: only where a Chinese run starts (点备案按钮, not 地点;
       * ^备案要多久, not 注销备案要多久) */
      if ((leading || alias.length === 1) && i > 0 && isCjk(text[i - 1]) && !PARTICLES_CHAR.test(text[i - 1])) continue;
      if (known && known(alias)) continue;
      hits[i] = [alias, canonicals[Math.min(choice, canonicals.length - 1)]];
      break;
    }
  }
  const cover = new Array(n + 1).fill(0);  // the most characters aliases can cover from i on
  for (let i = n - 1; i >= 0; i--) {
    cover[i] = cover[i + 1];
    if (hits[i]) cover[i] = Math.max(cover[i], hits[i][0].length + cover[i + hits[i][0].length]);
  }
  let out = "";
  for (let i = 0; i < n;) {
    const hit = hits[i];
    if (hit && hit[0].length + cover[i + hit[0].length] === cover[i]) { out += hit[1]; i += hit[0].length; }
    else { out += text[i]; i += 1; }
  }
  return out;
}

/* The query as typed; with only the aliases the FAQ never uses rewritten; then
 * with every alias rewritten, once per synonym choice (deduplicated). */
function variants(text, known) {
  const out = [text];
  const push = v => { if (!out.includes(v)) out.push(v); };
  push(rewrite(text, 0, known));
  for (let choice = 0; choice < CHOICES; choice++) push(rewrite(text, choice, null));
  return out;
}

/* ---------------------------------------------------------------- slips */

/* Characters a reader may have meant instead: the same toneless pinyin (a slip of the
 * input method: 实明 for 实名) or a look-alike (a screenshot read by OCR: 末能 for 未能). */
let alternativesOf = null;
function alternatives(ch) {
  if (!alternativesOf) {
    alternativesOf = new Map();
    const groups = [...Object.values(manifest.homophones), ...manifest.lookalikes].map(g => Array.from(g));
    for (const group of groups) for (const a of group) for (const b of group) {
      if (a === b) continue;
      if (!alternativesOf.has(a)) alternativesOf.set(a, new Set());
      alternativesOf.get(a).add(b);
    }
  }
  return alternativesOf.get(ch) || new Set();
}

/* A character whose pairs with both neighbours the index lacks (or, at the edge of a
 * run, either character of a lacking pair) is a suspect; each alternative of it makes
 * candidate pairs to look up. Bounded: a pasted chat message has many pairs no FAQ uses. */
const MAX_SLIP_PAIRS = 24;
function slipCandidates(text, lookup) {
  const chars = Array.from(text);
  const pairable = i => i >= 0 && i < chars.length && isCjk(chars[i]) && !PARTICLES_CHAR.test(chars[i]);
  const missing = new Map();  // character position -> how many of its pairs are missing
  for (let i = 0; i + 1 < chars.length; i++) {
    if (!pairable(i) || !pairable(i + 1) || lookup(chars[i] + chars[i + 1])) continue;
    missing.set(i, (missing.get(i) || 0) + 1);
    missing.set(i + 1, (missing.get(i + 1) || 0) + 1);
  }
  const inner = [...missing].filter(([i, n]) => n === 2 || !pairable(i - 1) || !pairable(i + 1))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([i]) => i);  // both pairs missing first
  const out = [];
  let budget = MAX_SLIP_PAIRS;
  for (const i of inner) {
    for (const alt of alternatives(chars[i])) {
      const pairs = [];
      if (pairable(i - 1)) pairs.push(chars[i - 1] + alt);
      if (pairable(i + 1)) pairs.push(alt + chars[i + 1]);
      if (!pairs.length || (budget -= pairs.length) < 0) return out;
      out.push({ at: i, alt, pairs });
    }
  }
  return out;
}

/* The text with each suspect replaced by the alternative that makes the most of its
 * pairs known (none: left as typed); null when nothing changed. */
function correct(text, slips, lookup) {
  const chars = Array.from(text);
  const bestAt = new Map();
  for (const { at, alt, pairs } of slips) {
    const found = pairs.filter(pair => lookup(pair)).length;
    if (found && found > ((bestAt.get(at) || {}).found || 0)) bestAt.set(at, { alt, found });
  }
  if (!bestAt.size) return null;
  for (const [at, { alt }] of bestAt) chars[at] = alt;
  return chars.join("");
}

/* Question phrases (怎么办, 如何解决 …) say nothing about the problem. */
function dropIgnored(text, more) {
  let out = text;
  for (const phrase of [...manifest.ignore, ...more]) out = out.split(phrase).join(" ");
  return out.trim() ? out : text;
}

function isCjk(ch) {
  return CJK_CHAR.test(ch);
}

/* The index's terms in a text: bigrams, ASCII words, and word candidates
 * (substrings of 3+ characters, kept only if the index holds them). */
function queryTerms(text) {
  const bigrams = [], words = [], ascii = [], singles = [];
  for (const [run] of text.replace(PARTICLES, " ").matchAll(CJK)) {
    if (run.length === 1) singles.push(run);
    for (let i = 0; i + 1 < run.length; i++) bigrams.push(run.slice(i, i + 2));
  }
  for (const [run] of text.matchAll(CJK)) {
    for (let i = 0; i < run.length; i++)
      for (let n = 3; n <= 12 && i + n <= run.length; n++) words.push(run.slice(i, i + n));
  }
  for (const [word] of text.matchAll(ASCII)) ascii.push(word);
  return { bigrams, words, ascii, singles };
}

/* ---------------------------------------------------------------- scoring */

function idf(df) {
  const n = manifest.docs;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

async function search(raw) {
  const original = normalise(raw || "").trim();
  if (!original) return { items: [], total: 0 };
  /* 要等几天, 多久能批下来: the topic is what to match; how long is asked by the
   * questions and answers that state a duration (scoreVariant) */
  const howLong = manifest.durationCues.some(cue => original.includes(cue));
  const asked = dropIgnored(original, []);
  /* Round trips are what a phone waits for. The dictionary (and the files of the query's
   * ASCII words, if any) say which of its terms the site has, so rewriting, slips and
   * lone characters are all decided before one posting is fetched; then, in one round,
   * the t/ files of the terms to score, rarest first, within the budget. */
  const index = queryIndex(await siteDictionary());
  const { lookup } = index;
  await index.load(new Set(asciiPaths(asked)));
  /* Which postings matter most when a long message needs more files than the budget: a
   * "how long" query's answers that state a duration; the pairs and words of the query as
   * written; those of its rewritings; single characters, which count least. Within each,
   * the rarest first: a common term left out changes every score alike. */
  const pairs = q => [...q.bigrams, ...q.words.filter(w => lookup(w))];
  const singles = q => [...q.singles, ...q.bigrams.filter(b => !lookup(b)).flatMap(b => Array.from(b))];
  const first = howLong ? [manifest.durationTerm] : [];
  const budget = () => Math.min(LAYOUT.postingFiles, REQUESTS - index.asciiFiles() - RECORD_FILES);
  /* the files of the query as written are the first chosen whatever its rewritings add:
   * their requests go out now, while the rest is worked out (a rewriting's ASCII word
   * may take one more a/ file: one fewer is started) */
  const own = queryTerms(asked);
  index.choose(first, [pairs(own)], budget() - 1).chosen.forEach(termFile);
  const known = alias => alias.length > 1 && !!lookup(alias);
  const texts = variants(asked, known);
  const slips = slipCandidates(asked, lookup);
  const corrected = correct(asked, slips, lookup);
  const fixedFrom = texts.length;  // the variants after this one are corrected ones
  if (corrected) for (const text of [corrected, rewrite(corrected, 0, known)]) if (!texts.includes(text)) texts.push(text);
  await index.load(new Set(texts.flatMap(asciiPaths)));
  const queries = [own, ...texts.slice(1).map(queryTerms)];  // texts[0] is the query as written
  const { chosen, cut } = index.choose(first, [pairs(queries[0]), queries.slice(1).flatMap(pairs),
                                               queries.flatMap(singles)], budget());
  await index.load(chosen);
  const left = REQUESTS - index.asciiFiles();
  /* a small site (all its postings in one round trip's files) shows every result */
  const recordBudget = manifest.postings <= LAYOUT.postingFiles ? MAX_RESULTS
    : Math.max(1, cut ? RECORD_FILES : left - chosen.size);

  /* A document's score is its best over the query's variants. The reader's own
   * words count fully, rewriting words the FAQ never uses almost fully, and
   * rewriting words the FAQ does use (报错 -> 出错) less. */
  /* 要等几天, 多久能批下来: among the matches, answers that state a duration */
  const timed = new Set(howLong ? ((lookup(manifest.durationTerm) || {}).postings || []).map(([doc]) => doc) : []);
  const best = new Map();
  const filled = new Map();  // doc -> the largest share of its question a variant hit
  const matched = new Set();
  queries.forEach((q, n) => {
    const trust = n >= fixedFrom ? WEIGHTS.corrected
      : n === 0 ? 1 : texts[n] === texts[1] ? WEIGHTS.unknownAlias : WEIGHTS.anyAlias;
    for (const [doc, [s, question]] of scoreVariant(q, index, matched, timed)) {
      const value = s * trust;
      if (value > (best.get(doc) || 0)) best.set(doc, value);
      filled.set(doc, Math.max(filled.get(doc) || 0, question));
    }
  });
  const taught = learnedDoc(asked, lookup);
  if (taught !== null) best.set(taught, Math.max(0, ...best.values()) + 1);  // first, whatever the weights say
  if (!best.size) return verdict(raw, { chars: 0, question: 0, unpaired: 1, rare: 0, share: 0, elsewhere: "" }, { items: [], total: 0 });
  const ranked = [...best.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const top = ranked[0][1];
  const shown = withinRecordFiles(ranked.filter(([, s]) => s >= top * 0.2).slice(0, MAX_RESULTS), recordBudget);

  const meta = await Promise.all(shown.map(([doc]) => recordFile(Math.floor(doc / LAYOUT.records))
    .then(rows => rows[doc % LAYOUT.records])));
  /* a reader who pasted a question's very title gets that question first, whatever the
   * weights say (punctuation and spacing aside: 多大? is 多大？); one who pasted a piece
   * of a heading (4 to 12 letters of it) gets the headings that hold it before the rest */
  const pasted = letters(original);
  const holds = (title, n) => shown[n][0] === taught ? 3 : title === pasted ? 2
    : pasted.length >= 4 && pasted.length <= 12 && title.includes(pasted) ? 1 : 0;
  const order = meta.map(([, title], n) => [holds(letters(title), n), n]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, n]) => n);
  shown.splice(0, shown.length, ...order.map(n => shown[n]));
  meta.splice(0, meta.length, ...order.map(n => meta[n]));
  /* what is marked in the list and, through Material's ?h=, on the page opened from it:
   * the terms as our search matched them (人脸 核验 失败, not the query as one word), and
   * a lone character only when it is the whole query (不, 在 of a chat message mark noise) */
  const single = Array.from(asked.replace(/\s+/g, "")).length <= 1;
  const marks = [...matched].filter(term => Array.from(term).length > 1 || (single && isCjk(term)));
  const terms = Object.fromEntries(marks.map(term => [term, true]));
  const items = shown.map(([, s], i) => {
    const [location, title, excerpt, tags, errors, fix] = meta[i];
    /* the label is ours, not a match */
    const text = errors.length ? `报错提示：${highlight(errors.join("；"), marks)}　${highlight(excerpt, marks)}`
      : highlight(excerpt, marks);
    return [{ location, title: highlight(title, marks), text,
              score: Math.round(s * 100) / 100, terms, tags: tags.map(escapeHtml), fix }];
  });
  const answered = Math.max(...texts.map(text => heldBy(text, ranked[0][0], lookup)));
  /* a "how long" query's question words say what is asked, not about what: when the best
   * result states a duration they are answered, and neither held nor missing */
  const answeredByDuration = new Set(timed.has(ranked[0][0]) ? texts.flatMap(cuePairs) : []);
  const held = queries.map(q => specificityHeld(q, ranked[0][0], lookup, answeredByDuration));
  const coverage = {
    chars: answered,
    question: filled.get(ranked[0][0]),
    /* of what is asked about: 感冒了吃什么药 holds only 什么 of the site's words */
    unpaired: Math.min(...texts.map(text => unpairedShare(dropIgnored(text, ASKING), lookup))),
    rare: Math.max(...held.map(h => h.rare)),
    share: Math.max(...held.map(h => h.share)),
    elsewhere: asWritten(raw, otherTopic(asked, ranked[0][0], lookup)),
    learned: taught !== null,  // readers taught this answer: it is one
  };
  return verdict(raw, coverage, { items, total: ranked.length });
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

/* Score every document for one variant of the query:
 *   sum over terms of idf x field weight, divided by the query's total idf,
 *   + coverTitle x the share of the query (by idf) found in the question or error text,
 *   + cover x the share found anywhere,
 *   + precision x the share of the question's pairs the query hit,
 *   + duration when a "how long" query meets a question that states a duration.
 * Slots are the query's bigrams and ASCII words: each counts once towards
 * coverage; jieba words found in the query add a phrase bonus.
 * Returns doc -> [score, share of its question hit]. */
function scoreVariant(q, index, matched, timed) {
  const lookup = index.lookup;
  const { title: TITLE, error: ERROR, tag: TAG, body: BODY } = LAYOUT.flags;
  const fields = manifest.fields;
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
    matched.add(term);
    if (!entry.postings) return true;  // beyond this query's budget: its idf still counts
    for (const [doc, bits] of entry.postings) {
      const flags = flagsOf(bits);
      let s = 0;
      if (flags & TITLE) s += fields.title;
      if (flags & ERROR) s += fields.error;
      if (flags & TAG) s += fields.tag;
      if (flags & BODY) s += scoreOf(bits) * fields.body;
      add(score, doc, w * weight * s);
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
  for (const term of new Set(q.words)) if (lookup(term)) useTerm(term, WEIGHTS.word * (term.length - 1), false, false);
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

/* The doc readers taught for this query: the learned query itself, or with chat filler
 * around it (您好，…，急 beyond what search already ignores) — words the site does not
 * use: what is left around the lesson holds no pair the index knows. 注销 + a lesson
 * 备案要多久 is another question, and any other query is untouched. */
function learnedDoc(asked, lookup) {
  const key = letters(asked);
  let found = null, size = 0;
  for (const [learned, doc] of LEARNED) {
    if (learned.length <= size || !key.includes(learned)) continue;
    const rest = key.split(learned);
    const filler = rest.every(part => Array.from(part).every((ch, i, chars) =>
      i + 1 >= chars.length || !lookup(ch + chars[i + 1])));
    if (filler) {
      found = doc;
      size = learned.length;
    }
  }
  return found;
}

/* A text's letters and digits only, folded as queries are. */
function letters(text) {
  return normalise(text).replace(/[^\p{L}\p{N}]+/gu, "");
}

/* ---------------------------------------------------------------- output */

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, ch => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch]));
}

/* Escape the text, then wrap the characters that matched a query term in <mark>. */
function highlight(text, marks) {
  const chars = Array.from(text);
  const folded = chars.map(ch => normalise(ch));
  const hit = new Array(chars.length).fill(false);
  const joined = folded.join("");
  if (joined.length === chars.length) {
    for (const term of marks) {
      let at = joined.indexOf(term);
      while (at !== -1) {
        for (let k = at; k < at + term.length; k++) hit[k] = true;
        at = joined.indexOf(term, at + 1);
      }
    }
  }
  let out = "", open = false;
  chars.forEach((ch, k) => {
    if (hit[k] && !open) { out += "<mark>"; open = true; }
    if (!hit[k] && open) { out += "</mark>"; open = false; }
    out += escapeHtml(ch);
  });
  return open ? out + "</mark>" : out;
}
