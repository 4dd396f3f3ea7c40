#!/usr/bin/env python3
"""Query sets for an unfamiliar product: its exact titles, and fragments of 4-8
characters that stand in one title only (what a reader copies from a heading they saw).
Written from a built site's ID registry, so the expected IDs are the site's own.

  python bench/title_queries.py IDS.tsv OUT_PREFIX [--sample N]
  -> OUT_PREFIX-titles.tsv, OUT_PREFIX-fragments.tsv (bench/search_quality.py --queries)

Drawn with a fixed seed; nothing is tuned on these sets (they are regression checks of
exact matching, not of meaning).
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from helpcenter.text import fold


def live_titles(registry: Path) -> dict[str, list[str]]:
    """Title -> the IDs of the live questions asked with it (or with the same words and
    other punctuation: 多大? and 多大？ in two files are one question to a reader)."""
    by_words: dict[str, list[tuple[str, str]]] = {}
    for line in registry.read_text(encoding="utf-8").splitlines()[1:]:
        number, status, _, title, *_ = line.split("\t")
        if status == "active":
            by_words.setdefault(fold(title), []).append((title, number))
    return {title: [n for _, n in same] for same in by_words.values() for title, _ in same}


def _joined(pair: str) -> bool:
    """Two characters of one Latin word or number."""
    return pair.isascii() and pair.isalnum()


def fragment(title: str, others: list[str], rng: random.Random) -> str | None:
    """4-8 characters of the title that no other title holds, never cutting a Latin word
    or number in two (Builde of Builder is no one's query), or None."""
    text = re.sub(r"[？?。，,！!：:“”\"「」（）()\s]+", " ", title).strip()
    for _ in range(40):
        size = rng.randint(4, 8)
        if len(text) <= size:
            return None
        start = rng.randrange(0, len(text) - size)
        piece = text[start:start + size].strip()
        cuts_a_word = any(0 < at < len(text) and _joined(text[at - 1: at + 1]) for at in (start, start + size))
        if not cuts_a_word and len(fold(piece)) >= 4 and sum(fold(piece) in fold(other) for other in others) == 1:
            return piece
    return None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("registry", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--sample", type=int, default=200)
    args = ap.parse_args()
    rng = random.Random(29)
    titles = live_titles(args.registry)
    chosen = rng.sample(sorted(titles), min(args.sample, len(titles)))
    names = list(titles)
    rows_t = [f"{t}\t{','.join(titles[t])}\ttitle" for t in chosen]
    rows_f = [f"{piece}\t{','.join(titles[t])}\tfragment" for t in chosen if (piece := fragment(t, names, rng))]
    for suffix, rows in (("titles", rows_t), ("fragments", rows_f)):
        path = args.out.parent / f"{args.out.name}-{suffix}.tsv"
        path.write_text("query\texpected\tkind\n" + "\n".join(rows) + "\n", encoding="utf-8")
        print(path, len(rows))


if __name__ == "__main__":
    main()
