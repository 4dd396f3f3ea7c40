#!/usr/bin/env python3
"""The readers' report at scale: write an events log of N lines (visits that search,
retype, click, vote, copy; a rotated .gz half and a live half), run the report on it as
an operator's cron job would, and print wall time and peak memory.

  python bench/report.py 300000 [10000000 …]     -> bench/results/report.md by hand
"""

from __future__ import annotations

import gzip
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, DAYS = datetime(2026, 9, 1, tzinfo=timezone(timedelta(hours=8))), 91
WORDS = ["备案", "幕布", "核验", "域名", "实名认证", "管局", "短信", "驳回", "审核", "多久", "网站", "服务器",
         "接入", "注销", "变更", "人脸", "视频", "黑屏", "工商信息", "不匹配", "主体", "负责人", "手机号", "邮寄"]


def write_log(lines: int, folder: Path) -> list[Path]:
    rng = random.Random(27)
    rotated, live = folder / "events.log.1.gz", folder / "events.log"
    written = 0
    with gzip.open(rotated, "wt", encoding="utf-8", compresslevel=1) as old, live.open("w", encoding="utf-8") as new:
        visit = 0
        while written < lines:
            visit += 1
            out = old if written < lines // 2 else new
            # a quarter of days, busier on weekdays
            when = START + timedelta(days=visit % DAYS, hours=visit % 24)
            day = when.isoformat()
            events = []
            for _ in range(rng.randint(1, 6)):
                query = "".join(rng.sample(WORDS, rng.randint(1, 3)))
                events.append({"e": "search", "q": query, "r": rng.randint(0, 10), "none": rng.random() < 0.05})
                if rng.random() < 0.6:
                    events.append({"e": "click", "q": query, "id": str(rng.randint(1, 355)),
                                   "rank": rng.randint(1, 10)})
            if rng.random() < 0.1:
                events.append({"e": "vote", "id": str(rng.randint(1, 355)), "helpful": rng.random() < 0.7})
            for n, event in enumerate(events, 1):
                body = json.dumps({"v": 1, "s": f"{visit:016x}", "n": n, **event}, ensure_ascii=False)
                out.write(json.dumps({"t": day, "b": body}, ensure_ascii=False) + "\n")
                written += 1
    return [rotated, live]


def main() -> None:
    for lines in map(int, sys.argv[1:] or ["300000"]):
        with tempfile.TemporaryDirectory() as tmp:
            logs = write_log(lines, Path(tmp))
            size = sum(path.stat().st_size for path in logs)
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "helpcenter.report", *map(str, logs), "--out", f"{tmp}/out"],
                                  cwd=ROOT, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"{lines:,} lines ({size / 1e6:.0f} MB on disk): {seconds:.1f} s, peak {peak:.0f} MB, "
                  f"exit {done.returncode}: {done.stdout.strip() or done.stderr.strip()}", flush=True)


if __name__ == "__main__":
    main()
