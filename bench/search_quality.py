#!/usr/bin/env python3
"""Search quality in a real browser: type each query into the site's search box the
way a person does (Chinese committed by an input method, two characters at a time),
read the ranked results, and print recall@1/3/5, MRR, zero-result rate and latency.

  python bench/search_quality.py                       # seed site, bench/queries/seed.tsv
  python bench/search_quality.py --corpus              # ../shared/corpus/icp-faq, corpus.tsv
  python bench/search_quality.py --site DIR --queries FILE   # an already built site

Query files are TSV: query, expected ids (comma-separated permanent IDs, or "-" for a
query the site cannot answer), kind, and optionally the product whose pages the query is
typed on (its source folder, e.g. cdn-faq: the search box of that product's first
category page; --ids names the registry that says which issues are that product's).
The 没有找到 column is the share of queries whose result list says so (or shows nothing):
low on answerable sets, high on the others.
A result counts by its URL (q/<ID>/), so a title shared by two questions is no
ambiguity. Latency is measured from the last keystroke to the last change of the
result list. Needs Debian's chromium and the playwright package (no download).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Installed before any page script: count worker traffic, stamp list changes.
INIT_JS = r"""
(() => {
  const s = window.__kb = {sent: 0, got: 0, ready: false, lastMut: 0, lastKey: 0};
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(...a) { super(...a);
      this.addEventListener("message", e => { if (e.data.type === 1) s.ready = true;
                                              if (e.data.type === 3) s.got++; }); }
    postMessage(m, ...r) { if (m && m.type === 2) s.sent++; return super.postMessage(m, ...r); }
  };
  document.addEventListener("keyup", () => { s.lastKey = performance.now(); }, true);
  new BroadcastChannel("kb-search").onmessage = e => { s.verdict = e.data; };  // the worker's 没有找到 verdict
  s.observe = () => new MutationObserver(() => { s.lastMut = performance.now(); })
    .observe(document.querySelector(".md-search-result"), {childList: true, subtree: true});
  s.settled = (since, quiet) => s.ready && s.sent === s.got && s.lastMut > since
    && performance.now() - s.lastMut > quiet;
  s.results = () => [...document.querySelectorAll(".md-search-result__item a.md-search-result__link")]
    .map(a => a.href);
})();
"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    """A static server that gzips text the way a real host (nginx gzip on) would,
    so transfer sizes are the ones readers see."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in (".html", ".js", ".css", ".json", ".svg", ".xml")
                or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def load_queries(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip() or (n == 0 and line.startswith("query")):
            continue
        query, expected, kind, context = (line.split("\t") + ["", "-", ""])[:4]
        # "-": a query the site does not answer (it should say 没有找到)
        rows.append({"query": query, "expected": [e.strip() for e in expected.split(",") if e.strip() not in ("", "-")],
                     "kind": kind or "-", "context": context.strip()})
    return rows


def paste(page, cdp, text: str) -> None:
    """Text as one input-method commit: how a paste arrives, and each chunk of typing."""
    key = {"windowsVirtualKeyCode": 229, "nativeVirtualKeyCode": 229, "key": "Process", "code": ""}
    cdp.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", **key})
    cdp.send("Input.insertText", {"text": text})
    cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **key})


def new_page(browser, viewport: dict):
    """(context, page, CDP session) of a fresh context with the measuring script in it."""
    context = browser.new_context(viewport=viewport, locale="zh-CN", service_workers="block")
    context.add_init_script(INIT_JS)
    page = context.new_page()
    return context, page, context.new_cdp_session(page)


def type_like_a_person(page, cdp, text: str) -> None:
    """ASCII as key presses; Chinese in input-method commits of two characters."""
    buffer = ""

    def commit(chunk: str) -> None:
        paste(page, cdp, chunk)
        time.sleep(0.12)

    for ch in text:
        if ch.isascii():
            if buffer:
                commit(buffer)
                buffer = ""
            page.keyboard.type(ch)
            time.sleep(0.05)
        elif unicodedata.category(ch)[0] in "PSZ":
            if buffer:
                commit(buffer)
                buffer = ""
            commit(ch)
        else:
            buffer += ch
            if len(buffer) == 2:
                commit(buffer)
                buffer = ""
    if buffer:
        commit(buffer)


def product_page(site: Path, registry: Path, product: str) -> str:
    """The first category page (c/<slug>/) whose questions are all the product's: a page
    of that product on any build, whatever else it carries."""
    ids = {line.split("\t")[0] for line in registry.read_text(encoding="utf-8").splitlines()[1:]
           if line.split("\t")[2].startswith(product + "/")}
    for page in sorted((site / "c").glob("*/index.html")):
        linked = re.findall(r'href="\.\./\.\./q/(\d+)/"', page.read_text(encoding="utf-8"))
        if linked and all(n in ids for n in linked):
            return f"c/{page.parent.name}/"
    raise SystemExit(f"no category page of {product} in {site}")


def run(site: Path, queries: list[dict], pasted: bool = False, registry: Path | None = None) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            context, page, cdp = new_page(browser, {"width": 1280, "height": 900})
            opened = None
            for q in queries:
                if q.get("context", "") != opened:  # the page the query is typed on
                    opened = q.get("context", "")
                    page.goto(base + (product_page(site, registry, opened) if opened else ""))
                    page.locator("input.md-search__input").click()
                    page.wait_for_function("() => window.__kb.ready", timeout=15000)
                    page.evaluate("() => window.__kb.observe()")
                page.keyboard.press("Control+A")
                page.keyboard.press("Backspace")
                time.sleep(0.15)
                since = page.evaluate("() => performance.now()")
                (paste if pasted else type_like_a_person)(page, cdp, q["query"])
                typed = page.evaluate("() => window.__kb.lastKey")
                status = "ok"
                try:
                    page.wait_for_function("a => window.__kb.settled(a[0], a[1])", arg=[since, 300],
                                           timeout=5000, polling=10)
                except Exception:
                    status = "timeout"
                last = page.evaluate("() => window.__kb.lastMut")
                hrefs = page.evaluate("() => window.__kb.results()")
                meta = page.evaluate("() => document.querySelector('.md-search-result__meta').textContent")
                declined = not hrefs or "没有找到" in meta
                coverage = page.evaluate("() => window.__kb.verdict && window.__kb.verdict.coverage")
                ids = [m.group(1) if (m := re.search(r"/q/(\d+)/", h)) else "?" for h in hrefs]
                rank = next((i for i, x in enumerate(ids, 1) if x in q["expected"]), None)
                rows.append({**q, "ranked": ids[:10], "rank": rank, "status": status,
                             "declined": declined, "coverage": coverage,
                             "latency_ms": round(max(0.0, last - typed), 1) if status == "ok" else None})
                if not q["expected"]:
                    mark = "no " if declined else "ANS"
                else:
                    mark = "ok " if rank == 1 else ("~  " if rank else "MISS")
                print(f"{mark} {q['kind']:>10} rank={rank or '-':>2} {q['query']}  -> {' '.join(ids[:5])}"
                      f"  (want {','.join(q['expected'])})", flush=True)
            browser.close()
    finally:
        server.shutdown()
    return rows


def summarise(rows: list[dict]) -> dict:
    n = len(rows)
    lat = sorted(r["latency_ms"] for r in rows if r["latency_ms"] is not None)

    def recall(k):
        return sum(1 for r in rows if r["rank"] and r["rank"] <= k) / n

    return {
        "n": n, "recall@1": recall(1), "recall@3": recall(3), "recall@5": recall(5),
        "mrr": sum(1 / r["rank"] for r in rows if r["rank"] and r["rank"] <= 10) / n,
        "zero": sum(1 for r in rows if not r["ranked"]) / n,
        "declined": sum(1 for r in rows if r.get("declined")) / n,
        "p50": statistics.median(lat) if lat else None,
        "p95": lat[max(0, int(len(lat) * 0.95 + 0.5) - 1)] if lat else None,
    }


def report(rows: list[dict]) -> str:
    lines = ["| kind | n | R@1 | R@3 | R@5 | MRR | zero | 没有找到 | p50 ms | p95 ms |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    groups = [("overall", rows)] + [(k, [r for r in rows if r["kind"] == k])
                                    for k in sorted({r["kind"] for r in rows})]
    for name, group in groups:
        s = summarise(group)
        lines.append(f"| {name} | {s['n']} | {s['recall@1']:.2f} | {s['recall@3']:.2f} | "
                     f"{s['recall@5']:.2f} | {s['mrr']:.2f} | {s['zero']:.2f} | {s['declined']:.2f} | "
                     f"{s['p50'] or 0:.0f} | {s['p95'] or 0:.0f} |")
    return "\n".join(lines)


def build(source: Path | None, out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if source:
        env["KB_SOURCE"] = str(source)
        env["KB_IDS"] = str(out.parent / "ids.tsv")
        committed = ROOT / "data" / "ids" / f"{source.name}.tsv"
        if committed.exists():
            Path(env["KB_IDS"]).write_bytes(committed.read_bytes())
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=ROOT, env=env,
                   check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=Path, help="a built site (default: build one)")
    ap.add_argument("--corpus", action="store_true", help="the real corpus from ../shared")
    ap.add_argument("--queries", type=Path)
    ap.add_argument("--ids", type=Path, default=ROOT / "data" / "ids" / "corpus.tsv",
                    help="the registry that says which product an issue is (queries with a context)")
    ap.add_argument("--out", type=Path, help="write per-query results as JSON")
    ap.add_argument("--paste", action="store_true",
                    help="each query as one paste instead of typed (quicker; for tuning runs, not for reports)")
    ap.add_argument("--stock", action="store_true",
                    help="the same pages with stock Material + jieba search (the 'before')")
    args = ap.parse_args()
    source = ROOT.parent / "shared" / "corpus" / "icp-faq" if args.corpus else None
    queries = load_queries(args.queries or ROOT / "bench" / "queries" / ("corpus.tsv" if args.corpus
                                                                          else "seed.tsv"))
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            if args.stock:
                import scale

                work = Path(tmp)
                committed = ROOT / "data" / "ids" / f"{source.name if source else 'content'}.tsv"
                (work / "stock-ids.tsv").write_bytes(committed.read_bytes())
                config = scale.stock_project(source, work)
                subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                               cwd=config.parent, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
            else:
                build(source, site)
        rows = run(site, queries, pasted=args.paste, registry=args.ids)
    print()
    print(report(rows))
    if args.out:
        args.out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
