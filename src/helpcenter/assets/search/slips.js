/*
 * Slips: a character a reader may have meant instead (the same toneless pinyin, a
 * look-alike a screenshot's OCR confuses), tried where the index lacks both of its pairs.
 */
"use strict";

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
