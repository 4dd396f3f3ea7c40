"""What readers taught reaches the search: with the learned file an editor saved from the
report's suggestions, the taught query (also with other chat filler around it) ranks the
chosen issue first; every other query keeps its results and its 没有找到."""

from __future__ import annotations

import pytest

from conftest import build_site, search

pytestmark = pytest.mark.browser

TAUGHT = "老是说我不是本人"  # the face check says it is not them: 未能通过人脸检测
ANSWER = "小程序提示未能通过人脸检测如何解决？"
# other questions, and the lesson inside a longer one: what is left holds words the FAQ uses
# another question holding the lesson: a word the site uses (黑屏), or one it does not (报警, 退钱)
OTHERS = ["工商信息不匹配", "视频核验一直黑屏", "幕布在哪里申请", "周末去哪里露营", "刷脸失败", "过不去",
          f"{TAUGHT}，黑屏", f"{TAUGHT}，要报警吗", f"{TAUGHT}能退钱吗"]


@pytest.fixture(scope="module")
def sites(tmp_path_factory, seed_site):
    work = tmp_path_factory.mktemp("learned")
    learned = work / "content.yml"
    learned.write_text(f"- query: {TAUGHT}\n  id: 13\n  title: {ANSWER}\n  visits: 3\n", encoding="utf-8")
    import os
    os.environ["KB_LEARNED"] = str(learned)
    try:
        result = build_site(work / "site", ids=work / "ids.tsv")
    finally:
        del os.environ["KB_LEARNED"]
    assert result.returncode == 0, result.stderr
    return seed_site, work / "site"


@pytest.fixture
def on(fresh_page, serve):
    def open_site(site):
        page = fresh_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page.goto(serve(site))
        return page

    return open_site


@pytest.mark.parametrize("query", [TAUGHT, f"您好，{TAUGHT}，谢谢", f"在吗 {TAUGHT} 急急急", f"老师好！{TAUGHT}～",
                                   f"{TAUGHT}啊，麻烦了", "老是說我不是本人！！", "ＨＩ，老是说我不是本人"])
def test_the_taught_query_finds_the_readers_issue_first(sites, on, query):
    before, after = sites
    assert search(on(before), TAUGHT)[:1] != [ANSWER]  # it failed before: that is why readers taught it
    assert search(on(after), query)[0] == ANSWER


def test_other_queries_are_untouched(sites, on):
    before, after = sites
    old, new = on(before), on(after)
    for query in OTHERS:
        assert search(new, query) == search(old, query), query
        meta = ".md-search-result__meta"
        assert new.locator(meta).inner_text() == old.locator(meta).inner_text(), query
