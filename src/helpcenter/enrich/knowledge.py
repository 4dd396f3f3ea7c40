"""Build the KnowledgeBase model from the sources: read, parse, name, number."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from helpcenter.dialect import doclinks, sanitize, validate
from helpcenter.dialect import parse as dialect
from helpcenter.dialect.source import read_sources
from helpcenter.enrich import durations, errors, history, ids, moves, related
from helpcenter.enrich import taxonomy as tags
from helpcenter.model import Category, Diagnostic, KnowledgeBase


@dataclass
class Registry:
    """The ID registry and the category moves, as this build needs them."""

    path: Path
    rows: list[ids.Row]
    moved: dict[str, str]
    changes: list[str]

    @property
    def moved_path(self) -> Path:
        return self.path.with_name(self.path.stem + ".moved.tsv")

    def files(self) -> dict[Path, str]:
        out = {self.path: ids.dump(self.rows)}
        if self.moved or self.moved_path.exists():
            out[self.moved_path] = moves.dump(self.moved)
        return out

    @property
    def stale(self) -> bool:
        """True when the files on disk differ from what this build needs."""
        return any((path.read_text(encoding="utf-8") if path.exists() else "") != text
                   for path, text in self.files().items())


def _category_title(rel: str, category: Category) -> str:
    first = next((e for e in category.entries if getattr(e, "level", None) == 1), None)
    if first is not None and first.heading:
        return first.heading
    return PurePosixPath(rel).stem or PurePosixPath(rel).name


def load(source: Path, registry_path: Path, taxonomy: tags.Taxonomy,
         image_hosts: tuple[str, ...] = sanitize.IMAGE_HOSTS) -> tuple[KnowledgeBase, Registry]:
    files, problems = read_sources(source)
    categories: list[Category] = []
    source_counts = {}
    for src in files:
        category, found = dialect.parse(src.rel, src.text)
        problems.extend(found)
        problems.extend(validate.check_file(src.rel, src.text, image_hosts))
        source_counts[src.rel] = validate.count_questions(src.text)
        category.title = _category_title(src.rel, category)
        category.folders = PurePosixPath(src.rel).parent.parts
        categories.append(category)
    slugs = moves.slugs_of([c.key for c in categories])  # one rule, so moves can recompute old slugs
    for category in categories:
        category.slug = slugs[category.key]
    kb = KnowledgeBase(categories, problems)
    kb.source_counts = source_counts

    issues = kb.issues
    before = ids.load(registry_path)
    numbers, rows, changes = ids.assign(
        [ids.Question(i.file, ids.title_key(i.title), ids.answer_key(i.answer)) for i in issues], before)
    for issue, number in zip(issues, numbers, strict=True):
        issue.id = str(number)
        issue.tags = tags.assign(taxonomy, issue.title, issue.answer, issue.id)
        issue.errors = errors.extract(issue.title, issue.answer)
        issue.waits = durations.distinct(durations.find(issue.answer))
    kb.tag_descriptions = taxonomy.descriptions
    kb.retired = [r for r in rows if r.status == "retired"]
    live = {c.slug for c in categories}
    registry = Registry(registry_path, rows, {}, changes)
    old_moves = moves.load(registry.moved_path)
    registry.moved = moves.update(old_moves, before, {i.id: kb.category(i.category).slug for i in issues},
                                  live)
    for old, new in registry.moved.items():
        if old_moves.get(old) != new:
            changes.append(f"category c/{old}/ -> {'c/' + new + '/' if new else 'home'}")
    kb.moved = moves.resolve(registry.moved, live)
    kb.related = related.related(issues, count=related.SHOWN)
    kb.titles = doclinks.title_index(issues)
    kb.updated = history.last_changed(source) if source.exists() else {}
    kb.diagnostics.extend(_duplicates(kb))
    return kb, registry


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
