"""Waiting periods and deadlines, on sentences written for each rule."""

from pathlib import Path

import pytest

from helpcenter.enrich.durations import DEADLINE, OTHER, TERM, WAIT, chinese_number, find, headline


def one(text: str):
    found = find(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, phrase, value_text", [
    ("请您耐心等待48小时。", "48小时", "48小时"),
    ("需等待三十日内完成。", "三十日内", "三十日"),
    ("两个工作日后可致电询问。", "两个工作日后", "两个工作日"),
    ("建议您在半小时后再试。", "半小时后", "半小时"),
    ("建议您在半个小时后再访问。", "半个小时后", "半个小时"),
    ("同步需要3 - 7个工作日。", "3 - 7个工作日", "3 - 7个工作日"),
    ("大约是1到2个工作日。", "1到2个工作日", "1到2个工作日"),
    ("请在30分钟 - 1小时后再访问。", "30分钟 - 1小时后", "30分钟 - 1小时"),
    ("需要满3个自然日。", "满3个自然日", "3个自然日"),
    ("账号实名不足48小时。", "不足48小时", "48小时"),
    ("审核时长超过20个工作日。", "超过20个工作日", "20个工作日"),
    ("幕布一般2周送达。", "2周", "2周"),
    ("购买时长不少于 3 个月。", "不少于 3 个月", "3 个月"),
    ("邮寄一般需要1 - 3天。", "1 - 3天", "1 - 3天"),
])
def test_numbers_ranges_units_and_qualifiers(text, phrase, value_text):
    found = one(text)
    assert (found.phrase, found.text) == (phrase, value_text)


@pytest.mark.parametrize("text", [
    "本次年审时间：2020年1月15日 - 2020年4月15日。",
    "如果未在4月15日内完成年度审核会有什么后果？",
    "自2018年1月1日起，对所有网站备案域名进行核查。",
    "四点以后第二天邮寄。",
    "主体负责人未满十八周岁能否办理备案？",
    "周五四点以后申请，下周一邮寄。",
    "如尝试2次依然报错，请提交工单。",
])
def test_dates_ordinals_ages_and_counts_are_not_durations(text):
    assert find(text) == []


def test_chinese_numbers():
    assert [chinese_number(x) for x in ("三十", "十八", "两", "半", "二十五", "百", "48")] == [
        30, 18, 2, 0.5, 25, 100, 48]


def test_hours_for_sorting():
    assert one("等待48小时。").hours == 48
    assert one("需要3 - 7个工作日同步。").hours == 7 * 24
    assert one("耐心等待30分钟。").hours == 0.5


@pytest.mark.parametrize("text, kind", [
    ("请您耐心等待48小时。", WAIT),
    ("请您在域名实名认证通过后满3个自然日再进行备案。", WAIT),
    ("腾讯云预计会在1个工作日左右反馈初审结果。", WAIT),
    ("请在24小时内完成核验。", DEADLINE),
    ("您需在30日内登录平台提交资料。", DEADLINE),
    ("域名注册成功后5天内必须实名认证。", DEADLINE),
    ("建议您多尝试几次提交，每次间隔半小时。", OTHER),
    ("许可证有效期三年。", TERM),
    ("请确认实际购买时长不少于 3 个月。", TERM),
    # a renewal, a registration term, a price period: no one waits through them
    ("转入成功后将为域名续费一年，年限最长为10年。", TERM),
    ("域名注册年限为1-10年。", TERM),
    ("续费一年年费为55元。", TERM),
    ("域名转入后，需要等待5-7天完成转移。", WAIT),
    ("管局审核一般为1 - 5个工作日，最长不超过20个工作日。", WAIT),
])
def test_kinds(text, kind):
    assert {d.kind for d in find(text)} == {kind}


def test_headline_states_the_wait_in_plain_words():
    assert headline(one("请您耐心等待48小时。")) == "需要等待：48小时"
    assert headline(one("请在24小时内完成核验。")) == "须在此时限内完成：24小时"


def test_sentence_is_the_one_the_duration_came_from():
    found = one("第一句没有时长。请您耐心等待48小时。第三句。")
    assert found.sentence == "请您耐心等待48小时。"


def test_markdown_is_read_as_text():
    found = one(">!请您在域名实名认证通过后并且**满3个自然日**再进行备案。")
    assert found.phrase == "满3个自然日"


FIXTURE = Path(__file__).parent / "fixtures" / "corpus_durations.tsv"


@pytest.mark.corpus
def test_corpus_durations_match_the_hand_written_table(corpus):
    from helpcenter.dialect.parse import parse
    from helpcenter.dialect.source import read_sources
    from helpcenter.model import Question

    expected = [tuple(line.split("\t")) for line in FIXTURE.read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")][1:]
    files, _ = read_sources(corpus)
    found = []
    for src in files:
        parsed, _ = parse(src.rel, src.text)
        for entry in parsed.entries:
            text = entry.answer if isinstance(entry, Question) else entry.body
            found += [(src.rel, d.phrase, d.kind) for d in find(text)]
    assert sorted(found) == sorted(expected)


def test_a_term_is_found_but_makes_no_notice():
    """域名转入收费吗: 续费一年 is what the transfer costs, not a wait; its page says nothing
    about waiting (and no '一年年' from 一年年费)."""
    from helpcenter.pages.issue_page import _wait_admonitions

    found = find("域名转入需要支付转入费用，转入成功后将为域名续费一年，年限最长为10年，续费一年年费为55元。")
    assert [(d.text, d.kind) for d in found] == [("一年", TERM), ("10年", TERM), ("一年", TERM)]
    assert _wait_admonitions(found) == ""
