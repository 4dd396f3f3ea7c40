/*
 * The search worker's state, set up once from the manifest (helpcenter/index/build.py)
 * Material hands over: the character classes and the posting layout arrive in its
 * contract, so the worker cuts text and reads files exactly as the index was written.
 * The worker's other files (search/*.js, loaded by importScripts) read what is set here.
 */
"use strict";

const indexUrl = new URL("../../search/kb/", self.location.href);
let manifest = null;
let CJK, CJK_CHAR, ASCII, ASCII_WORD, PARTICLES, PARTICLES_CHAR, LAYOUT;
let ASKING;  // the question words, then the how-long words: what a query asks, not about what
let ASKING_PAIRS;  // their pairs: 多少 is rare in a FAQ, and says nothing of which question
let ALIASES;  // the synonyms, longest first: {alias, leading (marked ^), canonicals}
let CHOICES;  // the most canonical words one alias has
let LEARNED;  // [query key, doc]: what readers taught (data/learned/, accepted by an editor)
let DICTIONARY;  // Promise<term -> {df, file}>: every term but ASCII words (index/files.py)
let PRODUCTS = [];  // a help center's products: {slug, name, words that name it}; none for one product
let PRODUCT_OF = null;  // document -> its product's index
let CONTEXT = -1;  // the product whose pages this search box is on (the worker's ?product=), else -1

/* Material fetched search/search_index.json and passes its config on; the build put
 * our manifest there (the kb plugin), so setting up costs no request of its own. */
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
  LEARNED = (manifest.learned || []).map(([query, doc]) => [queryKey(query), doc]).filter(([key]) => key);
  PRODUCTS = (manifest.products || []).map(([slug, name, words]) => ({ slug, name, words }));
  if (PRODUCTS.length) {
    PRODUCT_OF = new Uint16Array(manifest.docs);
    const runs = manifest.productRuns;
    runs.forEach(([first, product], n) => PRODUCT_OF.fill(product, first, n + 1 < runs.length ? runs[n + 1][0] : manifest.docs));
    CONTEXT = PRODUCTS.findIndex(({ slug }) => slug === new URL(self.location.href).searchParams.get("product"));
  }
  self.postMessage({ type: KB_PROTOCOL.READY });
}
