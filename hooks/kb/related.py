"""相关问题: for each issue, the few others that share its tags and words.

Candidates come from an inverted index of question bigrams (rare ones only), so the
work grows with the site, not with its square.
"""

from __future__ import annotations

from collections import defaultdict

from .model import Issue
from .text import bigrams

# A term shared by more questions than this says little about relatedness, and
# skipping it keeps the work per question bounded (linear build time).
MAX_SHARED = 40


def related(issues: list[Issue], count: int = 5) -> dict[str, list[Issue]]:
    """Issue id -> up to `count` related issues, best first, never itself."""
    grams = [bigrams(i.title) | {f"#{t}" for t in i.tags} for i in issues]
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
            weight = (0.5 if term.startswith("#") else 1.0) / len(docs) ** 0.5
            for other in docs:
                if other != n and issues[other].title != issue.title:
                    scores[other] += weight
        best = sorted(scores, key=lambda o: (-scores[o], o))[:count]
        out[issue.id] = [issues[o] for o in best]
    return out
