"""相关问题 and 最后更新, without MkDocs."""

import subprocess

from helpcenter.enrich.history import last_changed
from helpcenter.enrich.related import related
from helpcenter.model import Issue


def issue(n, title, tags):
    return Issue(title=title, answer="", file="f.md", line=n, category="f.md", product="", id=str(n),
                 tags=tuple(tags))


def test_related_prefers_shared_words_and_tags_and_never_itself():
    issues = [issue(1, "小程序提示未能检测到完整人脸？", ["人脸检测"]),
              issue(2, "小程序提示未能通过人脸检测如何解决？", ["人脸检测"]),
              issue(3, "小程序提示调用活体引擎接口出错？", ["人脸检测"]),
              issue(4, "幕布在哪里申请？", ["幕布与拍照"]),
              issue(5, "小程序提示未能检测到完整人脸？", ["人脸检测"])]  # a duplicate title
    found = {k: [i.id for i in v] for k, v in related(issues, count=3).items()}
    assert found["1"][0] == "2" and "1" not in found["1"] and "5" not in found["1"]
    assert [i.id for i in related(issues, count=3)["4"]] == []
    assert len([i for i in found["2"] if i in ("1", "5")]) == 1  # one title, listed once
    assert "4" not in found["1"]
    assert found["4"] == []


def test_a_shared_rare_tag_outweighs_the_words_most_questions_share():
    """未能通过人脸检测 is related to 调用活体引擎接口出错 (both 人脸检测), not to whatever
    else starts 小程序提示 and ends 如何解决."""
    issues = [issue(1, "小程序提示未能通过人脸检测如何解决？", ["人脸检测", "小程序报错"]),
              issue(2, "小程序提示调用活体引擎接口出错？", ["人脸检测", "小程序报错"]),
              issue(3, "小程序提示证件号码未能获取信息如何解决？", ["证件", "小程序报错"]),
              issue(4, "小程序提示主体证件号码已备案如何解决？", ["证件", "小程序报错"]),
              issue(5, "小程序备案时提示未开启权限如何解决？", ["权限", "小程序报错"]),
              issue(6, "小程序提示验证失败如何解决？", ["小程序报错"])]
    assert [i.id for i in related(issues, count=1)["1"]] == ["2"]


def test_last_changed_from_git(tmp_path):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                       env={"GIT_AUTHOR_DATE": "2024-03-05T10:00:00", "GIT_COMMITTER_DATE": "2024-03-05T10:00:00",
                            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
                            "GIT_COMMITTER_EMAIL": "t@x", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "a.md").write_text("### 问题？\n", encoding="utf-8")
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "first")
    assert last_changed(tmp_path / "faq") == {"a.md": "2024-03-05"}
    assert last_changed(tmp_path / "faq" / "a.md") == {"a.md": "2024-03-05"}


def test_last_changed_outside_git_is_empty(tmp_path):
    assert last_changed(tmp_path) == {}
