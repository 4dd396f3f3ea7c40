
"""Property-based tests: arbitrary input never raises and never loses a question."""

import html
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import load_kb
from helpcenter.dialect.convert import to_markdown
from helpcenter.dialect.parse import parse
from helpcenter.dialect.source import decode
from helpcenter.dialect.validate import check_file, count_questions
from helpcenter.pages.category_pages import category_page
from helpcenter.pages.issue_page import issue_page
from helpcenter.pages.render import Renderer
from helpcenter.settings import IMAGE_HOSTS

# lines built from the dialect's own pieces, so that headings, notices, lists and
# fences are common, plus arbitrary text
PIECES = st.sampled_from(["### ", "## ", "#### ", "# ", ">!", ">?", "> ", "- ", " - ", "1. ", "```", "~~~",
                          "？", "?", "[](id:x)", "<span id=\"a\"></span>", "<table>", "</td", ">", "\t",
                          "满3个自然日", "“报错”", "提示", "![](x.png)", "**", "\\", "  "])
LINE = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=6).map("".join)
DOC = st.lists(LINE, max_size=30).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(DOC)
def test_parser_never_raises_and_keeps_every_question(text):
    parsed, _ = parse("f.md", text)
    assert len(parsed.questions) == count_questions(text)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(DOC)
def test_rendering_never_raises(text):
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "faq"
        source.mkdir()
        (source / "f.md").write_text(text, encoding="utf-8")
        kb, _ = load_kb(source, Path(work) / "ids.tsv")
    renderer = Renderer(IMAGE_HOSTS)
    for issue in kb.issues:
        front, _, _ = issue_page(kb, issue, renderer).page.removeprefix("---\n").partition("\n---\n")
        assert html.unescape(json.loads(front)["title"]) == issue.title  # the page's h1
    for category in kb.categories:
        category_page(kb, category, renderer)
    to_markdown(text, heading_shift=2)
    check_file("f.md", text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_decoding_arbitrary_bytes_never_raises(data):
    text, problems = decode(data, "f.md")
    assert text is not None or problems
