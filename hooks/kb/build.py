"""Build the KnowledgeBase model from the sources: read, parse, name, number."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import dialect, durations, errors, ids, tags
from .model import Category, Diagnostic, KnowledgeBase
from .slugs import unique_slugs
from .source import read_sources


@dataclass
class Registry:
    path: Path
    rows: list[ids.Row]
    changes: list[str]

    @property
    def text(self) -> str:
        return ids.dump(self.rows)

    @property
    def stale(self) -> bool:
        """True when the file on disk differs from what this build needs."""
        current = self.path.read_text(encoding="utf-8") if self.path.exists() else ""
        return current != self.text


def _category_title(rel: str, category: Category) -> str:
    first = next((e for e in category.entries if getattr(e, "level", None) == 1), None)
    if first is not None and first.heading:
        return first.heading
    return PurePosixPath(rel).stem or PurePosixPath(rel).name


def load(source: Path, registry_path: Path, taxonomy: tags.Taxonomy) -> tuple[KnowledgeBase, Registry]:
    files, problems = read_sources(source)
    categories: list[Category] = []
    for src in files:
        category, found = dialect.parse(src.rel, src.text)
        problems.extend(found)
        category.title = _category_title(src.rel, category)
        category.folders = PurePosixPath(src.rel).parent.parts
        categories.append(category)
    for category, slug in zip(categories, unique_slugs(
            [str(PurePosixPath(c.key).with_suffix("")) for c in categories]), strict=True):
        category.slug = slug
    kb = KnowledgeBase(categories, problems)

    issues = kb.issues
    rows = ids.load(registry_path)
    numbers, rows, changes = ids.assign(
        [ids.Question(i.file, ids.title_key(i.title), ids.answer_key(i.answer)) for i in issues], rows)
    for issue, number in zip(issues, numbers, strict=True):
        issue.id = str(number)
        issue.tags = tags.assign(taxonomy, issue.title, issue.answer, issue.id)
        issue.errors = errors.extract(issue.title, issue.answer)
        issue.waits = durations.find(issue.answer)
    kb.tag_descriptions = taxonomy.descriptions
    kb.diagnostics.extend(_duplicates(kb))
    return kb, Registry(registry_path, rows, changes)


def _duplicates(kb: KnowledgeBase) -> list[Diagnostic]:
    """The same question twice: both are published, but an editor should know."""
    seen: dict[str, tuple[str, int]] = {}
    found = []
    for issue in kb.issues:
        if issue.title in seen:
            file, line = seen[issue.title]
            found.append(Diagnostic(
                issue.file, issue.line,
                f"重复的问题“{issue.title}”，与 {file}:{line} 相同；两处都已发布，请合并或改写其一。"))
        else:
            seen[issue.title] = (issue.file, issue.line)
    return found
