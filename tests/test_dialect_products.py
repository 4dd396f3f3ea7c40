"""Any FAQ in the dialect, as Tencent Cloud's documentation writes it across products:
a fixture with each construct the ICP-filing FAQ does not use, and the real FAQ folders
of four more products (../shared/corpus), each alone and all five (ICP filing too)
together, built as an editor would (non-strict, a fresh ID registry)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import SHARED, build_site, issue_pages, source_questions

FIXTURE = Path(__file__).parent / "fixtures" / "dialect"
PRODUCTS = ["cos-faq", "cdn-faq", "mysql-faq", "ssl-faq"]
ENGLISH_LINK_WARNING = re.compile(r"contains an unrecognized relative link|unrecognized relative link|Doc file")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("dialect")
    result = build_site(work / "site", source=FIXTURE, ids=work / "ids.tsv")
    assert result.returncode == 0, result.stderr
    return work / "site", result


def page_titled(site: Path, title: str) -> str:
    for path, (h1, _) in issue_pages(site).items():
        if h1 == title:
            return path.read_text(encoding="utf-8")
    raise AssertionError(f"no page titled {title!r}; have {[h for h, _ in issue_pages(site).values()]}")


def article(html: str) -> str:
    return re.search(r"<article.*?</article>", html, re.S).group(0)


def test_every_heading_the_dialect_allows_is_a_page(fixture_site):
    site, _ = fixture_site
    assert len(issue_pages(site)) == len(source_questions(FIXTURE)) == 5


def test_a_code_block_with_a_language_is_shown_not_fatal(fixture_site):
    html = page_titled(fixture_site[0], "如何用命令行检查连通性？")
    assert "curl -I https://example.com" in re.sub(r"<[^>]+>", "", html)
    assert "注释不是标题" in html and "&lt;对象地址&gt;" in html


def test_titles_show_their_words_not_their_markup(fixture_site):
    site, _ = fixture_site
    html = page_titled(site, "调用接口耗时比较长怎么办？")
    assert "<title>调用接口耗时比较长怎么办？" in html and 'id="jump"' in html
    page_titled(site, "通过 SDK 调用 PutObject 报错怎么办？")


def test_anchors_are_targets_not_empty_links(fixture_site):
    site, _ = fixture_site
    for path in issue_pages(site):
        assert not re.search(r"<a(\s[^>]*)?>\s*</a>", article(path.read_text(encoding="utf-8"))), path
    html = page_titled(site, "通过 SDK 调用 PutObject 报错怎么办？")
    target = page_titled(site, "调用接口耗时比较长怎么办？")
    assert 'id="Step2"' in target
    link = re.search(r'<a href="([^"]+)">第二步</a>', html).group(1)
    assert link.endswith("#Step2") and link.startswith("../")


def test_links_written_for_tencents_docs_site(fixture_site):
    site, result = fixture_site
    html = page_titled(site, "调用接口耗时比较长怎么办？")
    assert 'href="https://cloud.tencent.com/document/product/382/3773"' in html
    assert 'href="https://cloud.tencent.com/doc/product/382/3774"' in html
    assert "原文的相对链接" in html and "9557" not in article(html)
    assert re.search(r"产品常见问题\.md:\d+: 链接“\./9557#\.E5\.9F\.9F”是相对地址", result.stderr)
    assert not ENGLISH_LINK_WARNING.search(result.stderr), result.stderr


def test_dx_components_read_as_on_tencents_site(fixture_site):
    site, _ = fixture_site
    html = article(page_titled(site, "调用接口耗时比较长怎么办？"))
    notice = re.search(r'<div class="admonition warning">.*?</div>', html, re.S).group(0)
    assert "调用频率过高会被限流" in notice and "dx-alert" not in html
    tabs = article(page_titled(site, "通过 SDK 调用 PutObject 报错怎么办？"))
    assert "<strong>Linux 系统</strong>" in tabs and "<strong>Windows 系统</strong>" in tabs
    assert re.search(r'<code>.*export.*SECRET_ID', tabs, re.S) and ":::" not in tabs


def test_images_from_tencents_other_host_stay(fixture_site):
    html = page_titled(fixture_site[0], "调用接口耗时比较长怎么办？")
    assert 'src="https://qcloudimg.tencent-cloud.cn/raw/example.png"' in html


def test_a_renewal_is_no_wait(fixture_site):
    site, _ = fixture_site
    assert "kb-wait" not in page_titled(site, "域名转入收费吗？")
    assert "需要等待：5-7天" in page_titled(site, "域名转入需要多久？")


# -- the real FAQ folders of other products -------------------------------------------

@pytest.fixture(scope="module")
def products(tmp_path_factory):
    folders = [SHARED / "corpus" / name for name in PRODUCTS]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        pytest.skip(f"the real FAQ folders are not here ({', '.join(missing)}); they are beside the project in CI")
    work = tmp_path_factory.mktemp("products")
    together = work / "together"  # the five products on one site, the ICP-filing FAQ too
    for folder in [*folders, SHARED / "corpus" / "icp-faq"]:
        shutil.copytree(folder, together / folder.name)
    return {**{folder.name: folder for folder in folders}, "together": together}, work


def check_product_site(source: Path, site: Path) -> None:
    pages = issue_pages(site)
    assert len(pages) == len(source_questions(source))
    for path, (h1, _) in pages.items():
        html = path.read_text(encoding="utf-8")
        body = article(html)
        assert "`" not in h1 and not re.search(r"<[a-zA-Z/]", h1), (path, h1)
        assert not re.search(r"<a(\s[^>]*)?>\s*</a>", body), path
        assert all(re.search(r'\ssrc="[^"]+"', img) for img in re.findall(r"<img\b[^>]*>", body)), path
        assert 'href="/document/' not in body and 'href="/doc/' not in body, path


@pytest.mark.corpus
@pytest.mark.parametrize("name", [*PRODUCTS, "together"])
def test_another_products_faq_builds_whole(products, name):
    sources, work = products
    result = build_site(work / name / "site", source=sources[name], ids=work / name / "ids.tsv")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert not ENGLISH_LINK_WARNING.search(result.stderr)
    check_product_site(sources[name], work / name / "site")


def test_a_question_shown_as_text_stops_the_build(tmp_path):
    """Four spaces make `### …` text inside the answer above (CommonMark): the reader would
    see the syntax and the question would have no page, so the editor is told where."""
    source = tmp_path / "faq.md"
    source.write_text("### 第一个问题？\n答案第一行\n    ### 被吞掉的问题？\n它的答案。\n", encoding="utf-8")
    result = build_site(tmp_path / "site", source=source, ids=tmp_path / "ids.tsv")
    assert result.returncode == 1
    assert "faq.md:1: 问题“第一个问题？”的页面上有一行标题显示成了文字：“### 被吞掉的问题？”" in result.stderr
