"""The search index builder (what the browser worker reads)."""

import json
from pathlib import Path

from kb import search_index as si
from kb.model import Category, Issue, KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent


def kb_of(*issues):
    category = Category("faq.md", "FAQ", "faq", (), list(issues))
    return KnowledgeBase([category])


def issue(n, title, answer, tags=("小程序报错",), errors=()):
    return Issue(title=title, answer=answer, file="faq.md", line=n, category="faq.md", id=str(n),
                 tags=list(tags), errors=list(errors))


def test_bigrams_do_not_cross_particles_or_punctuation():
    assert si.bigrams("上传的证件，不一致") == ["上传", "证件", "不一", "一致"]
    assert si.ascii_words(si.normalise("iOS 系统ＧＰＳ 48小时")) == ["ios", "gps", "48"]


def test_domain_words_become_whole_terms():
    kb = kb_of(issue(1, "提示调用活体引擎接口出错？", "请更换手机。", errors=["调用活体引擎接口出错"]))
    segmenter = si.Segmenter.for_words(si.domain_words(kb, []))
    assert "调用活体引擎接口出错" in si.terms("调用活体引擎接口出错", segmenter)


def build(*issues):
    vocabulary = si.Vocabulary({"人脸": ["刷脸"], "单击": ["点"]}, ["怎么办"])
    files = si.build(kb_of(*issues), vocabulary)
    return {name: json.loads(text) for name, text in files.items()}


def test_index_files_and_manifest():
    files = build(issue(1, "人脸检测失败？", "请更新微信。"), issue(2, "實名認證？", "等待48小时。"))
    manifest = files["manifest.json"]
    assert manifest["docs"] == 2 and manifest["shards"] == 1
    assert manifest["synonyms"] == [["刷脸", ["人脸"]], ["点", ["单击"]]]
    assert manifest["ignore"] == ["怎么办"]
    assert files["d/0.json"][0][:2] == ["q/1/", "人脸检测失败？"]
    assert set(files) == {"manifest.json", "t/0.json", "d/0.json"}


def test_posting_weights_carry_fields_and_title_length():
    files = build(issue(1, "人脸检测失败？", "人脸要清晰，人脸要完整。"), issue(2, "别的问题？", "提到人脸一次。"))
    postings = files["t/0.json"]["人脸"]  # [doc delta, weight, …]
    doc1, doc2 = postings[1], postings[3]
    assert doc1 & si.TITLE and doc1 & si.BODY and doc1 >> 9 == 5  # 人脸 脸检 检测 测失 失败
    assert not doc2 & si.TITLE and doc2 & si.BODY
    assert (doc1 >> 4) & 31 > (doc2 >> 4) & 31  # said more often in doc 1
    assert "小程序报错" in files["t/0.json"]  # a tag is one term
    assert "程序" not in files["t/0.json"] or all(
        not w & si.TAG for w in files["t/0.json"]["程序"][1::2])


def test_traditional_map_only_for_characters_the_site_uses():
    mapping = si.traditional_map({"认", "证"})
    assert mapping["認"] == "认" and mapping["證"] == "证"
    assert "檢" not in mapping


def test_vocabulary_file_loads():
    vocabulary = si.load_vocabulary(ROOT / "data" / "synonyms.yml")
    assert "刷脸" in vocabulary.synonyms["人脸"] and "怎么办" in vocabulary.ignore


def test_shards_grow_with_the_index():
    issues = [issue(n, f"问题{n}号关于{chr(0x4e00 + n * 7)}{chr(0x4e00 + n * 13)}？",
                    "".join(chr(0x4e00 + (n * 31 + k * 17) % 20000) for k in range(200)))
              for n in range(1, 120)]
    files = build(*issues)
    shards = files["manifest.json"]["shards"]
    assert shards > 1 and len([f for f in files if f.startswith("t/")]) == shards
    for n in range(shards):
        assert all(ord(term[0]) % shards == n for term in files[f"t/{n}.json"])
    assert len([f for f in files if f.startswith("d/")]) == 2  # 119 docs, 64 a chunk
