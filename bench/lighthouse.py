#!/usr/bin/env python3
"""Lighthouse 12.2.3 (mobile preset: a mid-range phone on slow 4G) on the home page and
an issue page, served by a real nginx with hosting/nginx.conf (gzip, cache headers).

  .venv/bin/python bench/lighthouse.py             build the default site and audit it
  .venv/bin/python bench/lighthouse.py --site DIR  audit a site built elsewhere (e.g. an older commit)

Lighthouse is installed with npm into bench/work/lighthouse (not committed); Chromium
is Debian's. Prints the four category scores per page and writes them to
bench/results/lighthouse.md (with --out).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from helpcenter.hosting.nginx import start  # noqa: E402

VERSION = "12.2.3"
TOOL = ROOT / "bench" / "work" / "lighthouse"
PAGES = {"home": "/", "issue (q/2, 报错提示 + 等待)": "/q/2/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FLAGS = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking " \
        "--disable-component-update --disable-sync"


def lighthouse() -> Path:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOL.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "i", "-E", f"lighthouse@{VERSION}", "--prefix", str(TOOL)], check=True)
    return binary


def audit(binary: Path, url: str, out: Path) -> dict[str, int]:
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={FLAGS}"],
                   check=True, env=env)
    report = json.loads(out.read_text(encoding="utf-8"))
    failing = [a["id"] for a in report["audits"].values()
               if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") == "binary"]
    if failing:
        print(f"  failing audits: {', '.join(failing)}")
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path, help="a built site (default: build the default content)")
    parser.add_argument("--out", type=Path, help="write a Markdown table here")
    args = parser.parse_args()
    binary = lighthouse()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        site = args.site
        if site is None:
            site = work / "site"
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                           cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        process, port = start(site.resolve(), work)
        try:
            rows = {}
            for name, path in PAGES.items():
                rows[name] = audit(binary, f"http://127.0.0.1:{port}{path}", work / "report.json")
                print(name, rows[name], flush=True)
        finally:
            process.terminate()
            process.wait(timeout=10)
    if args.out:
        lines = ["| page | " + " | ".join(CATEGORIES) + " |", "|---" * (len(CATEGORIES) + 1) + "|"]
        lines += [f"| {name} | " + " | ".join(str(s[c]) for c in CATEGORIES) + " |" for name, s in rows.items()]
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
