"""相关问题 and 最后更新, without MkDocs."""

import subprocess

from kb.history import last_changed
from kb.model import Issue
from kb.related import related


def issue(n, title, tags):
    return Issue(title=title, answer="", file="f.md", line=n, category="f.md", id=str(n), tags=tags)


def test_related_prefers_shared_words_and_tags_and_never_itself():
    issues = [issue(1, "小程序提示未能检测到完整人脸？", ["人脸检测"]),
              issue(2, "小程序提示未能通过人脸检测如何解决？", ["人脸检测"]),
              issue(3, "小程序提示调用活体引擎接口出错？", ["人脸检测"]),
              issue(4, "幕布在哪里申请？", ["幕布与拍照"]),
              issue(5, "小程序提示未能检测到完整人脸？", ["人脸检测"])]  # a duplicate title
    found = {k: [i.id for i in v] for k, v in related(issues, count=3).items()}
    assert found["1"][0] == "2" and "1" not in found["1"] and "5" not in found["1"]
    assert "4" not in found["1"]
    assert found["4"] == []


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
