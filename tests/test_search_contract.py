"""One search contract: the Python indexer and the browser worker cut the same text
into the same terms, put them in the same files, read the same bytes and unpack a
posting's weight by the same layout (search_files.LAYOUT, shipped in the manifest).
The worker's own files, as the seed site ships them, run in Chromium against its manifest."""

import json
import re

import pytest

from helpcenter.index import files as sf
from helpcenter.index import terms as st

pytestmark = pytest.mark.browser

TEXTS = [
    "小程序备案提示“异常账号备案”如何处理？",
    "上传的证件，不一致吗",  # particles end bigrams
    "iOS 系统ＧＰＳ定位 48小时 ICP备案号",  # full-width and ASCII
    "进行视频核验时，一直黑屏或录制按钮无法单击",
    "你好呀我想问一下啊嘛",
    "㐀㐁 豈更 abc123def",  # CJK extension A and compatibility ideographs
]


def load_worker(page, site) -> dict:
    """The worker's parts as the site ships them (the names its entry file imports), as
    scripts of a page of the site (its index URL resolves the same way); set up with the
    site's manifest, which is returned."""
    [entry] = (site / "assets" / "search").glob("worker.*.js")
    for name in re.findall(r'"([^"]+\.js)"', entry.read_text(encoding="utf-8")):
        page.add_script_tag(url=f"assets/search/{name}")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    page.evaluate("index => setup(index)", index)
    return index["config"]["kb"]


@pytest.fixture(scope="module")
def worker_page(browser, seed_site, serve):
    context = browser.new_context()
    page = context.new_page()
    page.goto(serve(seed_site))
    yield page, load_worker(page, seed_site)
    context.close()


def test_terms_are_cut_the_same_way(worker_page):
    page, manifest = worker_page
    for text in TEXTS:
        got = page.evaluate("t => { const q = queryTerms(normalise(t)); return [q.bigrams, q.ascii]; }", text)
        folded = "".join(manifest["traditional"].get(ch, ch) for ch in st.normalise(text))
        assert got == [st.cjk_pairs(folded), st.ascii_words(folded)], text


def test_terms_go_to_the_same_files(worker_page):
    page, manifest = worker_page
    terms = [t for text in TEXTS for t in st.terms(text, None)] + ["a", "icp", "⏱", "48", "检"]
    words = [t for t in terms if st.is_ascii_word(t)]
    assert page.evaluate("ts => ts.filter(t => ASCII_WORD.test(t))", terms) == words and "⏱" not in words
    got = page.evaluate("ts => ts.map(asciiPath)", words)
    assert got == [f"a/{sf.shard_of(sf.key_of(t), manifest['shards'])}.bin" for t in words]


def test_files_decode_the_same_way(worker_page, seed_site):
    page, manifest = worker_page
    kb = seed_site / "search" / "kb"
    paths = [f"t/{n}.bin" for n in range(manifest["postings"])] + [f"a/{n}.bin" for n in range(manifest["shards"])]
    for path in paths:
        python = sf.decode_postings((kb / path).read_bytes())
        browser = page.evaluate(
            "async p => [...(await termFile(p)).entries()].map(([t, e]) => [t, e.df, e.postings, e.word])", path)
        assert {t: (df, [tuple(p) for p in postings], word) for t, df, postings, word in browser} == python
    # the seed is a small site: the worker reads its dictionary from every t/ file
    assert manifest["dictionary"] is None
    dictionary = page.evaluate("async () => [...(await siteDictionary()).entries()].map(([t, e]) => [t, e.df, e.file])")
    expected = {term: (entry[0], n) for n in range(manifest["postings"])
                for term, entry in sf.decode_postings((kb / "t" / f"{n}.bin").read_bytes()).items()}
    assert {t: (df, file) for t, df, file in dictionary} == expected and "⏱" in expected
    records = page.evaluate("async () => recordFile(1)")
    assert records == json.loads((kb / "d" / "1.json").read_text(encoding="utf-8"))


def test_a_postings_weight_unpacks_by_the_shipped_layout(worker_page):
    page, manifest = worker_page
    assert manifest["contract"]["layout"] == sf.LAYOUT
    weights = [sf.weight(flags, score, pairs) for flags in (1, 8, 15) for score in (0, 1, 22, 31)
               for pairs in (0, 5, 63)]
    got = page.evaluate("ws => ws.map(w => [flagsOf(w), scoreOf(w), pairsOf(w)])", weights)
    assert got == [[w & 15, sf.score_of(w), sf.pairs_of(w)] for w in weights]
    assert {tuple(g) for g in got} == {(f, s, p) for f in (1, 8, 15) for s in (0, 1, 22, 31) for p in (0, 5, 63)}


def test_a_lone_character_is_not_a_share_of_a_question(worker_page):
    """Precision is the share of a question's pairs the query hit. A lone character's
    posting (换 of 换了) carries no question length; it used to count as the whole
    question (a share of 1), so any title holding 换 outranked the question asked."""
    page, manifest = worker_page
    title, docs = manifest["contract"]["layout"]["flags"]["title"], manifest["docs"]
    lone, question = page.evaluate("""([title, docs]) => {
        const entries = new Map([
          ["换", { df: 3, postings: [[1, title]] }],                // a lone character: flags only
          ["黑屏", { df: 1, postings: [[2, title | (6 << 9)]] }],   // a pair of a six-pair question
        ]);
        const lookup = t => entries.get(t);
        const q = { bigrams: ["黑屏"], words: [], ascii: [], singles: ["换"] };
        const out = scoreVariant(q, { lookup, termsOf: () => entries }, new Set());
        return [out.get(1), out.get(2)];
    }""", [title, docs])
    assert lone[1] == 0 and question[1] == pytest.approx(1 / 6)
    assert question[0] > lone[0]


def test_what_the_best_result_holds_of_a_querys_specificity(worker_page):
    """specificityHeld: the idf of the query's terms a document holds, in units of the rarest
    term, and as a share of them all, a term the site lacks counting as the rarest."""
    page, _ = worker_page
    rare, share, answered = page.evaluate("""() => {
        const entries = new Map([
          ["申请", { df: manifest.docs, postings: [[1, 1]] }],  // in every document: idf near 0
          ["证书", { df: 1, postings: [[1, 1]] }],              // one document: rare
        ]);
        const lookup = t => entries.get(t);
        const q = { bigrams: ["证书", "申请"], words: [], ascii: ["ssl"], singles: [] };
        const top = idf(0);
        const { rare, share } = specificityHeld(q, 1, lookup, new Set());
        const expected = (idf(1) + idf(manifest.docs)) / top;
        return [[rare, expected], [share, (idf(1) + idf(manifest.docs)) / (idf(1) + idf(manifest.docs) + top)],
                Object.values(specificityHeld(q, 1, lookup, new Set(["ssl"])))];
    }""")
    assert rare[0] == pytest.approx(rare[1]) and 0 < share[0] < 1 and share[0] == pytest.approx(share[1])
    # a term answered otherwise (a how-long word) counts neither way
    assert answered == [pytest.approx(rare[1]), pytest.approx(1.0)]


def test_a_missing_pair_is_as_specific_as_its_rarer_character(worker_page):
    """销要 (注销要几天) joins two words the site knows; 驾照 holds a character it lacks."""
    page, _ = worker_page
    junk, unknown, ascii_word, common, rare = page.evaluate("""() => {
        const entries = new Map([["销", { df: 12, postings: [] }], ["要", { df: manifest.docs, postings: [] }]]);
        const lookup = t => entries.get(t);
        return [unknownWeight("销要", lookup), unknownWeight("驾照", lookup), unknownWeight("ssl", lookup),
                idf(manifest.docs), idf(12)];
    }""")
    top = page.evaluate("() => idf(0)")
    assert junk == pytest.approx(rare) and common < junk < top
    assert unknown == pytest.approx(top) and ascii_word == pytest.approx(top)
