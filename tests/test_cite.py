"""cite.mark: the answer's words for a duration are marked where they stand, once."""

import pytest

from helpcenter.pages.cite import mark

NOTICES = frozenset({"kb-wait"})
NOTICE = '<div class="admonition kb-wait"><p class="admonition-title">需要等待：48小时</p></div>'


@pytest.mark.parametrize("page, phrases, expected", [
    pytest.param(NOTICE + "<p>请耐心等待48小时。</p>", ["48小时"],
                 NOTICE + '<p>请耐心等待<strong class="kb-cite">48小时</strong>。</p>', id="not-in-the-notice"),
    pytest.param("<p>满3个自然日后，再等3个自然日</p>", ["满3个自然日", "3个自然日"],
                 '<p><strong class="kb-cite">满3个自然日</strong>后，'
                 '再等<strong class="kb-cite">3个自然日</strong></p>',
                 id="each-phrase-once-in-one-text"),
    pytest.param("<p><code>48小时</code> 与 48小时</p>", ["48小时"],
                 '<p><code>48小时</code> 与 <strong class="kb-cite">48小时</strong></p>', id="not-in-code"),
    pytest.param("<p>等待<strong>48</strong>小时</p>", ["48小时"], "<p>等待<strong>48</strong>小时</p>",
                 id="split-by-markup-stays"),
    pytest.param("<p>a &lt;b&gt; 2天</p>", ["2天"], '<p>a &lt;b&gt; <strong class="kb-cite">2天</strong></p>',
                 id="text-stays-escaped"),
    pytest.param("<p>无</p>", [], "<p>无</p>", id="nothing-to-mark"),
])
def test_mark(page, phrases, expected):
    assert mark(page, phrases, NOTICES) == expected
