"""Each sentence of an issue page is shown once: notices name what they add (需要等待：48小时)
and mark the answer's words instead of quoting them; 相关问题 lists a question asked in two
files once; previous/next and the breadcrumbs do not repeat a title the page shows already."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import issue_pages

SENTENCE_END = re.compile(r"[。！？!?；;：:\n]|\s{2,}")
ANSWER = re.compile(r'<div class="kb-share".*?</div>(.*?)(?:<div class="kb-related">|<nav class="kb-steps"|'
                    r'<p class="kb-updated">|</article>)', re.S)
NOTICE = re.compile(r'<div class="admonition kb-[a-z]+">.*?</div>', re.S)


def sentences(text: str) -> Counter:
    return Counter(s.strip() for s in SENTENCE_END.split(text) if len(s.strip()) >= 12)


def repeated_beyond_the_source(site: Path) -> dict[str, list[str]]:
    """Page -> sentences of 12 or more characters it shows twice, leaving out those its
    answer itself repeats (the FAQ's own wording)."""
    found = {}
    for path, (_, text) in issue_pages(site).items():
        answer_html = NOTICE.sub("", ANSWER.search(path.read_text(encoding="utf-8")).group(1))
        in_answer = sentences(re.sub(r"<[^>]+>", "\n", answer_html))
        twice = [s for s, n in sentences(text).items() if n > 1 and in_answer[s] < 2]
        if twice:
            found[path.parent.name] = twice
    return found


def test_no_seed_page_shows_a_sentence_twice(seed_site):
    assert repeated_beyond_the_source(seed_site) == {}


@pytest.mark.corpus
def test_no_corpus_page_shows_a_sentence_twice(corpus_build):
    site, _ = corpus_build
    assert repeated_beyond_the_source(site) == {}


def test_a_wait_is_named_in_its_notice_and_marked_in_the_answer(seed_site):
    html = (seed_site / "q" / "2" / "index.html").read_text(encoding="utf-8")
    notice = re.search(r'<div class="admonition kb-wait">(.*?)</div>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", notice).strip() == "需要等待：48小时"
    assert '请您耐心等待<strong class="kb-cite">48小时</strong>' in html
