"""Links for support replies: permanent IDs, redirects, removal pages, copy buttons."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import DEFAULT_SOURCE, build_site, parse_page

SEED = next(DEFAULT_SOURCE.glob("*.md"))
REDIRECT = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def split_seed(folder: Path) -> None:
    """The seed as two files, so that a question can move between them."""
    text = SEED.read_text(encoding="utf-8")
    blocks = ["### " + b for b in text.split("\n### ")]
    blocks[0] = blocks[0][4:]
    folder.mkdir(parents=True)
    (folder / "账号与实名.md").write_text("\n".join(blocks[:7]), encoding="utf-8")
    (folder / "核验与报错.md").write_text("\n".join(blocks[7:]), encoding="utf-8")


def resolve(site: Path, url: str, hops: int = 3) -> tuple[str, str]:
    """(final url, h1) for a site-relative URL, following static redirects."""
    for _ in range(hops):
        page = site / url / "index.html"
        assert page.exists(), f"{url} does not resolve"
        match = REDIRECT.search(page.read_text(encoding="utf-8"))
        if not match:
            return url, parse_page(page)[0]
        url = str((Path("/") / url / match.group(1)).resolve()).strip("/") + "/"
    raise AssertionError(f"{url}: too many redirects")


def published(site: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html") if p.parent != site)


@pytest.mark.slow
def test_every_published_url_survives_editing_the_source(tmp_path):
    source, ids = tmp_path / "faq", tmp_path / "ids.tsv"
    split_seed(source)
    assert build_site(tmp_path / "before", source=source, ids=ids).returncode == 0
    before = {url: resolve(tmp_path / "before", url)[1] for url in published(tmp_path / "before")}

    first = (source / "账号与实名.md").read_text(encoding="utf-8")
    second = (source / "核验与报错.md").read_text(encoding="utf-8")
    # reorder: the first file's questions in reverse
    blocks = ["### " + b for b in first.split("\n### ")]
    blocks[0] = blocks[0][4:]
    blocks.reverse()
    # reword two titles
    first = "\n".join(blocks).replace("小程序备案提示工商信息不匹配怎么办？", "提示“工商信息不匹配”时该怎么办？")
    first = first.replace("小程序备案提示实名认证账号与备案主体不符？", "为什么提示实名认证账号与备案主体不一致？")
    # move one question from the second file to the first
    moved = re.search(r"### 小程序提示主体证件号码已备案？\n.*?\n\n", second, re.S).group(0)
    second = second.replace(moved, "")
    first += "\n\n" + moved
    # delete one
    deleted = re.search(r"### 小程序提示验证失败，怎么办？.*?\n\n", second, re.S).group(0)
    second = second.replace(deleted, "")
    (source / "账号与实名.md").write_text(first, encoding="utf-8")
    (source / "核验与报错.md").unlink()  # and rename the second file
    (source / "视频核验与报错.md").write_text(second, encoding="utf-8")

    result = build_site(tmp_path / "after", source=source, ids=ids)
    assert result.returncode == 0, result.stderr
    renamed = {"小程序备案提示工商信息不匹配怎么办？": "提示“工商信息不匹配”时该怎么办？",
               "小程序备案提示实名认证账号与备案主体不符？": "为什么提示实名认证账号与备案主体不一致？",
               "小程序提示验证失败，怎么办？": "该问题已删除"}
    for url, title in before.items():
        final, h1 = resolve(tmp_path / "after", url)
        if url.startswith("q/"):
            assert h1 == renamed.get(title, title), url
        elif url.startswith("c/"):
            assert final.startswith("c/") and h1 in ("账号与实名", "视频核验与报错"), (url, final)


def test_removal_page_points_to_category_and_search(tmp_path):
    source, ids = tmp_path / "faq", tmp_path / "ids.tsv"
    split_seed(source)
    build_site(tmp_path / "one", source=source, ids=ids)
    text = (source / "核验与报错.md").read_text(encoding="utf-8")
    (source / "核验与报错.md").write_text(text.replace("### 小程序提示验证失败，怎么办？", "说明：", 1),
                                        encoding="utf-8")
    build_site(tmp_path / "two", source=source, ids=ids)
    removed = next(row.split("\t")[0] for row in ids.read_text(encoding="utf-8").splitlines()
                   if "\tretired\t" in row)
    html = (tmp_path / "two" / "q" / removed / "index.html").read_text(encoding="utf-8")
    assert "该问题已删除" in html and "小程序提示验证失败，怎么办？" in html
    assert re.search(r'href="\.\./\.\./c/[a-z-]+/"', html)
    assert "?q=" in html and 'name="robots" content="noindex"' in html


def test_short_form_resolves_and_carries_the_id(seed_site):
    for row in (Path(__file__).parent.parent / "data" / "ids" / "content.tsv").read_text(
            encoding="utf-8").splitlines()[1:]:
        number, status, _, title, _ = row.split("\t")
        html = (seed_site / "q" / number / "index.html").read_text(encoding="utf-8")
        assert f'<meta name="kb-id" content="{number}">' in html
        assert parse_page(seed_site / "q" / number / "index.html")[0] == title


@pytest.mark.corpus
def test_every_committed_corpus_id_resolves(corpus_build):
    """(A fresh registry is the same whatever the hash seed: test_registry_workflows.)"""
    site, _ = corpus_build
    committed = (Path(__file__).parent.parent / "data" / "ids" / "icp-faq.tsv").read_text(encoding="utf-8")
    rows = [r.split("\t") for r in committed.splitlines()[1:]]
    assert len(rows) == 355
    for number, *_ in rows:
        assert (site / "q" / number / "index.html").exists()


@pytest.mark.slow
def test_strict_build_fails_when_the_registry_would_change(tmp_path):
    source = tmp_path / "faq"
    split_seed(source)
    ids = tmp_path / "ids.tsv"
    build_site(tmp_path / "site", source=source, ids=ids)
    with (source / "账号与实名.md").open("a", encoding="utf-8") as handle:
        handle.write("\n### 新加的问题？\n新答案。\n")
    before = ids.read_text(encoding="utf-8")
    result = build_site(tmp_path / "site", source=source, ids=ids, strict=True)
    assert result.returncode != 0
    assert "ID 登记表" in result.stderr and "#22 new: 新加的问题？" in result.stderr
    assert ids.read_text(encoding="utf-8") == before  # strict never writes
    assert build_site(tmp_path / "site", source=source, ids=ids).returncode == 0
    assert "\t新加的问题？\t" in ids.read_text(encoding="utf-8")


def test_strict_build_of_a_new_source_creates_its_registry(tmp_path):
    source = tmp_path / "faq"
    split_seed(source)
    result = build_site(tmp_path / "site", source=source, ids=tmp_path / "new" / "ids.tsv", strict=True)
    assert result.returncode == 0, result.stderr
    assert len((tmp_path / "new" / "ids.tsv").read_text(encoding="utf-8").splitlines()) == 22


def test_default_registry_is_up_to_date(tmp_path):
    """CI's strict build would fail otherwise; this says why."""
    committed = Path(__file__).parent.parent / "data" / "ids" / "content.tsv"
    copy = tmp_path / "ids.tsv"
    shutil.copy(committed, copy)
    assert build_site(tmp_path / "site", ids=copy).returncode == 0
    assert copy.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")


def test_sitemap_has_absolute_urls(seed_site):
    sitemap = (seed_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(loc.startswith("https://help.example.com/") for loc in locations)
    assert "https://help.example.com/q/12/" in locations


@pytest.mark.browser
def test_copy_reply_puts_the_snippet_on_the_clipboard(browser, seed_site, serve):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    base = serve(seed_site)  # another origin than site_url: links must name the one the reader sees
    page.goto(base + "q/2/")
    reply = page.get_by_role("button", name="复制回复")
    reply.focus()
    page.keyboard.press("Enter")  # keyboard accessible
    page.wait_for_function("() => document.querySelector('.kb-copied').textContent === '已复制回复'")
    assert page.evaluate("() => navigator.clipboard.readText()") == (
        "您好，关于“小程序备案提示账号完成实名认证不足48小时怎么办？”：若您在腾讯云备案，您的账号刚完成实名认证或"
        "变更实名认证，腾讯云需要将您的实名认证信息同步至备案系统，请您耐心等待48小时。\n"
        f"详细步骤请看：{base}q/2/")
    page.get_by_role("button", name="复制链接").click()
    page.wait_for_function("() => document.querySelector('.kb-copied').textContent === '已复制链接'")
    assert page.evaluate("() => navigator.clipboard.readText()") == base + "q/2/"
    context.close()
