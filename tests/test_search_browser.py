"""Search in a real browser: Material's search box, our worker, the seed site.
A handful of queries per kind; bench/search_quality.py runs the full sets."""

import pytest

from conftest import search

pytestmark = pytest.mark.browser

CASES = [
    ("exact", "调用活体引擎接口出错", "小程序提示调用活体引擎接口出错？"),
    ("exact", "未开启权限，请允许备案小程序使用您的地理位置权限",
     "小程序备案时提示 “未开启权限，请允许备案小程序使用您的地理位置权限” 如何解决?"),
    ("fragment", "48小时", "小程序备案提示账号完成实名认证不足48小时怎么办？"),
    ("fragment", "后缀不支持", "小程序备案提示 “该域名后缀不支持备案”？"),
    ("colloquial", "刷脸失败", "小程序提示未能通过人脸检测如何解决？"),
    ("colloquial", "点备案按钮没反应", "我需要备案，但是单击备案按钮无反应？"),
    ("colloquial", "视频核验一直黑屏", "进行视频核验时，一直黑屏或录制按钮无法单击，应该如何处理？"),
    ("long", "为什么提示实名认证账号与备案主体不符，我已经实名了", "小程序备案提示实名认证账号与备案主体不符？"),
    ("trad", "異常賬號備案", "小程序备案提示 “异常账号备案” 如何处理？"),
    ("typo", "定为服务未开启", "小程序备案过程中视频核验提示 “定位服务未开启” 如何解决？"),
    ("latin", "苹果手机 GPS 定位", "小程序备案过程中视频核验提示 “定位服务未开启” 如何解决？"),
    ("operators", "异常账号备案 +~^: -", "小程序备案提示 “异常账号备案” 如何处理？"),
    # overlapping aliases: 号有问题 (-> 异常账号) over 我的号 (-> 账号), 脸不完整 over 我的脸
    ("overlap", "手机上一直说我的号有问题", "小程序备案提示 “异常账号备案” 如何处理？"),
    ("overlap", "录视频的时候说我的脸不完整", "小程序提示未能检测到完整人脸？"),
]


@pytest.fixture(scope="module")
def search_page(browser, seed_site, serve):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(serve(seed_site))
    page.js_errors = errors
    yield page
    context.close()


@pytest.mark.parametrize("kind, query, title", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_first_result(search_page, kind, query, title):
    assert search(search_page, query)[0] == title
    assert search_page.js_errors == []


def test_results_use_materials_list_and_highlight(search_page):
    search(search_page, "活体引擎")
    item = search_page.locator(".md-search-result__item").first
    assert item.locator("mark").count() >= 1
    assert "报错提示" in item.inner_text()


def test_clicking_a_result_opens_the_issue_with_highlighting(search_page, seed_site, serve):
    search(search_page, "活体引擎")
    search_page.locator(".md-search-result__item a").first.click()
    search_page.wait_for_url("**/q/12/**")
    assert "h=" in search_page.url
    assert search_page.locator("article h1").inner_text() == "小程序提示调用活体引擎接口出错？"
    search_page.goto(serve(seed_site))


def test_nonsense_gives_no_error(search_page):
    titles = search(search_page, "zzzzqqqq")
    assert titles == []
    assert search_page.js_errors == []
