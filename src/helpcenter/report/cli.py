"""python3 scripts/dev.py report LOG [LOG…] --out DIR

Reads the readers' events log (plain and gzip-rotated files, several servers' logs
together) and writes DIR/index.html, a page for editors, and DIR/suggestions.yml, the
queries readers taught in two or more visits, for an editor to review and save as the
learned file (guide/learning-from-readers.md). The FAQ's registry, synonyms and learned
file are the build's own (mkdocs.yml, KB_SOURCE, KB_IDS, KB_LEARNED)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

from helpcenter import settings
from helpcenter.enrich import ids, learned
from helpcenter.index import vocabulary as search_vocabulary
from helpcenter.index.key import ignored_phrases, query_key
from helpcenter.report import page, visits
from helpcenter.report.load import connect, load

TOP = 20
BATCH = 50_000


class ReportError(Exception):
    """Something the operator must fix (a missing log, an unreadable registry)."""


def site_data(config_file: Path, site: Path | None = None):
    """(live issue ID -> title, retired IDs, the key of a query, the learned file) of the FAQ
    mkdocs.yml (and KB_SOURCE, KB_IDS, KB_LEARNED) name. The key is the one search uses
    (index/key.py), with the built site's own manifest when there is one (its Traditional
    characters), else the synonyms' ignored phrases alone."""
    try:
        kb_settings, _ = settings.read(config_file, os.environ)
        rows = ids.load(Path(kb_settings.ids)) if Path(kb_settings.ids).exists() else []
        vocabulary = search_vocabulary.load_vocabulary(Path(kb_settings.synonyms))
    except (OSError, settings.SettingsError, ids.RegistryError, search_vocabulary.VocabularyError) as exc:
        raise ReportError(str(exc)) from None
    manifest_file = (site or config_file.parent / "site") / "search" / "kb" / "manifest.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.is_file() else {}
    ignore = manifest.get("ignore") or ignored_phrases(vocabulary.ignore)
    traditional = manifest.get("traditional") or {}
    titles = {str(row.id): row.title for row in rows if row.status == "active"}
    return (titles, {str(row.id) for row in rows if row.status != "active"},
            lambda query: query_key(query, ignore, traditional), Path(kb_settings.learned))


def visit_sequences(con, key_of):
    """(visit, day, [Event…]) for each visit, its searches and clicks in order, streamed."""
    cursor = con.execute("""SELECT visit, day, kind, query, issue, rank FROM events
                            WHERE kind IN ('search', 'click') ORDER BY visit, seq NULLS LAST, logged""")
    current, day, events = None, "", []
    keys: dict[str, str] = {}
    while rows := cursor.fetchmany(BATCH):
        for visit, when, kind, query, issue, rank in rows:
            if visit != current:
                if events:
                    yield current, day, events
                current, day, events = visit, when, []
            query = query or ""
            key = keys.get(query)
            if key is None:
                key = keys[query] = key_of(query)
            events.append(visits.Event(kind, query, key, issue, rank))
    if events:
        yield current, day, events


def build_report(logs: list[Path], out: Path, config_file: Path, site: Path | None = None) -> dict:
    missing = [str(path) for path in logs if not path.is_file()]
    if missing:
        raise ReportError(f"找不到日志文件：{'、'.join(missing)}")
    titles, retired, key_of, learned_file = site_data(config_file, site)
    lessons, _ = learned.load(learned_file, set(titles), retired)
    accepted = {(key_of(lesson.query), lesson.issue_id) for lesson in lessons}
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        con = connect(Path(work))
        read, skipped = load(con, logs)
        q = con.execute
        data = {
            "read": read, "skipped": skipped,
            "visits": q("SELECT count(DISTINCT visit) FROM events").fetchone()[0],
            "per_day": q("SELECT day, count(*) FROM events WHERE kind = 'search' GROUP BY 1 ORDER BY 1").fetchall(),
            "top": q(f"""SELECT query, count(*) AS n FROM events WHERE kind = 'search' AND query <> ''
                         GROUP BY 1 ORDER BY n DESC, query LIMIT {TOP}""").fetchall(),
            "nothing": q(f"""SELECT query, count(*) AS n FROM events WHERE kind = 'search' AND (nothing OR results = 0)
                             GROUP BY 1 ORDER BY n DESC, query LIMIT {TOP}""").fetchall(),
            "ranks": q("""SELECT least(rank, 11), count(*) FROM events WHERE kind = 'click' AND rank >= 1
                          GROUP BY 1 ORDER BY 1""").fetchall(),
            "votes": q(f"""SELECT issue, count(*) FILTER (NOT helpful), count(*) FILTER (helpful) FROM events
                           WHERE kind = 'vote' AND issue IS NOT NULL GROUP BY 1
                           HAVING count(*) FILTER (NOT helpful) > 0 ORDER BY 2 DESC, 1 LIMIT {TOP}""").fetchall(),
            "copies": q(f"""SELECT issue, count(*) FROM events WHERE kind = 'copy' AND issue IS NOT NULL
                            GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {TOP}""").fetchall(),
        }
        chains: Counter = Counter()
        unclicked: Counter = Counter()

        def remember():  # one pass over the visits feeds the chains, the no-click queries and the suggestions
            for visit, day, events in visit_sequences(con, key_of):
                chains.update(visits.chains(events))
                unclicked.update(visits.unclicked(events))
                yield visit, day, events
        found = visits.suggest(remember())
        con.close()
    suggestions = [{"query": evidence.wordings.most_common(1)[0][0], "key": key, "id": issue,
                    "title": titles.get(issue, ""), "visits": len(evidence.visits), "first_seen": evidence.first,
                    "last_seen": evidence.last, "accepted": (key, issue) in accepted}
                   for (key, issue), evidence in found.items() if issue in titles]
    suggestions.sort(key=lambda s: (-s["visits"], s["query"]))
    still_failing = {(s["key"], s["id"]) for s in suggestions}
    data.update(
        chains=chains.most_common(TOP), unclicked=unclicked.most_common(TOP), suggestions=suggestions,
        stopped=[lesson for lesson in lessons if (key_of(lesson.query), lesson.issue_id) in still_failing],
        titles=titles)
    (out / "index.html").write_text(page.render(data), encoding="utf-8")
    (out / "suggestions.yml").write_text(page.suggestions_yaml([s for s in suggestions if not s["accepted"]]),
                                         encoding="utf-8")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dev.py report", description=__doc__.split("\n\n")[0])
    parser.add_argument("logs", nargs="+", type=Path, help="events logs: plain or .gz, several servers' together")
    parser.add_argument("--out", type=Path, required=True, help="where index.html and suggestions.yml go")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site", type=Path, help="the built site readers used (default: site/ beside mkdocs.yml)")
    args = parser.parse_args(argv)
    try:
        data = build_report(args.logs, args.out, args.config, args.site)
    except ReportError as exc:
        print(f"报告没有生成：{exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - an operator's cron job reads one line, not a traceback
        print(f"报告没有生成：{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"读了 {data['read']} 行，跳过 {data['skipped']} 行无法识别的内容；"
          f"{len(data['suggestions'])} 条建议。报告：{args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
