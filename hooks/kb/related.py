"""相关问题: for each issue, the few others that share its tags and words.

Candidates come from an inverted index of question bigrams (rare ones only), so the
work grows with the site, not with its square.
"""

from __future__ import annotations

from collections import defaultdict

from .model import Issue
from .text import bigrams

COMMON = 0.05  # bigrams in more than this share of questions say little about relatedness


def related(issues: list[Issue], count: int = 5) -> dict[str, list[Issue]]:
    """Issue id -> up to `count` related issues, best first, never itself."""
    grams = [bigrams(i.title) | {f"#{t}" for t in i.tags} for i in issues]
    postings: dict[str, list[int]] = defaultdict(list)
    for n, terms in enumerate(grams):
        for term in terms:
            postings[term].append(n)
    limit = max(20, int(len(issues) * COMMON))
    out = {}
    for n, issue in enumerate(issues):
        scores: dict[int, float] = defaultdict(float)
        for term in grams[n]:
            docs = postings[term]
            if len(docs) > limit and not term.startswith("#"):
                continue
            weight = (0.5 if term.startswith("#") else 1.0) / len(docs) ** 0.5
            for other in docs:
                if other != n and issues[other].title != issue.title:
                    scores[other] += weight
        best = sorted(scores, key=lambda o: (-scores[o], o))[:count]
        out[issue.id] = [issues[o] for o in best]
    return out
