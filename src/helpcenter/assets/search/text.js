/*
 * A query as the index sees it: folded (NFKC, lower case, Traditional -> Simplified),
 * question phrases and chat filler taken out, colloquial words rewritten to the FAQ's
 * (data/synonyms.yml), cut into the index's terms.
 */
"use strict";

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


/* A text's letters and digits only, folded as queries are. */
function letters(text) {
  return normalise(text).replace(/[^\p{L}\p{N}]+/gu, "");
}

/* The key of a query, as the report groups readers' queries and as what readers taught is
 * matched: index/key.py says the rule, and tests/test_contracts.py runs both. */
function queryKey(text) {
  const folded = normalise(text);
  return letters(dropIgnored(folded, [])) || letters(folded);
}

