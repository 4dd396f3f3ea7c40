"""客服回复助手 (/reply/) as a support agent uses it, in Chromium: paste a customer's
message, tick the issues it asks about, add a line, copy the reply; by keyboard alone;
opened by a ticket system with ?q=; on a phone; the message never leaves the page."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

import pytest
from test_accessibility_browser import serious

from conftest import build_site, site_config

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
CANDIDATES = ".kb-desk__list input[type=checkbox]"
TWO_PROBLEMS = ("您好，我小程序备案一直提示工商信息不匹配，另外刷脸的时候又提示调用活体引擎接口出错，"
                "麻烦看下怎么办？谢谢")
FIRST, SECOND = "小程序备案提示工商信息不匹配怎么办？", "小程序提示调用活体引擎接口出错？"


@pytest.fixture
def desk(browser, seed_site, serve):
    """desk(size, path) -> (page, every request's URL and body, the served origin)."""
    contexts = []

    def open_desk(size=PHONE, path="reply/", site=None):
        context = browser.new_context(**size, locale="zh-CN", permissions=["clipboard-read", "clipboard-write"])
        contexts.append(context)
        page = context.new_page()
        sent: list[str] = []
        page.on("request", lambda r: sent.append(unquote(r.url) + " " + (r.post_data or "")))
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.js_errors = errors
        base = serve(site or seed_site)
        page.goto(base + path)
        return page, sent, base.rstrip("/")

    yield open_desk
    for context in contexts:
        context.close()


def titles(page) -> list[str]:
    page.wait_for_function(f"() => document.querySelectorAll('{CANDIDATES}').length > 0", timeout=5000)
    return [t.strip() for t in page.locator(".kb-desk__title").all_inner_texts()]


def test_the_home_page_leads_to_the_desk(seed_site):
    html = (seed_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="reply/">客服回复助手</a>', html)
    assert (seed_site / "reply" / "index.html").exists()


def test_a_message_with_two_problems_finds_both(desk):
    page, _, _ = desk()
    assert page.locator("textarea").first.get_attribute("id") == "kb-message"  # the first text box
    page.locator("#kb-message").fill(TWO_PROBLEMS)
    found = titles(page)[:5]
    assert FIRST in found and SECOND in found, found
    label = page.locator(".kb-desk__list label").first.inner_text()
    assert re.search(r"/q/\d+/", label)  # its ID, then the first sentence of its fix
    assert page.js_errors == []


def test_ticking_two_adding_a_line_and_copying(desk):
    page, _, origin = desk()
    page.locator("#kb-message").fill(TWO_PROBLEMS)
    found = titles(page)
    for title in (FIRST, SECOND):
        page.locator(CANDIDATES).nth(found.index(title)).check()
    reply = page.locator("#kb-reply")
    reply.press("End")
    page.keyboard.insert_text("\n如仍有问题，请回复截图。")
    page.locator(".kb-desk__copy").click()
    page.wait_for_function("() => document.querySelector('.kb-desk__actions .kb-copied').textContent === '已复制'")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert FIRST in copied and SECOND in copied and "如仍有问题，请回复截图。" in copied
    links = re.findall(r"https?://[^\s]+/q/\d+/", copied)
    assert len(links) == 2 and all(link.startswith(origin + "/q/") for link in links), copied


# the questions' groups; then, after them, what else the whole message finds (kb-desk__group--others)
GROUPS = """() => [...document.querySelectorAll('.kb-desk__group:not(.kb-desk__group--others)')].map(group => [
  group.querySelector('.kb-desk__asked').textContent,
  [...group.querySelectorAll('.kb-desk__title')].map(title => title.textContent)])"""


OTHERS = """() => [...document.querySelectorAll('.kb-desk__group--others .kb-desk__title')].map(t => t.textContent)"""


def grouped(page) -> list:
    """The questions' groups; checks that what else the whole message finds comes after
    them, fills the list to five, and repeats none of their answers."""
    page.wait_for_function("() => document.querySelectorAll('.kb-desk__group').length > 0", timeout=5000)
    groups, others = page.evaluate(GROUPS), page.evaluate(OTHERS)
    assert page.evaluate("() => !document.querySelector('.kb-desk__group--others ~ .kb-desk__group')")
    assert len(groups) + len(others) <= 5 and not set(others) & {t for _, ts in groups for t in ts}, others
    return groups


def test_a_message_that_asks_two_things_gets_a_group_per_question(desk):
    """Each question quoted above its best answer, then what else the whole message finds;
    ticked in any order, the reply answers in the message's order."""
    page, _, _ = desk()
    page.locator("#kb-message").fill(TWO_PROBLEMS)
    groups = grouped(page)
    assert [titles for _, titles in groups] == [[FIRST], [SECOND]]
    assert "工商信息不匹配" in groups[0][0] and "活体引擎接口出错" in groups[1][0]
    assert titles(page)[:2] == [FIRST, SECOND]  # the first answer of every question first
    assert page.locator(".kb-desk__group--others .kb-desk__asked").inner_text() == "与整段消息相关的其他问题"
    assert len(titles(page)) == 5
    page.locator(".kb-desk__group").nth(1).locator("input").first.check()
    page.locator(".kb-desk__group").nth(0).locator("input").first.check()
    reply = page.locator("#kb-reply").input_value()
    assert reply.index(FIRST) < reply.index(SECOND)


GAMES = "游戏类网站在广东备案有什么要求？还有涉及游戏就必须办网络文化经营许可证吗"
GAMES_FIRST = "游戏类网站在广东省备案有什么要求？"
GAMES_SECOND = "只要内容涉及到“游戏”就必须要办理《网络文化经营许可证》吗？"


@pytest.mark.corpus
def test_more_adds_a_questions_next_answers_under_it(desk, corpus_build):
    page, _, _ = desk(site=corpus_build[0])
    page.locator("#kb-message").fill(GAMES)
    groups = grouped(page)
    assert [titles[0] for _, titles in groups] == [GAMES_FIRST, GAMES_SECOND]
    before = set(titles(page))
    page.locator(".kb-desk__group").nth(0).locator(".kb-desk__more").click()
    first = page.evaluate(GROUPS)[0][1]
    assert len(first) > 1 and not set(first[1:]) & before  # nothing shown twice
    assert page.evaluate("() => document.activeElement.type") == "checkbox"  # the first answer added


def test_a_message_that_asks_one_thing_is_one_list(desk):
    page, _, _ = desk()
    page.locator("#kb-message").fill("您好，我叫王五，手机号13800000000，小程序备案一直提示工商信息不匹配，这是为什么？谢谢")
    assert titles(page)[0] == FIRST
    assert page.locator(".kb-desk__group").count() == 0 and page.locator(CANDIDATES).count() > 2


@pytest.mark.corpus
@pytest.mark.parametrize("message, expected", [
    ("你好，空壳主体是什么意思，为什么会变成空壳主体，怎么处理",
     ["什么是空壳主体？", "为什么会成为空壳主体？", "空壳主体如何处理？"]),
    ("您好：1、域名必须要备案吗 2、只买了云服务器不用域名需要备案吗", None),
    ("游戏类网站在广东备案有什么要求？还有涉及游戏就必须办网络文化经营许可证吗", None),
])
def test_messages_of_two_and_three_questions_on_the_corpus(browser, corpus_build, serve, message, expected):
    site, _ = corpus_build
    context = browser.new_context(**PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(serve(site) + "reply/?q=" + quote(message))
    groups = grouped(page)
    assert len(groups) == (len(expected) if expected else 2), groups
    if expected:
        assert [titles[0] for _, titles in groups] == expected
    context.close()


@pytest.mark.corpus
def test_by_keyboard_alone(desk, corpus_build):
    """Paste, Tab to the first question's answer, tick it, open 更多 with Enter (the focus
    goes to the first answer it adds), Tab on to the second question's answer, tick it,
    Tab to 复制回复: the reply answers both, in the message's order."""
    page, _, origin = desk(DESKTOP, site=corpus_build[0])
    page.locator("#kb-message").focus()
    page.keyboard.insert_text(GAMES)
    grouped(page)
    focused = "() => [document.activeElement.type, document.activeElement.className]"
    page.keyboard.press("Tab")
    assert page.evaluate(focused)[0] == "checkbox"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert "kb-desk__more" in page.evaluate(focused)[1]
    page.keyboard.press("Enter")
    assert page.evaluate(focused)[0] == "checkbox"
    for _ in range(6):
        if page.evaluate("() => !!document.activeElement.closest('.kb-desk__group:nth-child(2)')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    for _ in range(16):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('kb-desk__copy')"):
            break
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.kb-desk__actions .kb-copied').textContent === '已复制'")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert re.search(re.escape(origin) + r"/q/\d+/", copied)
    assert GAMES_FIRST in copied and GAMES_SECOND in copied and copied.index(GAMES_FIRST) < copied.index(GAMES_SECOND)


def test_a_ticket_system_opens_the_desk_with_the_message(desk):
    page, _, _ = desk(path="reply/?q=" + quote(TWO_PROBLEMS))
    assert page.locator("#kb-message").input_value() == TWO_PROBLEMS
    assert FIRST in titles(page)[:5]
    # Material reads ?q= too; here the message is the desk's, not the header search's
    assert not page.evaluate("() => document.getElementById('__search').checked")


def test_no_request_carries_the_message(desk):
    page, sent, _ = desk()
    secret = "我的手机号是13812345678，公司叫深圳星河科技，小程序备案提示工商信息不匹配"
    page.locator("#kb-message").fill(secret)
    titles(page)
    page.locator(CANDIDATES).first.check()
    page.wait_for_load_state("networkidle")
    # every pair of its Chinese characters, and the phone number (URLs have digits of their own)
    pieces = {pair for pair in (secret[i:i + 2] for i in range(len(secret) - 1)) if re.fullmatch(r"[一-鿿]{2}", pair)}
    leaked = [(piece, request) for request in sent for piece in pieces | {"13812345678", "2345678"} if piece in request]
    assert leaked == []


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1280"])
def test_no_serious_axe_violation(desk, size):
    page, _, _ = desk(size)
    page.locator("#kb-message").fill(TWO_PROBLEMS)
    titles(page)
    page.locator(CANDIDATES).first.check()
    assert serious(page) == []


def test_greeting_and_closing_frame_the_reply(tmp_path, browser, serve):
    config = site_config(tmp_path, reply_greeting="您好！", reply_closing="祝顺利。")
    result = build_site(tmp_path / "site", ids=tmp_path / "ids.tsv", config=config)
    assert result.returncode == 0, result.stderr
    context = browser.new_context(**PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(serve(tmp_path / "site") + "reply/")
    page.locator("#kb-message").fill("工商信息不匹配")
    titles(page)
    page.locator(CANDIDATES).first.check()
    reply = page.locator("#kb-reply").input_value()
    assert reply.startswith("您好！\n\n") and reply.endswith("\n\n祝顺利。")
    context.close()
