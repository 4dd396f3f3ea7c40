"""The generation step on its own (helpcenter/generate.py): what it writes for a renderer,
how it checks the links of the pages it renders, how their links become served URLs."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from helpcenter.pages import links
from helpcenter.pages.markup import served_links

PAGES = {"q/1.md", "q/2.md", "c/a.md", "index.md", "tags.md"}
RENDERED = {"q/1.md": '<p id="top">x</p><a href="#top">ok</a>', "q/2.md": '<h2 id="step2">二</h2>'}


@pytest.mark.parametrize("href, severity, words", [
    ("2.md#step2", None, None),  # another issue's place, as Markdown links are written (from q/1.md)
    ("../2/#step2", None, None),  # the same as served
    ("#top", None, None),
    ("../../c/a/", None, None),
    ("https://cloud.tencent.com/document/product/1", None, None),
    ("mailto:a@b.c", None, None),
    ("./9557#.E5", "warning", "在帮助中心找不到目标"),
    ("../3.md", "warning", "在帮助中心找不到目标"),
    ("#missing", "info", "指向的锚点不存在"),
    ("2.md#missing", "info", "指向的锚点不存在"),
    ("/product/1", "info", "以 / 开头"),
])
def test_a_link_in_a_rendered_page_is_checked_and_named_by_its_source(href, severity, words):
    rendered = {uri: (body, ("产品/常见问题.md", 7)) for uri, body in RENDERED.items()}
    rendered["q/1.md"] = (rendered["q/1.md"][0] + f'<a href="{href}">链接</a>', ("产品/常见问题.md", 7))
    found = links.check(rendered, PAGES)
    if severity is None:
        assert found == []
    else:
        [problem] = found
        assert (problem.file, problem.line, problem.severity) == ("产品/常见问题.md", 7, severity)
        assert problem.message.startswith(f"链接“{href}”") and words in problem.message


@pytest.mark.parametrize("here, html, served", [
    ("q/1.md", '<a href="2.md#x">', '<a href="../2/#x">'),
    ("c/a.md", '<a href="../q/3.md">', '<a href="../../q/3/">'),
    ("c/a.md", '<a href="https://x.org/a.md">', '<a href="https://x.org/a.md">'),
    ("q/1.md", '<a href="#a.md">', '<a href="#a.md">'),
])
def test_markdown_style_links_become_served_addresses(here, html, served):
    assert served_links(html, here) == served


def test_the_step_alone_writes_a_docs_folder_and_what_a_renderer_adds(tmp_path):
    done = subprocess.run([sys.executable, "-m", "helpcenter.generate", "-d", str(tmp_path / "out")], cwd=ROOT,
                          capture_output=True, text=True, env={"KB_IDS": str(tmp_path / "ids.tsv"), "PATH": ""})
    assert done.returncode == 0, done.stderr
    docs = tmp_path / "out" / "docs"
    assert (docs / "q" / "1.md").read_text(encoding="utf-8").startswith("---\n")
    assert list((docs / "search" / "kb").glob("t/*.bin")) and (docs / "search" / "kb" / "manifest.json").is_file()
    assert list((docs / "assets" / "search").glob("worker.*.js"))
    extra = yaml.safe_load((tmp_path / "out" / "kb.yml").read_text(encoding="utf-8"))
    assert extra["nav"][0] == {"首页": "index.md"} and extra["extra"]["kb_assets"]["kb.css"].startswith("assets/kb.")
    assert (tmp_path / "ids.tsv").is_file()  # a plain build records the registry, as mkdocs build does


def test_a_bad_setting_stops_the_step_naming_the_line(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - kb:\n      nav_limit: 0\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "helpcenter.generate", "-d", str(tmp_path / "out"), "--config",
                           str(config)], capture_output=True, text=True)
    assert done.returncode == 1 and "mkdocs.yml:4: plugins.kb.nav_limit：应为正整数" in done.stderr
    assert "Traceback" not in done.stderr
