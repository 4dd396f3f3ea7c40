/*
 * The index's files (helpcenter/index/files.py writes them; their layout arrives in the
 * manifest's contract): the dictionary, the t/ and a/ files of postings, the d/ files of
 * records, fetched once each and decoded here.
 */
"use strict";

const files = new Map();    // path of a t/ or a/ file -> Promise<Map<term, {df, postings: [[doc, weight]]}>>

const recordFiles = new Map();  // d/ file number -> Promise<[[url, title, excerpt, tags, errors, fix], …]>

const encoder = new TextEncoder(), decoder = new TextDecoder();

async function fetchOk(path) {
  const response = await fetch(new URL(path, indexUrl));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response;
}


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

/* Where the marks learn how common a word or character is (words.js): on a site whose
 * dictionary is all its t/ files, already fetched, every term of them (the same whatever
 * was typed before); on a larger site, what this query fetched. */
async function wordLookup(lookup) {
  if (manifest.dictionary) return lookup;
  const all = await Promise.all(Array.from({ length: manifest.postings }, (_, n) => termFile(`t/${n}.bin`)));
  return term => {
    if (!ASCII_WORD.test(term)) for (const terms of all) if (terms.has(term)) return terms.get(term);
    return lookup(term);
  };
}

/* t/ and a/ files: term, df, count << 1 | (1 if a word), its log2 frequency as a word if
 * one, then count x (doc delta, weight). `word` (0: not a word, a pair that joins two) is
 * how results.js cuts a query into words as jieba does. */
function termFile(path) {
  if (!files.has(path)) {
    files.set(path, fetchOk(path).then(gunzip).then(bytes => {
      const out = new Map(), r = reader(bytes);
      while (r.more()) {
        const term = r.term(), df = r.varint(), head = r.varint(), word = head % 2 ? r.varint() : 0;
        const postings = new Array(Math.floor(head / 2));
        for (let i = 0, doc = 0; i < postings.length; i++) { doc += r.varint(); postings[i] = [doc, r.varint()]; }
        out.set(term, { df, postings, word });
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

