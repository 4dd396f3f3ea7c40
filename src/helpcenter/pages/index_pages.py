"""The pages that lead to issues: home, 按症状浏览, 报错信息索引, 等待期一览, and what
an old link to a removed question shows. Their h1 is the page title (Material's
content partial writes it); the home page's search box is `overrides/home.html`."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from pypinyin import lazy_pinyin

from helpcenter.dialect.convert import escape_inline
from helpcenter.enrich import durations
from helpcenter.enrich.moves import slug_of
from helpcenter.model import KnowledgeBase
from helpcenter.pages.category_pages import category_list, folder_uri, top_folders
from helpcenter.pages.markup import front_matter, issue_link, link, table
from helpcenter.pages.privacy import PRIVACY_PAGE
from helpcenter.pages.reply_desk import REPLY_PAGE

TAGS_PAGE, ERRORS_PAGE, WAITS_PAGE = "tags.md", "errors.md", "waits.md"
HOME_TAGS = 10
HOME_WAITS = 6
HOME_EXAMPLES = 3
TICKET_URL = "https://console.cloud.tencent.com/workorder/category"
_TICKET_LINK = re.compile(r"\[提交工单\]\((https?://[^)\s]+)\)")


def _tag_counts(kb: KnowledgeBase) -> dict[str, int]:
    counts: dict[str, int] = {}
    for issue in kb.issues:
        for tag in issue.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return counts


def _examples(kb: KnowledgeBase, top_tags: list[str]) -> list[str]:
    """What to show under the search box as things to paste: short prompt texts of
    this FAQ (else its commonest symptoms), never another FAQ's words."""
    texts = dict.fromkeys(text for issue in kb.issues for text in issue.errors if 4 <= len(text) <= 12)
    return (list(texts) or top_tags)[:HOME_EXAMPLES]


def home_page(kb: KnowledgeBase, ticket_url: str, nav_limit: int) -> str:
    """Search first (the template); then the symptoms people hit most, the categories,
    the waits, and where to go when the answer is not here."""
    here = "index.md"
    counts = _tag_counts(kb)
    top = sorted(counts, key=lambda t: (-counts[t], t))[:HOME_TAGS]
    meta = {"title": "首页", "template": "home.html", "hide": ["navigation", "toc"],
            "kb_examples": _examples(kb, top)}
    parts = [front_matter(meta)]
    if top:
        parts.append("## 常见症状\n\n<div class=\"kb-tag-cloud\" markdown>\n")
        parts += [f"[{escape_inline(t)}（{counts[t]}）]({link(here, TAGS_PAGE)}#tag:{quote(t)})"
                  "{ .md-tag }\n" for t in top]
        parts.append("</div>\n\n")
    parts.append("## 问题分类\n\n")
    parts.append(category_list(here, kb.categories, under=0) if len(kb.categories) <= nav_limit else
                 "".join(f"- [{escape_inline(f)}]({link(here, folder_uri(f))})\n" for f in top_folders(kb) if f))
    waits = sorted(((d, i) for i in kb.issues for d in i.waits if d.kind == durations.WAIT),
                   key=lambda row: -row[0].hours)
    if waits:
        parts.append("\n## 需要等待的情况\n\n")
        seen = set()
        for d, issue in waits:
            if issue.id in seen or len(seen) >= HOME_WAITS:
                continue
            seen.add(issue.id)
            parts.append(f"- **{escape_inline(d.text)}**：{issue_link(here, issue)}\n")
        parts.append(f"\n[全部等待期与办理时限]({link(here, WAITS_PAGE)})\n")
    parts.append(f"\n## 还没解决？\n\n找不到答案，或按答案操作后仍然报错，请 [提交工单]({ticket_url})，"
                 "附上报错截图和你已经尝试过的步骤。\n")
    parts.append(f"\n客服同事：把客户的消息粘贴到 [客服回复助手]({link(here, REPLY_PAGE)})，"
                 "勾选相关问题即可生成带链接的回复。\n")
    parts.append(f"\n[隐私说明]({link(here, PRIVACY_PAGE)})\n")
    return "".join(parts)


def tags_page(kb: KnowledgeBase) -> str:
    """Every tag with its description; Material's tags plugin adds the issue lists below,
    sorted by name (its default `tag_name`): the table lists them in the same order."""
    counts = _tag_counts(kb)
    descriptions = {**kb.tag_descriptions, **{t: "" for t in counts if t not in kb.tag_descriptions}}
    rows = [[f"[{escape_inline(tag)}](#tag:{quote(tag)})", escape_inline(description), str(counts[tag])]
            for tag, description in sorted(descriptions.items()) if counts.get(tag)]
    return (front_matter({"title": "按症状浏览"}) + "按你看到的现象找问题。每个问题都打了 1–4 个症状标签。\n\n"
            + table(["标签", "说明", "问题数"], rows) + "\n<!-- material/tags -->\n")


def errors_page(kb: KnowledgeBase) -> str:
    rows = sorted(((text, issue) for issue in kb.issues for text in issue.errors),
                  key=lambda row: (lazy_pinyin(row[0]), row[1].id))
    return (front_matter({"title": "报错信息索引"}) + "按报错提示的拼音排序。找到你看到的那句提示，点开对应的问题。\n\n"
            + table(["报错提示", "问题"],
                    [[escape_inline(text), issue_link(ERRORS_PAGE, issue)] for text, issue in rows]))


def waits_page(kb: KnowledgeBase) -> str:
    rows = sorted(((d, issue) for issue in kb.issues for d in issue.waits
                   if d.kind in (durations.WAIT, durations.DEADLINE)),
                  key=lambda row: (row[0].hours, row[1].id))
    return (front_matter({"title": "等待期一览"})
            + "所有答案里提到的等待时间（等待）和办理期限（时限），按时长从短到长排列。\n\n"
            + table(["时长", "类型", "问题", "原文"],
                    [[escape_inline(d.text), d.kind, issue_link(WAITS_PAGE, issue), escape_inline(d.sentence)]
                     for d, issue in rows]))


def removed_page(kb: KnowledgeBase, row) -> str:
    """What an old link to a deleted question shows: what it was, where to look now."""
    uri = f"q/{row.id}.md"
    category = next((c for c in kb.categories if c.key == row.file), None)
    if category is None:
        slug = kb.moved.get(slug_of(row.file), "")
        category = next((c for c in kb.categories if c.slug == slug), None)
    meta = {"title": "该问题已删除", "kb_removed": row.id, "robots": "noindex"}
    parts = [front_matter(meta),
             f"你打开的链接指向问题 #{row.id}“{escape_inline(row.title)}”，它已从帮助中心删除或合并。\n\n"]
    if category:
        parts.append(f"- 看看同一分类的其他问题：[{escape_inline(category.title)}]"
                     f"({link(uri, category.src_uri)})\n")
    # raw HTML: a query string on the home page is not a page MkDocs can check
    search = html.escape(f"../../?q={quote(row.title)}", quote=True)
    parts.append(f'- <a href="{search}">在帮助中心搜索这个问题</a>\n'
                 f"- [回到首页]({link(uri, 'index.md')})\n")
    return "".join(parts)


def ticket_url(kb: KnowledgeBase, configured: str | None = None) -> str:
    """Where 提交工单 leads: extra.kb.ticket_url, else the link the FAQ itself uses most."""
    if configured:
        return configured
    found: dict[str, int] = {}
    for issue in kb.issues:
        for url in _TICKET_LINK.findall(issue.answer):
            found[url] = found.get(url, 0) + 1
    return max(found, key=lambda u: (found[u], u)) if found else TICKET_URL
