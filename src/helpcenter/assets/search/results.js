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

/* What is marked in the list and, through Material's ?h=, on the page opened from it:
 * the terms as our search matched them (人脸 核验 失败, not the query as one word), and a
 * lone character only when it is the whole query (不, 在 of a chat message mark noise). */
function markedTerms(text, matched) {
  const single = Array.from(text.replace(/\s+/g, "")).length <= 1;
  return [...matched].filter(term => Array.from(term).length > 1 || (single && isCjk(term)));
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
