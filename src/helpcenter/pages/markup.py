"""The Markdown our pages are written in: front matter, links, escaped table cells.

Every piece of FAQ text that goes into generated Markdown goes through
`convert.escape_inline` (shown literally); every value the theme prints from the
front matter is escaped here, once.
"""

from __future__ import annotations

import html
import json
import posixpath
import re

from helpcenter.dialect.convert import escape_inline
from helpcenter.model import Category, Issue

_ANCHOR_LINK = re.compile(r"\]\(#([^)\s]+)\)")
# Material prints these front-matter values into HTML as they are: they must be HTML already
_THEME_PRINTS_RAW = ("title", "description")


def link(from_uri: str, to_uri: str) -> str:
    """A relative `.md` link from one page to another, as Markdown links are written: the
    renderer checks it and rewrites it for the final URL layout (in the HTML bodies this step
    renders too: Zensical rewrites every link of a page; the MkDocs plugin, which hands
    MkDocs those bodies as they are, does it with `served_links`)."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def _directory(uri: str) -> str:
    """The folder a page is served from: q/12.md -> q/12, index.md -> ''."""
    stem = uri[:-3] if uri.endswith(".md") else uri
    return "" if stem == "index" else stem[:-6] if stem.endswith("/index") else stem


def href(from_uri: str, to_uri: str) -> str:
    """The relative URL from one page to another as served (`q/12/`, directory URLs)."""
    target, here = _directory(to_uri), _directory(from_uri)
    relative = posixpath.relpath(target or ".", here or ".")
    return "./" if relative == "." else relative + "/"


_MD_HREF = re.compile(r'href="((?![a-zA-Z][\w+.-]*:|/|#)[^"#]*\.md)(#[^"]*)?"')


def served_links(html: str, here: str) -> str:
    """`href="../12.md#x"` in a page's HTML -> `href="../12/#x"`: what a renderer does for
    the `.md` links of Markdown, for HTML it passes through as it is."""
    def replace(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), match.group(1)))
        return f'href="{href(here, target)}{match.group(2) or ""}"'
    return _MD_HREF.sub(replace, html)


def front_matter(meta: dict) -> str:
    """Front matter for a generated page. Our own templates escape what they print
    (`| e`); Material prints title and description raw, so those are escaped here."""
    # Material's lunr index stays empty: the kb-search worker has its own index.
    meta = {**meta, "search": {"exclude": True}}
    for key in _THEME_PRINTS_RAW:
        if key in meta:
            meta[key] = theme_text(meta[key])
    # JSON is YAML, and far quicker to write than PyYAML's emitter (a third of the
    # hooks' time at 10,000 pages)
    return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n\n"


def read_front_matter(text: str) -> tuple[dict, str] | None:
    """(meta, body) of a page front_matter wrote; None for any other text."""
    if not text.startswith("---\n{"):
        return None
    head, sep, body = text[4:].partition("\n---\n")
    try:
        meta = json.loads(head)
    except ValueError:
        return None
    return (meta, body.lstrip("\n")) if sep and isinstance(meta, dict) else None


def theme_text(text: str) -> str:
    """A value for a front-matter key Material prints raw (title, description), set after
    the front matter was read (on_page_content)."""
    return html.escape(text, quote=True)


def page_link(title: str, uri: str) -> dict[str, str]:
    """A link our templates render: raw title (the template escapes it), site-relative URL."""
    return {"title": title, "url": uri}


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells are Markdown already (FAQ text in them escaped). On a phone
    it shows as one card per row (kb.css, `.kb-cards`): a wide table would scroll sideways."""
    lines = ['<div class="kb-cards" markdown>\n\n', "| " + " | ".join(header) + " |\n",
             "|" + " --- |" * len(header) + "\n"]
    lines += ["| " + " | ".join(row) + " |\n" for row in rows]
    return "".join(lines) + "\n</div>\n"


def issue_link(here: str, issue: Issue) -> str:
    return f"[{escape_inline(issue.title)}]({link(here, issue.src_uri)})"


def anchor_html(names: list[str]) -> str:
    return "".join(f'<span id="{escape_inline(n)}"></span>' for n in names)


def anchor_targets(category: Category) -> dict[str, Issue]:
    """Anchor name -> the issue whose heading carries it."""
    return {name: issue for issue in category.issues for name in issue.anchors}


def inner_anchors(category: Category) -> dict[str, Issue]:
    """Anchor name -> the issue whose answer holds it (`[](id:Step2)` before step 2)."""
    return {name: issue for issue in category.issues for name in issue.answer_anchors}


def rewrite_anchor_links(markdown: str, here: str, targets: dict[str, Issue],
                         inner: dict[str, Issue] | None = None, to=link) -> str:
    """`[x](#question3)` inside a file points at an issue that now has its own page;
    `[x](#Step2)` at the place in that page's answer (here, when the answer is this page's).
    to(here, target uri) makes the link."""
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in targets:
            return f"]({to(here, targets[name].src_uri)})"
        issue = (inner or {}).get(name)
        if issue and issue.src_uri != here:
            return f"]({to(here, issue.src_uri)}#{name})"
        return match.group(0)
    return _ANCHOR_LINK.sub(replace, markdown)
