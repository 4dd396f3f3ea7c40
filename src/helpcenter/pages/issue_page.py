"""An issue page: its answer, rendered and sanitised here, with the notices drawn from it
(报错提示, waits), and the front matter `overrides/issue.html` renders the page chrome from
(breadcrumbs, 复制链接 / 复制回复, 相关问题, previous/next, 最后更新).

What is said about the answer elsewhere (the description in link previews, JSON-LD, the
复制回复 text, the search index) is read from the answer as the page shows it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from helpcenter.dialect import doclinks, validate
from helpcenter.dialect.convert import to_markdown
from helpcenter.enrich import durations
from helpcenter.model import Diagnostic, Issue, KnowledgeBase
from helpcenter.pages import cite
from helpcenter.pages.index_pages import tag_chips
from helpcenter.pages.markup import (
    anchor_html,
    anchor_targets,
    front_matter,
    inner_anchors,
    link,
    page_link,
    rewrite_anchor_links,
)
from helpcenter.pages.render import UNREADABLE, Renderer, raw_block
from helpcenter.text import PAGE_CHROME, first_sentence, fold, html_text, summary

TEMPLATE = "issue.html"
WAIT_ADMONITIONS = {durations.WAIT: "kb-wait", durations.DEADLINE: "kb-deadline"}
ERROR_ADMONITION = "kb-error"
ANSWER_CLASS = "kb-answer"  # the answer's own text, apart from what the page adds above it
# what the page adds above the answer: not part of the answer's own text
NOTICE_CLASSES = frozenset({ERROR_ADMONITION, *WAIT_ADMONITIONS.values()})


@dataclass(frozen=True)
class Rendered:
    """A generated page whose body this step rendered: its Markdown file, the HTML of its
    body (links are checked in it), and for an issue its answer's text (search)."""

    uri: str
    page: str
    html: str
    answer: str = ""
    problems: tuple[Diagnostic, ...] = ()


def breadcrumbs(kb: KnowledgeBase, category, title: str) -> list[dict[str, str]]:
    """首页 › (the product, on a help center of several) › the category. A file holding one
    question is often titled by it: its name would show twice, so it reads 所在分类."""
    crumbs = [page_link("首页", "")]
    if kb.several_products:
        product = kb.product(category.product)
        crumbs.append(page_link(product.name, product.url))
    crumbs.append(page_link("所在分类" if fold(category.title) == fold(title) else category.title, category.url))
    return crumbs


def issue_page(kb: KnowledgeBase, issue: Issue, renderer: Renderer) -> Rendered:
    category = kb.category(issue.category)
    siblings = category.issues
    n = siblings.index(issue)
    shown = kb.related.get(issue.id) or []
    here = issue.src_uri
    body = doclinks.absolute(to_markdown(issue.answer, heading_shift=2))  # FAQ text only: our links are relative
    body = rewrite_anchor_links(body, here, anchor_targets(category), inner_anchors(category))
    body = doclinks.localise(body, kb.titles, lambda target: link(here, target.src_uri))
    top = (anchor_html(issue.anchors) + "\n") if issue.anchors else ""
    notices = top + _error_block(issue.errors) + _wait_admonitions(issue.waits)
    notices_html = renderer.html(notices, issue.title)[0] if notices.strip() else ""
    answer_html, readable = renderer.html(body, issue.title)
    html = mark_durations(issue, f'{notices_html}<div class="{ANSWER_CLASS}">\n{answer_html}\n</div>')
    answer = answer_text(html)
    # a page that lost part of its answer stops the build before any page is rendered
    problems = validate.page_complete(issue, answer) + validate.headings_as_text(issue, html)
    if not readable:
        problems.append(Diagnostic(issue.file, issue.line, UNREADABLE))
    meta = {
        "template": TEMPLATE,
        "title": issue.title,
        "kb_title": issue.title,  # as written (title is escaped for Material, which prints it raw)
        "kb_id": issue.id,
        "kb_url": issue.url,
        "kb_product": kb.product(issue.product).name if kb.several_products else "",
        "kb_product_slug": kb.product(issue.product).slug if kb.several_products else "",
        "kb_breadcrumbs": breadcrumbs(kb, category, issue.title),
        "kb_tags": tag_chips(kb, issue),
        "kb_related": [page_link(r.title, r.url) for r in shown],
        "kb_previous": _step(siblings[n - 1], shown) if n > 0 else None,
        "kb_next": _step(siblings[n + 1], shown) if n + 1 < len(siblings) else None,
        "kb_updated": kb.updated.get(issue.file),
        "kb_lastmod": kb.updated.get(issue.file),
        **answer_meta(issue, answer),
    }
    return Rendered(here, front_matter(meta) + raw_block(html), html, answer, tuple(problems))


def _step(neighbour: Issue, related_shown: list[Issue]) -> dict[str, str]:
    """Previous/next in the category; untitled when 相关问题 lists it already (a title
    shown twice on one page reads as a second, different question)."""
    listed = neighbour.title in {r.title for r in related_shown}
    return page_link("" if listed else neighbour.title, neighbour.url)


def answer_text(page_html: str) -> str:
    """The answer's text as the reader sees it, from the sanitised rendering of the
    page's Markdown (without the notices the page adds above it)."""
    return html_text(page_html, NOTICE_CLASSES | PAGE_CHROME)


def answer_meta(issue: Issue, answer: str) -> dict[str, str]:
    """What the page says about its answer (answer: answer_text of its rendering): the
    description a link preview shows, JSON-LD, and the fix 复制回复 quotes."""
    description = summary(issue.title, answer)  # stands alone in a link preview
    return {"description": description, "kb_jsonld": json_ld(issue.title, answer or description),
            "kb_fix": first_sentence(answer)}


def json_ld(title: str, answer: str) -> str:
    """schema.org QAPage for search engines; safe inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": {
            "@type": "Question",
            "name": title,
            "text": title,
            "answerCount": 1,
            "acceptedAnswer": {"@type": "Answer", "text": answer},
        },
    }
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _error_block(texts: list[str]) -> str:
    """The prompt texts a user sees, each in a copyable code block."""
    if not texts:
        return ""
    lines = [f'\n!!! {ERROR_ADMONITION} "报错提示"\n']
    for text in texts:
        lines.append(f"\n    ```text\n    {text}\n    ```\n")
    return "".join(lines)


def _wait_admonitions(waits: list[durations.Duration]) -> str:
    """One admonition per kind of duration, stating it in plain words. The answer's own
    sentence is not quoted again: `mark_durations` marks its words where they stand."""
    parts = []
    for kind, css in WAIT_ADMONITIONS.items():
        of_kind = [d for d in waits if d.kind == kind]
        if of_kind:
            parts.append(f'\n!!! {css} "{durations.headline(*of_kind)}"\n')
    return "".join(parts)


def mark_durations(issue: Issue, page_html: str) -> str:
    """The rendered page with each duration its notices name marked in the answer."""
    return cite.mark(page_html, [d.phrase for d in issue.waits if d.kind in durations.NOTICE_KINDS], NOTICE_CLASSES)
