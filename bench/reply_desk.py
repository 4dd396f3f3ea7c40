#!/usr/bin/env python3
"""The reply desk (/reply/) on customers' whole messages: paste each into the desk's first
text box, as a support agent does, and count how often the expected issue is among the
first 5 checkboxes (the agent ticks from a short list) and first.

  python bench/reply_desk.py --corpus --queries bench/queries/messy-corpus-holdout.tsv [--kind chat]
  python bench/reply_desk.py --site DIR --queries FILE

Several query files may be given; --kind keeps one kind (chat: messages pasted from a
support chat). Needs Debian's chromium and the playwright package (no download).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from search_quality import CHROMIUM_ARGS, ROOT, build, load_queries, serve

FIRST_FIVE = """() => [...document.querySelectorAll('.kb-desk__list label')].slice(0, 5)
  .map(label => (label.querySelector('code').textContent.match(/q\\/([^/]+)\\//) || [])[1])"""


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
                found = page.evaluate(FIRST_FIVE)
            except Exception:  # noqa: BLE001 - a query that never settles counts as found nothing
                found = []
            rank = next((n + 1 for n, doc in enumerate(found) if doc in query["expected"]), None)
            rows.append({**query, "found": found, "rank": rank})
            print(f"{'ok' if rank == 1 else '~' if rank else 'MISS':<4} {rank or '-'} {query['query'][:50]}"
                  f" -> {' '.join(found)} (want {','.join(query['expected'])})", flush=True)
        browser.close()
    server.shutdown()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=Path)
    ap.add_argument("--corpus", action="store_true", help="the real corpus from ../shared")
    ap.add_argument("--queries", type=Path, nargs="+", required=True)
    ap.add_argument("--kind", help="keep only queries of this kind (chat)")
    args = ap.parse_args()
    queries = [q for path in args.queries for q in load_queries(path)
               if q["expected"] and (not args.kind or q["kind"] == args.kind)]
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(ROOT.parent / "shared" / "corpus" / "icp-faq" if args.corpus else None, site)
        rows = run(site, queries)
    n = len(rows)
    in5 = sum(1 for r in rows if r["rank"])
    first = sum(1 for r in rows if r["rank"] == 1)
    print(f"\n{n} messages: expected among the first 5 candidates {in5 / n:.2f} ({in5}), first {first / n:.2f}")


if __name__ == "__main__":
    main()
