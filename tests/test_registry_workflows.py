"""Permanent links under the editing workflows a real FAQ team has: deleting, replacing,
parallel branches, previewing drafts, damaged registries, rebuilding elsewhere."""

from __future__ import annotations

import filecmp
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import DEFAULT_SOURCE, ROOT, build_site, parse_page
from helpcenter.enrich.moves import slugs_of, update

SEED = next(DEFAULT_SOURCE.glob("*.md"))


def seed_copy(folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = folder / "常见问题.md"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def registry_rows(ids: Path) -> dict[str, tuple[str, str]]:
    """id -> (status, title)"""
    rows = [line.split("\t") for line in ids.read_text(encoding="utf-8").splitlines()[1:]]
    return {r[0]: (r[1], r[3]) for r in rows}


@pytest.mark.slow
def test_a_deleted_question_keeps_strict_builds_green(tmp_path):
    faq, ids = seed_copy(tmp_path / "faq"), tmp_path / "ids.tsv"
    assert build_site(tmp_path / "s", source=faq.parent, ids=ids).returncode == 0
    text = faq.read_text(encoding="utf-8")
    start = text.index("### 小程序提示验证失败，怎么办？")
    faq.write_text(text[:start] + text[text.index("\n### ", start) + 1:], encoding="utf-8")
    assert build_site(tmp_path / "s", source=faq.parent, ids=ids).returncode == 0  # records the retirement
    result = build_site(tmp_path / "strict", source=faq.parent, ids=ids, strict=True)
    assert result.returncode == 0, result.stderr
    gone = next(n for n, (status, _) in registry_rows(ids).items() if status == "retired")
    page = (tmp_path / "strict" / "q" / gone / "index.html").read_text(encoding="utf-8")
    assert "该问题已删除" in page and "小程序提示验证失败，怎么办？" in page
    assert 'name="robots" content="noindex"' in page
    sitemap = (tmp_path / "strict" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/q/{gone}/<" not in sitemap and "/q/1/<" in sitemap


def test_a_new_question_with_the_same_short_answer_gets_a_new_id(tmp_path):
    faq = tmp_path / "faq" / "备案后咨询.md"
    faq.parent.mkdir()
    faq.write_text("### 备案后能否更换服务器的系统？\n可以。\n\n### 备案后需要做什么？\n在网站底部悬挂备案号。\n",
                   encoding="utf-8")
    ids = tmp_path / "ids.tsv"
    assert build_site(tmp_path / "a", source=faq.parent, ids=ids).returncode == 0
    text = faq.read_text(encoding="utf-8")
    faq.write_text(text.replace("备案后能否更换服务器的系统？", "个人可以同时备案多个小程序吗？"), encoding="utf-8")
    result = build_site(tmp_path / "b", source=faq.parent, ids=ids)
    assert result.returncode == 0
    assert "reworded" not in result.stderr
    assert registry_rows(ids) == {"1": ("retired", "备案后能否更换服务器的系统？"),
                                  "2": ("active", "备案后需要做什么？"),
                                  "3": ("active", "个人可以同时备案多个小程序吗？")}
    assert parse_page(tmp_path / "b" / "q" / "1" / "index.html")[0] == "该问题已删除"


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "editor", "GIT_AUTHOR_EMAIL": "e@example.com",
           "GIT_COMMITTER_NAME": "editor", "GIT_COMMITTER_EMAIL": "e@example.com"}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check)


@pytest.mark.slow
def test_two_branches_that_both_add_a_question_cannot_silently_share_an_id(tmp_path):
    repo = tmp_path / "repo"
    faq, ids = seed_copy(repo / "faq"), repo / "ids.tsv"
    _git(repo, "init", "-q", "-b", "main")
    assert build_site(tmp_path / "s", source=faq.parent, ids=ids).returncode == 0
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "start")

    _git(repo, "checkout", "-qb", "a")
    faq.write_text(faq.read_text(encoding="utf-8") + "\n### 分支甲新增的问题？\n甲的答案。\n", encoding="utf-8")
    assert build_site(tmp_path / "a", source=faq.parent, ids=ids).returncode == 0
    _git(repo, "commit", "-qam", "a")

    _git(repo, "checkout", "-q", "main")
    _git(repo, "checkout", "-qb", "b")
    text = faq.read_text(encoding="utf-8")
    faq.write_text(text.replace("### ", "### 分支乙新增的问题？\n乙的答案。\n\n### ", 1), encoding="utf-8")
    assert build_site(tmp_path / "b", source=faq.parent, ids=ids).returncode == 0
    _git(repo, "commit", "-qam", "b")
    published = {"a": parse_page(tmp_path / "a" / "q" / "22" / "index.html")[0],
                 "b": parse_page(tmp_path / "b" / "q" / "22" / "index.html")[0]}
    assert published == {"a": "分支甲新增的问题？", "b": "分支乙新增的问题？"}

    _git(repo, "checkout", "-q", "a")
    assert _git(repo, "merge", "-q", "b", check=False).returncode != 0  # the registry conflicts
    # the obvious resolution: keep both sides
    resolved = [line for line in ids.read_text(encoding="utf-8").splitlines()
                if not line.startswith(("<<<<<<<", "=======", ">>>>>>>"))]
    ids.write_text("\n".join(resolved) + "\n", encoding="utf-8")
    before = ids.read_bytes()
    for strict in (False, True):
        result = build_site(tmp_path / "merged", source=faq.parent, ids=ids, strict=strict)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        for part in ("编号 22 登记了两次", "分支甲新增的问题？", "分支乙新增的问题？", "常见问题.md", "/q/22/"):
            assert part in result.stderr, part
    assert ids.read_bytes() == before

    # the editor keeps the row published first (branch a) and lets the other be numbered anew
    ids.write_text("".join(line + "\n" for line in resolved if "分支乙新增的问题？" not in line), encoding="utf-8")
    result = build_site(tmp_path / "merged", source=faq.parent, ids=ids)
    assert result.returncode == 0, result.stderr
    assert parse_page(tmp_path / "merged" / "q" / "22" / "index.html")[0] == "分支甲新增的问题？"
    assert parse_page(tmp_path / "merged" / "q" / "23" / "index.html")[0] == "分支乙新增的问题？"


def test_a_registry_that_lost_rows_is_refused_not_renumbered(tmp_path):
    ids = tmp_path / "ids.tsv"
    lines = (ROOT / "data" / "ids" / "content.tsv").read_text(encoding="utf-8").splitlines()
    ids.write_text("\n".join(lines[:10] + lines[13:]) + "\n", encoding="utf-8")
    before = ids.read_bytes()
    result = build_site(tmp_path / "s", ids=ids)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"{ids}: 问题 ID 登记表缺少编号 10、11、12 的行" in result.stderr
    assert ids.read_bytes() == before
    assert not (tmp_path / "s" / "q").exists()  # stopped before any page was written


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            body = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}")


@pytest.mark.slow
def test_previewing_drafts_under_serve_never_writes_the_registry(tmp_path):
    faq, ids = seed_copy(tmp_path / "faq"), tmp_path / "ids.tsv"
    assert build_site(tmp_path / "s", source=faq.parent, ids=ids).returncode == 0
    before = ids.read_bytes()
    port = _free_port()
    env = {**os.environ, "KB_SOURCE": str(faq.parent), "KB_IDS": str(ids), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base + "q/21/", "<h1")
        text = faq.read_text(encoding="utf-8")
        faq.write_text(text + "\n### 备案？\n草稿\n", encoding="utf-8")  # a half-typed draft
        _wait_for(base + "q/22/", "备案？")
        faq.write_text(text + "\n### 备案需要多久才能通过？\n一般 20 个工作日。\n", encoding="utf-8")
        _wait_for(base + "q/22/", "备案需要多久才能通过？")  # the provisional ID is not spent
        first = text.index("### ")
        faq.write_text(text[:first] + text[text.index("\n### ", first) + 1:], encoding="utf-8")  # delete #1
        _wait_for(base + "q/1/", "该问题已删除")
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert ids.read_bytes() == before


@pytest.mark.slow
@pytest.mark.corpus
def test_two_builds_under_different_hash_seeds_are_byte_identical(corpus, tmp_path):
    """From a fresh registry each: the same IDs and the same bytes in every file."""
    sites = []
    for seed in ("1", "2"):
        result = build_site(tmp_path / seed, source=corpus, ids=tmp_path / f"ids-{seed}.tsv", hash_seed=seed)
        assert result.returncode == 0, result.stderr
        sites.append(tmp_path / seed)
    registry = (tmp_path / "ids-1.tsv").read_text(encoding="utf-8")
    assert registry == (tmp_path / "ids-2.tsv").read_text(encoding="utf-8")
    rows = [r.split("\t") for r in registry.splitlines()[1:]]
    assert len(rows) == 355 and all((sites[0] / "q" / number / "index.html").exists() for number, *_ in rows)
    files = sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(sites[1]) for p in sites[1].rglob("*") if p.is_file())
    different = [str(f) for f in files if not filecmp.cmp(sites[0] / f, sites[1] / f, shallow=False)]
    assert different == []


def test_sitemap_lastmod_is_the_questions_last_change(seed_site):
    """The seed is in git: each question's lastmod is its 最后更新 date, not the build date."""
    sitemap = (seed_site / "sitemap.xml").read_text(encoding="utf-8")
    found = re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap)
    assert len([loc for loc, _ in found if "/q/" in loc]) == 21
    for loc, lastmod in found:
        if "/q/" in loc:
            page = seed_site / loc.split("/", 3)[3] / "index.html"
            assert f'<time datetime="{lastmod}">' in page.read_text(encoding="utf-8"), loc


@pytest.mark.corpus
def test_links_to_tencent_docs_for_a_question_here_stay_on_the_site(corpus_build):
    site, _ = corpus_build
    target = next(p for p in (site / "q").glob("*/index.html") if parse_page(p)[0] == "空壳主体如何处理？")
    linking = [p for p in (site / "q").glob("*/index.html")
               if f'<a href="../{target.parent.name}/">注销空壳主体</a>' in p.read_text(encoding="utf-8")]
    assert linking  # 备案信息专项核查类.md links to it from its answers
    for page in (site / "q").glob("*/index.html"):
        assert "243/19622#.E7.A9.BA" not in page.read_text(encoding="utf-8")
    # a doc heading that is no question here stays external
    pages = [p.read_text(encoding="utf-8") for p in (site / "q").glob("*/index.html")]
    assert any("243/18908#.E5.A4.87.E6.A1.88" in page for page in pages)


def test_loopback_site_url_stops_a_strict_build(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_SITE_URL", "http://127.0.0.1:8000/")
    result = build_site(tmp_path / "s", strict=True)
    assert result.returncode != 0 and "site_url" in result.stderr and "KB_SITE_URL" in result.stderr


def test_a_slug_twin_keeps_redirecting_when_the_other_is_removed():
    files = ["备案小程序类", "备案小程序类.md", "其他.md"]
    slugs = slugs_of(files)
    assert slugs == {"其他.md": "qi-ta", "备案小程序类": "bei-an-xiao-cheng-xu-lei",
                     "备案小程序类.md": "bei-an-xiao-cheng-xu-lei-2"}
    from helpcenter.enrich.ids import Row
    before = [Row(1, "active", "备案小程序类", "甲？", ""), Row(2, "active", "备案小程序类.md", "乙？", ""),
              Row(3, "active", "其他.md", "丙？", "")]
    # 备案小程序类 is removed, its question moves to 其他.md; the .md twin takes the plain slug
    moved = update({}, before, {"1": "qi-ta", "2": "bei-an-xiao-cheng-xu-lei", "3": "qi-ta"},
                   {"qi-ta", "bei-an-xiao-cheng-xu-lei"})
    assert moved == {"bei-an-xiao-cheng-xu-lei-2": "bei-an-xiao-cheng-xu-lei"}
