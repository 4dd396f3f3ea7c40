"""The reader on a phone (390 px, touch, `is_mobile`), on a cold page, in Chromium: text
arrives in the search box every way a phone or a desktop gives it, and results follow
without any key pressed afterwards. Material reads the box on keyup only; docs/assets/kb.js
hands it one on `input`."""

from __future__ import annotations

import re

import pytest

from conftest import DEFAULT_SOURCE, PHONE, settle

pytestmark = pytest.mark.browser

RESULTS = "() => document.querySelectorAll('.md-search-result__item').length > 0"
FIRST = ".md-search-result__item .md-search-result__link article :is(h1, h2)"


def _ime_commit(page, text: str, with_keys: bool) -> None:
    """An input method committing text: with the keyCode 229 ("Process") key events
    desktop IMEs send, or as composition alone, as many phone keyboards do."""
    cdp = page.context.new_cdp_session(page)
    process = {"windowsVirtualKeyCode": 229, "nativeVirtualKeyCode": 229, "key": "Process", "code": ""}
    if with_keys:
        cdp.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", **process})
    else:
        cdp.send("Input.imeSetComposition", {"text": text, "selectionStart": len(text), "selectionEnd": len(text)})
    cdp.send("Input.insertText", {"text": text})
    if with_keys:
        cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **process})


def _ctrl_v(page, text: str) -> None:
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.keyboard.press("Control+V")


def _password_manager(page, text: str) -> None:
    """What autofill and form fillers do: set the value, announce it with `input`."""
    page.evaluate("""text => { const box = document.querySelector('.md-search__input');
        box.value = text; box.dispatchEvent(new Event('input', {bubbles: true})); }""", text)


WAYS = {
    "typed": lambda page, text: page.keyboard.type(text, delay=30),
    "ctrl-v": _ctrl_v,
    "phone-menu-paste": lambda page, text: page.keyboard.insert_text(text),  # input event only
    "ime-with-keys": lambda page, text: _ime_commit(page, text, with_keys=True),
    "ime-without-keys": lambda page, text: _ime_commit(page, text, with_keys=False),
    "fill": lambda page, text: page.locator(".md-search__input").fill(text),
    "password-manager": _password_manager,
}


@pytest.fixture
def phone(fresh_page, serve):
    """phone(site) -> a fresh (cold) page of that site's home, at phone size."""
    def open_home(site):
        page = fresh_page(**PHONE, permissions=["clipboard-read", "clipboard-write"])
        page.goto(serve(site))
        return page

    return open_home


def paste_and_wait(page, way: str, text: str) -> str:
    """Open search as a thumb does (tap the magnifier), give the text, press nothing:
    the first result's title once results show."""
    page.locator("label.md-header__button[for=__search]").tap()
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    WAYS[way](page, text)
    page.wait_for_function(RESULTS, timeout=2500)
    return page.locator(FIRST).first.inner_text().replace("\u200b", "").strip()


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("query, title", [
    ("工商信息不匹配", "小程序备案提示工商信息不匹配怎么办？"),
    ("该域名后缀不支持备案", "小程序备案提示 “该域名后缀不支持备案”？"),
])
def test_the_seed_answers_text_however_it_arrives(phone, seed_site, way, query, title):
    assert paste_and_wait(phone(seed_site), way, query) == title


@pytest.mark.corpus
@pytest.mark.parametrize("way", ["phone-menu-paste", "fill", "ime-without-keys"])
def test_the_corpus_answers_a_pasted_message(phone, corpus_build, way):
    site, _ = corpus_build
    message = "您好，我填写手机号码信息时，系统提示不支持该手机号段，这个要怎么弄呢？谢谢"
    assert paste_and_wait(phone(site), way, message) == "填写手机号码信息时，提示不支持该手机号段，怎么办？"


def test_the_home_pages_first_example_opens_its_search(phone, seed_site):
    page = phone(seed_site)
    example = page.locator(".kb-hero__hint a").first
    text = example.inner_text()
    assert len(text) >= 4
    example.tap()
    page.wait_for_function(RESULTS, timeout=5000)
    assert page.locator(".md-search__input").input_value() == text
    assert page.locator(".md-search-result__item").first.is_visible()


LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
SPOKEN = """() => [document.title, document.body.innerText,
  ...[...document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')].flatMap(el =>
    ['title', 'aria-label', 'placeholder', 'alt'].map(name => el.getAttribute(name) || ''))].join('\\n')"""


def test_the_interface_speaks_chinese(phone, seed_site, serve):
    """What a reader sees or a screen reader announces holds no English word the FAQ
    itself does not use (GPS, SDK …); Material and MkDocs are names."""
    faq_words = set(LATIN_WORD.findall("".join(p.read_text(encoding="utf-8") for p in DEFAULT_SOURCE.rglob("*.md"))))
    allowed = faq_words | {"Material", "MkDocs"}
    page = phone(seed_site)
    category = page.locator("article a[href^='c/']").first.get_attribute("href")
    for path in ["", "tags/", "errors/", "waits/", category, "q/5/", "q/8/", "404.html", "?q=人脸核验失败"]:
        page.goto(serve(seed_site) + path)
        if path.startswith("?q="):
            page.wait_for_function(RESULTS, timeout=5000)
        spoken = page.evaluate(SPOKEN).replace("Material for MkDocs", "")
        english = set(LATIN_WORD.findall(spoken)) - allowed
        assert not english, f"{path or 'home'}: {sorted(english)}"


MARKS_IN_RESULTS = "() => [...document.querySelectorAll('.md-search-result__list mark')].map(m => m.textContent)"


@pytest.mark.parametrize("query", [
    "你好，我在小程序上备案不行，在这一步一直提示主体证件号码已备案，不知道在哪里改",
    "提示证件号码未能获取信息",
])
def test_results_mark_no_lone_character_and_not_their_own_label(phone, seed_site, query):
    page = phone(seed_site)
    paste_and_wait(page, "fill", query)
    settle(page)
    marked = page.evaluate(MARKS_IN_RESULTS)
    assert marked and all(len(text) >= 2 for text in marked), marked
    teasers = page.evaluate("() => [...document.querySelectorAll('.md-search-result__article')]"
                            ".map(a => a.innerHTML.split('</h1>')[1] || '')"
                            ".filter(t => t.replace(/<[^>]+>/g, '').startsWith('报错提示'))")
    assert teasers and all(t.startswith("报错提示：") for t in teasers), teasers


SMALL_TEXT = """() => { const small = [];
  const walk = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.offsetHeight) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 12) small.push(size.toFixed(1) + 'px ' + node.textContent.trim().slice(0, 20));
  }
  return small; }"""
SIDEWAYS = """() => [document.documentElement.scrollWidth > window.innerWidth ? 'page' : '',
  ...[...document.querySelectorAll('article *')].filter(el => el.scrollWidth > el.clientWidth + 1
     && getComputedStyle(el).overflowX !== 'visible').map(el => el.tagName + '.' + el.className)].filter(Boolean)"""


def test_issue_pages_have_no_text_below_12px_on_a_phone(phone, seed_site, serve):
    page = phone(seed_site)
    for path in ["q/2/", "q/5/", "q/8/", "q/14/"]:  # 报错提示, a wait, screenshots
        page.goto(serve(seed_site) + path)
        assert page.evaluate(SMALL_TEXT) == [], path


@pytest.mark.parametrize("path", ["", "tags/", "errors/", "waits/"])
def test_the_sites_own_pages_need_no_sideways_scrolling_on_a_phone(phone, seed_site, corpus_build, serve, path):
    for site in (seed_site, corpus_build[0]):
        page = phone(site)
        page.goto(serve(site) + path)
        assert page.evaluate(SIDEWAYS) == [], (site, path)


def test_a_long_pasted_message_stays_clear_of_the_search_boxs_icons(phone, seed_site):
    page = phone(seed_site)
    message = "您好，我在小程序备案的时候一直提示主体证件号码已备案，请问这个怎么处理，谢谢"
    paste_and_wait(page, "phone-menu-paste", message)
    text_end, icons_start = page.evaluate("""() => {
        const box = document.querySelector('.md-search__input'), style = getComputedStyle(box);
        const icons = [...document.querySelectorAll('.md-search__options > .md-icon')]
          .filter(icon => getComputedStyle(icon).opacity !== '0').map(icon => icon.getBoundingClientRect().left);
        return [box.getBoundingClientRect().right - parseFloat(style.paddingRight), Math.min(...icons)]; }""")
    assert text_end <= icons_start


def test_the_home_search_box_reads_on_one_line_on_a_phone(phone, seed_site):
    box = phone(seed_site).locator(".kb-search-box")
    assert box.bounding_box()["height"] < 60  # one line of text in a 48 px box
