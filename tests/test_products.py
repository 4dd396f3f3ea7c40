"""A help center of several products: the five products of ../shared/corpus and a product
without product.yml (the dialect fixture), with a site.yml, built as one site: names,
breadcrumbs, each product's own taxonomy, product pages; and what editors get wrong in
product.yml and site.yml."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import SHARED, build_site, issue_pages, parse_page, source_questions

FIXTURE = Path(__file__).parent / "fixtures" / "dialect"
PRODUCTS = ["icp-faq", "cos-faq", "cdn-faq", "mysql-faq", "ssl-faq"]
ICP_TAGS = re.findall(r"^  - name: (\S+)", (Path(__file__).parent.parent / "data" / "tags.yml").read_text(
    encoding="utf-8"), re.M) + ["其他问题"]


@pytest.fixture(scope="module")
def center(tmp_path_factory):
    folders = [SHARED / "corpus" / name for name in PRODUCTS]
    if not all(f.is_dir() for f in folders):
        pytest.skip("the real FAQ folders are not here (../shared/corpus); they are beside the project in CI")
    work = tmp_path_factory.mktemp("center")
    source = work / "faq"
    for folder in folders:
        shutil.copytree(folder, source / folder.name)
    shutil.copytree(FIXTURE, source / "api-gateway")  # a product without product.yml
    (source / "site.yml").write_text("name: 腾讯云帮助中心\n", encoding="utf-8")
    result = build_site(work / "site", source=source, ids=work / "ids.tsv")
    assert result.returncode == 0, result.stderr[-3000:]
    return work / "site", source, result


pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def test_the_help_center_is_named_by_site_yml_and_lists_every_product(center):
    site, _, result = center
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>首页 - 腾讯云帮助中心</title>" in home and "备案帮助中心" not in home
    for name in ["网站备案", "对象存储 COS", "内容分发网络 CDN", "云数据库 MySQL", "SSL 证书", "api-gateway"]:
        assert re.search(rf'<a href="p/[^"]+/">{re.escape(name)}</a>（\d+ 个问题）', home), name
    assert "产品文件夹 api-gateway 没有 product.yml" in result.stderr  # said once, naming the folder
    assert result.stderr.count("没有 product.yml") == 1


def test_every_issue_page_names_its_product_above_the_title(center):
    site, source, _ = center
    pages = issue_pages(site)
    assert len(pages) == len(source_questions(source))
    named = 0
    for path in pages:
        crumbs = re.search(r'<nav class="kb-breadcrumbs"[^>]*>(.*?)</nav>', path.read_text(encoding="utf-8"), re.S)
        named += bool(crumbs and len(re.findall(r"<a ", crumbs.group(1))) == 3)
    assert named == len(pages)


def test_no_product_carries_the_icp_taxonomy_unless_it_speaks_of_filing(center):
    site, _, _ = center
    for path, (_, text) in issue_pages(site).items():
        html = path.read_text(encoding="utf-8")
        product = re.search(r'<nav class="kb-breadcrumbs"[^>]*>.*?</a> › <a[^>]*>([^<]+)</a>', html, re.S).group(1)
        if product != "网站备案":
            tags = re.findall(r'class="md-tag">([^<]+)<', html)
            assert not set(tags) & set(ICP_TAGS) or "备案" in text, (path, tags)


def test_each_product_page_reaches_its_issues_in_one_more_click(center):
    site, _, _ = center
    for product in (site / "p").iterdir():
        page = product / "index.html"
        html = page.read_text(encoding="utf-8")
        linked = set(re.findall(r'href="\.\./\.\./(c/[^"]+/)"', html))
        reached = set()
        for category in linked:
            reached |= set(re.findall(r'href="\.\./\.\./(q/\d+/)"', (site / category / "index.html").read_text(
                encoding="utf-8")))
        h1 = parse_page(page)[0]
        own = {str(p.parent.relative_to(site)) + "/" for p, (_, text) in issue_pages(site).items()
               if f">{h1}</a>" in p.read_text(encoding="utf-8").split('class="kb-breadcrumbs"')[1][:400]}
        assert own and len(own & reached) >= 0.95 * len(own), h1


def test_the_index_pages_group_by_product(center):
    site, _, _ = center
    for page in ("tags", "errors", "waits"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        headings = re.findall(r"<h2[^>]*>([^<]+)<", html)
        assert {"网站备案", "对象存储 COS"} <= set(headings), (page, headings[:8])


def test_related_questions_stay_in_their_product(center):
    site, _, _ = center
    pages = issue_pages(site)
    product_of = {}
    for path in pages:
        html = path.read_text(encoding="utf-8")
        product_of[path.parent.name] = re.search(r"kb-breadcrumbs.*?</a> › <a[^>]*>([^<]+)<", html, re.S).group(1)
    for path in list(pages)[::7]:
        related = re.search(r'<div class="kb-related">(.*?)</div>', path.read_text(encoding="utf-8"), re.S)
        for number in re.findall(r'href="\.\./(\d+)/"', related.group(1) if related else ""):
            assert product_of[number] == product_of[path.parent.name], path


# -- what editors get wrong ---------------------------------------------------------

def small_center(tmp_path: Path, product_yml: str, site_yml: str | None = None, twin: str | None = None) -> Path:
    source = tmp_path / "faq"
    for name in ("a", "b"):
        (source / name).mkdir(parents=True)
        (source / name / "常见问题.md").write_text(f"### {name} 的问题？\n答案。\n", encoding="utf-8")
    (source / "a" / "product.yml").write_text(product_yml, encoding="utf-8")
    (source / "b" / "product.yml").write_text(twin or "name: 产品乙\n", encoding="utf-8")
    if site_yml is not None:
        (source / "site.yml").write_text(site_yml, encoding="utf-8")
    return source


@pytest.mark.parametrize("product_yml, site_yml, twin, message", [
    ("name: [产品甲\n", None, None, r"WARNING -  a/product.yml:\d: product.yml不是合法的 YAML.*这个文件没有用上"),
    ("name: 产品甲\ncolour: red\n", None, None, r"WARNING -  a/product.yml:2: 没有“colour”这个设置项"),
    ("name: 产品甲\naliases: COS\n", None, None, r"WARNING -  a/product.yml:2: aliases 应为词的列表"),
    ("name: 产品甲\n", "name: 站\ntitle: x\n", None, r"WARNING -  site.yml:2: 没有“title”这个设置项"),
    ("name: 产品甲\n", None, "name: 产品甲\n", r"WARNING -  b/product.yml:1: 产品名称“产品甲”和 a/product.yml 相同"),
])
def test_a_bad_product_or_site_file_is_a_warning_and_loses_nothing(tmp_path, product_yml, site_yml, twin, message):
    source = small_center(tmp_path, product_yml, site_yml, twin)
    result = build_site(tmp_path / "site", source=source, ids=tmp_path / "ids.tsv")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert re.search(message, result.stderr), result.stderr
    assert {h1 for h1, _ in issue_pages(tmp_path / "site").values()} == {"a 的问题？", "b 的问题？"}
    assert build_site(tmp_path / "strict", source=source, ids=tmp_path / "ids.tsv", strict=True).returncode == 1


def test_a_source_of_several_products_without_site_yml_is_called_help_center(tmp_path):
    source = small_center(tmp_path, "name: 产品甲\naliases: [甲]\n")
    assert build_site(tmp_path / "site", source=source, ids=tmp_path / "ids.tsv").returncode == 0
    assert "<title>首页 - 帮助中心</title>" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    crumbs = (tmp_path / "site" / "q" / "1" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'kb-breadcrumbs.*>首页</a> › <a [^>]*>产品甲</a> › <a ', crumbs, re.S)


def test_adding_a_product_renumbers_no_other(tmp_path):
    source = small_center(tmp_path, "name: 产品甲\n")
    ids = tmp_path / "ids.tsv"
    assert build_site(tmp_path / "one", source=source, ids=ids).returncode == 0
    before = ids.read_text(encoding="utf-8")
    (source / "0-new").mkdir()  # sorts first
    (source / "0-new" / "product.yml").write_text("name: 新产品\n", encoding="utf-8")
    (source / "0-new" / "问题.md").write_text("### 新产品的问题？\n答案。\n", encoding="utf-8")
    assert build_site(tmp_path / "two", source=source, ids=ids).returncode == 0
    after = ids.read_text(encoding="utf-8")
    assert after.startswith(before) and "0-new/问题.md\t新产品的问题？" in after.splitlines()[-1]
