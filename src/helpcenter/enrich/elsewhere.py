"""`elsewhere:` in data/synonyms.yml lists other products' topics (SSL, 发票 …): a query
naming one that its best result never mentions is told 没有找到 and sent to 提交工单. The
list is for topics this FAQ does not cover; a word the FAQ being built uses in its own
questions or answers is its own topic, and the list would turn its readers away. The
build says so, naming the line."""

from __future__ import annotations

from pathlib import Path

import yaml

from helpcenter.model import Diagnostic, Issue
from helpcenter.text import normalise, plain_text


def word_lines(path: Path) -> dict[str, int]:
    """Each word of `elsewhere:` -> its line in the file."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}  # load_vocabulary has said what is wrong with the file
    if not isinstance(root, yaml.MappingNode):
        return {}
    for key, value in root.value:
        if key.value == "elsewhere" and isinstance(value, yaml.SequenceNode):
            return {str(item.value): item.start_mark.line + 1 for item in value.value
                    if isinstance(item, yaml.ScalarNode)}
    return {}


def own_topics(issues: list[Issue], path: Path) -> list[Diagnostic]:
    """A warning for each `elsewhere:` word the FAQ's questions or answers use (as readers
    read them: a word inside a link's address does not count)."""
    texts = [(issue, normalise(issue.title + "\n" + plain_text(issue.answer))) for issue in issues]
    problems = []
    for word, line in word_lines(path).items():
        used = next((issue for issue, text in texts if normalise(word) in text), None)
        if used:
            problems.append(Diagnostic(str(path), line, f"elsewhere 里的“{word}”是本 FAQ 自己的话题（问题“{used.title}”"
                                       f"里就有）：读者问到它时搜索会说“没有找到”。请从 elsewhere 删掉它；"
                                       "这个列表只放本 FAQ 不回答、别的产品回答的话题。"))
    return problems
