"""Permanent issue IDs, kept in a registry file the build maintains like a lockfile.

The registry is a TSV with one row per ID ever given: `id status file title answer`
(`answer` is the start of the answer, folded, for recognising a reworded
question). Matching a build's questions to it, in this order:
1. same file and same title: the question stayed (or was reordered);
2. same title elsewhere: it moved to another file;
3. otherwise the most similar remaining row, if question and answer together
   are similar enough (MATCH_THRESHOLD): it was reworded or edited;
4. a question still unmatched gets the next number; a row whose question is gone
   is retired, and its number is never given again.
A retired row whose exact title comes back is revived: it is the same question.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from pathlib import Path

from .text import fold, similarity

HEADER = ["id", "status", "file", "title", "answer"]
ANSWER_CHARS = 120
# Mean of title and answer similarity (bigram Dice). A reworded title over the
# same answer scores ~0.7-0.9; two different questions of one file score < 0.35
# (they share product words only). tests/test_ids.py holds both cases.
MATCH_THRESHOLD = 0.5


@dataclass(frozen=True)
class Row:
    id: int
    status: str  # "active" or "retired"
    file: str
    title: str
    answer: str


def answer_key(answer: str) -> str:
    return fold(answer)[:ANSWER_CHARS]


def title_key(title: str) -> str:
    """The title as the registry stores it (one line, single spaces)."""
    return " ".join(title.split())


def load(path: Path) -> list[Row]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Row(int(r["id"]), r["status"], r["file"], r["title"], r["answer"] or "")
                for r in reader]


def dump(rows: list[Row]) -> str:
    lines = ["\t".join(HEADER)]
    for row in sorted(rows, key=lambda r: r.id):
        cells = [str(row.id), row.status, row.file, row.title, row.answer]
        lines.append("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Question:
    file: str
    title: str  # title_key()
    answer: str  # answer_key()


def assign(questions: list[Question], rows: list[Row]) -> tuple[list[int], list[Row], list[str]]:
    """IDs for `questions` (in order), the updated registry, and what changed."""
    ids: list[int | None] = [None] * len(questions)
    free = {r.id: r for r in rows if r.status == "active"}
    retired = {r.id: r for r in rows if r.status == "retired"}
    changes: list[str] = []

    def take(n: int, row: Row) -> None:
        ids[n] = row.id
        free.pop(row.id, None)
        retired.pop(row.id, None)

    by_place: dict[tuple[str, str], list[Row]] = {}
    by_title: dict[str, list[Row]] = {}
    for row in free.values():
        by_place.setdefault((row.file, row.title), []).append(row)
        by_title.setdefault(row.title, []).append(row)

    for n, q in enumerate(questions):  # 1. unchanged
        same = [r for r in by_place.get((q.file, q.title), []) if r.id in free]
        if same:
            take(n, same[0])
    for n, q in enumerate(questions):  # 2. moved
        if ids[n] is None:
            same = [r for r in by_title.get(q.title, []) if r.id in free]
            if same:
                row = max(same, key=lambda r: similarity(r.answer, q.answer))
                changes.append(f"#{row.id} moved: {row.file} -> {q.file}")
                take(n, row)
    pairs = []  # 3. reworded or edited
    for n, q in enumerate(questions):
        if ids[n] is None:
            for row in free.values():
                score = (similarity(row.title, q.title) + similarity(row.answer, q.answer)) / 2
                if score >= MATCH_THRESHOLD:
                    pairs.append((score, n, row.id))
    for _score, n, row_id in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if ids[n] is None and row_id in free:
            changes.append(f"#{row_id} reworded: {free[row_id].title} -> {questions[n].title}")
            take(n, free[row_id])
    for n, q in enumerate(questions):  # revived
        if ids[n] is None:
            row = next((r for r in retired.values() if r.title == q.title), None)
            if row:
                changes.append(f"#{row.id} restored: {q.title}")
                take(n, row)
    next_id = max((r.id for r in rows), default=0) + 1
    for n, q in enumerate(questions):  # 4. new
        if ids[n] is None:
            ids[n] = next_id
            changes.append(f"#{next_id} new: {q.title}")
            next_id += 1
    by_id = {r.id: r for r in rows}
    for row_id, row in free.items():
        by_id[row_id] = replace(row, status="retired")
        changes.append(f"#{row_id} retired: {row.title}")
    for n, q in enumerate(questions):
        by_id[ids[n]] = Row(ids[n], "active", q.file, q.title, q.answer)
    return [i for i in ids if i is not None], list(by_id.values()), changes
