#!/usr/bin/env python3
"""Which durations become a notice above an answer (需要等待 / 须在此时限内完成), on real
FAQ folders: every notice with its question and sentence, so a person can judge each one
(precision: how many notices are right), and the count per folder.

  python bench/durations.py ../shared/corpus/*-faq > bench/results/durations.txt

bench/results/durations.md has the last hand judgement.
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpcenter.dialect.parse import parse
from helpcenter.dialect.source import read_sources
from helpcenter.enrich import durations


def notices(folder: Path) -> list[tuple[str, str, str, str]]:
    """(kind, duration, question, sentence) of every notice a build of `folder` shows."""
    files, _ = read_sources(folder)
    found = []
    for src in files:
        category, _ = parse(src.rel, src.text)
        for issue in category.issues:
            for d in durations.distinct(durations.find(issue.answer)):
                if d.kind in durations.NOTICE_KINDS:
                    found.append((d.kind, d.text, issue.title, d.sentence))
    return found


def main() -> None:
    total = 0
    for folder in map(Path, sys.argv[1:]):
        rows = notices(folder)
        total += len(rows)
        print(f"## {folder.name}: {len(rows)} notices")
        for kind, text, title, sentence in rows:
            print(f"{kind}\t{text}\t{title}\t{' '.join(sentence.split())}")
    print(f"## all: {total} notices")


if __name__ == "__main__":
    main()
