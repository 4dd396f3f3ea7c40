"""Marks on the page opened from a search result, as a reader on a phone meets them
(Chromium, 390 px, the query pasted with no key event, the first result tapped): only in
the question and its answer, only the reader's words (one of jieba's search cuts of the
query, three or more characters of it, or a Latin or digit token of it: never 序备 of
小程序备案), on most pages, and gone at one tap on 清除高亮. The result list marks alike."""

from __future__ import annotations

import csv
import re
import unicodedata
from urllib.parse import unquote

import jieba
import pytest

from conftest import PHONE, ROOT

pytestmark = pytest.mark.browser

ISSUE_EXAMPLE = "您好，我在小程序备案时人脸核验一直失败，提示“人脸比对不通过”，怎么办？谢谢"
RESULTS = "() => document.querySelectorAll('.md-search-result__item').length > 0"
# where each mark stands: in the title, in the answer, or elsewhere (named)
MARKS = """() => [...document.querySelectorAll('mark')].map(mark => [mark.textContent,
  mark.closest('article h1') ? 'title'
  : mark.closest('.kb-answer') && !mark.closest('a[href*="/q/"], .admonition-title') ? 'answer'
  : (mark.parentElement.closest('[class]') || mark.parentElement).className || mark.parentElement.tagName])"""


def queries(name: str, count: int) -> list[str]:
    with open(ROOT / "bench" / "queries" / name, encoding="utf-8") as rows:
        return [row["query"] for row in csv.DictReader(rows, delimiter="\t")][:count]


def a_word_of(mark: str, query: str) -> bool:
    """The acceptance rule: one of jieba's search cuts of the query, three or more
    characters of it, or a Latin or digit token of it."""
    folded = unicodedata.normalize("NFKC", query).lower()
    mark = unicodedata.normalize("NFKC", mark).lower()
    return (mark in set(jieba.cut_for_search(query)) | set(jieba.cut_for_search(folded))
            or (len(mark) >= 3 and mark in folded) or mark in re.findall(r"[a-z]+|[0-9]+", folded))


def open_first_result(fresh_page, base: str, query: str):
    page = fresh_page(**PHONE)
    page.goto(base)
    page.locator("label.md-header__button[for=__search]").tap()
    page.locator(".md-search__input").fill(query)
    page.wait_for_function(RESULTS, timeout=10000)
    page.wait_for_timeout(400)  # the list settles
    listed = page.evaluate("() => [...document.querySelectorAll('.md-search-result__list mark')]"
                           ".map(m => m.textContent)")
    page.locator(".md-search-result__item a").first.tap()
    page.wait_for_url(re.compile(r"/q/[^/]+/\?h="))
    page.wait_for_load_state("load")  # kb.js has marked the page
    return page, listed


def test_the_issues_example_marks_words_in_the_question_and_answer_and_one_tap_clears_them(
        fresh_page, serve, seed_site):
    page, listed = open_first_result(fresh_page, serve(seed_site), ISSUE_EXAMPLE)
    marks = page.evaluate(MARKS)
    assert marks and {where for _, where in marks} <= {"title", "answer"}, marks
    assert all(a_word_of(text, ISSUE_EXAMPLE) for text, _ in marks), marks
    assert listed and all(a_word_of(text, ISSUE_EXAMPLE) for text in listed), listed
    clear = page.get_by_role("button", name="清除高亮")
    clear.tap()
    assert page.evaluate(MARKS) == [] and not clear.is_visible()
    assert "h=" not in page.url
    assert page.evaluate("() => document.querySelector('.kb-answer').textContent.includes('人脸')")


def test_a_page_opened_without_a_search_has_no_marks_and_no_button(fresh_page, serve, seed_site):
    page = fresh_page(**PHONE)
    page.goto(serve(seed_site) + "q/4/")
    assert page.evaluate(MARKS) == []
    assert not page.get_by_role("button", name="清除高亮").is_visible()


def check_pages(fresh_page, base: str, texts: list[str]) -> None:
    wrong, marked = [], 0
    for query in texts:
        page, listed = open_first_result(fresh_page, base, query)
        marks = page.evaluate(MARKS)
        marked += bool(marks)
        wrong += [(query, text, where) for text, where in marks if where not in ("title", "answer")]
        wrong += [(query, text, "not a word") for text, _ in marks if not a_word_of(text, query)]
        wrong += [(query, text, "list") for text in listed if not a_word_of(text, query)]
        page.context.close()
    assert wrong == []
    assert marked >= 0.8 * len(texts), f"{marked} of {len(texts)} pages marked"


@pytest.mark.corpus
@pytest.mark.parametrize("query, not_a_word", [("验证码一直没收到", "收到"),  # 一直 没收 到
                                               ("备案密码怎么找回来", "找回")])  # 找 回来
def test_a_pair_jieba_cuts_otherwise_is_not_the_readers_word(fresh_page, serve, corpus_build, query, not_a_word):
    """The site holds 收到 and 找回 but not 没收 or 回来; jieba knows them, and the manifest
    says how common they are, so the result carries 收到 as context, never as a mark."""
    site, _ = corpus_build
    page, listed = open_first_result(fresh_page, serve(site), query)
    carried = re.search(r"[?&]h=([^&#]*)", page.url)[1]
    pieces = [piece for run in unquote(carried).split(" ") for piece in run.split(".")]
    assert not_a_word not in pieces, pieces
    marks = [text for text, _ in page.evaluate(MARKS)] + listed
    assert not_a_word not in marks and all(a_word_of(text, query) for text in marks), marks


@pytest.mark.slow
def test_pasted_messy_queries_on_the_seed(fresh_page, serve, seed_site):
    check_pages(fresh_page, serve(seed_site), queries("messy-seed-tune.tsv", 15))


@pytest.mark.slow
@pytest.mark.corpus
def test_pasted_messy_queries_on_the_corpus(fresh_page, serve, corpus_build):
    site, _ = corpus_build
    check_pages(fresh_page, serve(site), queries("messy-corpus-tune.tsv", 12) + queries("messy-corpus-tune8.tsv", 8))
