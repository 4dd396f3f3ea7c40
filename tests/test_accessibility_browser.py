"""Readers with screen readers and keyboards, and links pasted into chat tools:
axe-core on every kind of page, a keyboard-only path to an answer, preview tags."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import CHROMIUM, build_site, issue_pages, settle

pytestmark = pytest.mark.browser

PAGE_KINDS = {"home": "", "issue with 报错提示 and a wait": "q/2/", "tags": "tags/", "error index": "errors/",
              "waits": "waits/", "category": "c/xiao-cheng-xu-bei-an-chang-jian-wen-ti/", "404": "404.html"}
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def open_search(page, width: int) -> None:
    if width < 960:
        page.locator("label.md-header__button[for=__search]").click()
    else:
        page.locator(".md-search__input").click()


def serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture
def viewer(browser):
    contexts = []

    def open_page(size: str):
        context = browser.new_context(viewport=SIZES[size], locale="zh-CN")
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_axe_violations(viewer, seed_site, serve, kind, size):
    page = viewer(size)
    page.goto(serve(seed_site) + PAGE_KINDS[kind])
    page.wait_for_load_state("load")  # axe reads the DOM; our pages fetch nothing they render later
    assert serious(page) == []


@pytest.mark.parametrize("size", SIZES)
def test_no_serious_axe_violations_in_the_open_search_with_results(viewer, seed_site, serve, size):
    page = viewer(size)
    page.goto(serve(seed_site) + "q/2/")
    open_search(page, SIZES[size]["width"])
    page.locator(".md-search__input").type("实名认证", delay=20)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 2")
    settle(page)
    assert serious(page) == []


def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
        return {cls: e.className, text: e.textContent.trim(), href: e.getAttribute('href') || '',
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }""")


def tab_to(page, wanted, what: str, presses: int = 40) -> None:
    for _ in range(presses):
        page.keyboard.press("Tab")
        if wanted(focused(page)):
            return
    raise AssertionError(f"{what} is not reachable by Tab")


def test_keyboard_only_from_home_to_an_answer_and_its_copy_buttons(browser, seed_site, serve):
    context = browser.new_context(viewport=SIZES["desktop"], locale="zh-CN",
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    base = serve(seed_site)
    page.goto(base)
    page.wait_for_load_state("networkidle")
    tab_to(page, lambda f: "kb-search-box" in f["cls"], "the home page's search box")
    assert focused(page)["outline"]
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("视频核验黑屏", delay=20)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    settle(page)
    page.keyboard.press("ArrowDown")
    result = focused(page)
    assert "md-search-result__link" in result["cls"] and result["outline"], result
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/q/\d+/"))
    assert page.locator("h1").inner_text() in result["text"]
    tab_to(page, lambda f: f["text"] == "复制链接", "复制链接")
    assert focused(page)["outline"]
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.kb-copied').textContent === '已复制链接'")
    assert page.evaluate("() => navigator.clipboard.readText()") == page.url.split("?")[0]  # no ?h= highlight
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "复制回复"
    context.close()


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.h1, self._in_h1 = "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content", "")
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        self._in_h1 = tag == "h1" or self._in_h1

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1 += data


def preview(path: Path) -> _Meta:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def check_preview_tags(site: Path) -> int:
    pages = list(issue_pages(site))
    for path in pages:
        tags = preview(path)
        meta = tags.meta
        assert meta["og:title"] == tags.h1.strip() == meta["twitter:title"], path
        assert len(meta["og:description"]) >= 20, (path, meta["og:description"])
        assert "://" not in meta["og:description"], path  # addresses are left out, never cut
        assert meta["og:url"] == tags.canonical and meta["og:url"].endswith(f"/q/{path.parent.name}/")
        assert meta["og:image"].startswith("https://") and meta["og:image"].endswith("/assets/kb-card.png")
        assert meta["twitter:card"] == "summary_large_image"
    return len(pages)


def test_every_seed_issue_page_has_preview_tags(seed_site):
    assert check_preview_tags(seed_site) == 21
    assert (seed_site / "assets" / "kb-card.png").stat().st_size > 5_000


@pytest.mark.corpus
def test_every_corpus_issue_page_has_preview_tags(corpus_build):
    site, _ = corpus_build
    assert check_preview_tags(site) == 355


def test_preview_tags_are_escaped(tmp_path):
    source = Path(__file__).parent / "fixtures" / "bad" / "hostile-title.md"
    assert build_site(tmp_path / "site", source=source, ids=tmp_path / "ids.tsv").returncode == 0
    page = next((tmp_path / "site" / "q").glob("*/index.html"))
    html = page.read_text(encoding="utf-8")
    assert "<img src=x" not in html
    assert preview(page).meta["og:title"] == "标题里的 HTML？"


def test_the_card_image_is_chromiums_to_read(browser, seed_site, serve):
    assert Path(CHROMIUM).exists()
    page = browser.new_page()
    response = page.goto(serve(seed_site) + "assets/kb-card.png")
    assert response.ok and response.headers["content-type"] == "image/png"
    page.close()
