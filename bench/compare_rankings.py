#!/usr/bin/env python3
"""Do two built sites rank the same? Pastes each query into both (real Chromium, as
bench/search_quality.py --paste does) and counts the queries whose top result, top five,
whole list and 没有找到 verdict agree.

  python bench/compare_rankings.py BEFORE_SITE AFTER_SITE --queries bench/queries/messy-corpus-*.tsv

For a change that should not move rankings (a new index layout): build the same FAQ with
the old and the new code and compare.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import search_quality  # noqa: E402


def agreement(before: list[dict], after: list[dict]) -> dict[str, int]:
    pairs = list(zip(before, after, strict=True))
    return {
        "queries": len(pairs),
        "top result": sum(a["ranked"][:1] == b["ranked"][:1] for a, b in pairs),
        "top five": sum(a["ranked"][:5] == b["ranked"][:5] for a, b in pairs),
        "whole list": sum(a["ranked"] == b["ranked"] for a, b in pairs),
        "verdict": sum(a["declined"] == b["declined"] for a, b in pairs),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--queries", type=Path, nargs="+", required=True)
    args = ap.parse_args()
    lines = []
    for path in args.queries:
        queries = search_quality.load_queries(path)
        runs = [search_quality.run(site, queries, pasted=True) for site in (args.before, args.after)]
        counts = agreement(*runs)
        lines.append(f"{path.name}: " + " | ".join(f"{name}: {value}" for name, value in counts.items()))
        for a, b in zip(*runs, strict=True):
            if a["ranked"] != b["ranked"] or a["declined"] != b["declined"]:
                lines.append(f"  differs: {a['query']}  {a['ranked'][:3]} -> {b['ranked'][:3]}"
                             f"{'' if a['declined'] == b['declined'] else ' (verdict)'}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
