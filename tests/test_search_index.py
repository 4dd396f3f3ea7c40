"""The search index builder (what the browser worker reads)."""

import gzip
import json
import random
from pathlib import Path

import pytest

from conftest import rendered_answers
from helpcenter.index import build as si
from helpcenter.index import files as sf
from helpcenter.index import terms as st
from helpcenter.index import vocabulary as sv
from helpcenter.model import Category, Issue, KnowledgeBase, Product

ROOT = Path(__file__).resolve().parent.parent


def kb_of(*issues):
    category = Category("faq.md", "FAQ", "faq", (), "", tuple(issues), 1)
    return KnowledgeBase("FAQ", (Product("", "FAQ", "faq"),), (category,))


def issue(n, title, answer, tags=("小程序报错",), errors=()):
    return Issue(title=title, answer=answer, file="faq.md", line=n, category="faq.md", product="", id=str(n),
                 tags=tuple(tags), errors=tuple(errors))


def test_cjk_pairs_do_not_cross_particles_or_punctuation():
    assert st.cjk_pairs("上传的证件，不一致") == ["上传", "证件", "不一", "一致"]
    assert st.ascii_words(st.normalise("iOS 系统ＧＰＳ 48小时 24h")) == ["ios", "gps", "48", "24", "h"]


def test_domain_words_become_whole_terms():
    kb = kb_of(issue(1, "提示调用活体引擎接口出错？", "请更换手机。", errors=["调用活体引擎接口出错"]))
    segmenter = st.Segmenter.for_words(st.domain_words(kb, []))
    assert "调用活体引擎接口出错" in st.terms("调用活体引擎接口出错", segmenter)


def build(*issues):
    vocabulary = sv.Vocabulary({"人脸": ["刷脸"], "单击": ["点"]}, ["怎么办"])
    kb = kb_of(*issues)
    return si.build(kb, vocabulary, rendered_answers(kb))


def terms_of(files) -> dict:
    """Every term of every postings file, checking a big site's dictionary names the file
    and df of each CJK term, and each ASCII word sits in the a/ file of its key."""
    manifest = json.loads(files["manifest.json"])
    found, where = {}, {}
    for n in range(manifest["postings"]):
        for term, entry in sf.decode_postings(files[f"t/{n}.bin"]).items():
            found[term], where[term] = entry, (entry[0], n)
    assert list(found) == sorted(found)  # term order across files
    if manifest["dictionary"] is not None:  # a big site's
        assert sf.decode_dictionary(manifest["dictionary"]) == where
    for n in range(manifest["shards"]):
        for term, entry in sf.decode_postings(files[f"a/{n}.bin"]).items():
            assert sf.shard_of(sf.key_of(term), manifest["shards"]) == n, term
            found[term] = entry
    return found


def test_index_files_and_manifest():
    files = build(issue(1, "人脸检测失败？", "请更新微信。"), issue(2, "實名認證？", "等待48小时。"))
    manifest = json.loads(files["manifest.json"])
    assert manifest["docs"] == 2 and manifest["postings"] == 1 and manifest["shards"] == 1
    assert manifest["synonyms"] == [["刷脸", ["人脸"]], ["点", ["单击"]]]
    assert manifest["ignore"] == ["怎么办"]
    assert manifest["contract"]["particles"] == st.PARTICLES
    assert manifest["traditional"]["檢"] == "检"  # for the characters the site uses
    first, second = json.loads(files[sf.record_path(0)])
    assert first[:2] == ["q/1/", "人脸检测失败？"] and second[:2] == ["q/2/", "實名認證？"]
    assert set(files) == {"manifest.json", "t/0.bin", "a/0.bin", "d/0.json"}


def test_posting_weights_carry_fields_and_title_length():
    found = terms_of(build(issue(1, "人脸检测失败？", "人脸要清晰，人脸要完整。"),
                           issue(2, "别的问题？", "提到人脸一次。")))
    df, postings, word = found["人脸"]
    (doc1, w1), (doc2, w2) = postings
    assert df == 2 and (doc1, doc2) == (0, 1)
    assert w1 & sf.TITLE and w1 & sf.BODY and sf.pairs_of(w1) == 5  # 人脸 脸检 检测 测失 失败
    assert not w2 & sf.TITLE and w2 & sf.BODY and sf.pairs_of(w2) == 0
    assert sf.score_of(w1) > sf.score_of(w2)  # said more often in doc 1
    assert "小程序报错" in found  # a tag is one term
    assert all(not w & sf.TAG for _, w in found.get("程序", (0, []))[1])
    # words carry how often jieba sees them: the browser cuts a query into words with it
    assert word >= 1 and found["脸检"].word == 0 and found["人"].word > found["人脸"].word


def test_single_characters_carry_the_fields_of_the_terms_they_start():
    found = terms_of(build(issue(1, "人脸检测失败？", "请更新。"), issue(2, "别的问题？", "提到人。")))
    assert found["检"][:2] == (1, [(0, sf.TITLE)])
    assert found["人"][1] == [(0, sf.TITLE)]  # 人 at the end of a run starts no term in doc 2


def test_a_frequent_term_ships_its_best_postings_and_its_whole_frequency():
    issues = [issue(n, f"其他问题{n}？", "这里提到备案。" * (1 + n % 3)) for n in range(1, sf.BLOCK + 40)]
    issues.append(issue(9999, "备案失败？", "备案。"))
    df, postings, _ = terms_of(build(*issues))["备案"]
    assert df == len(issues) and len(postings) == sf.BLOCK
    assert (len(issues) - 1, postings[-1][1]) == postings[-1] and postings[-1][1] & sf.TITLE  # kept: a title match
    kept = {doc for doc, _ in postings}
    dropped = [doc for doc in range(len(issues)) if doc not in kept]
    scores = {doc: sf.score_of(w) for doc, w in postings}
    assert all(scores[k] >= 1 for k in kept) and len(dropped) == 40


def test_traditional_map_only_for_characters_the_site_uses():
    mapping = st.traditional_map({"认", "证"})
    assert mapping["認"] == "认" and mapping["證"] == "证"
    assert "檢" not in mapping


def test_vocabulary_file_loads():
    vocabulary = sv.load_vocabulary(ROOT / "data" / "synonyms.yml")
    assert "刷脸" in vocabulary.synonyms["人脸"] and "怎么办" in vocabulary.ignore
    assert "什么" in vocabulary.question_words and "多久" in vocabulary.duration_cues
    assert "发票" in vocabulary.elsewhere


def test_question_words_ship_longest_first():
    """The worker blanks them in order: 什么时候 must go before 什么 takes its first half."""
    kb = kb_of(issue(1, "人脸检测失败？", "请更新微信。"))
    vocabulary = sv.Vocabulary({}, [], question_words=["什么", "什么时候", "多少"])
    manifest = json.loads(si.build(kb, vocabulary, rendered_answers(kb))["manifest.json"])
    assert manifest["questionWords"] == ["什么时候", "什么", "多少"]


def test_other_topics_ship_normalised():
    """The worker compares them with the normalised query: NFKC, lower case."""
    kb = kb_of(issue(1, "人脸检测失败？", "请更新微信。"))
    vocabulary = sv.Vocabulary({}, [], elsewhere=["SSL", "发票", "ＣＤＮ"])
    manifest = json.loads(si.build(kb, vocabulary, rendered_answers(kb))["manifest.json"])
    assert manifest["elsewhere"] == ["cdn", "ssl", "发票"]


def random_issues(count: int, length: int) -> list[Issue]:
    """Answers of random characters: almost every pair is the answer's own."""
    rng = random.Random(7)
    return [issue(n, f"问题{n}号关于{chr(0x4e00 + n * 7)}{chr(0x4e00 + n * 13)}？",
                  "".join(chr(0x4e00 + rng.randrange(20000)) for _ in range(length)))
            for n in range(1, count + 1)]


def test_a_small_sites_postings_come_in_one_round_trip():
    issues = random_issues(30, 150)
    files = build(*issues)
    manifest = json.loads(files["manifest.json"])
    assert 1 < manifest["postings"] <= sf.POSTING_FILES == manifest["contract"]["layout"]["postingFiles"]
    assert manifest["dictionary"] is None  # the worker reads it from the files: pages do not carry it
    assert len([f for f in files if f.startswith("t/")]) == manifest["postings"]
    expected = {b for i in issues for b in st.cjk_pairs(st.normalise(i.answer))}
    assert expected <= terms_of(files).keys()  # every bigram in the dictionary and in its file
    # records: eight to a file, in document order
    assert len([f for f in files if f.startswith("d/")]) == 4
    assert json.loads(files[sf.record_path(29)])[29 % sf.RECORDS][0] == "q/30/"


@pytest.mark.slow
def test_a_big_sites_postings_files_keep_their_size_and_a_characters_terms_together():
    issues = random_issues(400, 500)
    files = build(*issues)
    manifest = json.loads(files["manifest.json"])
    sizes = [len(gzip.decompress(files[f"t/{n}.bin"])) for n in range(manifest["postings"])]
    assert manifest["postings"] > sf.POSTING_FILES and max(sizes) < sf.FILE_BYTES * 1.1
    dictionary = sf.decode_dictionary(manifest["dictionary"])
    assert dictionary.keys() == {t for t in terms_of(files) if not st.is_ascii_word(t)}
    files_of: dict[str, set[int]] = {}
    for term, (_, n) in dictionary.items():  # 人 and 人脸 in one file: a short query needs few
        files_of.setdefault(term[0], set()).add(n)
    assert all(max(found) - min(found) <= 1 for found in files_of.values())
    assert list(dictionary) == sorted(dictionary)


def test_homophones_group_the_sites_characters_by_toneless_pinyin():
    assert st.homophones(set("实名明按案备频屏")) == {"an": "按案", "min": "名明", "pin": "屏频"}


def test_the_manifest_lists_jiebas_common_pairs_the_site_lacks():
    """找回来 is 找/回来 to jieba: the browser can cut it so only knowing 回来 is common."""
    pairs = st.common_pairs({"找回", "收到"}, set("找回来收到"))
    listed = {pair: int(frequency) for frequency, text in pairs.items() for pair in (text[i:i + 2] for i in
                                                                                range(0, len(text), 2))}
    assert listed["回来"] >= st.PAIR_FLOOR and "找回" not in listed and "收到" not in listed
    assert all(frequency >= st.PAIR_FLOOR and (pair[0] in "找回来收到" or pair[1] in "找回来收到")
               for pair, frequency in listed.items())
