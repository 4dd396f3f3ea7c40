"""Permanent issue IDs, kept in a registry file the build maintains like a lockfile.

The registry is a TSV with one row per ID ever given: `id status file title answer`
(`answer` is the start of the answer, folded, for recognising a reworded
question). Matching a build's questions to it, in this order:
1. same file and same title: the question stayed (or was reordered);
2. same title elsewhere: it moved to another file;
3. otherwise the most similar remaining row, if the titles are alike and the
   answers agree (`reworded`): it was reworded or edited;
4. a question still unmatched gets the next number; a row whose question is gone
   is retired, and its number is never given again.
A retired row whose exact title comes back is revived: it is the same question.

Numbers stay sequential (1, 2, 3 …: short enough to read out on the phone), so
the registry must hold every number from 1 to the highest: a missing row is an
error, never healed by handing out new numbers, and two rows with one number
(what keeping both sides of a merge conflict leaves) are an error naming both
questions. `load` checks all of this; `write` replaces the file atomically.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from helpcenter.text import fold, similarity

HEADER = ["id", "status", "file", "title", "answer"]
STATUSES = ("active", "retired")
ANSWER_CHARS = 120
# A reworded question must still read like the same question: its title at least
# TITLE_MIN similar (bigram Dice; reworded titles over the same answer score
# 0.67-0.72, two questions of one file sharing product words up to ~0.45), and
# title and answer together at least MATCH_THRESHOLD. A short answer (可以。,
# 不需要。) says nothing about which question it answers, so then the title alone
# must reach SHORT_TITLE_MIN. tests/test_ids.py holds the cases on both sides.
TITLE_MIN = 0.5
MATCH_THRESHOLD = 0.5
SHORT_ANSWER = 30  # folded characters
SHORT_TITLE_MIN = 0.65


class RegistryError(Exception):
    """The registry cannot be trusted as it is; the message says where and how to fix it."""


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


def _recover_hint(path: Path) -> str:
    return (f"它在 git 里有完整的历史：用 `git log -p -- {path.name}` 找回丢失或被改坏的行"
            f"（或 `git checkout <提交> -- {path}` 恢复整个文件），再重新构建。")


def load(path: Path) -> list[Row]:
    """The registry's rows; RegistryError when it does not parse or is not whole."""
    if not path.exists():
        return []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RegistryError(f"{path}:{line}: 问题 ID 登记表不是完整的 UTF-8 文本（可能写入时被中断）。"
                            + _recover_hint(path)) from None
    lines = text.replace("\r\n", "\n").split("\n")  # a checkout with CRLF line ends reads the same
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != HEADER:
        raise RegistryError(f"{path}:1: 问题 ID 登记表的表头应为 {' '.join(HEADER)}（以制表符分隔）。"
                            + _recover_hint(path))
    rows: list[Row] = []
    where: dict[int, int] = {}
    for number, line in enumerate(lines[1:], 2):
        if line.startswith(("<<<<<<<", "=======", ">>>>>>>", "|||||||")):
            raise RegistryError(
                f"{path}:{number}: 问题 ID 登记表里还有合并冲突标记。保留冲突两边的所有行，只删除标记行"
                "（<<<<<<< ======= >>>>>>>），再运行 mkdocs build：两边若给了同一个编号，构建会指出并说明如何处理。")
        cells = line.split("\t")
        if len(cells) != len(HEADER) or not cells[0].isdigit() or cells[1] not in STATUSES:
            raise RegistryError(f"{path}:{number}: 问题 ID 登记表的这一行不完整或格式不对："
                                f"“{line[:60]}”。" + _recover_hint(path))
        row = Row(int(cells[0]), cells[1], cells[2], cells[3], cells[4])
        if row.id in where:
            first = rows[where[row.id]]
            raise RegistryError(
                f"{path}:{number}: 编号 {row.id} 登记了两次——第 {where[row.id] + 2} 行"
                f"“{first.title}”（{first.file}）和第 {number} 行“{row.title}”（{row.file}）。"
                "这通常是两个分支各自新增问题后合并时两边都保留了。请确认哪一个问题已经以 "
                f"/q/{row.id}/ 发布过（看线上站点），保留它那一行，删除另一行，然后运行 mkdocs build："
                "被删行的问题会得到一个新编号。")
        where[row.id] = len(rows)
        rows.append(row)
    missing = sorted(set(range(1, max(where, default=0) + 1)) - set(where))
    if missing:
        shown = "、".join(map(str, missing[:10])) + (" 等" if len(missing) > 10 else "")
        raise RegistryError(
            f"{path}: 问题 ID 登记表缺少编号 {shown} 的行（编号从 1 连续登记，删除的问题也保留为 retired）。"
            "不会为这些问题重新编号，否则已经发出的链接会失效。" + _recover_hint(path))
    return rows


def dump(rows: list[Row]) -> str:
    lines = ["\t".join(HEADER)]
    for row in sorted(rows, key=lambda r: r.id):
        cells = [str(row.id), row.status, row.file, row.title, row.answer]
        lines.append("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> None:
    """Replace `path` atomically: a reader (or a crash) sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Question:
    file: str
    title: str  # title_key()
    answer: str  # answer_key()


def reworded(row: Row, question: Question) -> float | None:
    """How surely `question` is `row` reworded or edited (None: not the same question)."""
    title = similarity(row.title, question.title)
    answer = similarity(row.answer, question.answer)
    if title < TITLE_MIN or (title + answer) / 2 < MATCH_THRESHOLD:
        return None
    if min(len(row.answer), len(question.answer)) < SHORT_ANSWER and title < SHORT_TITLE_MIN:
        return None
    return (title + answer) / 2


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
                row = max(same, key=lambda r: (similarity(r.answer, q.answer), -r.id))
                changes.append(f"#{row.id} moved: {row.file} -> {q.file}")
                take(n, row)
    pairs = []  # 3. reworded or edited
    for n, q in enumerate(questions):
        if ids[n] is None:
            for row in free.values():
                score = reworded(row, q)
                if score is not None:
                    pairs.append((score, n, row.id))
    for _score, n, row_id in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if ids[n] is None and row_id in free:
            changes.append(f"#{row_id} reworded: {free[row_id].title} -> {questions[n].title}")
            take(n, free[row_id])
    for n, q in enumerate(questions):  # revived
        if ids[n] is None:
            row = min((r for r in retired.values() if r.title == q.title), key=lambda r: r.id, default=None)
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
    for row_id, row in sorted(free.items()):
        by_id[row_id] = replace(row, status="retired")
        changes.append(f"#{row_id} retired: {row.title}")
    for n, q in enumerate(questions):
        by_id[ids[n]] = Row(ids[n], "active", q.file, q.title, q.answer)
    return [i for i in ids if i is not None], list(by_id.values()), changes
