"""Render the model as Markdown pages (issue, category, home).

Links between pages are relative `.md` links, so MkDocs checks them and
rewrites them for the final URL layout.
"""

from __future__ import annotations

import posixpath
import re

import yaml

from .convert import escape_inline, to_markdown
from .model import Category, Issue, KnowledgeBase, Topic
from .text import first_line, first_sentence

_ANCHOR_LINK = re.compile(r"\]\(#([^)\s]+)\)")


def link(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def _anchor_targets(category: Category) -> dict[str, Issue]:
    return {name: issue for issue in category.issues for name in issue.anchors}


def _rewrite_anchor_links(markdown: str, here: str, targets: dict[str, Issue]) -> str:
    """`[x](#question3)` inside a file points at an issue that now has its own page."""
    def replace(match: re.Match) -> str:
        issue = targets.get(match.group(1))
        return f"]({link(here, issue.src_uri)})" if issue else match.group(0)
    return _ANCHOR_LINK.sub(replace, markdown)


def _anchor_html(names: list[str]) -> str:
    return "".join(f'<a id="{escape_inline(n)}"></a>' for n in names)


def issue_page(kb: KnowledgeBase, issue: Issue) -> str:
    category = kb.category(issue.category)
    meta = {
        "title": issue.title,
        "description": first_sentence(issue.answer) or issue.title,
        "kb_id": issue.id,
    }
    if issue.tags:
        meta["tags"] = list(issue.tags)
    body = to_markdown(issue.answer, heading_shift=2)
    body = _rewrite_anchor_links(body, issue.src_uri, _anchor_targets(category))
    parts = [front_matter(meta), f"# {escape_inline(issue.title)}\n"]
    if issue.anchors:
        parts.append(_anchor_html(issue.anchors) + "\n")
    parts.append("\n" + body)
    return "".join(parts)


def _topic_markdown(topic: Topic) -> str:
    parts = []
    if topic.heading:
        parts.append("#" * max(2, topic.level) + " " + escape_inline(topic.heading) + "\n")
    if topic.anchors:
        parts.append(_anchor_html(topic.anchors) + "\n")
    if topic.body.strip():
        parts.append("\n" + to_markdown(topic.body))
    return "".join(parts)


def category_page(kb: KnowledgeBase, category: Category) -> str:
    here = category.src_uri
    meta = {"title": category.title, "kb_category": category.key}
    parts = [front_matter(meta), f"# {escape_inline(category.title)}\n\n"]
    in_list = False
    for entry in category.entries:
        if isinstance(entry, Issue):
            if not in_list:
                parts.append('<ul class="kb-issue-list" markdown>\n')
                in_list = True
            excerpt = escape_inline(first_line(entry.answer))
            parts.append(
                f'<li markdown>{_anchor_html(entry.anchors)}'
                f'[{escape_inline(entry.title)}]({link(here, entry.src_uri)})'
                f'<span class="kb-excerpt">{excerpt}</span></li>\n')
            continue
        if in_list:
            parts.append("</ul>\n\n")
            in_list = False
        if entry.level == 1 and entry.heading == category.title and not entry.body.strip():
            continue  # the file's own title is the page's h1 already
        parts.append(_topic_markdown(entry) + "\n")
    if in_list:
        parts.append("</ul>\n")
    return _rewrite_anchor_links("".join(parts), here, _anchor_targets(category))


def home_page(kb: KnowledgeBase) -> str:
    meta = {"title": "首页", "hide": ["navigation", "toc"], "search": {"exclude": True}}
    parts = [front_matter(meta), "# 备案帮助中心\n\n",
             '<div class="kb-hero" markdown>\n'
             '<p>输入你看到的报错提示或问题描述，例如“异常账号备案”“视频核验黑屏”。</p>\n'
             '<label class="md-button md-button--primary kb-search-button" for="__search">'
             '搜索问题</label>\n</div>\n\n',
             "## 问题分类\n\n"]
    for category in kb.categories:
        count = len(category.issues)
        parts.append(f"- [{escape_inline(category.title)}]({link('index.md', category.src_uri)})"
                     f"（{count} 个问题）\n")
    return "".join(parts)


def nav(kb: KnowledgeBase) -> list:
    """Home and categories only: listing every issue in the sidebar makes each
    page carry the whole site and the build grow with the square of its size."""
    root: list = [{"首页": "index.md"}]
    folders: dict[tuple[str, ...], list] = {(): root}
    for category in kb.categories:
        for depth in range(1, len(category.folders) + 1):
            path = category.folders[:depth]
            if path not in folders:
                children: list = []
                folders[path[:-1]].append({path[-1]: children})
                folders[path] = children
        folders[category.folders].append({category.title: category.src_uri})
    return root


def render_all(kb: KnowledgeBase):
    """(src_uri, markdown) of every page the model produces."""
    yield "index.md", home_page(kb)
    for category in kb.categories:
        yield category.src_uri, category_page(kb, category)
        for issue in category.issues:
            yield issue.src_uri, issue_page(kb, issue)
