"""Content gaps (report/gaps.py): failing queries grouped by what they ask, each group
with the issue nearest to it."""

from pathlib import Path

from conftest import ROOT
from helpcenter.index.vocabulary import load_vocabulary
from helpcenter.report.gaps import Gaps, Words

TITLES = {"1": "备案号被注销了怎么办？", "2": "如何查询备案号？", "3": "网站被攻击了怎么处理？",
          "4": "备案需要多长时间？", "5": "备案号被别人使用了怎么办？"}
WORDS = Words(load_vocabulary(Path(ROOT / "data" / "synonyms.yml")))


def test_ten_ways_of_asking_one_missing_answer_are_one_gap():
    failing = [("备案号被盗用", 5, [["备案号被盗用怎么办", 5]]), ("别人盗用我的备案号", 3, [["别人盗用我的备案号", 3]]),
               ("备案号被人盗用了", 2, [["备案号被人盗用了？", 2]]), ("发票怎么开", 4, [["发票怎么开", 4]])]
    gaps = Gaps(TITLES, WORDS)
    found = gaps.group(failing)
    assert sorted(found) == ["发票", "盗用"]
    stolen = found["盗用"]
    assert (stolen.searches, set(stolen.keys)) == (10, {"备案号被人盗用了", "备案号被盗用", "别人盗用我的备案号"})
    assert stolen.phrasings["备案号被人盗用了？"] == 2
    assert gaps.nearest(stolen) == "5"  # 备案号 and 别人: the most of the gap's words
    assert gaps.nearest(found["发票"]) is None


def test_a_gap_is_near_no_issue_when_titles_share_only_its_small_words():
    gaps = Gaps(TITLES, WORDS)
    found = gaps.group([("幕布上的字看不清", 30, [["幕布上的字看不清", 30]]), ("注销幕布", 1, [["注销幕布", 1]])])
    assert list(found) == ["幕布"] and gaps.nearest(found["幕布"]) is None  # only 注销 (#1) is in a title


def test_question_words_and_chat_say_nothing_about_the_topic():
    assert WORDS("您好，备案要多久啊？谢谢") == ["备案"]
