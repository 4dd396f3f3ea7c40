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
    assert page.locator("article .admonition.warning, article .admonition.note").count() == 0


def test_tag_index_leads_to_an_issue_with_tags_error_and_wait(seed_site, serve, page):
    page.goto(serve(seed_site) + "tags/")
    section = page.locator('[id="tag:实名认证"]')
    assert section.is_visible()
    page.locator('[id="tag:实名认证"] ~ ul a', has_text="不足48小时").first.click()
    page.wait_for_load_state()
    assert page.locator("article h1").inner_text() == "小程序备案提示账号完成实名认证不足48小时怎么办？"
    assert page.locator("article .md-tag", has_text="实名认证").is_visible()
    error = page.locator("article .admonition.kb-error")
    assert error.is_visible() and "账号完成实名认证不足48小时" in error.inner_text()
    assert error.locator("button[data-md-type=copy]").count() == 1  # Material's copy button
    wait = page.locator("article .admonition.kb-wait")
    assert wait.is_visible() and wait.locator(".admonition-title").inner_text() == "需要等待：48小时"
    box = wait.bounding_box()
    assert box and box["y"] < page.locator("article > p").first.bounding_box()["y"]
