#!/usr/bin/env python3
"""What a pasted query costs on a cold page, and what the build costs, at 1,000 /
10,000 / 100,000 generated issues.

  python bench/paste.py                        # 1000,10000,100000
  python bench/paste.py --sizes 10000 --site-dir /tmp/sites   # keep the built sites

For each size: generate the FAQ (bench/generate.py, seed 7), build it (wall, CPU,
peak memory, site size, bytes per issue page), then for every query below and for
two network profiles (none; 100 ms round trip and 10 Mbit/s down), open the home
page in a fresh browser context (empty cache), wait for search to be ready, paste
the query at once (one input-method commit) and wait until the result list has not
changed for 400 ms. Recorded per query: the files requested from the paste until
then (bytes = gzip of each file, as a compressing host sends it; requests) and the
time from the paste to the last change of the result list. Prints p50 and max per
size and profile; writes bench/results/paste.md and paste.png.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent

import generate  # noqa: E402
import scale  # noqa: E402
import search_quality  # noqa: E402

RESULTS = ROOT / "bench" / "results"
# Short keywords, error texts of 10-40 characters, chat messages of 25-88: the way
# people arrive with an error in hand. Written before the index format was chosen
# (the two longest chat messages were added after its first run).
QUERIES = [
    "备案", "幕布", "管局审核要多久", "视频核验一直黑屏", "人脸识别失败",
    "该域名没有进行实名认证",
    "小程序备案提示：该域名没有进行实名认证，请先完成域名实名认证后再提交",
    "提示证件号码与姓名不一致，无法提交",
    "ICP备案号怎么查询 APP也需要备案吗",
    "您好，我刚才在小程序上做视频核验，一直提示未能检测到完整人脸，换了手机也不行，请问怎么办？",
    "你好 我们公司的营业执照地址变更了，之前的备案信息需要怎么修改，要不要重新提交审核，大概要等多久",
    "短信核验一直收不到验证码，已经过了24小时了，备案是不是会被驳回",
    # added after the first run: the issue asks for chat messages up to 80 characters
    "你好，我们公司上个月在你们这里做了网站备案，今天收到短信说管局审核没通过被驳回了，说是网站名称不符合要求，"
    "请问具体要怎么修改，改完以后还要重新等多久才能审核通过，比较着急，谢谢",
    "您好，我在用备案小程序做视频核验的时候，手机一直提示未能检测到完整人脸，光线也挺好的，换了好几部手机都不行，"
    "录制按钮也点不了，请问这种情况应该怎么处理比较好呢",
]
PROFILES = {"none": None, "4g": {"offline": False, "latency": 100, "downloadThroughput": 10e6 / 8,
                                 "uploadThroughput": 5e6 / 8}}


def paste(page, cdp, text: str) -> float:
    since = page.evaluate("() => performance.now()")
    search_quality.paste(page, cdp, text)
    return since


def measure(site: Path, queries: list[str]) -> list[dict]:
    """One cold page per query and profile."""
    from playwright.sync_api import sync_playwright

    server, base = search_quality.serve(site)
    gz_cache: dict[str, int] = {}

    def gz_size(url: str) -> int:
        path = site / unquote(urlsplit(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if url not in gz_cache:
            gz_cache[url] = len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0
        return gz_cache[url]

    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=search_quality.CHROMIUM, headless=True,
                                        args=search_quality.CHROMIUM_ARGS)
            for profile, conditions in PROFILES.items():
                for query in queries:
                    context, page, cdp = search_quality.new_page(browser, {"width": 390, "height": 844})
                    cdp.send("Network.enable")
                    if conditions:
                        cdp.send("Network.emulateNetworkConditions", conditions)
                    requested: list[tuple[float, str]] = []  # the worker's fetches included
                    context.on("request", lambda r, into=requested: into.append((time.perf_counter(), r.url)))
                    page.goto(base)
                    page.locator("label.md-header__button[for=__search]").click()  # the phone's search icon
                    page.wait_for_function("() => window.__kb.ready", timeout=60000)
                    page.evaluate("() => window.__kb.observe()")
                    start = time.perf_counter()
                    since = paste(page, cdp, query)
                    page.wait_for_function("a => window.__kb.settled(a[0], a[1])", arg=[since, 400],
                                           timeout=30000, polling=10)
                    settled = page.evaluate("() => window.__kb.lastMut") - since
                    urls = [url for at, url in requested if at >= start]
                    count = len(page.evaluate("() => window.__kb.results()"))
                    rows.append({"profile": profile, "query": query, "requests": len(urls),
                                 "kb": sum(gz_size(u) for u in urls) / 1024, "ms": settled, "results": count})
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return rows


def pages_kb(site: Path) -> dict:
    sizes = sorted(p.stat().st_size for p in (site / "q").glob("*/index.html"))
    return {"page_p50_kb": statistics.median(sizes) / 1024, "page_max_kb": sizes[-1] / 1024}


def summary(size: int, build: dict, rows: list[dict]) -> list[str]:
    lines = []
    for profile in PROFILES:
        got = [r for r in rows if r["profile"] == profile]
        kb = sorted(r["kb"] for r in got)
        ms = sorted(r["ms"] for r in got)
        req = sorted(r["requests"] for r in got)
        lines.append(f"| {size} | {profile} | {statistics.median(kb):.0f} | {kb[-1]:.0f} | "
                     f"{statistics.median(req):.0f} | {req[-1]} | {statistics.median(ms):.0f} | {ms[-1]:.0f} | "
                     f"{build['wall']:.0f} | {build['cpu']:.0f} | {1000 * build['cpu'] / size:.1f} | "
                     f"{build['peak_mb']:.0f} | {build['site_mb']:.0f} | {build['page_p50_kb']:.1f} / "
                     f"{build['page_max_kb']:.1f} |")
    return lines


HEADER = ["| issues | network | KB gz p50 | KB gz max | requests p50 | requests max | settled ms p50 | "
          "settled ms max | build s | CPU s | CPU ms/issue | peak MB | site MB | issue page KB p50 / max |",
          "|" + " --- |" * 14]


def chart(rows_by_size: dict[int, list[dict]], path: Path) -> None:
    """KB gzip (p50 and max) per size for a pasted query, and settled ms p50 on the
    throttled profile, as SVG saved to PNG by Chromium."""
    width, height, pad = 900, 420, 70
    sizes = sorted(rows_by_size)
    stats = []
    for size in sizes:
        fast = sorted(r["kb"] for r in rows_by_size[size] if r["profile"] == "none")
        slow = sorted(r["ms"] for r in rows_by_size[size] if r["profile"] == "4g")
        stats.append((size, statistics.median(fast), fast[-1], statistics.median(slow)))
    kb_max = max(s[2] for s in stats) * 1.2 or 1
    ms_max = max(s[3] for s in stats) * 1.2 or 1
    slot = (width - 2 * pad) / len(stats)
    bars = ""
    for i, (size, p50, top, ms) in enumerate(stats):
        x = pad + i * slot + slot * 0.2
        for j, (value, color) in enumerate(((p50, "#1e88e5"), (top, "#90caf9"))):
            h = (height - 2 * pad) * value / kb_max
            bars += (f'<rect x="{x + j * slot * 0.22:.0f}" y="{height - pad - h:.0f}" width="{slot * 0.2:.0f}" '
                     f'height="{h:.0f}" fill="{color}"/><text x="{x + j * slot * 0.22 + slot * 0.1:.0f}" '
                     f'y="{height - pad - h - 5:.0f}" text-anchor="middle" font-size="12">{value:.0f}</text>')
        h = (height - 2 * pad) * ms / ms_max
        bars += (f'<circle cx="{x + slot * 0.55:.0f}" cy="{height - pad - h:.0f}" r="6" fill="#e53935"/>'
                 f'<text x="{x + slot * 0.55 + 10:.0f}" y="{height - pad - h + 4:.0f}" font-size="12" '
                 f'fill="#e53935">{ms:.0f} ms</text>'
                 f'<text x="{x + slot * 0.3:.0f}" y="{height - pad + 20}" text-anchor="middle" '
                 f'font-size="13">{size:,} issues</text>')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif">'
           f'<rect width="100%" height="100%" fill="white"/>'
           f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#333"/>'
           f'<text x="{pad}" y="30" font-size="14">A pasted query on a cold page: KB gzip p50 (dark) and max '
           f'(light), unthrottled; red: settled ms p50 at 100 ms RTT, 10 Mbit/s</text>' + bars + "</svg>")
    scale.save_svg(svg, path, width, height)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--site-dir", type=Path, help="keep the generated sources and sites here")
    ap.add_argument("--reuse", action="store_true", help="measure the sites already in --site-dir")
    ap.add_argument("--products", type=int, default=0, help="a help center of this many products (generate.py)")
    ap.add_argument("--out", default="paste", help="name of the results files in bench/results/")
    args = ap.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    lines, per_query = list(HEADER), {}
    with tempfile.TemporaryDirectory() as tmp:
        base = args.site_dir or Path(tmp)
        for size in map(int, args.sizes.split(",")):
            work = base / str(size)
            site = work / "site"
            if not (args.reuse and site.is_dir()):
                shutil.rmtree(work, ignore_errors=True)
                work.mkdir(parents=True)
                generate.generate(size, work / "faq", seed=7, corpus=scale.CORPUS, products=args.products)
            if args.reuse and site.is_dir():
                build = {"wall": 0, "cpu": 0, "peak_mb": 0, **scale.site_stats(site), **pages_kb(site)}
            else:
                build = {**scale.build(work / "faq", site, work), **scale.site_stats(site), **pages_kb(site)}
            rows = measure(site, QUERIES)
            per_query[size] = rows
            lines += summary(size, build, rows)
            print("\n".join(lines), flush=True)
            if not args.site_dir:
                shutil.rmtree(work, ignore_errors=True)
    detail = ["", "Per query (KB gz / requests / ms settled):", "",
              "| issues | network | query | KB gz | requests | ms | results |", "|" + " --- |" * 7]
    for size, rows in per_query.items():
        detail += [f"| {size} | {r['profile']} | {r['query']} | {r['kb']:.0f} | {r['requests']} | "
                   f"{r['ms']:.0f} | {r['results']} |" for r in rows]
    (RESULTS / f"{args.out}.md").write_text("\n".join(lines + detail) + "\n", encoding="utf-8")
    (RESULTS / f"{args.out}.json").write_text(json.dumps(per_query, ensure_ascii=False, indent=1), encoding="utf-8")
    chart(per_query, RESULTS / f"{args.out}.png")


if __name__ == "__main__":
    main()
