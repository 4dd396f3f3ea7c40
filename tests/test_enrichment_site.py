"""Tags, 报错提示 and waiting-period admonitions on the built seed site."""

import re

from conftest import issue_pages, page_by_title


def admonitions(path, kind):
    html = path.read_text(encoding="utf-8")
    return re.findall(rf'<div class="admonition {kind}">\s*<p class="admonition-title">(.*?)</p>', html)


def test_seed_waiting_periods(seed_site):
    cases = {
        "小程序备案提示账号完成实名认证不足48小时怎么办？": ["需要等待：48小时"],
        "小程序备案提示工商信息不匹配怎么办？": ["需要等待：3 - 7个工作日"],
        "域名实名认证已通过，但小程序备案时显示该域名没有进行实名认证，如何解决？":
            ["需要等待：3个自然日；3个工作日"],
    }
    for title, expected in cases.items():
        assert admonitions(page_by_title(seed_site, title), "kb-wait") == expected, title


def test_an_interval_is_no_notice(seed_site):
    """每次间隔半小时: no one waits or hurries for it; the answer says it, no notice repeats it."""
    path = page_by_title(seed_site, "小程序提示证件号码未能获取信息如何解决？")
    assert admonitions(path, "kb-wait") == admonitions(path, "kb-time") == []


def test_issues_without_durations_get_no_time_admonition(seed_site):
    with_time = {"小程序备案提示账号完成实名认证不足48小时怎么办？", "小程序备案提示工商信息不匹配怎么办？",
                 "域名实名认证已通过，但小程序备案时显示该域名没有进行实名认证，如何解决？"}
    for path, (h1, _) in issue_pages(seed_site).items():
        if h1 not in with_time:
            for kind in ("kb-wait", "kb-deadline", "kb-time"):
                assert admonitions(path, kind) == [], h1


def test_every_issue_page_shows_a_tag(seed_site):
    for path, (h1, _) in issue_pages(seed_site).items():
        html = path.read_text(encoding="utf-8")
        assert re.search(r'<a href="[^"]*tags/#tag:[^"]+" class="md-tag">', html), h1


def test_error_block_and_index(seed_site):
    path = page_by_title(seed_site, "小程序提示调用活体引擎接口出错？")
    assert admonitions(path, "kb-error") == ["报错提示"]
    assert "<code>调用活体引擎接口出错\n</code>" in path.read_text(encoding="utf-8")
    index = (seed_site / "errors" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<td>([^<]+)</td>\s*<td><a href="([^"]+)">', index)
    assert ("调用活体引擎接口出错", "../q/12/") in links
    for _, href in links:
        assert (seed_site / "errors" / href / "index.html").resolve().exists(), href


def test_waits_index_sorted_by_length(seed_site):
    index = (seed_site / "waits" / "index.html").read_text(encoding="utf-8")
    durations = re.findall(r"<tr>\s*<td>([^<]+)</td>\s*<td>(等待|时限)</td>", index)
    # each wait once per question, though the answers state two of them twice
    assert [d for d, _ in durations] == ["48小时", "3个自然日", "3个工作日", "3 - 7个工作日"]
    assert "半小时" not in [d for d, _ in durations]  # an interval, not a wait


def test_tag_index_lists_tags_with_their_issues(seed_site):
    index = (seed_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert 'id="tag:人脸检测"' in index
    section = index.split('id="tag:人脸检测"')[1].split("<h2")[0]
    hrefs = re.findall(r'<a href="([^"]+)"', section)
    titles = {issue_pages(seed_site)[(seed_site / "tags" / h / "index.html").resolve()][0]
              for h in hrefs if "q/" in h}
    assert titles == {"小程序提示未能检测到完整人脸？", "小程序提示调用活体引擎接口出错？",
                      "小程序提示未能通过人脸检测如何解决？"}
