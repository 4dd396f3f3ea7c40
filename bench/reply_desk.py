#!/usr/bin/env python3
"""The reply desk (/reply/) on customers' whole messages: paste each into the desk's first
text box, as a support agent does, and read the candidate checkboxes in the order the
desk shows them.

  python bench/reply_desk.py --corpus --queries bench/queries/desk-chat-holdout10.tsv
  python bench/reply_desk.py --site DIR --queries FILE [FILE …] [--kind chat]

A message that asks one thing counts when its expected issue is among the first 5
candidates, and separately when it is first. A message that asks several things lists
one group of acceptable IDs per question, separated by `|` (`42|222,323`): it counts
when every question has an answer among the first N candidates (N = its questions) and
among the first 5. Needs Debian's chromium and the playwright package (no download).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from search_quality import CHROMIUM_ARGS, ROOT, build, serve

CANDIDATES = """() => [...document.querySelectorAll('.kb-desk__list label')]
  .map(label => (label.querySelector('code').textContent.match(/q\\/([^/]+)\\//) || [])[1])"""


def load(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip() or (n == 0 and line.startswith("query")):
            continue
        query, expected, kind = (line.split("\t") + ["", "-"])[:3]
        groups = [[e.strip() for e in group.split(",") if e.strip()] for group in expected.split("|")]
        if all(groups):
            rows.append({"query": query, "groups": groups, "kind": kind or "-"})
    return rows


def placed(found: list[str], groups: list[list[str]]) -> list[int | None]:
    """The 1-based place of each question's first acceptable candidate (None: not listed)."""
    return [next((n + 1 for n, doc in enumerate(found) if doc in group), None) for group in groups]


def run(site: Path, queries: list[dict]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        page.goto(base + "reply/")
        for query in queries:
            page.locator("#kb-message").fill("")
            page.locator("#kb-message").fill(query["query"])
            try:
                page.wait_for_function("q => document.querySelector('[data-kb-reply-desk]').dataset.answered === q",
                                       arg=query["query"].strip(), timeout=10000)
                found = page.evaluate(CANDIDATES)
            except Exception:  # noqa: BLE001 - a message that never settles counts as found nothing
                found = []
            places = placed(found, query["groups"])
            rows.append({**query, "found": found, "places": places})
            ok = all(places) and max(places) <= len(places)
            print(f"{'ok' if ok else '~' if all(p and p <= 5 for p in places) else 'MISS':<4} "
                  f"{places} {query['query'][:50]} -> {' '.join(found[:6])} "
                  f"(want {'|'.join(','.join(g) for g in query['groups'])})", flush=True)
        browser.close()
    server.shutdown()
    return rows


def summary(rows: list[dict]) -> str:
    lines = []
    single = [r for r in rows if len(r["groups"]) == 1]
    if single:
        n = len(single)
        in5 = sum(1 for r in single if r["places"][0] and r["places"][0] <= 5)
        first = sum(1 for r in single if r["places"][0] == 1)
        lines.append(f"{n} one-question messages: expected among the first 5 candidates {in5 / n:.2f} ({in5}), "
                     f"first {first / n:.2f} ({first})")
    several = [r for r in rows if len(r["groups"]) > 1]
    if several:
        n = len(several)
        top = sum(1 for r in several if all(r["places"]) and max(r["places"]) <= len(r["groups"]))
        in5 = sum(1 for r in several if all(p and p <= 5 for p in r["places"]))
        lines.append(f"{n} messages asking several things: every answer within the first N (N = its questions) "
                     f"{top} of {n}, within the first 5 {in5} of {n}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=Path)
    ap.add_argument("--corpus", action="store_true", help="the real corpus from ../shared")
    ap.add_argument("--queries", type=Path, nargs="+", required=True)
    ap.add_argument("--kind", help="keep only messages of this kind (chat)")
    args = ap.parse_args()
    queries = [q for path in args.queries for q in load(path) if not args.kind or q["kind"] == args.kind]
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(ROOT.parent / "shared" / "corpus" / "icp-faq" if args.corpus else None, site)
        rows = run(site, queries)
    print("\n" + summary(rows))


if __name__ == "__main__":
    main()
