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


def own_topics(issues: list[Issue], path: Path) -> dict[str, tuple[int, Issue]]:
    """Each `elsewhere:` word the FAQ's questions or answers use (as readers read them: a
    word inside a link's address does not count) -> (its line in the file, a question using it)."""
    texts = [(issue, normalise(issue.title + "\n" + plain_text(issue.answer))) for issue in issues]
    found = {}
    for word, line in word_lines(path).items():
        used = next((issue for issue, text in texts if normalise(word) in text), None)
        if used:
            found[word] = (line, used)
    return found


def messages(used: dict[str, tuple[int, Issue]], path: Path, help_center: bool) -> list[Diagnostic]:
    """On one product's FAQ, each word is a warning: readers asking about it would be told
    没有找到. On a help center of several products the list serves all of them: a word one
    of them answers is simply not another product's topic there (said once, as news)."""
    if help_center:
        return [Diagnostic(str(path), min(line for line, _ in used.values()),
                           f"elsewhere 里的 {len(used)} 个词（{'、'.join(sorted(used)[:8])}…）是本站某个产品的话题，"
                           "在这个帮助中心里搜索不把它们当作别处的话题。", "info")] if used else []
    return [Diagnostic(str(path), line, f"elsewhere 里的“{word}”是本 FAQ 自己的话题（问题“{issue.title}”"
                       f"里就有）：读者问到它时搜索会说“没有找到”。请从 elsewhere 删掉它；"
                       "这个列表只放本 FAQ 不回答、别的产品回答的话题。") for word, (line, issue) in used.items()]
