"""What a pasted query costs on a site too big to fetch whole (2,000 generated issues,
dozens of postings files): a bounded number of files, fetched in the same way and
ranked the same whatever the reader did before. Real Chromium, phone size, cold pages."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import PHONE, ROOT, build_site, settle
from helpcenter.index import files as sf

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402

pytestmark = pytest.mark.browser

REQUESTS = 16  # the worker's budget per query, its dictionary included
CHAT = ("您好，我在用备案小程序做视频核验的时候，手机一直提示未能检测到完整人脸，光线也挺好的，"
        "换了好几部手机都不行，录制按钮也点不了，请问这种情况应该怎么处理比较好呢")
TITLES = ".md-search-result__item > .md-search-result__link article :is(h1, h2)"


@pytest.fixture(scope="module")
def big_site(corpus, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("budget")
    generate.generate(2000, work / "faq", seed=7, corpus=corpus)
    result = build_site(work / "site", source=work / "faq", ids=work / "ids.tsv")
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((work / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["kb"]
    assert manifest["postings"] > REQUESTS  # fetching every file would break the budget
    return work / "site"


@pytest.fixture
def cold_phone(fresh_page, serve, big_site):
    """A fresh context at phone size on the big site's home; (page, index files requested)."""
    def open_home():
        page = fresh_page(**PHONE)
        requested: list[str] = []
        page.context.on("request", lambda r: "/search/kb/" in r.url and requested.append(r.url.split("/search/kb/")[1]))
        page.goto(serve(big_site))
        return page, requested

    return open_home


def open_search(page) -> None:
    page.locator("label.md-header__button[for=__search]").tap()
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")


def pasted(page, text: str) -> list[str]:
    page.keyboard.insert_text(text)  # a phone's menu paste: no key event
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=15000)
    settle(page, 500)
    return [t.replace("\u200b", "").strip() for t in page.locator(TITLES).all_inner_texts()]


def test_a_long_pasted_message_fetches_at_most_the_budget(cold_phone):
    page, requested = cold_phone()
    open_search(page)
    assert requested == []  # a reader who opens search but types nothing fetches no part of the index
    titles = pasted(page, CHAT)
    assert 1 < len(requested) <= REQUESTS, requested
    assert len(requested) == len(set(requested))  # nothing fetched twice
    postings = [path for path in requested if path.startswith("t/")]
    assert len(postings) == sf.POSTING_FILES  # the budget's, though the message needs more
    records = [path for path in requested if path.startswith("d/")]
    assert len(records) == 6 and len(titles) >= 6


def test_a_query_ranks_the_same_whatever_was_searched_before(cold_phone):
    page, _ = cold_phone()
    open_search(page)
    alone = pasted(page, CHAT)

    page, _ = cold_phone()
    open_search(page)
    pasted(page, "短信核验一直收不到验证码，已经过了24小时了，备案是不是会被驳回")  # fetches other files
    page.locator("input.md-search__input").fill("")
    assert pasted(page, CHAT) == alone
