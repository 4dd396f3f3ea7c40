"""The dialect parser, on small fixtures written for each feature."""

from helpcenter.dialect.parse import parse, title_text
from helpcenter.model import Question, Topic

FAQ = """\
本文件介绍小程序备案的常见问题。

## 账号问题

这一节是账号相关。

### 提示“账号异常”怎么办？
先检查实名认证。

#### 具体步骤？
1. 打开控制台。

##### 更细的一层
仍在答案里。

### 处理办法
这不是问题，是一个小节标题。

### 为什么要等待?  [](id:wait-why)
因为要同步数据。
<span id="next-one"></span>

### 有锚点的问题？
答案。

## 其他

### 没有空格的标题？\x20\x20
末尾有两个空格。
"""


def entries(text: str, rel: str = "faq.md"):
    category, problems = parse(rel, text)
    return category, problems


def test_questions_and_their_answers():
    category, problems = entries(FAQ)
    titles = [i.title for i in category.questions]
    assert titles == ["提示“账号异常”怎么办？", "为什么要等待?", "有锚点的问题？", "没有空格的标题？"]
    assert problems == []


def test_deeper_headings_stay_inside_the_answer():
    category, _ = entries(FAQ)
    first = category.questions[0]
    assert "#### 具体步骤？" in first.answer
    assert "##### 更细的一层" in first.answer
    assert "仍在答案里。" in first.answer
    assert "处理办法" not in first.answer


def test_non_question_heading_becomes_a_topic_in_place():
    category, _ = entries(FAQ)
    kinds = [(type(e).__name__, getattr(e, "heading", None) or getattr(e, "title", None))
             for e in category.entries]
    assert kinds == [
        ("Topic", None),  # text before the first heading
        ("Topic", "账号问题"),
        ("Question", "提示“账号异常”怎么办？"),
        ("Topic", "处理办法"),
        ("Question", "为什么要等待?"),
        ("Question", "有锚点的问题？"),
        ("Topic", "其他"),
        ("Question", "没有空格的标题？"),
    ]
    assert category.entries[0].body == "本文件介绍小程序备案的常见问题。"
    assert category.entries[1].body == "这一节是账号相关。"


def test_sections_name_the_issues_below_them():
    category, _ = entries(FAQ)
    assert [i.section for i in category.questions] == ["账号问题", "账号问题", "账号问题", "其他"]


def test_anchor_syntax_is_stripped_and_kept():
    assert title_text("北京用户可以备案什么域名？[](id:domainsuffix)") == (
        "北京用户可以备案什么域名？", ["domainsuffix"])
    assert title_text("普通标题？ ") == ("普通标题？", [])
    category, _ = entries(FAQ)
    assert category.questions[1].anchors == ("wait-why",)


def test_span_anchor_before_a_heading_moves_to_that_issue():
    category, _ = entries(FAQ)
    assert category.questions[2].anchors == ("next-one",)
    assert "span" not in category.questions[1].answer


def test_every_line_lands_somewhere():
    """Each non-blank source line is a heading of an entry or a line of its text."""
    category, _ = entries(FAQ)
    headings, body_lines = set(), set()
    for e in category.entries:
        headings.add(e.title if isinstance(e, Question) else e.heading)
        text = e.answer if isinstance(e, Question) else e.body
        body_lines.update(line.strip() for line in text.split("\n"))
    for line in FAQ.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("<span id="):
            continue
        heading = title_text(stripped.lstrip("#"))[0]
        assert stripped in body_lines or heading in headings, line


def test_fenced_code_is_not_a_heading():
    text = "### 问题？\n```\n### 不是标题？\n```\n答案。\n"
    category, _ = entries(text)
    assert [i.title for i in category.questions] == ["问题？"]
    assert "### 不是标题？" in category.questions[0].answer


def test_empty_heading_and_empty_answer_are_reported():
    category, problems = entries("### \n文字\n### 没有答案？\n\n### 有答案？\n是的。\n", "bad.md")
    messages = [str(p) for p in problems]
    assert any(m.startswith("bad.md:1: 标题为空") for m in messages)
    assert any(m.startswith("bad.md:3: 问题“没有答案？”没有答案") for m in messages)
    assert [i.title for i in category.questions] == ["没有答案？", "有答案？"]
    assert isinstance(category.entries[0], Topic) and category.entries[0].body == "文字"


def test_file_starting_with_a_deep_heading_keeps_it():
    category, _ = entries("#### 小标题\n说明文字\n### 问题？\n答案\n")
    assert category.entries[0].body == "#### 小标题\n说明文字"


def test_question_line_numbers():
    category, _ = entries(FAQ)
    lines = FAQ.splitlines()
    for issue in category.questions:
        assert issue.title in lines[issue.line - 1]
