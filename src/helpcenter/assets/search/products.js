/*
 * A help center of several products (manifest.products): which products a query names,
 * which one the reader is reading about, and the error codes pasted from logs. A
 * one-product site has no products, and nothing here changes its ranking.
 */
"use strict";

/* How much a product the reader names (COS 上传文件提示 403), or whose pages the search box
 * is on, is preferred: a share of each of its documents' scores (how they were chosen:
 * guide/search.md). A product the query names outweighs the page's. */
const PRODUCT_WEIGHTS = { named: 0.25, context: 0.6 };

/* The products a normalised query names: an ASCII word whole (cos, not in cost), other
 * words as they stand, spaces aside (ICP 备案 in icp备案). */
function namedProducts(text) {
  if (!PRODUCTS.length) return new Set();
  const ascii = new Set([...text.matchAll(ASCII)].map(([word]) => word));
  const compact = text.replace(/\s+/g, "");
  const named = new Set();
  PRODUCTS.forEach(({ words }, n) => {
    if (words.some(word => (/^[a-z0-9]+$/.test(word) ? ascii.has(word) : compact.includes(word.replace(/\s+/g, ""))))) {
      named.add(n);
    }
  });
  return named;
}

/* The products a query's results lean to, with how much: those it names (all of them
 * named means none preferred), else the one whose pages the box is on. */
function preferred(text) {
  const named = namedProducts(text);
  if (named.size && named.size < PRODUCTS.length) return { products: named, weight: PRODUCT_WEIGHTS.named };
  if (!named.size && CONTEXT >= 0) return { products: new Set([CONTEXT]), weight: PRODUCT_WEIGHTS.context };
  return null;
}

function productOf(doc) {
  return PRODUCT_OF ? PRODUCTS[PRODUCT_OF[doc]] : null;
}

/* Error codes and identifiers pasted from a log, as written (case tells them): CamelCase
 * (AccessDenied, NoSuchKey, java.lang.NoClassDefFoundError) and UPPER_SNAKE
 * (ERROR_CGI_URL_NOTMATCH) words; each as the index's ASCII words. The strongest
 * evidence a reader can give: a question whose title or error text holds one exactly
 * comes first. */
function codesOf(raw) {
  const codes = [];
  for (const [token] of String(raw).matchAll(/[A-Za-z][A-Za-z0-9_.]*[A-Za-z0-9]/g)) {
    for (const part of token.split(".")) {
      if (part.length >= 5 && (/[a-z][A-Z]/.test(part) || /[A-Za-z]_[A-Za-z]/.test(part))) {
        codes.push([...normalise(part).matchAll(ASCII)].map(([word]) => word));
      }
    }
  }
  return codes;
}

/* The documents whose title or error text holds every word of one of the codes. */
function codeHolders(codes, lookup) {
  const { title: TITLE, error: ERROR } = LAYOUT.flags;
  const holders = new Set();
  for (const words of codes) {
    let docs = null;
    for (const word of words) {
      const entry = lookup(word);
      const here = new Set(((entry && entry.postings) || []).filter(([, bits]) => bits & (TITLE | ERROR)).map(([doc]) => doc));
      docs = docs ? new Set([...docs].filter(doc => here.has(doc))) : here;
    }
    for (const doc of docs || []) holders.add(doc);
  }
  return holders;
}
