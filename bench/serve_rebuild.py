#!/usr/bin/env python3
"""How long `mkdocs serve` takes to show an edited answer (the seed by default).

  python bench/serve_rebuild.py [--source DIR] [--rounds 5]

Starts `mkdocs serve` on a copy of the source, edits one answer, and times until
the served issue page shows the edit; prints each round and the median.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=ROOT / "content")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "faq"
        shutil.copytree(args.source, source)
        faq = next(p for p in sorted(source.rglob("*.md")))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {**os.environ, "KB_SOURCE": str(source), "KB_IDS": str(Path(tmp) / "ids.tsv"),
               "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}/"
            deadline = time.time() + 120
            while "<h1" not in fetch(base + "q/1/"):
                if time.time() > deadline:
                    sys.exit("mkdocs serve did not come up")
                time.sleep(0.2)
            times = []
            for n in range(args.rounds):
                marker = f"编辑标记{n}号"
                text = faq.read_text(encoding="utf-8")
                first_answer = text.index("\n", text.index("### ")) + 1
                faq.write_text(text[:first_answer] + marker + text[first_answer:], encoding="utf-8")
                start = time.perf_counter()
                while marker not in fetch(base + "q/1/"):
                    time.sleep(0.05)
                times.append(time.perf_counter() - start)
                print(f"round {n + 1}: {times[-1]:.2f} s", flush=True)
                time.sleep(1)
            print(f"median: {statistics.median(times):.2f} s from saving the file to the page showing it")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
