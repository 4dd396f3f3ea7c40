"""Render the model as Markdown pages (issue, category, home).

Links between pages are relative `.md` links, so MkDocs checks them and
rewrites them for the final URL layout.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import string
from urllib.parse import quote

from pypinyin import lazy_pinyin

from . import doclinks, durations
from .convert import escape_inline, to_markdown
from .model import Category, Issue, KnowledgeBase, Topic
from .moves import slug_of
from .slugs import slugify
from .text import first_line, first_sentence, plain_text, summary

TAGS_PAGE, ERRORS_PAGE, WAITS_PAGE = "tags.md", "errors.md", "waits.md"
WAIT_ADMONITIONS = {durations.WAIT: "kb-wait", durations.DEADLINE: "kb-deadline",
                    durations.OTHER: "kb-time"}

_ANCHOR_LINK = re.compile(r"\]\(#([^)\s]+)\)")


def link(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def front_matter(meta: dict) -> str:
    # Material's lunr index stays empty: the kb-search worker has its own index.
    meta = {**meta, "search": {"exclude": True}}
    # the theme prints title and description into HTML unescaped: they are FAQ text
    for key in ("title", "description"):
        if key in meta:
            meta[key] = html.escape(meta[key], quote=True)
    # JSON is YAML, and far quicker to write than PyYAML's emitter (a third of the
    # hooks' time at 10,000 pages)
    return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n\n"


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
    description = summary(issue.title, issue.answer)  # stands alone in a link preview
    meta = {
        "title": issue.title,
        "description": description,
        "kb_id": issue.id,
        "kb_jsonld": json_ld(issue, description),
    }
    if issue.tags:
        meta["tags"] = list(issue.tags)
    body = to_markdown(issue.answer, heading_shift=2)
    here = issue.src_uri
    body = _rewrite_anchor_links(body, here, _anchor_targets(category))
    body = doclinks.localise(body, kb.titles, lambda target: link(here, target.src_uri))
    parts = [front_matter(meta),
             f'<nav class="kb-breadcrumbs" aria-label="位置" markdown>[首页]({link(here, "index.md")}) › '
             f'[{escape_inline(category.title)}]({link(here, category.src_uri)})</nav>\n\n',
             f"# {escape_inline(issue.title)}\n"]
    if issue.anchors:
        parts.append(_anchor_html(issue.anchors) + "\n")
    parts.append(_error_block(issue.errors))
    parts.append(_wait_admonitions(issue.waits))
    parts.append("\n" + body)
    parts.append(_page_footer(kb, issue, category))
    return "".join(parts)


def _page_footer(kb: KnowledgeBase, issue: Issue, category: Category) -> str:
    """相关问题, previous/next in the category, 最后更新."""
    here = issue.src_uri
    parts = []
    related = kb.related.get(issue.id) or []
    if related:
        parts.append('\n<div class="kb-related" markdown>\n\n## 相关问题\n\n')
        parts += [f"- [{escape_inline(r.title)}]({link(here, r.src_uri)})\n" for r in related]
        parts.append("\n</div>\n")
    siblings = category.issues
    n = siblings.index(issue)
    steps = []
    if n > 0:
        steps.append(f'[← 上一个：{escape_inline(siblings[n - 1].title)}]({link(here, siblings[n - 1].src_uri)})'
                     '{ .kb-prev }')
    if n + 1 < len(siblings):
        steps.append(f'[下一个：{escape_inline(siblings[n + 1].title)} →]({link(here, siblings[n + 1].src_uri)})'
                     '{ .kb-next }')
    if steps:
        parts.append('\n<nav class="kb-steps" aria-label="同一分类的问题" markdown>\n'
                     + "\n".join(steps) + "\n</nav>\n")
    updated = kb.updated.get(issue.file)
    if updated:
        parts.append(f'\n<p class="kb-updated">最后更新：<time datetime="{updated}">{updated}</time></p>\n')
    return "".join(parts)


def json_ld(issue: Issue, description: str) -> str:
    """schema.org QAPage for search engines; safe inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": {
            "@type": "Question",
            "name": issue.title,
            "text": issue.title,
            "answerCount": 1,
            "acceptedAnswer": {"@type": "Answer", "text": plain_text(issue.answer) or description},
        },
    }
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


REPLY_FIELDS = {"title", "fix", "url"}


class ReplyTemplateError(ValueError):
    """extra.kb.reply_template cannot be filled in; the message says why."""


def reply_template(template: str) -> str:
    """extra.kb.reply_template, checked: only {title}, {fix} and {url}."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise ReplyTemplateError(f"mkdocs.yml: extra.kb.reply_template 的花括号不成对（{exc}）；"
                         "字面的花括号请写成 {{ 和 }}。") from None
    unknown = "、".join("{" + name + "}" for name in sorted(fields - REPLY_FIELDS))
    if unknown:
        raise ReplyTemplateError(f"mkdocs.yml: extra.kb.reply_template 里有未知的占位符 {unknown}；"
                         "可用的只有 {title}（问题）、{fix}（答案第一句）、{url}（链接）。")
    return template


def share_html(issue: Issue, template: str) -> str:
    """复制链接 / 复制回复 buttons (docs/assets/kb.js does the copying). The link is
    relative, so the clipboard gets the address the reader actually sees, whatever
    site_url says and wherever the site is deployed."""
    url = "../../" + issue.url
    reply = template.format_map({"title": issue.title, "fix": first_sentence(issue.answer),
                                 "url": "{url}"})
    return (f'<div class="kb-share" data-kb-url="{html.escape(url, quote=True)}"'
            f' data-kb-reply="{html.escape(reply, quote=True)}">'
            '<button type="button" class="md-button kb-copy" data-kb-copy="url">复制链接</button>'
            '<button type="button" class="md-button kb-copy" data-kb-copy="reply">复制回复</button>'
            '<span class="kb-copied" role="status" aria-live="polite"></span></div>')


def _error_block(texts: list[str]) -> str:
    """The prompt texts a user sees, each in a copyable code block."""
    if not texts:
        return ""
    lines = ['\n!!! kb-error "报错提示"\n']
    for text in texts:
        lines.append(f"\n    ```text\n    {text}\n    ```\n")
    return "".join(lines)


def _wait_admonitions(waits: list[durations.Duration]) -> str:
    """One admonition per kind of duration, stating it in plain words."""
    parts = []
    for kind, css in WAIT_ADMONITIONS.items():
        of_kind = [d for d in waits if d.kind == kind]
        if not of_kind:
            continue
        title = durations.headline(*of_kind)
        parts.append(f'\n!!! {css} "{title}"\n')
        for sentence in dict.fromkeys(d.sentence for d in of_kind):
            parts.append(f"\n    原文：{escape_inline(sentence)}\n")
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


_TOC_LINE = re.compile(r"^\s*[-*+]\s+\[[^\]]*\]\(#([^)\s]+)\)\s*$")


def _is_own_toc(topic: Topic, targets: dict[str, Issue]) -> bool:
    """A topic that is only a list of links to this file's questions."""
    lines = [line for line in topic.body.split("\n") if line.strip()]
    return bool(lines) and not topic.heading and all(
        (match := _TOC_LINE.match(line)) and match.group(1) in targets for line in lines)


def category_page(kb: KnowledgeBase, category: Category) -> str:
    here = category.src_uri
    meta = {"title": category.title, "kb_category": category.key}
    parts = [front_matter(meta), f"# {escape_inline(category.title)}\n\n"]
    targets = _anchor_targets(category)
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
        if _is_own_toc(entry, targets):
            continue  # the file's table of contents: the issue list below says the same
        parts.append(_topic_markdown(entry) + "\n")
    if in_list:
        parts.append("</ul>\n")
    text = _rewrite_anchor_links("".join(parts), here, targets)
    return doclinks.localise(text, kb.titles, lambda target: link(here, target.src_uri))


HOME_TAGS = 10
HOME_WAITS = 6


def home_page(kb: KnowledgeBase, ticket_url: str) -> str:
    """Search first; then the symptoms people hit most, the categories, the waits,
    and where to go when the answer is not here."""
    meta = {"title": "首页", "hide": ["navigation", "toc"]}
    here = "index.md"
    parts = [front_matter(meta), "# 备案帮助中心\n\n",
             '<div class="kb-hero">\n'
             '<button type="button" class="kb-search-box">'
             '<span class="kb-search-box__icon" aria-hidden="true">⌕</span>'
             '粘贴你看到的报错提示，或描述遇到的问题</button>\n'
             '<p class="kb-hero__hint">例如：异常账号备案 · 视频核验一直黑屏 · 点备案按钮没反应</p>\n'
             "</div>\n\n"]
    counts: dict[str, int] = {}
    for issue in kb.issues:
        for tag in issue.tags:
            counts[tag] = counts.get(tag, 0) + 1
    top = sorted(counts, key=lambda t: (-counts[t], t))[:HOME_TAGS]
    if top:
        parts.append("## 常见症状\n\n<div class=\"kb-tag-cloud\" markdown>\n")
        parts += [f"[{escape_inline(t)}（{counts[t]}）]({link(here, TAGS_PAGE)}#tag:{quote(t)})"
                  "{ .md-tag }\n" for t in top]
        parts.append("</div>\n\n")
    parts.append("## 问题分类\n\n")
    parts.append(_category_list(here, kb.categories, under=0) if len(kb.categories) <= NAV_LIMIT else
                 "".join(f"- [{escape_inline(f)}]({link(here, folder_uri(f))})\n" for f in _top_folders(kb) if f))
    waits = sorted(((d, i) for i in kb.issues for d in i.waits if d.kind == durations.WAIT),
                   key=lambda row: -row[0].hours)
    if waits:
        parts.append("\n## 需要等待的情况\n\n")
        seen = set()
        for d, issue in waits:
            if issue.id in seen or len(seen) >= HOME_WAITS:
                continue
            seen.add(issue.id)
            parts.append(f"- **{escape_inline(d.text)}**：[{escape_inline(issue.title)}]"
                         f"({link(here, issue.src_uri)})\n")
        parts.append(f"\n[全部等待期与办理时限]({link(here, WAITS_PAGE)})\n")
    parts.append(f"\n## 还没解决？\n\n找不到答案，或按答案操作后仍然报错，请 [提交工单]({ticket_url})，"
                 "附上报错截图和你已经尝试过的步骤。\n")
    return "".join(parts)


def tags_page(kb: KnowledgeBase) -> str:
    """Every tag with its description; Material's tags plugin adds the issue lists."""
    meta = {"title": "按症状浏览"}
    counts: dict[str, int] = {}
    for issue in kb.issues:
        for tag in issue.tags:
            counts[tag] = counts.get(tag, 0) + 1
    parts = [front_matter(meta), "# 按症状浏览\n\n",
             "按你看到的现象找问题。每个问题都打了 1–4 个症状标签。\n\n",
             "| 标签 | 说明 | 问题数 |\n| --- | --- | --- |\n"]
    descriptions = {**kb.tag_descriptions, **{t: "" for t in counts if t not in kb.tag_descriptions}}
    for tag, description in descriptions.items():
        if counts.get(tag):
            parts.append(f"| [{escape_inline(tag)}](#tag:{quote(tag)}) | {escape_inline(description)} | "
                         f"{counts[tag]} |\n")
    parts.append("\n<!-- material/tags -->\n")
    return "".join(parts)


def _table_page(title: str, intro: str, header: list[str], rows: list[list[str]]) -> str:
    """An index page: a title, a sentence, a table (cells already Markdown)."""
    lines = [front_matter({"title": title}), f"# {title}\n\n", intro + "\n\n",
             "| " + " | ".join(header) + " |\n", "|" + " --- |" * len(header) + "\n"]
    lines += ["| " + " | ".join(row) + " |\n" for row in rows]
    return "".join(lines)


def _issue_link(here: str, issue: Issue) -> str:
    return f"[{escape_inline(issue.title)}]({link(here, issue.src_uri)})"


def errors_page(kb: KnowledgeBase) -> str:
    rows = sorted(((text, issue) for issue in kb.issues for text in issue.errors),
                  key=lambda row: (lazy_pinyin(row[0]), row[1].id))
    return _table_page("报错信息索引", "按报错提示的拼音排序。找到你看到的那句提示，点开对应的问题。",
                       ["报错提示", "问题"],
                       [[escape_inline(text), _issue_link(ERRORS_PAGE, issue)] for text, issue in rows])


def waits_page(kb: KnowledgeBase) -> str:
    rows = sorted(((d, issue) for issue in kb.issues for d in issue.waits
                   if d.kind in (durations.WAIT, durations.DEADLINE)),
                  key=lambda row: (row[0].hours, row[1].id))
    return _table_page("等待期一览", "所有答案里提到的等待时间（等待）和办理期限（时限），按时长从短到长排列。",
                       ["时长", "类型", "问题", "原文"],
                       [[escape_inline(d.text), d.kind, _issue_link(WAITS_PAGE, issue), escape_inline(d.sentence)]
                        for d, issue in rows])


NAV_LIMIT = 60  # categories shown in the sidebar; beyond, top-level folders only
INDEX_PAGES = [{"按症状浏览": TAGS_PAGE}, {"报错信息索引": ERRORS_PAGE}, {"等待期一览": WAITS_PAGE}]
ALL_CATEGORIES = "c/index.md"


def folder_uri(folder: str) -> str:
    return f"f/{slugify(folder)}.md"


def nav(kb: KnowledgeBase) -> list:
    """Home and categories, never issues: every page renders the whole sidebar,
    so a sidebar that grows with the site makes the build grow with its square.
    Past NAV_LIMIT categories the sidebar lists top-level folders, each with a
    page listing its categories."""
    root: list = [{"首页": "index.md"}]
    if len(kb.categories) > NAV_LIMIT:
        tops = _top_folders(kb)
        if len(tops) > NAV_LIMIT:  # the sidebar stays the same size however large the site
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


def _category_list(here: str, categories: list[Category], under: int = 1) -> str:
    """Categories as links named by their path below the first `under` folders."""
    return "".join(f"- [{escape_inline('/'.join(c.folders[under:] + (c.title,)))}]({link(here, c.src_uri)})"
                   + (f"（{len(c.issues)} 个问题）\n" if c.issues else "（说明）\n") for c in categories)


def folder_pages(kb: KnowledgeBase):
    """(src_uri, markdown) of the folder pages a large site's sidebar links to."""
    if len(kb.categories) <= NAV_LIMIT:
        return
    tops = _top_folders(kb)
    for folder, categories in tops.items():
        if folder:
            uri = folder_uri(folder)
            yield uri, (front_matter({"title": folder}) + f"# {escape_inline(folder)}\n\n"
                        + _category_list(uri, categories))
    if "" in tops or len(tops) > NAV_LIMIT:
        uri = ALL_CATEGORIES
        folders = "".join(f"- [{escape_inline(f)}]({link(uri, folder_uri(f))})（{len(cs)} 个分类）\n"
                          for f, cs in tops.items() if f)
        yield uri, (front_matter({"title": "全部分类"}) + "# 全部分类\n\n" + folders
                    + _category_list(uri, tops.get("", [])))


def _top_folders(kb: KnowledgeBase) -> dict[str, list[Category]]:
    """Top-level folder ("" for files at the root) -> its categories, in order."""
    tops: dict[str, list[Category]] = {}
    for category in kb.categories:
        tops.setdefault(category.folders[0] if category.folders else "", []).append(category)
    return tops


def removed_page(kb: KnowledgeBase, row) -> str:
    """What an old link to a deleted question shows: what it was, where to look now."""
    uri = f"q/{row.id}.md"
    category = next((c for c in kb.categories if c.key == row.file), None)
    if category is None:
        slug = kb.moved.get(slug_of(row.file), "")
        category = next((c for c in kb.categories if c.slug == slug), None)
    meta = {"title": "该问题已删除", "kb_removed": row.id, "robots": "noindex"}
    parts = [front_matter(meta), "# 该问题已删除\n\n",
             f"你打开的链接指向问题 #{row.id}“{escape_inline(row.title)}”，它已从帮助中心删除或合并。\n\n"]
    if category:
        parts.append(f"- 看看同一分类的其他问题：[{escape_inline(category.title)}]"
                     f"({link(uri, category.src_uri)})\n")
    # raw HTML: a query string on the home page is not a page MkDocs can check
    search = html.escape(f"../../?q={quote(row.title)}", quote=True)
    parts.append(f'- <a href="{search}">在帮助中心搜索这个问题</a>\n'
                 f"- [回到首页]({link(uri, 'index.md')})\n")
    return "".join(parts)


def nginx_redirects(kb: KnowledgeBase, prefix: str) -> str:
    """The same moves as real 301s, for an nginx `include` inside the server block."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    lines = ["# Generated by the build: old category URLs. include this in the server block."]
    for old, new in sorted(kb.moved.items()):
        target = f"{prefix}c/{new}/" if new else prefix
        lines.append(f"location = {prefix}c/{old}/ {{ return 301 {target}; }}")
    return "\n".join(lines) + "\n"


def redirect_map(kb: KnowledgeBase) -> dict[str, str]:
    """Old category pages -> where they went (for mkdocs-redirects)."""
    return {f"c/{old}.md": f"c/{new}.md" if new else "index.md" for old, new in kb.moved.items()}


TICKET_URL = "https://console.cloud.tencent.com/workorder/category"
_TICKET_LINK = re.compile(r"\[提交工单\]\((https?://[^)\s]+)\)")


def ticket_url(kb: KnowledgeBase) -> str:
    """The 提交工单 link the FAQ itself uses most."""
    found: dict[str, int] = {}
    for issue in kb.issues:
        for url in _TICKET_LINK.findall(issue.answer):
            found[url] = found.get(url, 0) + 1
    return max(found, key=lambda u: (found[u], u)) if found else TICKET_URL


def render_all(kb: KnowledgeBase):
    """(src_uri, markdown) of every page the model produces."""
    yield "index.md", home_page(kb, ticket_url(kb))
    yield TAGS_PAGE, tags_page(kb)
    yield ERRORS_PAGE, errors_page(kb)
    yield WAITS_PAGE, waits_page(kb)
    yield from folder_pages(kb)
    for row in kb.retired:
        yield f"q/{row.id}.md", removed_page(kb, row)
    for category in kb.categories:
        yield category.src_uri, category_page(kb, category)
        for issue in category.issues:
            yield issue.src_uri, issue_page(kb, issue)
