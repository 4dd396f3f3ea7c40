"""Malformed and hostile FAQ files (tests/fixtures/bad/, one problem each): the exact
message with file:line, and what the build does with it.

The files that do not stop the build are built together, once, as editors' folders are
(every message names its file, so each test reads its own); the two that stop it are
built alone."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import build_site, parse_page
from helpcenter.enrich.moves import slug_of

BAD = Path(__file__).parent / "fixtures" / "bad"
FATAL = ("binary.md", "latin1.md")


def _messages(result) -> list[str]:
    return [re.sub(r"^(WARNING|ERROR)\s+-\s+", r"\1 ", line) for line in result.stderr.splitlines()
            if line.startswith(("WARNING", "ERROR"))]


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    """The non-fatal bad files built as one FAQ: (site, messages, file -> its issue pages)."""
    work = tmp_path_factory.mktemp("bad")
    shutil.copytree(BAD, work / "faq", ignore=shutil.ignore_patterns(*FATAL))
    result = build_site(work / "site", source=work / "faq", ids=work / "ids.tsv")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    pages: dict[str, list[Path]] = {}
    for row in (work / "ids.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        number, _, file = row.split("\t")[:3]
        pages.setdefault(file, []).append(work / "site" / "q" / number / "index.html")
    return work / "site", _messages(result), pages


def build(bad, name: str):
    """(site, the messages about `name`, its issue pages) from the shared build."""
    site, messages, pages = bad
    return site, [m for m in messages if m.split(" ", 1)[1].startswith(name + ":")], pages.get(name, [])


def h1s(pages: list[Path]) -> list[str]:
    return sorted(parse_page(p)[0] for p in pages)


def category_text(site: Path, name: str) -> str:
    return parse_page(site / "c" / slug_of(name) / "index.html")[1]


def test_bom_and_crlf_are_read_silently(bad):
    _, messages, pages = build(bad, "bom-crlf.md")
    assert messages == []
    [(h1, text)] = [parse_page(p) for p in pages]
    assert h1 == "带 BOM 和 CRLF 的问题？" and "答案第一行。" in text and "答案第二行。" in text


def test_gbk_is_decoded_with_a_warning(bad):
    _, messages, pages = build(bad, "gbk.md")
    assert messages == ["WARNING gbk.md:1: 文件不是 UTF-8 编码，已按 GBK/GB18030 解码；请另存为 UTF-8。"]
    assert h1s(pages) == ["用 GBK 保存的问题？"]


@pytest.mark.parametrize("name, message", [
    ("binary.md", "ERROR binary.md:2: 文件含有 NUL 字节，不是文本文件；已跳过。"),
    ("latin1.md", "ERROR latin1.md:2: 不是 UTF-8 编码，也无法按 GBK/GB18030 解码；请另存为 UTF-8。"),
])
def test_an_unreadable_file_stops_the_build(tmp_path, name, message):
    result = build_site(tmp_path / "site", source=BAD / name, ids=tmp_path / "ids.tsv")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert _messages(result)[0] == message
    assert "构建已停止" in result.stderr and not (tmp_path / "site" / "q").exists()


def test_empty_file(bad):
    _, messages, pages = build(bad, "empty.md")
    assert messages == ["WARNING empty.md:1: 文件是空的：没有任何问题。请写入内容或删掉这个文件。"]
    assert pages == []


def test_heading_without_text_keeps_its_body(bad):
    site, messages, _ = build(bad, "empty-heading.md")
    assert messages == ["WARNING empty-heading.md:4: 标题为空：请补上标题文字或删掉这一行 #。"]
    assert "这一段没有标题。" in category_text(site, "empty-heading.md")


def test_question_without_answer_is_still_published(bad):
    _, messages, pages = build(bad, "no-answer.md")
    assert messages == ["WARNING no-answer.md:4: 问题“没有答案的问题？”没有答案：请在标题下补写答案。"]
    assert h1s(pages) == ["另一个问题？", "有答案的问题？", "没有答案的问题？"]


def test_duplicate_question_in_one_file(bad):
    _, messages, pages = build(bad, "duplicate-in-file.md")
    assert messages == ["WARNING duplicate-in-file.md:4: 重复的问题“重复的问题？”，与 duplicate-in-file.md:1 相同；"
                        "两处都已发布，请合并或改写其一。"]
    texts = sorted(parse_page(p)[1] for p in pages)
    assert len(texts) == 2 and "第一个答案。" in texts[0] + texts[1] and "第二个答案。" in texts[0] + texts[1]


def test_text_before_the_first_heading_is_on_the_category_page(bad):
    site, messages, _ = build(bad, "before-heading.md")
    assert messages == []
    assert "这段文字在第一个标题之前。" in category_text(site, "before-heading.md")


def test_unknown_tag_is_dropped_keeping_its_text(bad):
    _, messages, [html] = build(bad, "unknown-tag.md")
    assert messages == ["WARNING unknown-tag.md:2: 未知的 HTML 标签 <blink>：已去掉标签、保留文字；请改用 Markdown。"]
    assert "<blink" not in html.read_text(encoding="utf-8") and "闪烁的文字" in parse_page(html)[1]


def test_unclosed_table(bad):
    _, messages, [page] = build(bad, "broken-table.md")
    assert messages == ["WARNING broken-table.md:2: HTML 标签 <table> 没有闭合：请补上 </table>，"
                        "否则后面的内容可能显示错乱。"]
    assert "后面的正文。" in parse_page(page)[1]


def test_tag_split_over_two_lines(bad):
    _, messages, _ = build(bad, "split-tag.md")
    assert messages == ["WARNING split-tag.md:4: HTML 标签被拆成了两行（如 “</th” 换行 “>”）：请把它写在同一行。"]


def test_stray_closing_tag(bad):
    _, messages, _ = build(bad, "stray-close.md")
    assert messages == ["WARNING stray-close.md:2: 多余的结束标签 </a>：前面没有对应的 <a>，请删掉它。"]


def test_extensionless_file_counts(bad):
    _, messages, pages = build(bad, "无扩展名")
    assert messages == [] and h1s(pages) == ["没有扩展名的文件里的问题？"]


def test_hostile_content_is_reported_and_removed(bad):
    _, messages, [page] = build(bad, "hostile.md")
    unsafe = "不安全的 HTML（脚本、内嵌框架、样式或事件属性）已被移除；请删掉它，帮助中心不执行 FAQ 里的代码。"
    assert [m for m in messages if unsafe in m] == [f"WARNING hostile.md:{n}: {unsafe}" for n in range(3, 12)]
    assert ("WARNING hostile.md:9: 图片地址 http://evil.example/track.png 不在允许的图片主机里，已移除："
            "请把图片上传到 FAQ 自己的图床。") in messages
    article = page.read_text(encoding="utf-8").split("<article")[1].split("</article>")[0]
    # the page's own vote widget has its icons (SVG); the FAQ's text never does
    article = re.sub(r'<form class="md-feedback".*?</form>', "", article, flags=re.S)
    for bad_markup in ("<script", "onerror", "onload", "javascript:", "<iframe", "<style", "data:text", "style=",
                       "<svg"):
        assert bad_markup not in article, bad_markup
    text = parse_page(page)[1]
    assert "这段文字应当可读。" in text and "结尾的文字也应当可读。" in text and "覆盖层" in text


def test_html_in_a_title_is_text(bad):
    """Markup in a title gives its words, as the original page shows them: the tag
    neither runs nor shows as code."""
    _, _, [page] = build(bad, "hostile-title.md")
    html = page.read_text(encoding="utf-8")
    assert parse_page(page)[0] == "标题里的 HTML？"
    assert "<img src=x" not in html


@pytest.mark.browser
@pytest.mark.parametrize("name", ["hostile.md", "hostile-title.md"])
def test_hostile_page_runs_no_script_in_a_browser(bad, browser, serve, name):
    site, _, [hostile] = build(bad, name)
    base = serve(site)
    context = browser.new_context()
    foreign, dialogs = [], []
    context.route("**/*", lambda route: (foreign.append(route.request.url)
                                         if not route.request.url.startswith(base) else None,
                                         route.abort() if not route.request.url.startswith(base)
                                         else route.continue_()))
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    url = hostile.parent.relative_to(site).as_posix()
    page.goto(base + url + "/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.evaluate("() => window.__pwned") is None
    assert foreign == []
    assert page.locator("article").is_visible()
    if name == "hostile.md":
        assert "这段文字应当可读。" in page.locator("article").inner_text()
        for link in page.locator("article a").all():
            assert not (link.get_attribute("href") or "").lower().startswith(("javascript:", "data:"))
    context.close()
