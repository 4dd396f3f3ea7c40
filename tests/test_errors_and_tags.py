"""Error-text extraction and symptom tags."""

from pathlib import Path

import pytest

from helpcenter.enrich import taxonomy as tags
from helpcenter.enrich.errors import extract

TAXONOMY = Path(__file__).resolve().parent.parent / "data" / "tags.yml"


@pytest.mark.parametrize("title, expected", [
    ("小程序备案提示 “异常账号备案” 如何处理？", ["异常账号备案"]),
    ("小程序提示调用活体引擎接口出错？", ["调用活体引擎接口出错"]),
    ("小程序提示未能检测到完整人脸？", ["未能检测到完整人脸"]),
    ("小程序备案提示账号完成实名认证不足48小时怎么办？", ["账号完成实名认证不足48小时"]),
    ("一直提示与所填信息不一致如何处理？", ["与所填信息不一致"]),
    ("填写手机号码信息时，提示不支持该手机号段，怎么办？", ["不支持该手机号段"]),
    ("小程序界面提示“应急联系方式为必填”时如何处理？", ["应急联系方式为必填"]),
    ("因“网站未备案通过前已开通”被驳回如何解决？", ["网站未备案通过前已开通"]),
    ("备案状态里面的“无变化”“已更新”分别代表什么意思？", []),
    ("小程序备案报错通用处理办法？", []),
    ("进行视频核验时，有哪些需要注意的事项？", []),
])
def test_error_texts_from_questions(title, expected):
    assert extract(title) == expected


def test_error_text_quoted_in_the_answer():
    assert extract("小程序备案提示工商信息不匹配怎么办？", "备案过程中出现 “工商信息不匹配” 的原因如下") == [
        "工商信息不匹配"]
    assert extract("为什么审核慢？", "如果页面提示“暂无可用资源”，请稍后再试。") == ["暂无可用资源"]


@pytest.fixture(scope="module")
def taxonomy():
    return tags.load(TAXONOMY)


@pytest.mark.parametrize("title, answer, expected", [
    ("小程序提示调用活体引擎接口出错？", "建议您更换手机再进行人脸检测核验。", {"人脸检测", "小程序报错"}),
    ("进行视频核验时，一直黑屏或录制按钮无法单击，应该如何处理？", "",
     {"视频核验", "摄像头与麦克风", "按钮无反应"}),
    ("小程序备案过程中视频核验提示 “定位服务未开启” 如何解决？", "", {"视频核验", "定位权限"}),
])
def test_tags_from_the_taxonomy(taxonomy, title, answer, expected):
    assert set(tags.assign(taxonomy, title, answer)) == expected


def test_every_issue_gets_a_tag_and_at_most_four(taxonomy):
    assert tags.assign(taxonomy, "完全无关的句子？", "") == [taxonomy.fallback]
    long = "实名 域名 证件 驳回 视频核验 人脸 定位 黑屏 无反应？"
    assert len(tags.assign(taxonomy, long, "")) == taxonomy.max_per_issue


def test_editors_change_tags_in_the_data_file_only(tmp_path):
    path = tmp_path / "tags.yml"
    path.write_text("fallback: 其他\ntags:\n  - name: 退款\n    description: 钱\n"
                    "    question: [退款, '/退.?钱/']\noverrides:\n  '7': {add: [加急], remove: [退款]}\n",
                    encoding="utf-8")
    taxonomy = tags.load(path)
    assert tags.assign(taxonomy, "怎么退钱？", "") == ["退款"]
    assert tags.assign(taxonomy, "怎么退款？", "", issue_id="7") == ["加急"]


def test_broken_taxonomy_names_file_and_line(tmp_path):
    path = tmp_path / "tags.yml"
    path.write_text("tags:\n  - name: [unclosed\n", encoding="utf-8")
    with pytest.raises(tags.TaxonomyError, match=r"tags\.yml:\d+: 标签表不是合法的 YAML"):
        tags.load(path)


@pytest.mark.parametrize("text, message", [
    # a bare string would be read a character at a time and tag every question with 号 in it
    ("tags:\n  - name: 账号风险\n    question: 异常账号\n", r"账号风险: question: 应为列表"),
    ("tags:\n  - name: 退款\n    question: [退款]\n  - name: 退款\n    answer: [退钱]\n", r"标签名重复：退款$"),
    ("overrides:\n  '7': {add: 加急}\n", r"overrides: 7: add: 应为列表"),
])
def test_a_taxonomy_of_the_wrong_shape_is_a_message_naming_the_tag(tmp_path, text, message):
    path = tmp_path / "tags.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(tags.TaxonomyError, match=r"tags\.yml: " + message):
        tags.load(path)
