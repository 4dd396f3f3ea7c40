#!/usr/bin/env python3
"""Readers teach the search, an editor accepts every suggestion: what changes (the
learning loop, guide/learning-from-readers.md).

  python bench/readers.py --taught FILE… --unanswerable FILE… [--out NAME]

1. The ICP corpus site is built and every query ranked (Chromium, pasted: search_quality).
2. Readers: each query of --taught whose expected issue is listed but not first is
   searched in two visits, each ending with a click on that issue where it is listed;
   each unanswerable query that lists anything is searched once and its first result
   clicked (an off-topic click). The events go to a log as hosting/nginx.conf writes it.
3. The report (helpcenter.report) reads the log; every suggestion is accepted (saved as
   the learned file) and the site rebuilt with it.
4. Ranked again: the taught queries as written and inside other chat filler, the other
   queries of --taught (hard queries nobody taught), the unanswerable ones (没有找到
   kept?), the off-topic ones clicked once (unchanged?). For every query whose answer
   changed without being taught, the lesson that did it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import search_quality
from search_quality import ROOT, load_queries

CORPUS = ROOT.parent / "shared" / "corpus" / "icp-faq"
# chat filler the readers did not use: a lesson must hold inside any of it
FILLER = ["您好，{q}，谢谢！", "在吗？{q}啊，急", "老师好，想问下：{q}？麻烦了"]


def build(out: Path, learned: Path | None = None) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_SOURCE": str(CORPUS), "KB_IDS": str(out.parent / "ids.tsv")}
    Path(env["KB_IDS"]).write_bytes((ROOT / "data" / "ids" / "icp-faq.tsv").read_bytes())
    if learned:
        env["KB_LEARNED"] = str(learned)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=ROOT, env=env, check=True)


def log_line(n: int, visit: str, event: dict) -> str:
    """One line as hosting/nginx.conf logs a beacon of assets/kb-events.js."""
    body = json.dumps({"v": 1, "s": visit, "n": n, **event}, ensure_ascii=False)
    return json.dumps({"t": f"2026-12-01T10:{n // 60 % 60:02d}:{n % 60:02d}+00:00", "b": body}, ensure_ascii=False)


def readers(taught: list[dict], offtopic: list[dict]) -> list[str]:
    lines = []
    for n, row in enumerate(taught):
        for visit in range(2):
            name = f"t{n}v{visit}"
            lines.append(log_line(1, name, {"e": "search", "q": row["query"], "r": len(row["ranked"]), "none": False}))
            lines.append(log_line(2, name, {"e": "click", "q": row["query"], "id": row["answer"], "rank": row["rank"]}))
    for n, row in enumerate(offtopic):
        name = f"o{n}"
        lines.append(log_line(1, name, {"e": "search", "q": row["query"], "r": len(row["ranked"]),
                                        "none": row["declined"]}))
        lines.append(log_line(2, name, {"e": "click", "q": row["query"], "id": row["ranked"][0], "rank": 1}))
    return lines


def ranked(site: Path, queries: list[dict]) -> list[dict]:
    return search_quality.run(site, queries, pasted=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--taught", type=Path, nargs="+", required=True, help="query sets with expected issues")
    ap.add_argument("--unanswerable", type=Path, nargs="+", required=True, help="query sets the FAQ does not answer")
    ap.add_argument("--work", type=Path, help="keep the sites, the log and the report here")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kb-readers-"))
    work.mkdir(parents=True, exist_ok=True)
    hard = [q for path in args.taught for q in load_queries(path) if q["expected"]]
    unanswerable = [q for path in args.unanswerable for q in load_queries(path) if not q["expected"]]

    before_site = work / "before" / "site"
    build(before_site)
    before = {"hard": ranked(before_site, hard), "unanswerable": ranked(before_site, unanswerable)}
    taught = [{**r, "answer": next(i for i in r["ranked"] if i in r["expected"])}
              for r in before["hard"] if r["rank"] and r["rank"] > 1]
    offtopic = [r for r in before["unanswerable"] if r["ranked"]]
    log = work / "events.log"
    log.write_text("\n".join(readers(taught, offtopic)) + "\n", encoding="utf-8")

    from helpcenter.report import cli
    os.environ.update(KB_SOURCE=str(CORPUS), KB_IDS=str(before_site.parent / "ids.tsv"))  # the site readers used
    report = work / "report"
    cli.build_report([log], report, ROOT / "mkdocs.yml", before_site)
    learned = work / "learned.yml"
    learned.write_text((report / "suggestions.yml").read_text(encoding="utf-8"), encoding="utf-8")
    after_site = work / "after" / "site"
    build(after_site, learned)

    chat = [{**r, "query": form.format(q=r["query"].rstrip("？?")), "expected": [r["answer"]]}
            for r in taught for form in FILLER]
    after = {"hard": ranked(after_site, hard), "unanswerable": ranked(after_site, unanswerable),
             "taught": ranked(after_site, [{**r, "expected": [r["answer"]]} for r in taught]),
             "chat": ranked(after_site, chat)}
    taught_queries = {r["query"] for r in taught}
    untaught = [(b, a) for b, a in zip(before["hard"], after["hard"], strict=True) if b["query"] not in taught_queries]
    clicked_once = {r["query"] for r in offtopic}
    changed_offtopic = [(b, a) for b, a in zip(before["unanswerable"], after["unanswerable"], strict=True)
                        if b["query"] in clicked_once and b["ranked"] != a["ranked"]]
    flipped = [(b, a) for b, a in zip(before["unanswerable"], after["unanswerable"], strict=True)
               if b["declined"] and not a["declined"]]
    lessons = learned.read_text(encoding="utf-8")
    import yaml
    key_of = cli.site_data(ROOT / "mkdocs.yml", after_site).key_of
    entries = yaml.safe_load(lessons) or []

    def share(rows, test):
        return sum(1 for r in rows if test(r)) / max(1, len(rows))
    print(f"\nreaders taught {len(taught)} queries (two visits each); {len(offtopic)} off-topic queries clicked once")
    print(f"suggestions accepted: {lessons.count('- query:')}")
    print(f"taught queries ranking the readers' issue first: {share(after['taught'], lambda r: r['rank'] == 1):.2f}"
          f" ({len(after['taught'])})")
    print(f"  inside other chat filler: {share(after['chat'], lambda r: r['rank'] == 1):.2f} ({len(after['chat'])})")
    print(f"hard queries nobody taught, R@1: {share([b for b, _ in untaught], lambda r: r['rank'] == 1):.2f}"
          f" -> {share([a for _, a in untaught], lambda r: r['rank'] == 1):.2f} ({len(untaught)})")
    print(f"unanswerable queries saying 没有找到: {share(before['unanswerable'], lambda r: r['declined']):.2f}"
          f" -> {share(after['unanswerable'], lambda r: r['declined']):.2f} ({len(unanswerable)})")
    print(f"off-topic queries clicked once whose results changed: {len(changed_offtopic)}")
    for b, a in flipped:
        by = [f"{e['query']} (#{e['id']})" for e in entries if key_of(e["query"]) in key_of(b["query"])]
        print(f"  now confident: {b['query']} -> {' '.join(a['ranked'][:3])}; lessons inside it: {by or '-'}")
    for b, a in untaught:
        if (b["rank"] == 1) != (a["rank"] == 1):
            print(f"  untaught {'lost' if b['rank'] == 1 else 'gained'}: {b['query']} {b['rank']} -> {a['rank']}")
    print(f"\nwork files: {work}")


if __name__ == "__main__":
    main()
