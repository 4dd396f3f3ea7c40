"""相关问题: for each issue, the few others that share its tags and words.

Candidates come from an inverted index of question bigrams (rare ones only), so the
work grows with the site, not with its square. A shared term weighs its idf: in a FAQ
where most questions start 小程序提示, sharing the symptom tag 人脸检测 says far more. A tag,
an editor's grouping, counts twice what a shared pair of characters does, and how a
question is asked (如何解决, 怎么办) is no shared word at all.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from helpcenter.model import Issue
from helpcenter.text import char_pairs

# A term shared by more questions than this says little about relatedness, and
# skipping it keeps the work per question bounded (linear build time).
MAX_SHARED = 40
SHOWN = 5  # 相关问题 on a page
_ASKING = re.compile(r"(?:应该|该)?(?:如何|怎么|怎样)(?:解决|处理|办)?|(?:是)?什么原因|(?:有)?哪些|(?:为)?什么|吗|呢")


def related(issues: list[Issue], count: int = 5) -> dict[str, list[Issue]]:
    """Issue id -> up to `count` related issues, best first, never itself."""
    grams = [char_pairs(_ASKING.sub("，", i.title)) | {f"#{t}" for t in i.tags} for i in issues]
    postings: dict[str, list[int]] = defaultdict(list)
    for n, terms in enumerate(grams):
        for term in terms:
            postings[term].append(n)
    out = {}
    for n, issue in enumerate(issues):
        scores: dict[int, float] = defaultdict(float)
        for term in sorted(grams[n]):  # a fixed order: float sums, hence ties, repeat
            docs = postings[term]
            if len(docs) > MAX_SHARED:
                continue
            weight = (2.0 if term.startswith("#") else 1.0) * math.log(len(issues) / len(docs))
            for other in docs:
                if other != n and issues[other].title != issue.title:
                    scores[other] += weight
        best: dict[str, Issue] = {}  # by title: a question asked in two files is listed once
        for other in sorted(scores, key=lambda o: (-scores[o], o)):
            best.setdefault(issues[other].title, issues[other])
            if len(best) == count:
                break
        out[issue.id] = list(best.values())
    return out
