"""Rules the site needs in Python and in the browser, defined once and checked in both on
the same cases: how text is folded, the key of a query (what readers taught, what the
report groups) and which queries a lesson is, what a posting is worth, how a reply template is filled, the words that
say how sure search is, and the worker protocol the reply desk shares. The browser side
is the site's own shipped files (tests/test_search_contract.py loads them)."""

from __future__ import annotations

import re

import pytest
from test_search_contract import load_worker

from conftest import ROOT
from helpcenter import reply
from helpcenter.index import files
from helpcenter.index.build import impact
from helpcenter.index.key import fold, ignored_phrases, query_key, teaches

pytestmark = pytest.mark.browser
ASSETS = ROOT / "src" / "helpcenter" / "assets"
IGNORE = ignored_phrases(["怎么办", "您好", "你好", "谢谢", "请问", "请问一下"])
TRADITIONAL = {"備": "备", "號": "号", "帳": "账", "碼": "码"}
KEYS = [  # text, its key: written by hand
    ("您好，批下来要多久？谢谢", "批下来要多久"),
    ("批下来要多久", "批下来要多久"),
    ("ＩＣＰ 備案號 怎么办", "icp备案号"),
    ("你好", "你好"),  # only what search ignores: the words themselves
    ("谢谢！！", "谢谢"),
    ("   ", ""),
    ("帳號被封了，請問怎么辦", "账号被封了請問怎么辦"),  # 請, 辦 are not in this site's map
    ("请问一下 备案密码忘了", "备案密码忘了"),  # the longer phrase first
    ("Hello_World-2024", "helloworld2024"),
    ("①② Ⅻ", "12xii"),
]


@pytest.fixture(scope="module")
def worker(browser, seed_site, serve):
    context = browser.new_context()
    page = context.new_page()
    page.goto(serve(seed_site))
    load_worker(page, seed_site)
    page.evaluate("p => { manifest.ignore = p[0]; manifest.traditional = p[1]; }", [IGNORE, TRADITIONAL])
    yield page
    context.close()


@pytest.mark.parametrize("text, key", KEYS)
def test_the_key_of_a_query(worker, text, key):
    assert query_key(text, IGNORE, TRADITIONAL) == key
    assert worker.evaluate("t => queryKey(t)", text) == key


FILLER = ignored_phrases(["急", "麻烦了", "在线等"])
LESSONS = [  # the query, the lesson (both as readers typed them), whether the lesson is the query's: by hand
    ("批下来要多久", "批下来要多久？", True),
    ("您好，批下来要多久啊，急", "批下来要多久", True),  # chat filler and particles around it
    ("批下来要多久吧？麻烦了！在线等", "批下来要多久", True),
    ("ＰＩ下来要多久", "pi下来要多久", True),
    ("注销备案要多久", "备案要多久", False),  # another question sharing its words
    ("备案要多久，报警", "备案要多久", False),  # a word the site does not know is still a word
    ("急", "批下来要多久", False),
    ("批下来", "批下来要多久", False),
]


@pytest.mark.parametrize("query, lesson, fires", LESSONS)
def test_which_query_a_lesson_is(worker, query, lesson, fires):
    key, taught = query_key(query, IGNORE, TRADITIONAL), query_key(lesson, IGNORE, TRADITIONAL)
    assert teaches(key, taught, FILLER) is fires
    assert worker.evaluate("([k, t, f]) => { manifest.chatFiller = f; return teaches(k, t); }",
                           [key, taught, FILLER]) is fires


def test_folding(worker):
    texts = ["ＧＰＳ 定位", "備案號", "ÀÉÎ", "①", "ﬁle", "İstanbul", "ΣΑΣ"]
    assert worker.evaluate("ts => ts.map(normalise)", texts) == [fold(t, TRADITIONAL) for t in texts]


def test_what_a_posting_is_worth(worker):
    weights = [files.weight(flags, score, pairs) for flags in range(16) for score in (0, 1, 7, 22, 31)
               for pairs in (0, 9) if score == 0 or flags & files.BODY]
    assert worker.evaluate("ws => ws.map(postingValue)", weights) == [impact(w) for w in weights]


TEMPLATES = [  # template, filled with 标题 / 第一句。 / https://x/q/1/: written by hand
    ("{title}\n{url}", "标题\nhttps://x/q/1/"),
    ("您好，关于“{title}”：{fix}\n详细步骤请看：{url}", "您好，关于“标题”：第一句。\n详细步骤请看：https://x/q/1/"),
    ("{{不是占位符}} {title}", "{不是占位符} 标题"),
    ("{url}{url}", "https://x/q/1/https://x/q/1/"),
]


@pytest.mark.parametrize("template, filled", TEMPLATES)
def test_a_reply_template_is_filled_as_it_is_checked(worker, template, filled):
    assert reply.check(template) == template
    item = {"title": "标题", "fix": "第一句。", "url": "https://x/q/1/"}
    assert worker.evaluate("a => kbReply.fill(a[0], a[1])", [template, item]) == filled


def test_the_verdicts_words_are_the_search_partials(worker):
    said = worker.evaluate("""() => [kbVerdict.sentence({state: "nothing", topic: "SSL"}),
                                     kbVerdict.sentence({state: "nothing"}), kbVerdict.sentence({state: "weak"}),
                                     kbVerdict.sentence({state: "confident"})]""")
    assert said == ["没有找到关于“SSL”的问题，下面的结果可能不相关。", "没有找到完全符合的问题，下面的结果可能不相关。",
                    "可能相关的问题（不一定完全符合你的描述）：", ""]
    for script in ("kb.js", "kb-reply.js"):  # the words live in the partial only
        assert "下面的结果可能不相关" not in (ASSETS / script).read_text(encoding="utf-8")


def test_the_desk_and_the_worker_share_one_protocol():
    assert re.search(r"KB_PROTOCOL = \{ SETUP: 0, READY: 1, QUERY: 2, RESULT: 3 \}",
                     (ASSETS / "search" / "protocol.js").read_text(encoding="utf-8"))
    for path in [ASSETS / "kb-reply.js", *(ASSETS / "search").glob("*.js")]:
        if path.name != "protocol.js":
            assert not re.search(r"\b(SETUP|READY|QUERY|RESULT)\s*=\s*\d", path.read_text(encoding="utf-8")), path
