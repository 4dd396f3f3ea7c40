"""Hostile input that used to slip through a seam between parsing, rendering and search
(issue: one way to render a page): each case fails on the earlier code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import build_site, load_kb, parse_page, rendered_answers
from helpcenter import reply
from helpcenter.dialect import sanitize
from helpcenter.dialect.source import strip_controls
from helpcenter.enrich import durations
from helpcenter.enrich.taxonomy import load as load_taxonomy
from helpcenter.index import build as search_index
from helpcenter.index import files as search_files
from helpcenter.index import vocabulary as search_vocabulary
from helpcenter.pages import category_pages, index_pages, issue_page
from helpcenter.pages.render import Renderer
from helpcenter.pages.texts import Texts
from helpcenter.settings import IMAGE_HOSTS
from helpcenter.text import plain_text


def kb_of(tmp_path: Path, text: str):
    source = tmp_path / "faq"
    source.mkdir(exist_ok=True)
    (source / "测试.md").write_text(text, encoding="utf-8")
    kb, _ = load_kb(source, tmp_path / "ids.tsv")
    return kb


def test_a_wait_stated_twice_is_listed_once(tmp_path):
    kb = kb_of(tmp_path, "### 要等多久？\n请等待3个工作日。满3个工作日后再提交，一般3个工作日内完成同步。\n")
    issue = kb.issues[0]
    assert [(d.text, d.kind) for d in issue.waits] == [("3个工作日", durations.WAIT)]
    rows = [line for line in index_pages.waits_page(kb, Texts()).splitlines() if line.startswith("| 3个工作日")]
    assert len(rows) == 1


@pytest.mark.parametrize("notice", ["\n>?DNS 修改后生效时间是48小时。", "\n报错提示：“暂无可用资源”"],
                         ids=["wait", "error"])
def test_an_answer_that_starts_indented_stays_out_of_the_page_notices(tmp_path, notice):
    """The page puts its notices (waiting period, 报错提示) above the answer as indented
    blocks; an answer whose first line an editor indented used to join the last of them and
    vanish from the answer (the build stopped: 页面缺少答案内容)."""
    kb = kb_of(tmp_path, f"### 域名实名认证怎么办？\n    请联系您的域名注册商。{notice}\n")
    issue = kb.issues[0]
    assert issue.waits or issue.errors
    assert "请联系您的域名注册商" in rendered_answers(kb)[issue.id]


def test_one_label_for_several_waits_of_a_kind():
    found = durations.find("请在域名实名认证通过后并且满3个自然日（非3个工作日）再提交备案。")
    assert durations.headline(*durations.distinct(found)) == "需要等待：3个自然日；3个工作日"


@pytest.mark.parametrize("page", [index_pages.errors_page, index_pages.waits_page])
def test_a_pipe_never_breaks_an_index_table(tmp_path, page):
    import markdown

    kb = kb_of(tmp_path, "### 提示“A|B 不匹配”怎么办？\n请等待 2 小时再试，若仍提示“A|B 不匹配”请重试 | 或提交工单。\n")
    text = page(kb, Texts()).split("---\n\n", 1)[1]
    html = markdown.markdown(text, extensions=["tables", "md_in_html"])
    header = html.count("<th>")
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)[1:]
    assert rows and all(row.count("<td>") == header for row in rows)
    assert '<a href="q/1.md">提示“A|B 不匹配”怎么办？</a>' in html  # the link survives, no raw [


def test_control_characters_are_removed_with_a_warning():
    text, found = strip_controls("### 标题\x7f里有控制字符？\n答案。\n", "a.md")
    assert text == "### 标题里有控制字符？\n答案。\n"
    assert [str(d) for d in found] == ["a.md:1: 这一行有不可见的控制字符（如 U+007F），已删除；请在编辑器里删掉它们。"]


def test_a_title_with_a_control_character_keeps_its_page(tmp_path):
    source = tmp_path / "faq"
    source.mkdir()
    (source / "测试.md").write_text("### 标题\x7f里有控制字符？\n答案。\n", encoding="utf-8")
    result = build_site(tmp_path / "site", source=source, ids=tmp_path / "ids.tsv")
    assert "测试.md:1: 这一行有不可见的控制字符" in result.stderr
    page = tmp_path / "site" / "q" / "1" / "index.html"
    assert parse_page(page)[0] == "标题里有控制字符？"
    assert '<meta name="kb-id" content="1">' in page.read_text(encoding="utf-8")
    assert build_site(tmp_path / "strict", source=source, ids=tmp_path / "ids.tsv", strict=True).returncode != 0


def test_removed_script_and_style_bodies_reach_no_excerpt_or_json_ld(tmp_path):
    answer = "请重试。<script>stealCookies()</script><style>body{display:none}</style>仍失败请提交工单。"
    assert plain_text(answer) == "请重试。 仍失败请提交工单。"
    kb = kb_of(tmp_path, f"### 脚本？\n{answer}\n")
    answers = rendered_answers(kb)
    assert answers == {"1": "请重试。仍失败请提交工单。"}
    index = search_index.build(kb, search_vocabulary.Vocabulary({}, []), answers)
    records = [text for name, text in index.items() if name.startswith("d/")]
    assert records and not any("stealCookies" in text for text in records)
    terms = [t for name, data in index.items() if name.startswith(("t/", "a/"))
             for t in search_files.decode_postings(data)]
    assert "重试" in terms and not any("steal" in t or "display" in t for t in terms)
    meta = issue_page.answer_meta(kb.issues[0], answers["1"])
    assert not any("stealCookies" in value or "display" in value for value in meta.values())


def test_the_fallback_tag_is_listed_on_the_tag_page(tmp_path):
    kb = kb_of(tmp_path, "### 完全无关的问题？\n答案。\n")
    assert kb.issues[0].tags == ("其他问题",)
    assert "| [其他问题](#tag:" in index_pages.tags_page(kb, Texts())


@pytest.mark.parametrize("template, message", [
    ("{title} {answer}", "未知的占位符 {answer}"),
    ("{title", "花括号不成对"),
])
def test_a_bad_reply_template_is_one_clear_message(template, message):
    with pytest.raises(ValueError, match=message):
        reply.check(template)
    assert reply.check("您好：{title} {fix} {{url}} {url}")


def test_a_typo_in_the_synonyms_is_a_message_with_file_and_line(tmp_path):
    path = tmp_path / "synonyms.yml"
    path.write_text("synonyms:\n  人脸: [刷脸, 扫脸\n  备案: [登记]\n", encoding="utf-8")
    with pytest.raises(search_vocabulary.VocabularyError, match=r"synonyms\.yml:3: 同义词表不是合法的 YAML"):
        search_vocabulary.load_vocabulary(path)


@pytest.mark.parametrize("load, name, error", [
    (search_vocabulary.load_vocabulary, "synonyms.yml", search_vocabulary.VocabularyError),
    (load_taxonomy, "tags.yml", ValueError),
])
def test_a_key_written_twice_is_a_message_naming_both_lines(tmp_path, load, name, error):
    # YAML keeps the last of two equal keys without a word: an editor who adds 丢失: again
    # further down would silently lose the first list
    path = tmp_path / name
    path.write_text("synonyms:\n  丢失: [弄丢]\n  备案: [登记]\n  丢失: [扔了]\n", encoding="utf-8")
    with pytest.raises(error, match=rf"{re.escape(name)}:4: .*“丢失”写了两次（第 2 行和第 4 行）"):
        load(path)


@pytest.mark.parametrize("text, message", [
    ("elsewhere: 发票\n", r"elsewhere: 应为列表"),
    ("ignore: 怎么办\n", r"ignore: 应为列表"),
    ("elsewhere: [发票, 票]\n", r"elsewhere: 每个词至少两个字：票"),
    ("synonyms:\n  收费: [多少钱]\nelsewhere: [发票, 多少钱]\n",
     r"elsewhere: 这些词也写在 synonyms 里，只能留一处：多少钱"),
    ("synonyms: [人脸, 刷脸]\n", r"同义词表应为 synonyms:"),
    ("synonyms:\n  人脸: 刷脸\n", r"synonyms: 人脸: 应为列表"),
    ("synonyms:\n  人脸: [刷脸, ~]\n", r"synonyms: 人脸: 列表里有空的或嵌套的项"),
    ("lookalikes: [未末, 己]\n", r"lookalikes: 每组至少两个字.*：己$"),
    ("ignore: [怎么]\nsynonyms:\n  如何进行: [怎么弄, 咋弄]\n",
     r"synonyms: 这些别名含有 ignore 里的词.*：怎么弄（怎么）$"),
])
def test_a_word_list_of_the_wrong_shape_is_a_message_with_file_and_key(tmp_path, text, message):
    path = tmp_path / "synonyms.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(search_vocabulary.VocabularyError, match=r"synonyms\.yml: " + message):
        search_vocabulary.load_vocabulary(path)


def test_a_files_own_table_of_contents_does_not_list_its_questions_twice(tmp_path):
    kb = kb_of(tmp_path, "- [第一个问题？](#q1)\n- [第二个问题？](#q2)\n\n<span id=\"q1\"></span>\n"
                         "### 第一个问题？\n答一。\n\n<span id=\"q2\"></span>\n### 第二个问题？\n答二。\n")
    page = category_pages.category_page(kb, kb.categories[0], Renderer(IMAGE_HOSTS)).page
    assert page.count("第一个问题") == 1 and page.count("第二个问题") == 1


def test_home_names_categories_by_their_whole_path_and_says_when_one_has_no_questions(tmp_path):
    source = tmp_path / "faq"
    (source / "小程序类").mkdir(parents=True)
    (source / "小程序类.md").write_text("### 顶层的问题？\n答。\n", encoding="utf-8")
    (source / "小程序类" / "操作.md").write_text("### 目录里的问题？\n答。\n", encoding="utf-8")
    (source / "说明.md").write_text("## 背景\n只有说明文字。\n", encoding="utf-8")
    kb, _ = load_kb(source, tmp_path / "ids.tsv")
    home = index_pages.home_page(kb, Texts(), "https://example.com/ticket", nav_limit=60)
    assert "[小程序类/操作]" in home and "[小程序类]" in home
    assert "0 个问题" not in home and "[说明](c/shuo-ming.md)（说明）" in home


def test_image_hosts_come_from_the_settings_and_screenshots_on_tencents_storage_load():
    img = '<img src="https://bot1024-1253841380.file.myqcloud.com/a.jpg" alt="截图">'
    assert "myqcloud.com/a.jpg" in sanitize.clean(img)  # the corpus's four screenshots
    assert "src=" not in sanitize.clean(img, ("qcloudimg.com",))
    assert "src=" not in sanitize.clean('<img src="https://tracker.example/p.gif">')
    assert "img.example" in sanitize.clean('<img src="https://cdn.img.example/p.png">', ("img.example",))


def test_what_is_said_about_an_answer_comes_from_its_rendering(tmp_path):
    """Description, JSON-LD, 复制回复 and search read the answer as the page shows it:
    no table pipes, fence marks or emphasis stars from the Markdown source."""
    kb = kb_of(tmp_path, "### 需要哪些材料？\n**请准备**以下材料：\n\n| 材料 | 说明 |\n| --- | --- |\n"
                         "| 身份证 | 正反面 |\n\n```text\n示例代码\n```\n")
    answers = rendered_answers(kb)
    assert answers["1"] == "请准备以下材料：\n材料\n说明\n身份证\n正反面\n示例代码"
    meta = issue_page.answer_meta(kb.issues[0], answers["1"])
    for value in meta.values():
        assert not any(mark in value for mark in ("|", "---", "```", "**")), value
    assert meta["kb_fix"] == "请准备以下材料： 材料 说明 身份证 正反面 示例代码"


def test_faq_html_cannot_bring_page_chrome(tmp_path):
    """Buttons, inputs and labels are the page's own (templates), never the FAQ's."""
    cleaned = sanitize.clean('<button onclick="x()">点我</button><input type="text"><label for="a">标签</label>')
    assert cleaned == "点我标签"


def test_the_home_page_suggests_this_faqs_own_prompts(tmp_path):
    kb = kb_of(tmp_path, "### 提示“证件已过期”怎么办？\n请更换证件。\n")
    home = index_pages.home_page(kb, Texts(), "https://example.com/ticket", nav_limit=60)
    meta = json.loads(home.removeprefix("---\n").partition("\n---\n")[0])
    assert meta["kb_examples"] == ["证件已过期"]
