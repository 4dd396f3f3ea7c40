"""Category pages (one per source file), the sidebar, and the folder pages a large
site's sidebar lists instead of every category."""

from __future__ import annotations

import html
import re

from helpcenter.dialect import doclinks
from helpcenter.dialect.convert import escape_inline, to_markdown
from helpcenter.model import Category, Issue, KnowledgeBase, Topic
from helpcenter.pages.markup import (
    anchor_html,
    anchor_targets,
    front_matter,
    inner_anchors,
    issue_link,
    link,
    rewrite_anchor_links,
)
from helpcenter.slugs import slugify
from helpcenter.text import first_line

NAV_LIMIT = 60  # categories shown in the sidebar; beyond, top-level folders only (extra.kb.nav_limit)
INDEX_PAGES = [{"按症状浏览": "tags.md"}, {"报错信息索引": "errors.md"}, {"等待期一览": "waits.md"}]
ALL_CATEGORIES = "c/index.md"


def _topic_markdown(topic: Topic) -> str:
    parts = []
    if topic.heading:
        parts.append("#" * max(2, topic.level) + " " + escape_inline(topic.heading) + "\n")
    if topic.anchors:
        parts.append(anchor_html(topic.anchors) + "\n")
    if topic.body.strip():
        parts.append("\n" + doclinks.absolute(to_markdown(topic.body)))
    return "".join(parts)


_TOC_LINE = re.compile(r"^\s*[-*+]\s+\[[^\]]*\]\(#([^)\s]+)\)\s*$")


def _is_own_toc(topic: Topic, targets: dict[str, Issue]) -> bool:
    """A topic that is only a list of links to this file's questions."""
    lines = [line for line in topic.body.split("\n") if line.strip()]
    return bool(lines) and not topic.heading and all(
        (match := _TOC_LINE.match(line)) and match.group(1) in targets for line in lines)


def category_page(kb: KnowledgeBase, category: Category) -> str:
    here = category.src_uri
    meta = {"title": category.title, "kb_category": category.key}
    parts = [front_matter(meta)]
    targets = anchor_targets(category)
    in_list = False
    for entry in category.entries:
        if isinstance(entry, Issue):
            if not in_list:
                parts.append('<ul class="kb-issue-list" markdown>\n')
                in_list = True
            excerpt = escape_inline(first_line(entry.answer))
            parts.append(
                f'<li markdown>{anchor_html(entry.anchors)}'
                f'{issue_link(here, entry)}'
                f'<span class="kb-excerpt">{excerpt}</span></li>\n')
            continue
        if in_list:
            parts.append("</ul>\n\n")
            in_list = False
        if entry.level == 1 and entry.heading == category.title and not entry.body.strip():
            continue  # the file's own title is the page's h1 already
        if _is_own_toc(entry, targets):
            continue  # the file's table of contents: the issue list below says the same
        parts.append(_topic_markdown(entry) + "\n")
    if in_list:
        parts.append("</ul>\n")
    text = rewrite_anchor_links("".join(parts), here, targets, inner_anchors(category))
    return doclinks.localise(text, kb.titles, lambda target: link(here, target.src_uri))


def folder_uri(folder: str) -> str:
    return f"f/{slugify(folder)}.md"


def nav(kb: KnowledgeBase, limit: int = NAV_LIMIT) -> list:
    """Home and categories, never issues: every page renders the whole sidebar,
    so a sidebar that grows with the site makes the build grow with its square.
    Past `limit` categories the sidebar lists top-level folders, each with a
    page listing its categories."""
    root: list = [{"首页": "index.md"}]
    if len(kb.categories) > limit:
        tops = top_folders(kb)
        if len(tops) > limit:  # the sidebar stays the same size however large the site
            return root + [{"全部分类": ALL_CATEGORIES}] + INDEX_PAGES
        root += [{html.escape(folder): folder_uri(folder)} for folder in tops if folder]
        if "" in tops:
            root.append({"全部分类": ALL_CATEGORIES})
        return root + INDEX_PAGES
    folders: dict[tuple[str, ...], list] = {(): root}
    for category in kb.categories:
        for depth in range(1, len(category.folders) + 1):
            path = category.folders[:depth]
            if path not in folders:
                children: list = []
                folders[path[:-1]].append({html.escape(path[-1]): children})
                folders[path] = children
        folders[category.folders].append({html.escape(category.title): category.src_uri})
    return root + INDEX_PAGES


def category_list(here: str, categories: list[Category], under: int = 1) -> str:
    """Categories as links named by their path below the first `under` folders."""
    return "".join(f"- [{escape_inline('/'.join(c.folders[under:] + (c.title,)))}]({link(here, c.src_uri)})"
                   + (f"（{len(c.issues)} 个问题）\n" if c.issues else "（说明）\n") for c in categories)


def folder_pages(kb: KnowledgeBase, limit: int = NAV_LIMIT):
    """(src_uri, markdown) of the folder pages a large site's sidebar links to."""
    if len(kb.categories) <= limit:
        return
    tops = top_folders(kb)
    for folder, categories in tops.items():
        if folder:
            uri = folder_uri(folder)
            yield uri, front_matter({"title": folder}) + category_list(uri, categories)
    if "" in tops or len(tops) > limit:
        uri = ALL_CATEGORIES
        folders = "".join(f"- [{escape_inline(f)}]({link(uri, folder_uri(f))})（{len(cs)} 个分类）\n"
                          for f, cs in tops.items() if f)
        yield uri, front_matter({"title": "全部分类"}) + folders + category_list(uri, tops.get("", []))


def top_folders(kb: KnowledgeBase) -> dict[str, list[Category]]:
    """Top-level folder ("" for files at the root) -> its categories, in order."""
    tops: dict[str, list[Category]] = {}
    for category in kb.categories:
        tops.setdefault(category.folders[0] if category.folders else "", []).append(category)
    return tops


