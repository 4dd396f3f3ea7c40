"""The knowledge-base model: plain data, built once per build, rendered many ways."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Diagnostic:
    """A problem in the source, reported as `file:line: message`."""

    file: str
    line: int
    message: str
    severity: str = "warning"  # "warning" fails --strict; "error" fails every build

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class Issue:
    """One `###` question and its answer."""

    title: str
    answer: str  # dialect Markdown, exactly as written (minus the heading line)
    file: str  # source path relative to the source root
    line: int  # 1-based line of the question heading
    category: str  # Category.key
    section: str | None = None  # the `##` heading above it, if any
    anchors: list[str] = field(default_factory=list)  # `[](id:name)`, `<span id>`
    answer_anchors: list[str] = field(default_factory=list)  # the same, inside the answer (`[](id:Step2)`)
    id: str = ""  # permanent id, assigned from the registry
    tags: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    waits: list = field(default_factory=list)  # durations.Duration, in answer order

    @property
    def url(self) -> str:
        return f"q/{self.id}/"

    @property
    def src_uri(self) -> str:
        return f"q/{self.id}.md"


@dataclass
class Topic:
    """Source text that is not a question: a file's intro, a `##` section, a
    non-question `###` heading with its body. It lives on the category page."""

    heading: str | None
    level: int  # 0 for text before any heading
    body: str
    line: int
    anchors: list[str] = field(default_factory=list)


@dataclass
class Category:
    """One source file."""

    key: str  # source path relative to the source root, '/'-separated
    title: str
    slug: str
    folders: tuple[str, ...]  # the folders above the file, for navigation
    entries: list[Issue | Topic] = field(default_factory=list)
    line_count: int = 0

    @property
    def issues(self) -> list[Issue]:
        return [e for e in self.entries if isinstance(e, Issue)]

    @property
    def url(self) -> str:
        return f"c/{self.slug}/"

    @property
    def src_uri(self) -> str:
        return f"c/{self.slug}.md"


@dataclass
class KnowledgeBase:
    categories: list[Category]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    tag_descriptions: dict[str, str] = field(default_factory=dict)
    retired: list = field(default_factory=list)  # ids.Row of deleted questions
    moved: dict[str, str] = field(default_factory=dict)  # old category slug -> live slug, "" = home
    source_counts: dict[str, int] = field(default_factory=dict)  # file -> `###` questions in it
    related: dict[str, list] = field(default_factory=dict)  # issue id -> related Issues
    updated: dict[str, str] = field(default_factory=dict)  # file -> last change (YYYY-MM-DD)
    titles: dict[str, Issue] = field(default_factory=dict)  # folded title -> its one issue (doc links)
    learned: list = field(default_factory=list)  # learned.Lesson: readers' queries an editor accepted
    _by_key: dict[str, Category] = field(init=False, repr=False)

    @property
    def issues(self) -> list[Issue]:
        return [i for c in self.categories for i in c.issues]

    @property
    def last_update(self) -> str | None:
        """The newest source change (YYYY-MM-DD), the date of pages that span sources."""
        return max(self.updated.values(), default=None)

    def __post_init__(self) -> None:
        # the categories are complete when the model is made (build.load): no lazy index
        self._by_key = {c.key: c for c in self.categories}

    def category(self, key: str) -> Category:
        return self._by_key[key]
