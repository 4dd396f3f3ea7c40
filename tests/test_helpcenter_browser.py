"""The help center as a reader sees it, in headless Chromium: home, issue page,
mobile size, no third-party requests; screenshots go to tests/artifacts/."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ARTIFACTS, page_by_title

pytestmark = pytest.mark.browser

ISSUE = "q/2/"
MOBILE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def visit(browser, seed_site, serve):
    """visit(path, viewport, quiet) -> (page, foreign request URLs). The page has loaded;
    with quiet, the network has also been idle for half a second (every request made)."""
    base = serve(seed_site)
    contexts = []

    def open_page(path: str, viewport=DESKTOP, quiet: bool = False):
        context = browser.new_context(viewport=viewport, locale="zh-CN", device_scale_factor=1,
                                      is_mobile=viewport is MOBILE, has_touch=viewport is MOBILE)
        contexts.append(context)
        foreign: list[str] = []

        def route(r):
            if r.request.url.startswith(base):
                r.continue_()
            else:
                foreign.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.goto(base + path)
        page.wait_for_load_state("networkidle" if quiet else "load")
        return page, foreign

    yield open_page
    for context in contexts:
        context.close()


def test_home_leads_with_search_then_symptoms_and_categories(visit):
    page, foreign = visit("")
    box = page.locator(".kb-search-box")
    assert box.is_visible()
    assert box.bounding_box()["y"] < page.locator(".kb-tag-cloud").bounding_box()["y"]
    assert page.locator(".kb-tag-cloud .md-tag").count() >= 5
    assert page.get_by_role("link", name="小程序备案常见问题").is_visible()
    assert page.get_by_role("link", name="提交工单").get_attribute("href").startswith("https://console.cloud")
    box.click()
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    assert foreign == []


def test_issue_page_has_breadcrumbs_tags_related_and_steps(visit, seed_site):
    page, foreign = visit(ISSUE)
    crumbs = page.locator(".kb-breadcrumbs a")
    assert crumbs.all_inner_texts() == ["首页", "小程序备案常见问题"]
    assert page.locator("article .md-tag").count() >= 1
    related = page.locator(".kb-related li a").all_inner_texts()
    title = page.locator("article h1").inner_text()
    assert 3 <= len(related) <= 5 and title not in related
    assert page.locator(".kb-prev").inner_text().startswith("← 上一个")
    assert page.locator(".kb-next").inner_text().startswith("下一个")
    page.locator(".kb-next").click()
    page.wait_for_load_state()
    assert page.locator("article h1").inner_text() == "小程序备案提示实名认证账号与备案主体不符？"
    assert foreign == []


@pytest.mark.parametrize("path", ["", ISSUE, "tags/", "q/8/"])
def test_mobile_has_no_horizontal_scroll_and_big_tap_targets(visit, path):
    page, _ = visit(path, MOBILE)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    targets = page.locator(".kb-breadcrumbs a, .md-tags .md-tag, .kb-tag-cloud .md-tag, .kb-copy, "
                           ".kb-related li a, .kb-steps a, .kb-search-box, label.md-header__button[for=__search]")
    for n in range(targets.count()):
        box = targets.nth(n).bounding_box()
        if box:  # shown at this size
            assert box["height"] >= 40, targets.nth(n).inner_text()


def test_mobile_search_is_usable(visit):
    page, _ = visit(ISSUE, MOBILE)
    page.locator("label.md-header__button[for=__search]").click()
    page.locator(".md-search__input").type("刷脸")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    page.wait_for_timeout(300)
    # Material's search overlay is a large scaled circle, clipped: the page itself must not move sideways
    assert page.evaluate("() => { window.scrollTo(500, 0); return window.scrollX; }") == 0
    assert page.locator(".md-search-result__item").first.is_visible()


def test_no_third_party_requests_and_images_lazy(visit):
    for path in ("", "tags/", ISSUE, "errors/"):
        _, foreign = visit(path, quiet=True)
        assert foreign == [], path
    page, foreign = visit("q/8/", quiet=True)  # screenshots from the FAQ's own image host
    assert all(re.match(r"https://main\.qcloudimg\.com/", url) for url in foreign)
    images = page.locator("article img")
    assert images.count() == 2
    for n in range(images.count()):
        assert images.nth(n).get_attribute("loading") == "lazy"


def test_json_ld_names_question_and_answer(seed_site):
    html = (page_by_title(seed_site, "小程序提示调用活体引擎接口出错？")).read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "QAPage"
    assert data["mainEntity"]["name"] == "小程序提示调用活体引擎接口出错？"
    assert "建议您更换手机再进行人脸检测核验" in data["mainEntity"]["acceptedAnswer"]["text"]
    # the description stands alone in a link preview: the question, then the gist of the answer
    assert '<meta name="description" content="问：小程序提示调用活体引擎接口出错？ 答：因部分设备不兼容的问题' in html


def test_404_page_offers_search(visit):
    page, _ = visit("404.html")  # the test server has no error_page; nginx's is in test_hosting
    assert "页面不存在" in page.locator("article").inner_text()
    assert page.locator(".kb-search-box").is_visible()


@pytest.mark.parametrize("name, path", [("home", ""), ("issue", ISSUE), ("tags", "tags/")])
@pytest.mark.parametrize("size, viewport", [("desktop", DESKTOP), ("mobile", MOBILE)])
def test_screenshots(visit, name, path, size, viewport):
    page, _ = visit(path, viewport)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}-{size}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
