"""The security policy in Chromium: a reader's and an agent's whole path through the site
reports no violation, behind nginx (the header) and behind a plain file server (the page's
<meta>), on a phone and a desktop; a script that slipped into a page does not run."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import PHONE
from helpcenter.hosting.nginx import NGINX, start

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}
WATCH = """window.kbViolations = [];
document.addEventListener("securitypolicyviolation",
  e => window.kbViolations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber));"""
PASTED = "小程序备案提示工商信息不匹配"
MESSAGE = "您好，我刷脸一直过不去，另外工商信息不匹配怎么办"
PLANTED = ('<script>window.kbPlanted = "script"</script>'
           '<img src="data:," onload="window.kbPlanted = \'handler\'">'
           '<a id="kb-planted" href="javascript:window.kbPlanted=\'link\'">x</a>'
           '<div id="kb-styled" style="color: rgb(255, 0, 0)">x</div>')


@pytest.fixture(scope="module")
def hosts(seed_site, serve, tmp_path_factory):
    """name -> base URL: the seed site behind nginx, and behind a server that sends no
    security header (object storage, a plain file server)."""
    if not Path(NGINX).exists():
        pytest.fail(f"{NGINX} is missing: `apt-get install nginx` (scripts/dev.py test does it)")
    work = tmp_path_factory.mktemp("policy")
    process, port = start(seed_site, work)
    yield {"nginx": f"http://127.0.0.1:{port}/", "static": serve(seed_site)}
    process.terminate()
    process.wait(timeout=10)


def watched(browser, size: dict):
    context = browser.new_context(**size, permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(WATCH)
    page = context.new_page()
    console: list[str] = []  # the worker's violations show only here
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, console, errors


def violations(page) -> list[str]:
    return page.evaluate("window.kbViolations")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("host", ["nginx", "static"])
def test_a_readers_and_an_agents_path_reports_no_violation(browser, hosts, host, size):
    base = hosts[host]
    context, page, console, errors = watched(browser, size)
    seen: dict[str, list[str]] = {}
    for path in ("", "tags/", "errors/", "waits/", "privacy/", "no/such/page/", "q/2/"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        seen[path] = violations(page)
    # a reader pastes an error text on a cold page and opens the first result
    page.goto(base)
    if size is PHONE:
        page.locator("label.md-header__button[for=__search]").tap()
    page.locator(".md-search__input").fill(PASTED)
    page.wait_for_selector(".md-search-result__item")
    seen["search"] = violations(page)
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_url("**/q/*/**")
    page.locator("[data-kb-copy=url]").click()
    page.locator("form[name=feedback] button").first.click()
    page.wait_for_timeout(300)
    seen["answer"] = violations(page)
    # a link shared in WeChat, which appends its own parameters
    page.goto(base + "?q=" + quote("人脸识别失败") + "&from=singlemessage&isappinstalled=0")
    page.wait_for_selector(".md-search-result__item")
    seen["shared"] = violations(page)
    # the reply desk opened by a ticket system with the customer's message
    page.goto(base + "reply/?q=" + quote(MESSAGE))
    page.wait_for_selector(".kb-desk__list input[type=checkbox]")
    page.locator(".kb-desk__list input[type=checkbox]").first.check()
    page.locator(".kb-desk__copy").click()
    seen["desk"] = violations(page)
    context.close()
    assert {path: found for path, found in seen.items() if found} == {}
    assert console == [] and errors == []


@pytest.mark.parametrize("host", ["nginx", "static"])
def test_a_script_that_slipped_into_a_page_does_not_run(browser, seed_site, serve, tmp_path, host):
    """Whatever got past the sanitiser: an inline script, an event handler, a javascript:
    link and a style attribute, planted in a built page."""
    site = tmp_path / "site"
    shutil.copytree(seed_site, site)
    page_file = site / "q" / "2" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    page_file.write_text(html.replace('<div class="kb-answer">', '<div class="kb-answer">' + PLANTED, 1),
                         encoding="utf-8")
    assert PLANTED in page_file.read_text(encoding="utf-8")
    if host == "nginx":
        process, port = start(site, tmp_path)
        base = f"http://127.0.0.1:{port}/"
    else:
        process, base = None, serve(site)
    try:
        context, page, _, _ = watched(browser, PHONE)
        page.goto(base + "q/2/")
        page.wait_for_load_state("networkidle")
        page.locator("#kb-planted").click()
        page.wait_for_timeout(300)
        assert page.evaluate("window.kbPlanted") is None
        assert page.locator("#kb-styled").evaluate("e => getComputedStyle(e).color") != "rgb(255, 0, 0)"
        blocked = " ".join(violations(page))
        assert all(directive in blocked for directive in ("script-src-elem", "script-src-attr", "style-src-attr"))
        context.close()
    finally:
        if process:
            process.terminate()
            process.wait(timeout=10)
