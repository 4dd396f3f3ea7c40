"""Every page the model produces, as (src_uri, Markdown) for `File.generated`.

Links between pages are relative `.md` links, so MkDocs checks them and rewrites them
for the final URL layout. One module per kind of page: issue_page, category_pages,
index_pages; markup holds what they share.
"""

from __future__ import annotations

from collections.abc import Iterator

from helpcenter.model import KnowledgeBase
from helpcenter.pages.category_pages import category_page, folder_pages
from helpcenter.pages.index_pages import (
    ERRORS_PAGE,
    TAGS_PAGE,
    WAITS_PAGE,
    errors_page,
    home_page,
    removed_page,
    tags_page,
    waits_page,
)
from helpcenter.pages.issue_page import issue_page
from helpcenter.pages.privacy import PRIVACY_PAGE, privacy_page
from helpcenter.pages.reply_desk import REPLY_PAGE, reply_page


def render_all(kb: KnowledgeBase, ticket_url: str, nav_limit: int, reply: dict[str, str],
               events: bool = True) -> Iterator[tuple[str, str]]:
    """(src_uri, markdown) of every page; ticket_url, nav_limit, the reply desk's
    template, greeting and closing, and whether readers' events are on, as in extra.kb."""
    yield "index.md", home_page(kb, ticket_url, nav_limit)
    yield REPLY_PAGE, reply_page(**reply)
    yield PRIVACY_PAGE, privacy_page(events)
    yield TAGS_PAGE, tags_page(kb)
    yield ERRORS_PAGE, errors_page(kb)
    yield WAITS_PAGE, waits_page(kb)
    yield from folder_pages(kb, nav_limit)
    for row in kb.retired:
        yield f"q/{row.id}.md", removed_page(kb, row)
    for category in kb.categories:
        yield category.src_uri, category_page(kb, category)
        for issue in category.issues:
            yield issue.src_uri, issue_page(kb, issue)
