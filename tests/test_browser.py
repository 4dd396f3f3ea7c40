"""The site in a real headless Chromium (Debian's chromium, driven by Playwright)."""

import pytest

from conftest import search

pytestmark = pytest.mark.browser


def test_search_finds_the_issue_from_its_error_text(seed_site, serve, page):
    page.goto(serve(seed_site))
    titles = search(page, "异常账号备案")
    assert titles[0] == "小程序备案提示 “异常账号备案” 如何处理？"
    assert page.js_errors == []


def test_issue_page_shows_the_question_as_its_heading(seed_site, serve, page):
    page.goto(serve(seed_site) + "q/2/")
    assert page.locator("article h1").inner_text() == "小程序备案提示账号完成实名认证不足48小时怎么办？"
    assert page.locator("article .admonition").count() == 0
