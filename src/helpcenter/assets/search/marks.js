/*
 * What a search result marks: the query's runs of pieces, as the result's ?h= carries them
 * (results.js markRuns: "人脸.核验.-不.通过 备案"; "-": not a mark of its own), and what may
 * be marked from them: a piece of its own, or three or more characters running from one
 * piece's start to another's end (人脸核验, 不通过). Loaded by the search worker (the result
 * list) and by every page (the page opened from a result, assets/kb.js): both mark alike.
 */
"use strict";

const KB_MARK_LONGEST = 16;  // characters: a pasted paragraph is not one mark

function kbMarks(runs) {
  const out = new Set();
  for (const run of runs) {
    const pieces = run.split(".").filter(Boolean);
    pieces.forEach((piece, i) => {
      if (!piece.startsWith("-")) out.add(piece);
      let text = piece.replace(/^-/, "");
      for (let j = i + 1; j < pieces.length; j++) {
        text += pieces[j].replace(/^-/, "");
        const size = Array.from(text).length;
        if (size > KB_MARK_LONGEST) break;
        if (size >= 3) out.add(text);
      }
    });
  }
  return [...out].sort((a, b) => b.length - a.length);
}
