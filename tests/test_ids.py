"""The permanent-ID registry: stable across reorder, move, rewording; never reused."""

import pytest

from helpcenter.enrich.ids import (
    MATCH_THRESHOLD,
    Question,
    RegistryError,
    answer_key,
    assign,
    dump,
    load,
    title_key,
    write,
)
from helpcenter.text import similarity


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


def test_same_short_answer_does_not_carry_an_unrelated_title():
    """The corpus case: 备案后能否更换服务器的系统？ / 可以。 replaced by another 可以。 question."""
    old = [q("备案后能否更换服务器的系统？", "可以。"), q("备案后需要多久生效？", "备案完成后即可生效，无需等待。")]
    _, rows, _ = assign(old, [])
    ids, rows, changes = assign([q("个人可以同时备案多个小程序吗？", "可以。"), old[1]], rows)
    assert ids == [3, 2]
    assert "#1 retired: 备案后能否更换服务器的系统？" in changes
    assert not any("reworded" in c for c in changes)


def test_titles_of_one_topic_need_more_than_shared_product_words():
    """Two questions of one file, the same long answer: a title only 0.41 alike is another question."""
    answer = "腾讯云需要将您的实名认证信息同步至备案系统，请您耐心等待48小时后再提交备案申请。"
    _, rows, _ = assign([q("小程序备案提示账号完成实名认证不足48小时怎么办？", answer)], [])
    ids, _, changes = assign([q("小程序备案提示工商信息不匹配怎么办？", answer)], rows)
    assert ids == [2] and "#1 retired" in " ".join(changes)


def test_reworded_title_over_a_short_answer_keeps_its_id_when_clearly_the_same():
    _, rows, _ = assign([q("小程序备案提示主体证件号码已备案怎么办？", "请核实后重试。")], [])
    ids, _, changes = assign([q("小程序备案时提示主体证件号码已备案怎么办？", "请核实后重试。")], rows)
    assert ids == [1] and changes[0].startswith("#1 reworded")


def _registry(tmp_path, text):
    path = tmp_path / "ids.tsv"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _rows(n):
    _, rows, _ = assign([q(f"问题{i}？", f"答案{i}。") for i in range(1, n + 1)], [])
    return dump(rows)


@pytest.mark.parametrize("damage, message", [
    (lambda t: "\n".join(line for n, line in enumerate(t.splitlines()) if n not in (3, 4, 5)) + "\n",
     "缺少编号 3、4、5 的行"),
    (lambda t: t[: t.index("\t问题6？")], "这一行不完整"),
    (lambda t: t.replace("\n7\t", "\n<<<<<<< HEAD\n7\t"), "合并冲突标记"),
    (lambda t: t + "5\tactive\tb.md\t另一个问题？\t\n", "编号 5 登记了两次"),
    (lambda t: "id\tstate\n" + t, "表头"),
])
def test_a_damaged_registry_is_refused_naming_the_file(tmp_path, damage, message):
    path = _registry(tmp_path, damage(_rows(8)))
    with pytest.raises(RegistryError) as error:
        load(path)
    assert str(path) in str(error.value) and message in str(error.value)
    assert "git" in str(error.value) or "mkdocs build" in str(error.value)  # says how to recover


def test_a_registry_cut_inside_a_character_is_refused(tmp_path):
    data = _rows(3).encode("utf-8")
    path = _registry(tmp_path, data[: data.index("问题3".encode()) + 4])  # mid-way through 题
    with pytest.raises(RegistryError, match=r"ids\.tsv:4: .*UTF-8"):
        load(path)


def test_duplicate_id_names_both_questions_and_files(tmp_path):
    text = _rows(2) + "2\tactive\tother.md\t分支上新增的问题？\t\n"
    with pytest.raises(RegistryError) as error:
        load(_registry(tmp_path, text))
    for part in ("问题2？", "faq.md", "分支上新增的问题？", "other.md", "/q/2/"):
        assert part in str(error.value)


def test_write_is_atomic_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = _registry(tmp_path, _rows(2))
    write(path, _rows(3))
    assert load(path)[-1].id == 3
    assert [p.name for p in tmp_path.iterdir()] == ["ids.tsv"]

    def crash(*_args):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", crash)
    with pytest.raises(OSError):
        write(path, _rows(4))
    assert load(path)[-1].id == 3  # the old registry, whole
    assert [p.name for p in tmp_path.iterdir()] == ["ids.tsv"]
