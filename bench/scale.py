#!/usr/bin/env python3
"""Scale benchmark: build time, site size and search cost from the seed to 10,000 issues.

  python bench/scale.py                      # seed, corpus, 1000, 3000, 10000
  python bench/scale.py --sizes 1000 --no-stock

For each source it reports wall and CPU time of `mkdocs build`, peak memory, the
time spent in the project's hooks (KB_TIMINGS) against MkDocs/Material, pages,
site size and search index size (raw and gzip); it builds the same pages with
stock Material + jieba (pages pre-split, same navigation, no hooks) and prints
the ratio; then it opens each site in headless Chromium, cold, and measures the
bytes transferred before the first search result, the time from the first
keystroke to it, and per-query latency p50/p95 over a fixed query list.
Writes bench/results/scale.md and bench/results/scale.png.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import generate  # noqa: E402
import search_quality  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "icp-faq"
RESULTS = ROOT / "bench" / "results"
QUERIES = ["备案", "异常账号备案", "实名认证", "域名", "视频核验黑屏", "人脸检测失败", "幕布", "驳回",
           "营业执照", "授权码", "定位服务未开启", "工商信息不匹配", "管局审核多久", "注销", "接入备案",
           "证件号码", "网站无法访问", "短信核验", "前置审批", "备案号"]


def build(source: Path | None, out: Path, work: Path, config: Path | None = None) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_IDS": str(work / "ids.tsv"),
           "KB_TIMINGS": str(work / "timings.json")}
    if source is not None:
        env["KB_SOURCE"] = str(source)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)]
    if config:
        cmd += ["-f", str(config)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=config.parent if config else ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    timings = work / "timings.json"
    hooks = sum(json.loads(timings.read_text()).values()) if timings.exists() and not config else 0.0
    if timings.exists():
        timings.unlink()
    return {"wall": wall, "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "peak_mb": after.ru_maxrss / 1024, "hooks": hooks}


def site_stats(site: Path) -> dict:
    pages = sum(1 for _ in site.rglob("index.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = [p for p in (site / "search").rglob("*.json")]
    raw = sum(p.stat().st_size for p in index)
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in index)
    return {"pages": pages, "site_mb": size / 2**20, "index_kb": raw / 1024, "index_gz_kb": gz / 1024}


def stock_project(source: Path | None, work: Path) -> Path:
    """The same pages, pre-split, for stock Material + jieba: no hooks, same nav."""
    from helpcenter.enrich import knowledge as kb_build
    from helpcenter.enrich import taxonomy as tags
    from helpcenter.pages import category_pages, index_pages
    from helpcenter.pages import site as pages

    project = work / "stock"
    docs = project / "docs"
    shutil.rmtree(project, ignore_errors=True)
    docs.mkdir(parents=True)
    kb, _ = kb_build.load(source or ROOT / "content", work / "stock-ids.tsv",
                          tags.load(ROOT / "data" / "tags.yml"))
    reply = {"template": "{title}\n{url}", "greeting": "", "closing": ""}
    for uri, markdown in pages.render_all(kb, index_pages.ticket_url(kb), category_pages.NAV_LIMIT, reply):
        path = docs / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        # stock Material indexes every page, and has none of our templates
        markdown = markdown.replace(', "search": {"exclude": true}}', "}", 1)
        markdown = re.sub(r'"template": "[^"]+", ', "", markdown, count=1)
        path.write_text(markdown, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config).replace("custom_dir: overrides", "")
    config = config.replace("extra_css:\n  - assets/kb.css\n", "")
    nav = json.dumps(category_pages.nav(kb), ensure_ascii=False)
    (project / "mkdocs.yml").write_text(config + f"\nnav: {nav}\n", encoding="utf-8")
    return project / "mkdocs.yml"


def browse(site: Path) -> dict:
    """Cold load, first keystroke to first result, then per-query latency."""
    from playwright.sync_api import sync_playwright

    server, base = search_quality.serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=search_quality.CHROMIUM, headless=True,
                                        args=search_quality.CHROMIUM_ARGS)
            context, page, cdp = search_quality.new_page(browser, {"width": 1280, "height": 900})
            cdp.send("Network.enable")
            received = []
            cdp.on("Network.loadingFinished",
                   lambda e: received.append((time.perf_counter(), e["encodedDataLength"])))
            page.goto(base)
            page.locator("input.md-search__input").click()
            page.evaluate("() => window.__kb.observe()")
            typed = time.perf_counter()
            search_quality.type_like_a_person(page, cdp, QUERIES[0])
            page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0",
                                   timeout=30000, polling=5)
            first = time.perf_counter()
            # bytes of every response that finished before the first result showed
            transferred = sum(size for at, size in received if at <= first)
            latencies = []
            for query in QUERIES[1:]:
                page.keyboard.press("Control+A")
                page.keyboard.press("Backspace")
                time.sleep(0.15)
                since = page.evaluate("() => performance.now()")
                search_quality.type_like_a_person(page, cdp, query)
                key = page.evaluate("() => window.__kb.lastKey")
                page.wait_for_function("a => window.__kb.settled(a[0], a[1])", arg=[since, 250],
                                       timeout=10000, polling=5)
                latencies.append(page.evaluate("() => window.__kb.lastMut") - key)
            browser.close()
    finally:
        server.shutdown()
    latencies.sort()
    return {"first_kb": transferred / 1024, "first_ms": (first - typed) * 1000,
            "p50": statistics.median(latencies), "p95": latencies[int(len(latencies) * 0.95 + 0.5) - 1]}


def chart(rows: list[dict], path: Path) -> None:
    """Build time and search transfer against issues, drawn as SVG, saved as PNG by Chromium."""
    points = sorted((r for r in rows if r["issues"]), key=lambda r: r["issues"])
    width, height, pad = 900, 420, 70
    xmax = max(r["issues"] for r in points)
    ymax_t = max(max(r["wall"], r.get("stock_wall") or 0) for r in points) * 1.1
    ymax_b = max(r["first_kb"] for r in points) * 1.2

    def x(v):
        return pad + (width - 2 * pad) * v / xmax

    def y(v, vmax):
        return height - pad - (height - 2 * pad) * v / vmax

    def line(key, vmax, color):
        pts = " ".join(f"{x(r['issues']):.1f},{y(r[key], vmax):.1f}" for r in points if r.get(key))
        return (f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="3"/>'
                + "".join(f'<circle cx="{x(r["issues"]):.1f}" cy="{y(r[key], ymax_t if vmax == ymax_t else vmax):.1f}" '
                          f'r="4" fill="{color}"/>' for r in points if r.get(key)))

    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif">'
           f'<rect width="100%" height="100%" fill="white"/>'
           f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#333"/>'
           f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="#333"/>'
           f'<line x1="{width - pad}" y1="{pad}" x2="{width - pad}" y2="{height - pad}" stroke="#333"/>'
           + line("wall", ymax_t, "#1e88e5") + line("stock_wall", ymax_t, "#90a4ae")
           + line("first_kb", ymax_b, "#e53935")
           + "".join(f'<text x="{x(r["issues"]):.0f}" y="{height - pad + 20}" text-anchor="middle" '
                     f'font-size="13">{r["issues"]}</text>' for r in points)
           + f'<text x="{width / 2}" y="{height - 15}" text-anchor="middle" font-size="14">issues</text>'
           + f'<text x="15" y="{pad - 20}" font-size="13" fill="#1e88e5">build s (max {ymax_t:.0f})</text>'
           + f'<text x="{width - 260}" y="{pad - 20}" font-size="13" fill="#e53935">KB before 1st result '
             f'(max {ymax_b:.0f})</text>'
           + f'<text x="{pad + 10}" y="{pad + 15}" font-size="13" fill="#90a4ae">grey: stock Material + jieba</text>'
           + "</svg>")
    save_svg(svg, path, width, height)


def save_svg(svg: str, path: Path, width: int, height: int) -> None:
    """A chart drawn as SVG, saved as PNG by Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=search_quality.CHROMIUM, headless=True,
                                    args=search_quality.CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.set_content(svg)
        page.screenshot(path=str(path))
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="seed,corpus,1000,3000,10000")
    ap.add_argument("--no-stock", action="store_true")
    args = ap.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for size in args.sizes.split(","):
            work = tmp / size
            work.mkdir()
            if size == "seed":
                source, issues = None, 0
            elif size == "corpus":
                source, issues = CORPUS, 0
            else:
                source, issues = work / "faq", int(size)
                generate.generate(issues, source, seed=7, corpus=CORPUS)
            site = work / "site"
            row = {"name": size, "issues": issues, **build(source, site, work), **site_stats(site)}
            row["issues"] = row["issues"] or sum(1 for _ in (site / "q").glob("*/index.html"))
            if not args.no_stock:
                stock = build(source, work / "stock-site", work, config=stock_project(source, work))
                row["stock_wall"], row["stock_cpu"] = stock["wall"], stock["cpu"]
                stock_stats = site_stats(work / "stock-site")
                row["stock_index_gz_kb"] = stock_stats["index_gz_kb"]
            row.update(browse(site))
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
            shutil.rmtree(work, ignore_errors=True)
    table = summary(rows)
    print(table)
    (RESULTS / "scale.md").write_text(table + "\n", encoding="utf-8")
    chart(rows, RESULTS / "scale.png")


def summary(rows: list[dict]) -> str:
    lines = ["| source | issues | build s | CPU s | peak MB | hooks % | ms/issue | stock s | ×stock | pages | "
             "site MB | index KB (gz) | stock index KB gz | KB before 1st result | 1st result ms | "
             "p50 ms | p95 ms |",
             "|" + " --- |" * 17]
    for r in rows:
        stock = r.get("stock_wall")
        stock_s = f"{stock:.1f}" if stock else "-"
        ratio = f"{r['wall'] / stock:.2f}" if stock else "-"
        stock_gz = f"{r['stock_index_gz_kb']:.0f}" if r.get("stock_index_gz_kb") else "-"
        lines.append(
            f"| {r['name']} | {r['issues']} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['peak_mb']:.0f} | "
            f"{100 * r['hooks'] / r['wall']:.0f} | {1000 * r['wall'] / r['issues']:.2f} | {stock_s} | {ratio} | "
            f"{r['pages']} | {r['site_mb']:.1f} | {r['index_kb']:.0f} ({r['index_gz_kb']:.0f}) | {stock_gz} | "
            f"{r['first_kb']:.0f} | {r['first_ms']:.0f} | {r['p50']:.0f} | {r['p95']:.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
