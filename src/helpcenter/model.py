"""The knowledge-base model: plain, frozen data, complete when made (enrich.knowledge.load
makes it once per build), rendered many ways. The dialect's parser makes Questions and
Topics; enrichment turns each Question into an Issue with its ID, product, tags, error
prompts and waits, and gathers them into Categories and Products."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Diagnostic:
    """A problem in the source, reported as `file:line: message`."""

    file: str
    line: int
    message: str
    severity: str = "warning"  # "warning" fails --strict; "error" fails every build; "info" is news

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Question:
    """One `###` question and its answer, as the source has them."""

    title: str
    answer: str  # dialect Markdown, exactly as written (minus the heading line)
    line: int  # 1-based line of the question heading
    section: str | None = None  # the `##` heading above it, if any
    anchors: tuple[str, ...] = ()  # `[](id:name)`, `<span id>` on or just before the heading
    answer_anchors: tuple[str, ...] = ()  # the same, inside the answer (`[](id:Step2)`)


@dataclass(frozen=True)
class Topic:
    """Source text that is not a question: a file's intro, a `##` section, a non-question
    `###` heading with its body. It lives on the category page."""

    heading: str | None
    level: int  # 0 for text before any heading
    body: str
    line: int
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Issue:
    """A question with everything the site says about it."""

    id: str  # permanent, from the registry
    title: str
    answer: str
    file: str  # source path relative to the source root
    line: int
    category: str  # Category.key
    product: str  # Product.key
    section: str | None = None
    anchors: tuple[str, ...] = ()
    answer_anchors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    waits: tuple = ()  # enrich.durations.Duration, in answer order

    @property
    def url(self) -> str:
        return f"q/{self.id}/"

    @property
    def src_uri(self) -> str:
        return f"q/{self.id}.md"


@dataclass(frozen=True)
class Category:
    """One source file: its questions (as Issues) and other text, in source order."""

    key: str  # source path relative to the source root, '/'-separated
    title: str
    slug: str
    folders: tuple[str, ...]  # the folders above the file inside its product, for navigation
    product: str  # Product.key
    entries: tuple[Issue | Topic, ...]
    line_count: int

    @property
    def issues(self) -> list[Issue]:
        return [e for e in self.entries if isinstance(e, Issue)]

    @property
    def url(self) -> str:
        return f"c/{self.slug}/"

    @property
    def src_uri(self) -> str:
        return f"c/{self.slug}.md"


@dataclass(frozen=True)
class Tag:
    name: str
    description: str


@dataclass(frozen=True)
class Product:
    """A top-level folder of a help center of several products (or the one product of a
    one-product source, key "")."""

    key: str  # its folder, "" for a one-product source
    name: str  # shown everywhere: 对象存储 COS
    slug: str
    aliases: tuple[str, ...] = ()  # words readers use for it: COS, 对象存储
    tags: tuple[Tag, ...] = ()  # its taxonomy's tags, in the taxonomy's order

    @property
    def url(self) -> str:
        return f"p/{self.slug}/"

    @property
    def src_uri(self) -> str:
        return f"p/{self.slug}.md"


def _frozen(mapping: dict) -> MappingProxyType:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything one build knows, made once by enrich.knowledge.load."""

    name: str  # the help center's name
    products: tuple[Product, ...]
    categories: tuple[Category, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    retired: tuple = ()  # enrich.ids.Row of deleted questions
    moved: MappingProxyType = field(default_factory=lambda: _frozen({}))  # old category slug -> live slug, "" = home
    source_counts: MappingProxyType = field(default_factory=lambda: _frozen({}))  # file -> `###` questions
    related: MappingProxyType = field(default_factory=lambda: _frozen({}))  # issue id -> related Issues
    updated: MappingProxyType = field(default_factory=lambda: _frozen({}))  # file -> last change (YYYY-MM-DD)
    titles: MappingProxyType = field(default_factory=lambda: _frozen({}))  # folded title -> its one issue
    learned: tuple = ()  # enrich.learned.Lesson: readers' queries an editor accepted
    held_topics: frozenset = frozenset()  # words of the synonyms' elsewhere: list the FAQ itself uses
    issues: tuple[Issue, ...] = field(init=False)
    _categories: MappingProxyType = field(init=False, repr=False)
    _products: MappingProxyType = field(init=False, repr=False)
    _issues: MappingProxyType = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # derived once, when the model is made: the model never changes afterwards
        set_ = object.__setattr__
        set_(self, "issues", tuple(i for c in self.categories for i in c.issues))
        set_(self, "_categories", _frozen({c.key: c for c in self.categories}))
        set_(self, "_products", _frozen({p.key: p for p in self.products}))
        set_(self, "_issues", _frozen({i.id: i for i in self.issues}))
        for name in ("moved", "source_counts", "related", "updated", "titles"):
            if not isinstance(getattr(self, name), MappingProxyType):
                set_(self, name, _frozen(getattr(self, name)))

    @property
    def several_products(self) -> bool:
        return len(self.products) > 1

    @property
    def last_update(self) -> str | None:
        """The newest source change (YYYY-MM-DD), the date of pages that span sources."""
        return max(self.updated.values(), default=None)

    def category(self, key: str) -> Category:
        return self._categories[key]

    def product(self, key: str) -> Product:
        return self._products[key]

    def issue(self, issue_id: str) -> Issue:
        return self._issues[issue_id]

    def categories_of(self, product: Product) -> list[Category]:
        return [c for c in self.categories if c.product == product.key]

    def issues_of(self, product: Product) -> list[Issue]:
        return [i for i in self.issues if i.product == product.key]
