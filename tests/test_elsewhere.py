"""`elsewhere:` cannot turn the FAQ's own topics away: a listed word the FAQ's questions or
answers use is a warning naming its line in data/synonyms.yml."""

from helpcenter.enrich.elsewhere import messages, own_topics, word_lines
from helpcenter.model import Issue

SYNONYMS = "synonyms:\n  幕布: [白布]\nelsewhere: [SSL, 发票,\n            CVM, HTTPS]\n"


def faq(*answers: str) -> list[Issue]:
    return [Issue(title=f"问题{n}？", answer=a, file="f.md", line=n, category="f.md", product="", id=str(n))
            for n, a in enumerate(answers, 1)]


def test_each_word_has_its_line(tmp_path):
    path = tmp_path / "synonyms.yml"
    path.write_text(SYNONYMS, encoding="utf-8")
    assert word_lines(path) == {"SSL": 3, "发票": 3, "CVM": 4, "HTTPS": 4}


def test_a_word_the_faq_uses_is_named_with_its_line(tmp_path):
    path = tmp_path / "synonyms.yml"
    path.write_text(SYNONYMS, encoding="utf-8")
    # an address is no topic
    issues = faq("在 cvm 控制台购买服务器。", "见 [文档](https://cloud.tencent.com/document/1)。")
    used = own_topics(issues, path)
    assert list(used) == ["CVM"]
    [problem] = messages(used, path, help_center=False)
    assert (problem.file, problem.line, problem.severity) == (str(path), 4, "warning")
    assert "“CVM”是本 FAQ 自己的话题（问题“问题1？”" in problem.message


def test_on_a_help_center_a_word_one_product_answers_is_news_not_a_warning(tmp_path):
    """The list serves every product of the site: COS on the ICP pages is another product's
    topic, COS itself answers it."""
    path = tmp_path / "synonyms.yml"
    path.write_text(SYNONYMS, encoding="utf-8")
    [problem] = messages(own_topics(faq("SSL 证书怎么部署？", "在 cvm 上。"), path), path, help_center=True)
    assert problem.severity == "info" and "2 个词（CVM、SSL…）" in problem.message
