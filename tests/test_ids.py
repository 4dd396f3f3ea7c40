"""The permanent-ID registry: stable across reorder, move, rewording; never reused."""

from kb.ids import MATCH_THRESHOLD, Question, answer_key, assign, dump, load, title_key
from kb.text import similarity


def q(title, answer, file="faq.md"):
    return Question(file, title_key(title), answer_key(answer))


BASE = [
    q("小程序备案提示账号完成实名认证不足48小时怎么办？",
      "腾讯云需要将您的实名认证信息同步至备案系统，请您耐心等待48小时。"),
    q("小程序备案提示工商信息不匹配怎么办？", "证件注册或更新后需3 - 7个工作日同步信息，然后才可进行备案。"),
    q("小程序提示未能检测到完整人脸？", "建议您重新上传清晰的实拍原件证件。"),
]


def test_first_build_numbers_in_order():
    ids, rows, changes = assign(BASE, [])
    assert ids == [1, 2, 3]
    assert len(changes) == 3 and all("new" in c for c in changes)


def test_reorder_keeps_ids():
    _, rows, _ = assign(BASE, [])
    ids, _, changes = assign(list(reversed(BASE)), rows)
    assert ids == [3, 2, 1] and changes == []


def test_move_to_another_file_keeps_id():
    _, rows, _ = assign(BASE, [])
    moved = [BASE[0], BASE[1], Question("other.md", BASE[2].title, BASE[2].answer)]
    ids, _, changes = assign(moved, rows)
    assert ids == [1, 2, 3] and changes == ["#3 moved: faq.md -> other.md"]


def test_reworded_title_keeps_id():
    _, rows, _ = assign(BASE, [])
    reworded = [q("实名认证刚完成不到48小时，小程序备案提示怎么办？",
                  "腾讯云需要将您的实名认证信息同步至备案系统，请您耐心等待48小时。"),
                BASE[1], BASE[2]]
    ids, _, changes = assign(reworded, rows)
    assert ids == [1, 2, 3]
    assert changes[0].startswith("#1 reworded")


def test_different_questions_of_one_file_are_not_matched():
    """The threshold's other side: unrelated questions sharing product words."""
    a, b = BASE[0], BASE[1]
    score = (similarity(a.title, b.title) + similarity(a.answer, b.answer)) / 2
    assert score < MATCH_THRESHOLD
    _, rows, _ = assign([a], [])
    ids, rows, changes = assign([b], rows)
    assert ids == [2]
    assert "#1 retired" in " ".join(changes)


def test_deleted_id_is_retired_and_never_reused():
    _, rows, _ = assign(BASE, [])
    ids, rows, _ = assign(BASE[:2], rows)
    assert {r.id: r.status for r in rows} == {1: "active", 2: "active", 3: "retired"}
    ids, rows, _ = assign(BASE[:2] + [q("全新的问题？", "全新的答案。")], rows)
    assert ids == [1, 2, 4]


def test_returning_question_gets_its_old_id_back():
    _, rows, _ = assign(BASE, [])
    _, rows, _ = assign(BASE[:2], rows)
    ids, _, changes = assign(BASE, rows)
    assert ids == [1, 2, 3] and changes == ["#3 restored: " + BASE[2].title]


def test_duplicate_titles_get_two_ids_and_keep_them():
    dup = [q("重复的问题？", "答案一。", "a.md"), q("重复的问题？", "答案一。", "b.md")]
    ids, rows, _ = assign(dup, [])
    again, _, changes = assign(list(reversed(dup)), rows)
    assert ids == [1, 2] and again == [2, 1] and changes == []


def test_registry_round_trip(tmp_path):
    _, rows, _ = assign(BASE + [q("带\t制表符的标题？", "答案")], [])
    path = tmp_path / "ids.tsv"
    path.write_text(dump(rows), encoding="utf-8")
    loaded = load(path)
    assert [r.id for r in loaded] == [1, 2, 3, 4]
    assert loaded[3].title == "带 制表符的标题？"
    assert dump(loaded) == path.read_text(encoding="utf-8")
    ids, _, changes = assign(BASE + [q("带\t制表符的标题？", "答案")], loaded)
    assert ids == [1, 2, 3, 4] and changes == []
