/*
 * Search worker for the knowledge base. It speaks Material for MkDocs' search
 * worker protocol (SETUP 0, READY 1, QUERY 2, RESULT 3), so Material's search
 * box, result list, highlighting and sharing keep working; the index it reads is
 * the one hooks/kb/search_index.py builds (see that file for the format).
 *
 * A query is normalised the way the index was (NFKC, lower case, Traditional ->
 * Simplified), colloquial words are rewritten to the FAQ's (data/synonyms.yml),
 * then cut into the index's terms: CJK bigrams, ASCII words, and the query's
 * substrings that the index holds as jieba words. Only the shards of the
 * characters in the query are fetched.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const MAX_RESULTS = 15;
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const ASCII = /[a-z0-9]+/g;
const PARTICLES = /[的了吗呢吧啊呀哦嘛]/g;  // bigrams do not cross them (as in the index)
/* How much each kind of match counts: grid-searched over bench/queries/ (seed,
 * both hold-out sets, corpus); sharing of the query found anywhere (cover)
 * outweighs where it was found (coverTitle), so a rare word in the answer beats
 * common words in another question. */
const WEIGHTS = { title: 1, error: 1, tag: 0.6, body: 0.1, cover: 3, coverTitle: 1, word: 0.5,
                  precision: 2, single: 0.3, unknownAlias: 0.9, anyAlias: 0.8 };

const indexUrl = new URL("../../search/kb/", self.location.href);
let manifest = null;
const shards = new Map();   // shard number -> Promise<{term: postings}>
const chunks = new Map();   // chunk number -> Promise<[[url, title, excerpt, tags, errors]]>
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
  self.postMessage({ type: READY });
}

function fetchJson(path) {
  return fetch(new URL(path, indexUrl)).then(response => {
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  });
}

function shard(n) {
  if (!shards.has(n)) shards.set(n, fetchJson(`t/${n}.json`));
  return shards.get(n);
}

function chunk(n) {
  if (!chunks.has(n)) chunks.set(n, fetchJson(`d/${n}.json`));
  return chunks.get(n);
}

/* ---------------------------------------------------------------- query text */

function normalise(text) {
  const trad = manifest.traditional;
  let out = "";
  for (const ch of text.normalize("NFKC").toLowerCase()) out += trad[ch] || ch;
  return out;
}

/* Rewrite colloquial words to the FAQ's words: longest alias first at each
 * position; a one-character alias only where a run of Chinese starts. An alias
 * with several canonical words takes the `choice`-th (or its last). With
 * `known`, aliases the index holds as terms stay as they are. */
function rewrite(text, choice, known) {
  const table = manifest.synonyms;
  let out = "";
  let i = 0;
  while (i < text.length) {
    let hit = null;
    for (const [alias, canonicals] of table) {
      if (!text.startsWith(alias, i)) continue;
      if (alias.length === 1 && i > 0 && isCjk(text[i - 1])) continue;
      if (known && known(alias)) continue;
      hit = [alias, canonicals[Math.min(choice, canonicals.length - 1)]];
      break;
    }
    if (hit) { out += hit[1]; i += hit[0].length; } else { out += text[i]; i += 1; }
  }
  return out;
}

/* The query as typed; with only the aliases the FAQ never uses rewritten; then
 * with every alias rewritten, once per synonym choice (deduplicated). */
function variants(text, known) {
  const most = Math.max(1, ...manifest.synonyms.map(([, c]) => c.length));
  const out = [text];
  const push = v => { if (!out.includes(v)) out.push(v); };
  push(rewrite(text, 0, known));
  for (let choice = 0; choice < most; choice++) push(rewrite(text, choice, null));
  return out;
}

/* Question phrases (怎么办, 如何解决 …) say nothing about the problem. */
function dropIgnored(text) {
  let out = text;
  for (const phrase of manifest.ignore) out = out.split(phrase).join(" ");
  return out.trim() ? out : text;
}

function isCjk(ch) {
  return /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(ch);
}

/* The index's terms in a text: bigrams, ASCII words, and word candidates
 * (substrings of 3+ characters, kept only if the index holds them). */
function termsOf(text) {
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

function decode(flat) {
  const out = [];
  let doc = 0;
  for (let i = 0; i < flat.length; i += 2) { doc += flat[i]; out.push([doc, flat[i + 1]]); }
  return out;
}

async function search(raw) {
  const original = normalise(raw || "").trim();
  if (!original) return { items: [], total: 0 };
  const asked = dropIgnored(original);
  const loaded = new Map();
  const load = async texts => {
    const needed = new Set();
    for (const text of texts) for (const ch of text) needed.add(ch.codePointAt(0) % manifest.shards);
    await Promise.all([...needed].filter(n => !loaded.has(n)).map(async n => loaded.set(n, await shard(n))));
  };
  await load([asked]);
  const known = alias => alias.length > 1 && !!loaded.get(alias.codePointAt(0) % manifest.shards)[alias];
  const texts = variants(asked, known);
  await load(texts);
  const queries = texts.map(termsOf);

  /* A document's score is its best over the query's variants. The reader's own
   * words count fully, rewriting words the FAQ never uses almost fully, and
   * rewriting words the FAQ does use (报错 -> 出错) less. */
  const best = new Map();
  const matched = new Set();
  queries.forEach((q, n) => {
    const trust = n === 0 ? 1 : texts[n] === texts[1] ? WEIGHTS.unknownAlias : WEIGHTS.anyAlias;
    for (const [doc, s] of scoreVariant(q, loaded, matched)) {
      const value = s * trust;
      if (value > (best.get(doc) || 0)) best.set(doc, value);
    }
  });
  if (!best.size) return { items: [], total: 0 };
  const ranked = [...best.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const top = ranked[0][1];
  const shown = ranked.filter(([, s]) => s >= top * 0.2).slice(0, MAX_RESULTS);

  const meta = await Promise.all(shown.map(async ([doc]) =>
    (await chunk(Math.floor(doc / manifest.chunk)))[doc % manifest.chunk]));
  const marks = [...matched].filter(term => term.length > 1 || isCjk(term));
  const terms = Object.fromEntries(displayTerms(original, marks).map(t => [t, true]));
  const items = shown.map(([, s], i) => {
    const [location, title, excerpt, tags, errors] = meta[i];
    const text = errors.length ? `报错提示：${errors.join("；")}　${excerpt}` : excerpt;
    return [{ location, title: highlight(title, marks), text: highlight(text, marks),
              score: Math.round(s * 100) / 100, terms, tags: tags.map(escapeHtml) }];
  });
  return { items, total: ranked.length };
}

/* Score every document for one variant of the query:
 *   sum over terms of idf x field weight, divided by the query's total idf,
 *   + 2 x the share of the query (by idf) found in the question or error text,
 *   + 1 x the share found anywhere.
 * Slots are the query's bigrams and ASCII words: each counts once towards
 * coverage; jieba words found in the query add a phrase bonus. */
function scoreVariant(q, loaded, matched) {
  const { title: TITLE, error: ERROR, tag: TAG, body: BODY } = manifest.flags;
  const lookup = term => loaded.get(term.codePointAt(0) % manifest.shards)[term];
  const score = new Map(), cover = new Map(), coverTitle = new Map();
  const titleHits = new Map(), titleLength = new Map();
  const add = (map, doc, value) => map.set(doc, (map.get(doc) || 0) + value);
  const maxIdf = idf(0);
  let total = 0;
  const useTerm = (term, weight, slot, prefix) => {
    const postings = prefix ? prefixPostings(loaded, term) : lookup(term);
    if (!postings) { if (slot) total += maxIdf; return false; }
    const entries = prefix ? postings : decode(postings);
    const w = idf(entries.length);
    if (slot) total += w;
    matched.add(term);
    for (const [doc, bits] of entries) {
      const flags = bits & 15;
      let s = 0;
      if (flags & TITLE) s += WEIGHTS.title;
      if (flags & ERROR) s += WEIGHTS.error;
      if (flags & TAG) s += WEIGHTS.tag;
      if (flags & BODY) s += ((bits >> 4) & 31) * WEIGHTS.body;
      add(score, doc, w * weight * s);
      if (slot) {
        add(cover, doc, w);
        if (flags & (TITLE | ERROR)) add(coverTitle, doc, w);
        if (flags & TITLE) { add(titleHits, doc, 1); titleLength.set(doc, bits >> 9); }
      }
    }
    return true;
  };
  const missed = new Set();
  for (const term of new Set([...q.bigrams, ...q.ascii])) if (!useTerm(term, 1, true, false)) missed.add(term);
  /* A character whose bigrams all missed (转 in 个人备案转企业备案) still counts a
   * little through the words that start with it (转为). */
  const covered = new Set([...q.bigrams].filter(b => !missed.has(b)).join(""));
  for (const b of missed)
    for (const ch of b) if (!covered.has(ch) && isCjk(ch)) { covered.add(ch); useTerm(ch, WEIGHTS.single, false, true); }
  for (const term of new Set(q.words)) if (lookup(term)) useTerm(term, WEIGHTS.word * (term.length - 1), false, false);
  /* A lone character, or an ASCII word still being typed: match as a prefix. */
  for (const term of new Set(q.singles)) useTerm(term, 0.5, true, true);
  const last = q.ascii[q.ascii.length - 1];
  if (last && !lookup(last)) useTerm(last, 0.5, false, true);

  /* precision: the share of the question's own bigrams the query hit, so the
   * question the query fills best wins among those it matches equally */
  const norm = total || 1;
  const out = new Map();
  for (const [doc, s] of score)
    out.set(doc, s / norm + WEIGHTS.coverTitle * (coverTitle.get(doc) || 0) / norm
                 + WEIGHTS.cover * (cover.get(doc) || 0) / norm
                 + WEIGHTS.precision * Math.min(1, (titleHits.get(doc) || 0) / (titleLength.get(doc) || 1)));
  return out;
}

function prefixPostings(loaded, prefix) {
  const table = loaded.get(prefix.codePointAt(0) % manifest.shards);
  const merged = new Map();
  for (const term of Object.keys(table)) {
    if (term.length > prefix.length && term.startsWith(prefix)) {
      for (const [doc, bits] of decode(table[term])) merged.set(doc, (merged.get(doc) || 0) | (bits & 15));
    }
  }
  return merged.size ? [...merged.entries()] : null;
}

/* Words of the query as typed, for Material's "?h=" highlighting on the page. */
function displayTerms(query, marks) {
  const words = query.split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
  return words.filter(word => marks.some(term => word.includes(term)));
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
