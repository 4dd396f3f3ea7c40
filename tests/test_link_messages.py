"""link_messages.translate: MkDocs' English words about a generated page's links, as an
editor reads them (Chinese, the FAQ file and line)."""

import pytest

from helpcenter.renderers.link_messages import translate

SOURCES = {"q/12.md": ("产品/常见问题.md", 34), "c/chan-pin.md": ("产品/常见问题.md", 1)}


@pytest.mark.parametrize("message, expected", [
    ("Doc file 'q/12.md' contains an unrecognized relative link './9557#.E5', it was left as is.",
     "产品/常见问题.md:34: 链接“./9557#.E5”在帮助中心找不到目标"),
    ("Doc file 'c/chan-pin.md' contains a link 'other.md', but the target 'c/other.md' is not found among "
     "documentation files.", "产品/常见问题.md:1: 链接“other.md”指向的文件不在 FAQ 里"),
    ("Doc file 'q/12.md' contains an absolute link '/product/1', it was left as is.",
     "产品/常见问题.md:34: 链接“/product/1”以 / 开头"),
    ("Doc file 'q/12.md' contains a link '#bfwt16', but there is no such anchor on this page.",
     "产品/常见问题.md:34: 链接“#bfwt16”指向的锚点不存在"),
    ("Doc file 'q/12.md' contains a link 'q/3.md#x', but the doc 'q/3.md' does not contain an anchor '#x'.",
     "产品/常见问题.md:34: 链接“q/3.md#x”指向的锚点不存在"),
    ("Doc file 'q/12.md' contains something new.", "产品/常见问题.md:34: 链接有问题（MkDocs：something new.）"),
])
def test_a_message_about_a_generated_page_names_the_faq(message, expected):
    assert translate(message, SOURCES.get).startswith(expected)


def test_other_messages_are_left_to_mkdocs():
    assert translate("Doc file 'index.md' contains an absolute link '/x', it was left as is.", SOURCES.get) is None
    assert translate("Building documentation...", SOURCES.get) is None
