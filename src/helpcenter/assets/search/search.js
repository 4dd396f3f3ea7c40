/*
 * A query, answered: Material's QUERY in, its RESULT out. In phases: what was asked
 * (asked), the index files it needs within the request budget (fetchFor), every
 * document's score over the query's variants (rank), the records shown (present), and
 * how sure search is (coverageOf, then verdict.js).
 */
"use strict";

const MAX_RESULTS = 10;  // what Material lists at once

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

let queue = Promise.resolve();

self.onmessage = ({ data: message }) => {
  if (message.type === KB_PROTOCOL.SETUP) {
    queue = queue.then(() => setup(message.data)).catch(error => console.error("kb-search:", error));
  } else if (message.type === KB_PROTOCOL.QUERY) {
    queue = queue
      .then(() => search(message.data))
      .catch(error => { console.error("kb-search:", error); return { items: [], total: 0 }; })
      .then(result => self.postMessage({ type: KB_PROTOCOL.RESULT, data: result }));
  }
};

async function search(raw) {
  const query = asked(raw);
  if (!query) return { items: [], total: 0 };
  const found = await fetchFor(query);
  const ranking = rank(query, found);
  if (!ranking.ranked.length) {
    return verdict(raw, { chars: 0, question: 0, unpaired: 1, rare: 0, share: 0, elsewhere: "" }, { items: [], total: 0 });
  }
  const items = await present(query, found, ranking);
  return verdict(raw, coverageOf(query, found, ranking), { items, total: ranking.ranked.length });
}

/* The query folded (normalise), and without its question phrases; null when empty. 要等几天,
 * 多久能批下来: the topic is what to match; how long is asked by the questions and answers
 * that state a duration (scoreVariant). */
function asked(raw) {
  const original = normalise(raw || "").trim();
  if (!original) return null;
  return { raw, original, text: dropIgnored(original, []),
           howLong: manifest.durationCues.some(cue => original.includes(cue)) };
}

/* Round trips are what a phone waits for. The dictionary (and the files of the query's
 * ASCII words, if any) say which of its terms the site has, so rewriting, slips and
 * lone characters are all decided before one posting is fetched; then, in one round,
 * the t/ files of the terms to score, rarest first, within the budget. Which postings
 * matter most when a long message needs more files than the budget: a "how long" query's
 * answers that state a duration; the pairs and words of the query as written; those of
 * its rewritings; single characters, which count least. Within each, the rarest first: a
 * common term left out changes every score alike. */
async function fetchFor(query) {
  const index = queryIndex(await siteDictionary());
  const { lookup } = index;
  await index.load(new Set(asciiPaths(query.text)));
  const pairs = q => [...q.bigrams, ...q.words.filter(w => lookup(w))];
  const singles = q => [...q.singles, ...q.bigrams.filter(b => !lookup(b)).flatMap(b => Array.from(b))];
  const first = query.howLong ? [manifest.durationTerm] : [];
  const budget = () => Math.min(LAYOUT.postingFiles, REQUESTS - index.asciiFiles() - RECORD_FILES);
  /* the files of the query as written are the first chosen whatever its rewritings add:
   * their requests go out now, while the rest is worked out (a rewriting's ASCII word
   * may take one more a/ file: one fewer is started) */
  const own = queryTerms(query.text);
  index.choose(first, [pairs(own)], budget() - 1).chosen.forEach(termFile);
  const known = alias => alias.length > 1 && !!lookup(alias);
  const texts = variants(query.text, known);
  const corrected = correct(query.text, slipCandidates(query.text, lookup), lookup);
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
  return { index, lookup, texts, queries, fixedFrom, recordBudget };
}

/* A document's score is its best over the query's variants. The reader's own words count
 * fully, rewriting words the FAQ never uses almost fully, and rewriting words the FAQ does
 * use (报错 -> 出错) less. 要等几天, 多久能批下来: among the matches, answers that state a
 * duration. On a help center, the product the reader names or reads about counts more; a
 * question whose title holds a pasted error code comes before the rest; what readers
 * taught (data/learned/) comes first, whatever the weights say. */
function rank(query, { index, lookup, texts, queries, fixedFrom }) {
  const timed = new Set(query.howLong ? ((lookup(manifest.durationTerm) || {}).postings || []).map(([doc]) => doc) : []);
  const best = new Map();
  const filled = new Map();  // doc -> the largest share of its question a variant hit
  queries.forEach((q, n) => {
    const trust = n >= fixedFrom ? WEIGHTS.corrected
      : n === 0 ? 1 : texts[n] === texts[1] ? WEIGHTS.unknownAlias : WEIGHTS.anyAlias;
    for (const [doc, [s, question]] of scoreVariant(q, index, timed)) {
      const value = s * trust;
      if (value > (best.get(doc) || 0)) best.set(doc, value);
      filled.set(doc, Math.max(filled.get(doc) || 0, question));
    }
  });
  const prefer = preferred(query.original);
  if (prefer) {
    for (const [doc, s] of best) if (prefer.products.has(PRODUCT_OF[doc])) best.set(doc, s * (1 + prefer.weight));
  }
  const holders = [...codeHolders(codesOf(query.raw), lookup)].filter(doc => best.has(doc));
  if (holders.length) {
    const top = Math.max(...best.values());
    for (const doc of holders) best.set(doc, best.get(doc) + top);
  }
  const taught = learnedDoc([query.original, ...texts.slice(fixedFrom, fixedFrom + 1)]);  // and slips corrected
  if (taught !== null) best.set(taught, Math.max(0, ...best.values()) + 1);
  const ranked = [...best.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return { ranked, filled, timed, taught };
}

/* The shown results' records, in the order readers need them, highlighted. */
async function present(query, { recordBudget, lookup }, { ranked, taught }) {
  const top = ranked[0][1];
  const shown = withinRecordFiles(ranked.filter(([, s]) => s >= top * 0.2).slice(0, MAX_RESULTS), recordBudget);
  const records = await Promise.all(shown.map(([doc]) => recordFile(Math.floor(doc / LAYOUT.records))
    .then(rows => rows[doc % LAYOUT.records])));
  const order = pastedFirst(query, shown, records, taught, preferred(query.original));
  const runs = markRuns(query.text, query.raw, await wordLookup(lookup));
  const marks = kbMarks(runs);
  /* the page opened from a result marks alike (assets/kb.js; Material's own highlighting
   * would mark every pair, everywhere on the page) */
  const h = runs.length ? "?h=" + encodeURIComponent(runs.join(" ")) : "";
  return order.map(n => {
    const [location, title, excerpt, tags, errors, fix] = records[n];
    const product = productOf(shown[n][0]);
    /* the labels are ours, not a match */
    const text = (product ? `<span class="kb-product">${escapeHtml(product.name)}</span> ` : "")
      + (errors.length ? `报错提示：${highlight(errors.join("；"), marks)}　${highlight(excerpt, marks)}`
        : highlight(excerpt, marks));
    return [{ location: location + h, title: highlight(title, marks), text, product: product ? product.name : "",
              score: Math.round(shown[n][1] * 100) / 100, terms: {}, tags: tags.map(escapeHtml), fix }];
  });
}

/* What the best result holds of the query, for verdict.js. */
function coverageOf(query, { lookup, texts, queries }, { ranked, filled, timed, taught }) {
  const best = ranked[0][0];
  /* a "how long" query's question words say what is asked, not about what: when the best
   * result states a duration they are answered, and neither held nor missing */
  const answeredByDuration = new Set(timed.has(best) ? texts.flatMap(cuePairs) : []);
  const held = queries.map(q => specificityHeld(q, best, lookup, answeredByDuration));
  return {
    chars: Math.max(...texts.map(text => heldBy(text, best, lookup))),
    question: filled.get(best),
    /* of what is asked about: 感冒了吃什么药 holds only 什么 of the site's words */
    unpaired: Math.min(...texts.map(text => unpairedShare(dropIgnored(text, ASKING), lookup))),
    rare: Math.max(...held.map(h => h.rare)),
    share: Math.max(...held.map(h => h.share)),
    elsewhere: asWritten(query.raw, otherTopic(query.text, best, lookup)),
    learned: taught !== null,  // readers taught this answer: it is one
  };
}
