"""Category pages: one per source file, rendered and sanitised here (they carry the
file's own text besides its questions)."""

from __future__ import annotations

import re

from helpcenter.dialect import doclinks
from helpcenter.dialect.convert import escape_inline, to_markdown
from helpcenter.model import Category, Diagnostic, Issue, KnowledgeBase, Topic
from helpcenter.pages.issue_page import Rendered, breadcrumbs
from helpcenter.pages.markup import anchor_html, anchor_targets, front_matter, inner_anchors, link, rewrite_anchor_links
from helpcenter.pages.render import UNREADABLE, Renderer, raw_block
from helpcenter.text import first_line


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


def category_page(kb: KnowledgeBase, category: Category, renderer: Renderer) -> Rendered:
    here = category.src_uri
    meta = {"title": category.title, "kb_category": category.key,
            "kb_lastmod": kb.last_update}
    if kb.several_products:  # 首页 › the product: which product a reader is in
        meta["kb_breadcrumbs"] = breadcrumbs(kb, category, category.title)[:-1]
        meta["kb_product_slug"] = kb.product(category.product).slug
    parts = []
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
                f'[{escape_inline(entry.title)}]({link(here, entry.src_uri)})'
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
    html, readable = renderer.html(doclinks.localise(text, kb.titles, lambda target: link(here, target.src_uri)),
                                   category.title)
    problems = () if readable else (Diagnostic(category.key, 1, UNREADABLE),)
    return Rendered(here, front_matter(meta) + raw_block(html), html, problems=problems)
