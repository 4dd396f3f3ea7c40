"""An issue page: its Markdown (the answer and the notices drawn from it) and the
front matter `overrides/issue.html` renders the page chrome from (breadcrumbs,
复制链接 / 复制回复, 相关问题, previous/next, 最后更新).

What is said about the answer elsewhere (the description in link previews, JSON-LD,
the 复制回复 text, the search index) is derived from the answer as the page shows it,
once it has rendered: `answer_meta`.
"""

from __future__ import annotations

import json
import string

from helpcenter.dialect import doclinks
from helpcenter.dialect.convert import to_markdown
from helpcenter.enrich import durations
from helpcenter.model import Issue, KnowledgeBase
from helpcenter.pages import cite
from helpcenter.pages.markup import (
    anchor_html,
    anchor_targets,
    front_matter,
    inner_anchors,
    link,
    page_link,
    rewrite_anchor_links,
    theme_text,
)
from helpcenter.text import PAGE_CHROME, first_sentence, fold, html_text, summary

TEMPLATE = "issue.html"
WAIT_ADMONITIONS = {durations.WAIT: "kb-wait", durations.DEADLINE: "kb-deadline"}
ERROR_ADMONITION = "kb-error"
# what the page adds above the answer: not part of the answer's own text
END_OF_NOTICES = "<!-- -->"  # a line at the margin ends an admonition; the sanitiser drops it
NOTICE_CLASSES = frozenset({ERROR_ADMONITION, *WAIT_ADMONITIONS.values()})


def issue_page(kb: KnowledgeBase, issue: Issue) -> str:
    category = kb.category(issue.category)
    siblings = category.issues
    n = siblings.index(issue)
    shown = kb.related.get(issue.id) or []
    meta = {
        "template": TEMPLATE,
        "title": issue.title,
        "kb_id": issue.id,
        "kb_url": issue.url,
        # a file holding one question is often titled by it: its name would show twice
        "kb_breadcrumbs": [page_link("首页", ""), page_link(
            "所在分类" if fold(category.title) == fold(issue.title) else category.title, category.url)],
        "kb_related": [page_link(r.title, r.url) for r in shown],
        "kb_previous": _step(siblings[n - 1], shown) if n > 0 else None,
        "kb_next": _step(siblings[n + 1], shown) if n + 1 < len(siblings) else None,
        "kb_updated": kb.updated.get(issue.file),
    }
    if issue.tags:
        meta["tags"] = list(issue.tags)
    here = issue.src_uri
    body = doclinks.absolute(to_markdown(issue.answer, heading_shift=2))  # FAQ text only: our links are relative
    body = rewrite_anchor_links(body, here, anchor_targets(category), inner_anchors(category))
    body = doclinks.localise(body, kb.titles, lambda target: link(here, target.src_uri))
    parts = [front_matter(meta)]
    if issue.anchors:
        parts.append(anchor_html(issue.anchors) + "\n")
    notices = _error_block(issue.errors) + _wait_admonitions(issue.waits)
    if notices:
        # an indented block after a blank line continues the admonition above it: an answer
        # whose first line an editor indented would vanish into the last notice
        notices += f"\n{END_OF_NOTICES}\n"
    parts.append(notices)
    parts.append("\n" + body)
    return "".join(parts)


def _step(neighbour: Issue, related_shown: list[Issue]) -> dict[str, str]:
    """Previous/next in the category; untitled when 相关问题 lists it already (a title
    shown twice on one page reads as a second, different question)."""
    listed = neighbour.title in {r.title for r in related_shown}
    return page_link("" if listed else neighbour.title, neighbour.url)


def answer_text(page_html: str) -> str:
    """The answer's text as the reader sees it, from the sanitised rendering of the
    page's Markdown (without the notices the page adds above it)."""
    return html_text(page_html, NOTICE_CLASSES | PAGE_CHROME)


def answer_meta(issue: Issue, answer: str, reply: str) -> dict[str, str]:
    """What the page says about its answer (answer: answer_text of its rendering)."""
    description = summary(issue.title, answer)  # stands alone in a link preview
    return {
        "description": theme_text(description),
        "kb_jsonld": json_ld(issue.title, answer or description),
        "kb_reply": reply.format_map({"title": issue.title, "fix": first_sentence(answer), "url": "{url}"}),
    }


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


REPLY_FIELDS = {"title", "fix", "url"}


class ReplyTemplateError(ValueError):
    """The reply template cannot be filled in; the message says why."""


def reply_template(template: str) -> str:
    """The 复制回复 template, checked: only {title}, {fix} and {url}."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise ReplyTemplateError(f"花括号不成对（{exc}）；字面的花括号请写成 {{{{ 和 }}}}。") from None
    unknown = "、".join("{" + name + "}" for name in sorted(fields - REPLY_FIELDS))
    if unknown:
        raise ReplyTemplateError(f"有未知的占位符 {unknown}；"
                                 "可用的只有 {title}（问题）、{fix}（答案第一句）、{url}（链接）。")
    return template


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
