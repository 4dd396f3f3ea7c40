"""Whole-site builds with the real MkDocs CLI: the default content and the real corpus.

The expected questions and answers are read straight from the source files here,
not from the parser under test.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import DEFAULT_SOURCE, issue_pages, parse_page, source_questions

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]*>")
_LIST = re.compile(r"^\s*(?:>\s*[!?]?\s*)*(?:[-*+]|\d+[.)])\s+")


def fold(text: str) -> str:
    """What a reader sees of a source line, as letters and digits."""
    text = _TAG.sub("", _LINK.sub(r"\1", _IMAGE.sub("", _LIST.sub("", text))))
    text = re.sub(r"</?[a-zA-Z][^>]*$", "", text)  # a tag broken over two lines
    text = text.replace("&nbsp;", "").replace("&amp;", "&")
    return "".join(ch for ch in text if ch.isalnum()).lower()


def answers(root: Path) -> dict[tuple[str, str], list[str]]:
    """(file, title) -> answer lines, the answer ending at the next heading of level 1-3."""
    found: dict[tuple[str, str], list[str]] = {}
    questions = source_questions(root)
    by_file: dict[str, list[tuple[int, str]]] = {}
    for file, line, title in questions:
        by_file.setdefault(file, []).append((line, title))
    files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
    for path in files:
        if path.name not in by_file:
            continue
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        for line, title in by_file[path.name]:
            body = []
            for text in lines[line:]:
                if re.match(r"^#{1,3}(?!#)", text):
                    break
                body.append(text)
            found.setdefault((path.name, title), []).extend(body)
    return found


def assert_answers_published(root: Path, site: Path) -> None:
    pages = issue_pages(site)
    by_title: dict[str, list[str]] = {}
    for h1, text in pages.values():
        by_title.setdefault(h1, []).append(fold(text))
    for (file, title), body in answers(root).items():
        candidates = by_title.get(title)
        assert candidates, f"{file}: no page has the h1 {title!r}"
        wanted = [fold(line) for line in body if fold(line)]
        best = max(candidates, key=lambda page: sum(w in page for w in wanted))
        missing = [w for w in wanted if w not in best]
        assert not missing, f"{file}: the page {title!r} lacks {missing[:3]}"


def test_seed_builds_strict_with_one_page_per_question(seed_site):
    questions = source_questions(DEFAULT_SOURCE)
    assert len(questions) == 21
    h1s = [h1 for h1, _ in issue_pages(seed_site).values()]
    assert Counter(h1s) == Counter(title for _, _, title in questions)


def test_seed_answers_are_on_their_pages(seed_site):
    assert_answers_published(DEFAULT_SOURCE, seed_site)


def test_default_source_is_the_seed_unedited():
    shared_seed = DEFAULT_SOURCE.parent.parent / "shared" / "seed"
    if not shared_seed.is_dir():
        pytest.skip("../shared/seed is not beside the project (it is in CI)")
    [original] = shared_seed.iterdir()
    [copy] = DEFAULT_SOURCE.glob("*.md")
    assert copy.read_bytes() == original.read_bytes()


def test_seed_urls_are_short_ascii(seed_site):
    for path in issue_pages(seed_site):
        url = path.parent.relative_to(seed_site).as_posix()
        assert re.fullmatch(r"q/\d+", url)
    for path in (seed_site / "c").glob("*/index.html"):
        assert re.fullmatch(r"[a-z0-9-]+", path.parent.name)


def test_category_page_lists_issues_in_source_order_with_first_lines(seed_site):
    [category] = list((seed_site / "c").glob("*/index.html"))
    html = category.read_text(encoding="utf-8")
    titles = re.findall(r'<li><a href="[^"]*q/\d+/">(.*?)</a>', html)
    assert titles == [t for _, _, t in source_questions(DEFAULT_SOURCE)]
    assert "请您耐心等待48小时" in html  # an answer's first line under its title
    # a line that announces a list goes on with it, not "…可能原因及解决方法如下："
    assert re.search(r'可能原因及解决方法如下： [^<]*\w', html)


def test_home_page_leads_with_search_and_categories(seed_site):
    html = (seed_site / "index.html").read_text(encoding="utf-8")
    assert 'for="__search"' in html
    assert "小程序备案常见问题" in html and "（21 个问题）" in html


def test_images_are_lazy_and_described(seed_site):
    html = (seed_site / "q" / "8" / "index.html").read_text(encoding="utf-8")
    images = re.findall(r"<img[^>]*>", html.split('<article')[1])
    assert len(images) == 2
    for img in images:
        assert 'loading="lazy"' in img
        assert re.search(r'alt="[^"]+截图 \d"', img)


def test_notices_are_admonitions(seed_site):
    html = (seed_site / "q" / "6" / "index.html").read_text(encoding="utf-8")
    assert '<div class="admonition warning">' in html and ">注意<" in html
    assert ">!" not in parse_page(seed_site / "q" / "6" / "index.html")[1]


@pytest.mark.corpus
def test_corpus_every_question_is_one_page(corpus, corpus_build):
    site, _ = corpus_build
    questions = source_questions(corpus)
    assert len(questions) == 355  # 348 asked, 7 stated as symptoms
    h1s = [h1 for h1, _ in issue_pages(site).values()]
    assert Counter(h1s) == Counter(title for _, _, title in questions)


@pytest.mark.corpus
def test_corpus_answers_are_on_their_pages(corpus, corpus_build):
    site, _ = corpus_build
    assert_answers_published(corpus, site)


@pytest.mark.corpus
def test_corpus_loses_no_line_of_any_file(corpus, corpus_build):
    """Every line of every source file shows on its category page or one of its issues."""
    site, _ = corpus_build
    everything = {}
    for category in (site / "c").glob("*/index.html"):
        html = category.read_text(encoding="utf-8")
        texts = [parse_page(category)[1]]
        for n in re.findall(r'href="\.\./\.\./q/(\d+)/"', html):
            texts.append(parse_page(site / "q" / n / "index.html")[1])
        everything[category] = fold(" ".join(texts))
    for path in sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix not in (".tsv", ".yml")):
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        folded = [fold(line) for line in lines]
        # the category holding this file is the one whose text holds most of its lines
        home = max(everything.values(), key=lambda seen: sum(1 for f in folded if f and f in seen))
        for n, line in enumerate(lines, 1):
            if folded[n - 1]:
                assert folded[n - 1] in home, f"{path.relative_to(corpus)}:{n} lost: {line[:60]}"


@pytest.mark.corpus
def test_corpus_warnings_name_file_and_line(corpus_build):
    _, result = corpus_build
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings, "the corpus has known defects (duplicates); the build must report them"
    for warning in warnings:
        assert re.search(r"WARNING\s+-\s+\S+:\d+: ", warning), warning
