"""The learned file (data/learned/<source>.yml): what readers taught the search, as an
editor accepted it; every entry the build cannot use is a file:line message."""

from helpcenter.enrich.learned import load
from helpcenter.index.key import ignored_phrases, query_key

IGNORE = ["您好", "谢谢", "请问", "怎么办"]


def test_a_query_as_search_compares_it():
    ignore = ignored_phrases(IGNORE)
    assert query_key("您好，批下来要多久？谢谢", ignore, {}) == query_key("批下来要多久", ignore, {}) == "批下来要多久"
    assert query_key("ＩＣＰ 备案", ignored_phrases(IGNORE), {}) == "icp备案"


def test_a_missing_file_teaches_nothing_and_says_nothing(tmp_path):
    assert load(tmp_path / "none.yml", {"1"}, set()) == ([], [])


def test_entries_the_build_cannot_use_name_their_line(tmp_path):
    path = tmp_path / "content.yml"
    path.write_text("- query: 批下来要多久\n  id: 12\n- query: 旧问题\n  id: 3\n- query: 没有的\n  id: 99\n- id: 12\n",
                    encoding="utf-8")
    lessons, problems = load(path, {"12"}, {"3"})
    assert [(lesson.query, lesson.issue_id, lesson.line) for lesson in lessons] == [("批下来要多久", "12", 1)]
    assert [(p.line, p.message[:8]) for p in problems] == [
        (3, "问题 #3 已删"), (5, "没有编号为 99"), (7, "这一条缺少 qu")]
    assert all(p.file == str(path) and p.severity == "warning" for p in problems)


def test_bad_yaml_is_a_message_not_a_crash(tmp_path):
    path = tmp_path / "content.yml"
    path.write_text("- query: 批下来要多久\n  id: [12\n", encoding="utf-8")
    lessons, [problem] = load(path, {"12"}, set())
    assert lessons == [] and problem.line == 3 and "不是合法的 YAML" in problem.message
