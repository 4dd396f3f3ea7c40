"""The pages that lead to issues: home, the products' pages, 按症状浏览, 报错信息索引,
等待期一览, the folder pages of a large site, 隐私说明, and what an old link to a removed
question shows. Their words are templates (pages/templates/, texts.Texts); this module
says what they list. Links are relative `.md` links the renderer checks and rewrites."""

from __future__ import annotations

import html
import re
from collections import Counter
from urllib.parse import quote

from pypinyin import lazy_pinyin

from helpcenter.enrich import durations
from helpcenter.enrich.moves import slug_of
from helpcenter.model import Category, Issue, KnowledgeBase, Product
from helpcenter.pages.markup import front_matter, link
from helpcenter.pages.texts import Texts, md
from helpcenter.slugs import slugify

HOME, TAGS_PAGE, ERRORS_PAGE, WAITS_PAGE = "index.md", "tags.md", "errors.md", "waits.md"
PRIVACY_PAGE, REPLY_PAGE, ALL_CATEGORIES = "privacy.md", "reply.md", "c/index.md"
HOME_TAGS, HOME_WAITS, HOME_EXAMPLES, PRODUCT_ERRORS = 10, 6, 3, 12
TICKET_URL = "https://console.cloud.tencent.com/workorder/category"
_TICKET_LINK = re.compile(r"\[提交工单\]\((https?://[^)\s]+)\)")


def page(kb: KnowledgeBase, texts: Texts, template: str, meta: dict | None = None, **context) -> str:
    """A page of template `template`: its title and text, and the front matter `meta`. Its
    date (the sitemap's lastmod) is the newest source change: it lists what any file holds."""
    title, body = texts.page(template, words=texts.words, **context)
    return front_matter({"title": title, "kb_lastmod": kb.last_update, **(meta or {})}) + body


def tag_anchor(kb: KnowledgeBase, product: Product, tag: str) -> str:
    """The tag's place on 按症状浏览 (the anchor issue pages' tag chips link to), as written:
    renderers check a link's anchor against the ids as they stand. A space or bracket (SDK
    报错) would end the anchor in a link or an attr_list: those become -."""
    name = re.sub(r"[\s()\[\]{}<>]+", "-", tag)
    return f"tag:{product.slug}:{name}" if kb.several_products else f"tag:{name}"


def tag_chips(kb: KnowledgeBase, issue: Issue) -> list[dict[str, str]]:
    """An issue page's tags, each linking to its place on 按症状浏览 (site-relative)."""
    product = kb.product(issue.product)
    return [{"name": tag, "url": f"tags/#{tag_anchor(kb, product, tag)}"} for tag in sorted(issue.tags)]


def _issue_row(here: str, issue: Issue) -> dict:
    return {"title": md(issue.title), "link": link(here, issue.src_uri)}


def _categories(here: str, categories: list[Category], under: int) -> list[dict]:
    """Categories named by their path below the first `under` folders."""
    return [{"name": md("/".join(c.folders[under:] + (c.title,))), "link": link(here, c.src_uri),
             "count": len(c.issues)} for c in categories]


def _tag_counts(issues: list[Issue]) -> Counter:
    return Counter(tag for issue in issues for tag in issue.tags)


def _top_tags(kb: KnowledgeBase, product: Product, issues: list[Issue], here: str) -> list[dict]:
    counts = _tag_counts(issues)
    top = sorted(counts, key=lambda t: (-counts[t], t))[:HOME_TAGS]
    return [{"name": md(t), "count": counts[t],
             "link": f"{link(here, TAGS_PAGE)}#{tag_anchor(kb, product, t)}"} for t in top]


def _waits(here: str, issues: list[Issue]) -> list[dict]:
    waits = sorted(((d, i) for i in issues for d in i.waits if d.kind == durations.WAIT), key=lambda row: -row[0].hours)
    shown, seen = [], set()
    for d, issue in waits:
        if issue.id not in seen and len(seen) < HOME_WAITS:
            seen.add(issue.id)
            shown.append({"text": md(d.text), **_issue_row(here, issue)})
    return shown


def examples(issues: list[Issue], top_tags: list[str]) -> list[str]:
    """What to show under the search box as things to paste: short prompt texts of this
    FAQ (else its commonest symptoms), never another FAQ's words."""
    texts = dict.fromkeys(text for issue in issues for text in issue.errors if 4 <= len(text) <= 12)
    return (list(texts) or top_tags)[:HOME_EXAMPLES]


def home_page(kb: KnowledgeBase, texts: Texts, ticket_url: str, nav_limit: int) -> str:
    """Search first (the template overrides/home.html); then the products, the symptoms
    people hit most, the categories, the waits, and where to go when the answer is not here."""
    here = HOME
    issues = list(kb.issues)
    counts = _tag_counts(issues)
    if kb.several_products:
        products = [{"name": md(p.name), "link": link(here, p.src_uri), "count": len(kb.issues_of(p))}
                    for p in kb.products]
        tags, categories, waits = [], [], []
    else:
        products = []
        tags = _top_tags(kb, kb.products[0], issues, here)
        categories = (_categories(here, list(kb.categories), 0) if len(kb.categories) <= nav_limit else
                      [{"name": md(f), "link": link(here, folder_uri(f)), "count": None}
                       for f in top_folders(list(kb.categories)) if f])
        waits = _waits(here, issues)
    meta = {"template": "home.html", "hide": ["navigation", "toc"], "kb_site": kb.name,
            "kb_examples": examples(issues, sorted(counts, key=lambda t: (-counts[t], t))[:HOME_TAGS])}
    return page(kb, texts, "home.md", meta, products=products, tags=tags, categories=categories, waits=waits,
                waits_link=link(here, WAITS_PAGE), ticket=ticket_url, reply_link=link(here, REPLY_PAGE),
                privacy_link=link(here, PRIVACY_PAGE))


def product_page(kb: KnowledgeBase, product: Product, texts: Texts) -> str:
    here = product.src_uri
    issues = kb.issues_of(product)
    errors = [{"text": md(text), **_issue_row(here, issue)} for issue in issues for text in issue.errors]
    meta = {"kb_product": product.name, "kb_product_slug": product.slug,
            "kb_breadcrumbs": [{"title": texts.words["home"], "url": ""}],
            "kb_examples": examples(issues, [])}
    return page(kb, texts, "product.md", meta, name=product.name, tags=_top_tags(kb, product, issues, here),
                categories=_categories(here, kb.categories_of(product), 0), waits=_waits(here, issues),
                errors=errors[:PRODUCT_ERRORS], errors_link=link(here, ERRORS_PAGE),
                waits_link=link(here, WAITS_PAGE), tags_link=link(here, TAGS_PAGE))


def _groups(kb: KnowledgeBase, rows_of) -> list[dict]:
    """One group per product (unnamed on a one-product site), with what rows_of(product) lists."""
    groups = []
    for product in kb.products:
        rows = rows_of(product)
        if any(rows.values()) or not kb.several_products:
            groups.append({"product": md(product.name) if kb.several_products else "",
                           "anchor": f"product:{product.slug}", **rows})
    return groups


def tags_page(kb: KnowledgeBase, texts: Texts) -> str:
    """Every tag with its description, then its questions, in the order of the names."""
    def rows_of(product: Product) -> dict:
        issues = kb.issues_of(product)
        described = {t.name: t.description for t in product.tags}
        counts = _tag_counts(issues)
        tags = []
        for name in sorted(counts):
            anchor = tag_anchor(kb, product, name)
            tags.append({"name": md(name), "description": md(described.get(name, "")), "count": counts[name],
                         "anchor": anchor,
                         "issues": [_issue_row(TAGS_PAGE, i) for i in sorted(issues, key=lambda i: i.title)
                                    if name in i.tags]})
        return {"tags": tags}
    return page(kb, texts, "tags.md", groups=_groups(kb, rows_of))


def errors_page(kb: KnowledgeBase, texts: Texts) -> str:
    def rows_of(product: Product) -> dict:
        found = sorted(((text, i) for i in kb.issues_of(product) for text in i.errors),
                       key=lambda row: (lazy_pinyin(row[0]), row[1].id))
        return {"rows": [{"text": md(text), **_issue_row(ERRORS_PAGE, i)} for text, i in found]}
    return page(kb, texts, "errors.md", groups=_groups(kb, rows_of))


def waits_page(kb: KnowledgeBase, texts: Texts) -> str:
    def rows_of(product: Product) -> dict:
        found = sorted(((d, i) for i in kb.issues_of(product) for d in i.waits
                        if d.kind in (durations.WAIT, durations.DEADLINE)),
                       key=lambda row: (row[0].hours, row[1].id))
        return {"rows": [{"text": md(d.text), "kind": d.kind, "sentence": md(d.sentence),
                          **_issue_row(WAITS_PAGE, i)} for d, i in found]}
    return page(kb, texts, "waits.md", groups=_groups(kb, rows_of))


def removed_page(kb: KnowledgeBase, row, texts: Texts) -> str:
    """What an old link to a deleted question shows: what it was, where to look now."""
    uri = f"q/{row.id}.md"
    category = next((c for c in kb.categories if c.key == row.file), None)
    if category is None:
        slug = kb.moved.get(slug_of(row.file), "")
        category = next((c for c in kb.categories if c.slug == slug), None)
    meta = {"kb_removed": str(row.id), "robots": "noindex"}
    return page(kb, texts, "removed.md", meta, id=row.id, question=md(row.title),
                category={"name": md(category.title), "link": link(uri, category.src_uri)} if category else None,
                # a query string on the home page is not a page the renderer can check: raw HTML
                search=html.escape(f"../../?q={quote(row.title)}", quote=True), home_link=link(uri, HOME))


def privacy_page(kb: KnowledgeBase, texts: Texts, events: bool) -> str:
    return page(kb, texts, "privacy.md", {"hide": ["navigation", "toc"]}, events=events)


def reply_page(kb: KnowledgeBase, texts: Texts, template: str, greeting: str, closing: str) -> str:
    """客服回复助手 (/reply/): its words are overrides/reply.html's; the reply settings travel
    in the front matter to it."""
    meta = {"title": texts.words["reply"], "template": "reply.html", "hide": ["navigation", "toc"],
            "robots": "noindex", "kb_lastmod": kb.last_update, "kb_reply_template": template,
            "kb_reply_greeting": greeting, "kb_reply_closing": closing}
    return front_matter(meta)


def folder_uri(folder: str) -> str:
    return f"f/{slugify(folder)}.md"


def top_folders(categories: list[Category]) -> dict[str, list[Category]]:
    """Top-level folder ("" for files at the root) -> its categories, in order."""
    tops: dict[str, list[Category]] = {}
    for category in categories:
        tops.setdefault(category.folders[0] if category.folders else "", []).append(category)
    return tops


def folder_pages(kb: KnowledgeBase, texts: Texts, limit: int):
    """(src_uri, markdown) of the folder pages a large one-product site's sidebar links to."""
    if kb.several_products or len(kb.categories) <= limit:
        return
    tops = top_folders(list(kb.categories))
    for folder, categories in tops.items():
        if folder:
            uri = folder_uri(folder)
            yield uri, page(kb, texts, "folder.md", name=folder, folders=[],
                            categories=_categories(uri, categories, 1))
    if "" in tops or len(tops) > limit:
        uri = ALL_CATEGORIES
        folders = [{"name": md(f), "link": link(uri, folder_uri(f)), "count": len(cs)} for f, cs in tops.items() if f]
        yield uri, page(kb, texts, "folder.md", name=texts.words["all_categories"], folders=folders,
                        categories=_categories(uri, tops.get("", []), 1))


def ticket_url(kb: KnowledgeBase, configured: str | None = None) -> str:
    """Where 提交工单 leads: the ticket_url setting, else the link the FAQ itself uses most."""
    if configured:
        return configured
    found: Counter = Counter(url for issue in kb.issues for url in _TICKET_LINK.findall(issue.answer))
    return max(found, key=lambda u: (found[u], u)) if found else TICKET_URL
