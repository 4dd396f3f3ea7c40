"""Dialect Markdown -> Python-Markdown: notices, lists, headings, escaping."""

import re

import markdown

from helpcenter.dialect.convert import escape_inline, normalise_lists, notices_to_admonitions, to_markdown

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables"]


def html(text: str) -> str:
    return markdown.markdown(to_markdown(text), extensions=EXTENSIONS)


def test_warning_notice():
    out = html("答案。\n>!请先完成实名认证。\n\n后文。")
    assert '<div class="admonition warning">' in out
    assert '<p class="admonition-title">注意</p>' in out
    assert "<p>请先完成实名认证。</p>" in out


def test_note_notice_with_space_before_the_mark():
    out = html("> ?目前部分域名注销备案后无法再次申请备案。")
    assert '<div class="admonition note">' in out and "说明" in out
    assert "目前部分域名注销备案后无法再次申请备案。" in out


def test_notice_takes_lazy_continuation_lines_like_commonmark():
    out = html(">!第一行。\n第二行。\n\n正文。")
    admonition = out[out.index('<div class="admonition warning">'): out.index("</div>")]
    assert "第二行。" in admonition and "正文" not in admonition


def test_multi_line_notice_with_list():
    out = html(">?\n> 1. 第一条。\n> 2. 第二条。\n\n正文。")
    assert '<div class="admonition note">' in out
    assert "<ol>" in out and "<li>第二条。</li>" in out
    assert out.index("</div>") < out.index("正文。")


def test_bare_notice_mark_takes_the_text_below():
    out = html(">!\n - 若中途异常退出，请重新进入。\n - 无需重复提交。\n\n之后的段落。")
    admonition = out[out.index('<div class="admonition warning">'): out.index("</div>")]
    assert "<li>若中途异常退出，请重新进入。</li>" in admonition
    assert "<li>无需重复提交。</li>" in admonition
    assert "之后的段落" not in admonition


def test_empty_quote_line_ends_the_notice():
    lines = notices_to_admonitions([">!满3个自然日再备案。", ">", "这段是正文。"])
    assert lines[-1] == "这段是正文。"
    assert '    满3个自然日再备案。' in lines


def test_notice_inside_a_list_item_is_indented_with_it():
    out = html("- 申请人证件。\n >?\n>- 身份证。\n- 下一项。")
    item = out[out.index("<li>"): out.index("</li>")]
    assert "admonition note" in item and "身份证。" in item
    assert "下一项。" not in item and "下一项。" in out[out.index("</li>"):]  # the next item, not the notice


def test_indented_notice_is_an_admonition_wherever_it_stands():
    top = html(" >!\n 请先完成实名认证。\n\n正文说明。")
    assert top.startswith('<div class="admonition warning">') and "<pre" not in top
    after = html("说明文字。\n >?\n 补充说明。")
    assert '<div class="admonition note">' in after and "<pre" not in after
    listed = html("1. 第一步\n >! 注意事项。\n2. 第二步")
    first = listed[listed.index("<li>"): listed.index("</li>")]
    assert "注意事项。" in first and "第二步" not in first and "<pre" not in listed


def test_list_right_after_a_paragraph():
    out = html("可以参考以下方案：\n- 方案一。\n- 方案二。")
    assert "<ul>" in out and "<li>方案一。</li>" in out


def test_one_space_nesting():
    lines = normalise_lists(["- 父项", " - 子项", " - 子项二", "- 父项二"])
    assert lines == ["- 父项", "    - 子项", "    - 子项二", "- 父项二"]
    out = html("- 父项\n - 子项\n- 父项二")
    assert out.count("<ul>") == 2


def test_numbered_steps_keep_their_screenshots():
    out = html("1. 打开小程序。\n![](https://example.com/a.png)\n2. 上传材料。\n"
               "![](https://example.com/b.png)")
    assert out.count("<li>") == 2 and out.count("<img") == 2
    assert "<ol>" in out


def test_headings_move_up_under_the_question():
    out = to_markdown("#### 步骤？\n正文\n##### 细节", heading_shift=2)
    assert out.splitlines()[0] == "## 步骤？"
    assert "### 细节" in out


def test_links_keep_working_including_unicode_hosts():
    out = html("您可在 [公示页面](http://域名.信息/#) 查看。")
    assert '<a href="http://域名.信息/#">公示页面</a>' in out


def test_escape_inline_shows_markup_literally():
    title = "为什么 <b>加粗</b> 和 *星号* [链接](x) 不生效？"
    out = markdown.markdown("# " + escape_inline(title))
    assert "<b>" not in out and "<em>" not in out and "<a " not in out
    assert "&lt;b&gt;加粗&lt;/b&gt;" in out and "*星号*" in out


def test_summary_stands_alone_and_never_cuts_a_word_or_an_address():
    from helpcenter.text import summary

    assert summary("服务器过期了能否备案？", "不能。") == "问：服务器过期了能否备案？ 答：不能。 点开查看详细说明。"
    long = "请登录 https://beian.miit.gov.cn/#/Integrated/index 查询。" + "备案信息需要核实，" * 20
    text = summary("如何查询备案号？", long)
    assert "http" not in text and "miit" not in text and len(text) <= 121 and text.endswith("…")
    text = summary("如何设置？", "ICP DNSPod " * 40)  # no punctuation to cut at
    assert re.search(r"(ICP|DNSPod)…$", text), text
