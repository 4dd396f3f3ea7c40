/*
 * What the result list shows: records in the order readers need them, highlighted.
 */
"use strict";

/* The order of the shown results (indexes into `shown`): a reader who pasted a question's
 * very title gets that question first, whatever the weights say (punctuation and spacing
 * aside: 多大? is 多大？); one who pasted a piece of a heading (4 to 12 letters of it, at
 * least 4 of them more than question phrases: 怎么收费 is a way of asking, not a piece)
 * gets the headings that hold it before the rest, those of the product the reader named
 * or reads about when there is one; what readers taught comes before both. */
function pastedFirst(query, shown, records, taught, prefer) {
  const pasted = letters(query.original);
  const piece = pasted.length <= 12 && letters(query.text).length >= 4;
  const preferred = n => !prefer || prefer.products.has(PRODUCT_OF[shown[n][0]]);
  const place = (title, n) => shown[n][0] === taught ? 3 : title === pasted ? 2
    : piece && title.includes(pasted) && preferred(n) ? 1 : 0;
  return records.map(([, title], n) => [place(letters(title), n), n])
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, n]) => n);
}

/* The doc readers taught for this query: the lesson whose key is the query's, or is in it
 * with only chat filler and particles around it (index/key.py says the rule; the longest
 * lesson wins), the query as typed or with its slips corrected. 在吗？批下来要多久啊，急
 * is the lesson 批下来要多久; 注销备案要多久 is another question and keeps its results. */
function learnedDoc(texts) {
  let found = null, size = 0;
  for (const key of new Set(texts.map(queryKey))) {
    for (const [learned, doc] of LEARNED) {
      if (learned.length > size && teaches(key, learned)) {
        found = doc;
        size = learned.length;
      }
    }
  }
  return found;
}

function teaches(key, lesson) {
  if (!lesson || !key.includes(lesson)) return false;
  let rest = key.split(lesson);
  for (const phrase of manifest.chatFiller || []) rest = rest.map(part => part.split(phrase).join(""));
  return rest.every(part => Array.from(part).every(ch => PARTICLES_CHAR.test(ch)));
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, ch => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch]));
}

/* Escape the text, then wrap each occurrence of a marked word in a <mark> of its own
 * (the longest first where they overlap: 小程序, not 小程 and 程序). */
function highlight(text, marks) {
  const chars = Array.from(text);
  const folded = chars.map(ch => normalise(ch));
  const starts = new Array(chars.length).fill(0);  // position -> length of the mark starting there
  const taken = new Array(chars.length).fill(false);
  if (folded.join("").length === chars.length) {
    const joined = folded.join("");
    for (const term of [...marks].sort((a, b) => b.length - a.length)) {
      for (let at = joined.indexOf(term); at !== -1; at = joined.indexOf(term, at + 1)) {
        if (taken.slice(at, at + term.length).some(Boolean)) continue;
        starts[at] = term.length;
        taken.fill(true, at, at + term.length);
      }
    }
  }
  let out = "";
  for (let k = 0; k < chars.length;) {
    if (starts[k]) {
      out += `<mark>${escapeHtml(chars.slice(k, k + starts[k]).join(""))}</mark>`;
      k += starts[k];
    } else out += escapeHtml(chars[k++]);
  }
  return out;
}
