"""Every page of the site, generated from the model: Markdown with front matter, the
bodies of issue and category pages already rendered and sanitised (render.py), the rest
written from templates (texts.py). One module per kind of page: issue_page,
category_pages, index_pages; navigation for the sidebar."""

from __future__ import annotations

from dataclasses import dataclass, field

from helpcenter.model import Diagnostic, KnowledgeBase
from helpcenter.pages import links
from helpcenter.pages.category_pages import category_page
from helpcenter.pages.index_pages import (
    ERRORS_PAGE,
    HOME,
    PRIVACY_PAGE,
    REPLY_PAGE,
    TAGS_PAGE,
    WAITS_PAGE,
    errors_page,
    folder_pages,
    home_page,
    privacy_page,
    product_page,
    removed_page,
    reply_page,
    tags_page,
    waits_page,
)
from helpcenter.pages.issue_page import issue_page
from helpcenter.pages.navigation import nav
from helpcenter.pages.render import Renderer
from helpcenter.pages.texts import Texts
from helpcenter.settings import Settings


@dataclass
class Pages:
    """The generated pages (uri -> Markdown), the answers' texts (issue ID -> text, for
    search), the sidebar, and the problems found while rendering (before any renderer runs)."""

    pages: dict[str, str] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def generate(kb: KnowledgeBase, settings: Settings, ticket_url: str) -> Pages:
    texts = Texts(settings.templates)
    renderer = Renderer(settings.image_hosts)
    out = Pages(nav=nav(kb, texts.words, settings.nav_limit))
    pages = out.pages
    pages[HOME] = home_page(kb, texts, ticket_url, settings.nav_limit)
    pages[REPLY_PAGE] = reply_page(kb, texts, settings.reply_template, settings.reply_greeting,
                                   settings.reply_closing)
    pages[PRIVACY_PAGE] = privacy_page(kb, texts, settings.events)
    pages[TAGS_PAGE] = tags_page(kb, texts)
    pages[ERRORS_PAGE] = errors_page(kb, texts)
    pages[WAITS_PAGE] = waits_page(kb, texts)
    if kb.several_products:
        for product in kb.products:
            pages[product.src_uri] = product_page(kb, product, texts)
    pages.update(folder_pages(kb, texts, settings.nav_limit))
    for row in kb.retired:
        pages[f"q/{row.id}.md"] = removed_page(kb, row, texts)
    rendered = {}  # uri -> (HTML, where in the FAQ it comes from): their links are checked
    for category in kb.categories:
        page = category_page(kb, category, renderer)
        pages[page.uri] = page.page
        rendered[page.uri] = (page.html, (category.key, 1))
        out.problems.extend(page.problems)
        for issue in category.issues:
            page = issue_page(kb, issue, renderer)
            pages[page.uri] = page.page
            rendered[page.uri] = (page.html, (issue.file, issue.line))
            out.answers[issue.id] = page.answer
            out.problems.extend(page.problems)
    out.problems.extend(links.check(rendered, set(pages)))
    return out
