"""The sidebar: home, the categories (by product on a help center of several), the index
pages; never issues. Every page renders the whole sidebar, so a sidebar that grew with the
site would make the build grow with its square: past `limit` categories it lists products
or top-level folders, each with a page of its own."""

from __future__ import annotations

import html

from helpcenter.model import Category, KnowledgeBase
from helpcenter.pages.index_pages import (
    ALL_CATEGORIES,
    ERRORS_PAGE,
    HOME,
    TAGS_PAGE,
    WAITS_PAGE,
    folder_uri,
    top_folders,
)


def nav(kb: KnowledgeBase, words: dict, limit: int) -> list:
    root: list = [{words["home"]: HOME}]
    index = [{words["tags"]: TAGS_PAGE}, {words["errors"]: ERRORS_PAGE}, {words["waits"]: WAITS_PAGE}]
    if kb.several_products:
        if len(kb.categories) > limit:
            return root + [{html.escape(p.name): p.src_uri} for p in kb.products] + index
        return root + [{html.escape(p.name): [p.src_uri, *_tree(kb.categories_of(p))]} for p in kb.products] + index
    if len(kb.categories) > limit:
        tops = top_folders(list(kb.categories))
        if len(tops) > limit:  # the sidebar stays the same size however large the site
            return root + [{words["all_categories"]: ALL_CATEGORIES}] + index
        root += [{html.escape(folder): folder_uri(folder)} for folder in tops if folder]
        if "" in tops:
            root.append({words["all_categories"]: ALL_CATEGORIES})
        return root + index
    return root + _tree(list(kb.categories)) + index


def _tree(categories: list[Category]) -> list:
    """Categories nested in their folders."""
    top: list = []
    folders: dict[tuple[str, ...], list] = {(): top}
    for category in categories:
        for depth in range(1, len(category.folders) + 1):
            path = category.folders[:depth]
            if path not in folders:
                children: list = []
                folders[path[:-1]].append({html.escape(path[-1]): children})
                folders[path] = children
        folders[category.folders].append({html.escape(category.title): category.src_uri})
    return top
