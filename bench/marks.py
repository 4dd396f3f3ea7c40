#!/usr/bin/env python3
"""Marks on the pages opened from search results, as a reader on a phone meets them: each
query pasted (no key event) at 390 px on a cold page, the first result tapped, and every
<mark> of the page read: where it stands (the title, the answer, or elsewhere) and
whether it is a word of the query (one of jieba's search cuts of it, three or more
characters of it, or a Latin or digit token of it). tests/test_marks_browser.py asserts
the same on tune queries.

  python bench/marks.py --corpus --queries bench/queries/messy-corpus-holdout.tsv …
  python bench/marks.py --site DIR --queries FILE …
"""

from __future__ import annotations

import argparse
import csv
import re
import tempfile
import unicodedata
from pathlib import Path

import jieba
from search_quality import CHROMIUM_ARGS, ROOT, build, serve

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
MARKS = """() => [...document.querySelectorAll('mark')].map(mark => [mark.textContent,
  mark.closest('article h1') ? 'title'
  : mark.closest('.kb-answer') && !mark.closest('a[href*="/q/"], .admonition-title') ? 'answer'
  : (mark.parentElement.closest('[class]') || mark.parentElement).className || mark.parentElement.tagName])"""


def a_word_of(mark: str, query: str) -> bool:
    folded = unicodedata.normalize("NFKC", query).lower()
    mark = unicodedata.normalize("NFKC", mark).lower()
    return (mark in set(jieba.cut_for_search(query)) | set(jieba.cut_for_search(folded))
            or (len(mark) >= 3 and mark in folded) or mark in re.findall(r"[a-z]+|[0-9]+", folded))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=Path, help="a built site (default: build one)")
    ap.add_argument("--corpus", action="store_true", help="build the ICP corpus from ../shared")
    ap.add_argument("--queries", type=Path, nargs="+", required=True)
    ap.add_argument("--first", type=int, help="only the first N queries of each file")
    args = ap.parse_args()
    site = args.site
    if not site:
        site = Path(tempfile.mkdtemp(prefix="kb-marks-")) / "site"
        build(ROOT.parent / "shared" / "corpus" / "icp-faq" if args.corpus else None, site)
    queries = [row["query"] for path in args.queries
               for row in list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))[:args.first]]
    server, base = serve(site)
    from playwright.sync_api import sync_playwright
    marked = outside = not_words = total_marks = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        for query in queries:
            context = browser.new_context(**PHONE)
            page = context.new_page()
            page.goto(base)
            page.locator("label.md-header__button[for=__search]").tap()
            page.locator(".md-search__input").fill(query)
            try:
                page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0",
                                       timeout=15000)
            except Exception:  # noqa: BLE001 - a query with no result opens no page
                print(f"no result  {query}")
                context.close()
                continue
            page.wait_for_timeout(400)
            page.locator(".md-search-result__item a").first.tap()
            page.wait_for_url(re.compile(r"/q/[^/]+/"))
            page.wait_for_load_state("load")
            marks = page.evaluate(MARKS)
            bad = [(text, where) for text, where in marks if where not in ("title", "answer")]
            wrong = [text for text, _ in marks if not a_word_of(text, query)]
            marked += bool(marks)
            outside += len(bad)
            not_words += len(wrong)
            total_marks += len(marks)
            print(f"{'ok  ' if marks and not bad and not wrong else 'NONE' if not marks else 'BAD '} "
                  f"{len(marks):3} marks {query[:40]}  {bad[:3] or ''} {wrong[:5] or ''}", flush=True)
            context.close()
        browser.close()
    server.shutdown()
    print(f"\n{len(queries)} queries: {marked} opened pages marked ({marked / max(1, len(queries)):.2f}); "
          f"{total_marks} marks, {outside} outside the title and answer, {not_words} not a word of the query")


if __name__ == "__main__":
    main()
