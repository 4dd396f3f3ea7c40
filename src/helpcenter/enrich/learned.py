"""What readers taught the search: the suggestions an editor accepted from the readers'
report (`scripts/dev.py report`, guide/learning-from-readers.md), one entry per query:

    - query: 批下来要多久          # as readers typed it
      id: 12                        # the permanent ID of the issue they wanted
      title: 备案审核流程需要多长时间？  # (the report writes title, visits and dates
      visits: 3                     #  so an editor can judge; the build reads query and id)

The file is data/learned/<source name>.yml (KB_LEARNED overrides it). A missing file
means nothing is learned yet. The search puts the issue first for that query, and for the
same query with other chat filler around it, words the site does not use
(docs/assets/kb-search/worker.js); nothing else changes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from helpcenter.model import Diagnostic


@dataclass(frozen=True)
class Lesson:
    query: str
    issue_id: str
    line: int


def load(path: Path, live: set[str], retired: set[str]) -> tuple[list[Lesson], list[Diagnostic]]:
    """The lessons of `path`, and a warning (file:line) for each entry the build cannot
    use: bad YAML (nothing is learned), no query, an unknown or a retired ID."""
    if not path.exists():
        return [], []
    where = str(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", exc)
        return [], [Diagnostic(where, mark.line + 1 if mark else 1,
                               f"读者教给搜索的说法不是合法的 YAML（{problem}），这次一条也没有用上。")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [Diagnostic(where, root.start_mark.line + 1,
                               "应为一个列表：每条是 query（读者的说法）和 id（问题编号）。")]
    lessons, problems = [], []
    for node in root.value:
        line = node.start_mark.line + 1
        entry = yaml.safe_load(yaml.serialize(node)) if isinstance(node, yaml.MappingNode) else None
        query = str(entry.get("query") or "").strip() if isinstance(entry, dict) else ""
        issue_id = str(entry.get("id") or "").strip() if isinstance(entry, dict) else ""
        if not query or not issue_id:
            problems.append(Diagnostic(where, line, "这一条缺少 query（读者的说法）或 id（问题编号），没有用上。"))
        elif issue_id in retired:
            problems.append(Diagnostic(where, line, f"问题 #{issue_id} 已删除，“{query}”没有用上；"
                                                    "请改成现在回答它的问题的编号，或删掉这一条。"))
        elif issue_id not in live:
            problems.append(Diagnostic(where, line, f"没有编号为 {issue_id} 的问题，“{query}”没有用上；请检查编号。"))
        else:
            lessons.append(Lesson(query, issue_id, line))
    return lessons, problems
