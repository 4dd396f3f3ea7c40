"""Three renderers, the same pages: the ICP corpus built by MkDocs, then by ProperDocs and
by Zensical with the registry of the MkDocs build (the generation step's files: every issue
at the same /q/<ID>/ with the same title and answer, the tag index, the redirects of old
category addresses)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_security_policy import read

from conftest import ROOT, build_site, issue_pages, parse_page
from helpcenter.enrich.moves import slugs_of
from helpcenter.text import fold

pytestmark = [pytest.mark.slow, pytest.mark.corpus]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def builds(corpus, tmp_path_factory):
    work = tmp_path_factory.mktemp("engines")
    ids = work / "ids.tsv"
    shutil.copy(ROOT / "data" / "ids" / "icp-faq.tsv", ids)
    # a category renamed since the registry: its old address must redirect on every engine
    source = work / "icp-faq"
    shutil.copytree(corpus, source)
    (source / "备案号.md").rename(source / "备案号与密码.md")
    assert build_site(work / "mkdocs", source=source, ids=ids).returncode == 0
    sites = {"mkdocs": work / "mkdocs"}
    env = {"KB_SOURCE": str(source), "KB_IDS": str(ids), "NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN)}
    for engine in ("properdocs", "zensical"):
        done = subprocess.run([sys.executable, "-m", "helpcenter.renderers.engines", "--engine", engine, "--no-strict",
                               "-d", str(work / engine), "--bin", str(BIN / engine)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        sites[engine] = work / engine
    return sites


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_every_issue_stands_at_the_same_address_with_its_title_and_answer(builds, engine):
    reference = {p.relative_to(builds["mkdocs"]): page for p, page in issue_pages(builds["mkdocs"]).items()}
    built = {p.relative_to(builds[engine]): page for p, page in issue_pages(builds[engine]).items()}
    assert built.keys() == reference.keys() and len(built) >= 350
    for path, (h1, text) in reference.items():
        other_h1, other_text = built[path]
        assert other_h1 == h1, path
        assert fold(text) in fold(other_text) or fold(other_text) in fold(text), path


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_the_tag_index_and_the_old_addresses(builds, engine):
    site = builds[engine]
    h1, text = parse_page(site / "tags" / "index.html")
    assert h1 == "按症状浏览" and "#tag:" in (site / "tags" / "index.html").read_text(encoding="utf-8")
    old = slugs_of(["备案号.md"])["备案号.md"]
    page = (site / "c" / old / "index.html").read_text(encoding="utf-8")
    new = slugs_of(["备案号与密码.md"])["备案号与密码.md"]
    assert f'url=../{new}/' in page
    assert parse_page(site / "c" / new / "index.html")[0] == "备案号与密码"


def test_zensical_builds_a_project_that_inherits_mkdocs_yml(builds):
    """What the Zensical build read: the theme's templates (our issue page) and its nav."""
    page = (builds["zensical"] / "q" / "1" / "index.html").read_text(encoding="utf-8")
    assert 'class="kb-share"' in page and 'name="kb-id" content="1"' in page


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_every_page_carries_the_security_policy_and_nothing_it_forbids(builds, engine):
    """The theme's first script is a file on every engine (overrides/partials/javascripts/)."""
    pages = sorted(builds[engine].rglob("*.html"))
    assert len(pages) >= 350
    for path in pages:
        page = read(path)
        assert len(page.policies) == 1 and "script-src 'self';" in page.policies[0], path
        assert (page.before_policy, page.blocked) == ([], []), path
