"""Make the KnowledgeBase from the sources and the editors' data: read, parse, check, name
the products, number the questions, tag them, find their error prompts, waits and related
questions, and what readers taught. The model is complete when `load` returns it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from helpcenter.dialect import doclinks, validate
from helpcenter.dialect.parse import ParsedFile, parse
from helpcenter.dialect.source import read_sources
from helpcenter.enrich import durations, elsewhere, errors, history, ids, learned, moves, products, related, taxonomy
from helpcenter.model import Category, Diagnostic, Issue, KnowledgeBase, Product, Question, Tag
from helpcenter.settings import Settings
from helpcenter.text import normalise


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


def load(settings: Settings, site_name: str) -> tuple[KnowledgeBase, Registry]:
    """The knowledge base of settings.source; site_name: what a one-product source is called
    (mkdocs.yml's site_name). Raises taxonomy.TaxonomyError and ids.RegistryError for data
    that cannot be used at all; every other problem is a Diagnostic in the model."""
    source = settings.source
    files, problems = read_sources(source)
    parsed: list[ParsedFile] = []
    source_counts = {}
    for src in files:
        found, found_problems = parse(src.rel, src.text)
        parsed.append(found)
        problems += found_problems
        problems += validate.check_file(src.rel, src.text, settings.image_hosts)
        source_counts[src.rel] = validate.count_questions(src.text)
    product_keys = products.keys(source, [p.rel for p in parsed])
    name, declared, found_problems = products.declare(source, product_keys, site_name)
    problems += found_problems
    taxonomies = taxonomy.for_products(settings.taxonomy, settings.taxonomies, declared)

    questions = [(p, q) for p in parsed for q in p.questions]
    before = ids.load(settings.ids)
    numbers, rows, changes = ids.assign(
        [ids.Question(p.rel, ids.title_key(q.title), ids.answer_key(q.answer)) for p, q in questions], before)
    numbering = iter(str(n) for n in numbers)  # in the order of `questions`, which _category follows
    slugs = moves.slugs_of([p.rel for p in parsed])  # one rule, so moves can recompute old slugs
    keys = set(product_keys)
    categories = tuple(_category(p, slugs[p.rel], products.product_of(p.rel, keys), numbering, taxonomies)
                       for p in parsed)
    issues = [i for c in categories for i in c.issues]

    live = {c.slug for c in categories}
    registry = Registry(settings.ids, rows, {}, changes)
    old_moves = moves.load(registry.moved_path)
    registry.moved = moves.update(old_moves, before, {i.id: slugs[i.file] for i in issues}, live)
    for old, new in registry.moved.items():
        if old_moves.get(old) != new:
            changes.append(f"category c/{old}/ -> {'c/' + new + '/' if new else 'home'}")
    retired = tuple(r for r in rows if r.status == "retired")
    lessons, unusable = learned.load(settings.learned, {i.id for i in issues}, {str(r.id) for r in retired})
    held = elsewhere.own_topics(issues, settings.synonyms)
    problems += unusable + elsewhere.messages(held, settings.synonyms, len(declared) > 1) + _duplicates(issues)
    kb = KnowledgeBase(
        name=name,
        products=tuple(_product(d, taxonomies[d.key], issues) for d in declared),
        categories=categories,
        diagnostics=tuple(problems),
        retired=retired,
        moved=moves.resolve(registry.moved, live),
        source_counts=source_counts,
        # 相关问题 stay within a product: another product's question is no next step
        related={k: v for key in product_keys
                 for k, v in related.related([i for i in issues if i.product == key], count=related.SHOWN).items()},
        updated=history.last_changed(source) if source.exists() else {},
        titles=doclinks.title_index(issues),
        learned=tuple(lessons),
        held_topics=frozenset(normalise(word) for word in held),
    )
    return kb, registry


def _category(parsed: ParsedFile, slug: str, product: str, numbering, taxonomies: dict) -> Category:
    folders = PurePosixPath(parsed.rel).parent.parts[1 if product else 0:]
    entries = tuple(_issue(e, parsed.rel, product, next(numbering), taxonomies[product])
                    if isinstance(e, Question) else e for e in parsed.entries)
    return Category(key=parsed.rel, title=parsed.title, slug=slug, folders=folders, product=product,
                    entries=entries, line_count=parsed.line_count)


def _issue(question: Question, file: str, product: str, number: str, taxonomy_: taxonomy.Taxonomy | None) -> Issue:
    tags = (taxonomy.assign(taxonomy_, question.title, question.answer, number) if taxonomy_ is not None
            else taxonomy.by_structure(question.section, file, product))
    return Issue(id=number, title=question.title, answer=question.answer, file=file, line=question.line,
                 category=file, product=product, section=question.section, anchors=question.anchors,
                 answer_anchors=question.answer_anchors, tags=tuple(tags),
                 errors=tuple(errors.extract(question.title, question.answer)),
                 waits=tuple(durations.distinct(durations.find(question.answer))))


def _product(declared: products.Declared, taxonomy_: taxonomy.Taxonomy | None, issues: list[Issue]) -> Product:
    """Its tags: the taxonomy's (described), or those its structure gave its issues."""
    if taxonomy_ is not None:
        described = taxonomy_.descriptions
        tags = [Tag(name, described[name]) for name in described]
        used = {t for i in issues if i.product == declared.key for t in i.tags}
        tags += [Tag(name, "") for name in sorted(used - set(described))]  # the fallback, overrides' own
    else:
        names = dict.fromkeys(t for i in issues if i.product == declared.key for t in i.tags)
        tags = [Tag(name, "") for name in names]
    return Product(key=declared.key, name=declared.name, slug=declared.slug, aliases=declared.aliases,
                   tags=tuple(tags))


def _duplicates(issues: list[Issue]) -> list[Diagnostic]:
    """The same question twice in one product: both are published, but an editor should know."""
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    found = []
    for issue in issues:
        key = (issue.product, issue.title)
        if key in seen:
            file, line = seen[key]
            found.append(Diagnostic(
                issue.file, issue.line,
                f"重复的问题“{issue.title}”，与 {file}:{line} 相同；两处都已发布，请合并或改写其一。"))
        else:
            seen[key] = (issue.file, issue.line)
    return found
