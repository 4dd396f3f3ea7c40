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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from helpcenter import settings
from helpcenter.enrich import ids, learned
from helpcenter.index import vocabulary as search_vocabulary
from helpcenter.index.key import ignored_phrases, query_key
from helpcenter.report import analytics, gaps, page
from helpcenter.report.load import connect, load
from helpcenter.slugs import slugify

DEFAULT_DAYS = 30
TOP_GAPS = 30


class ReportError(Exception):
    """Something the operator must fix (a missing log, an unreadable registry)."""


@dataclass(frozen=True)
class Site:
    """What the report needs of the FAQ mkdocs.yml (and KB_SOURCE, KB_IDS, KB_LEARNED) name."""

    titles: dict[str, str]  # live issue ID -> title
    retired: set[str]
    products: dict[str, str]  # issue ID -> product slug (a help center of several products)
    key_of: Callable[[str], str]  # the key of a query
    learned: Path
    vocabulary: search_vocabulary.Vocabulary


def site_data(config_file: Path, site: Path | None = None) -> Site:
    """The key is the one search uses (index/key.py), with the built site's own manifest
    when there is one (its Traditional characters), else the synonyms' ignored phrases."""
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
    return Site(titles={str(row.id): row.title for row in rows if row.status == "active"},
                retired={str(row.id) for row in rows if row.status != "active"},
                products=products_of({str(row.id): row.file for row in rows}),
                key_of=lambda query: query_key(query, ignore, traditional),
                learned=Path(kb_settings.learned), vocabulary=vocabulary)


def products_of(titles_files: dict[str, str]) -> dict[str, str]:
    """issue ID -> its product's slug, from the registry's file column (cos-faq/x.md is
    product cos-faq); empty for a one-product site."""
    folders = {issue: file.split("/", 1)[0] for issue, file in titles_files.items() if "/" in file}
    if len(set(folders.values())) < 2:
        return {}
    return {issue: slugify(folder) for issue, folder in folders.items()}


def keep_product(con, product: str, issue_product: dict[str, str]) -> None:
    """Only the visits that were in `product`: on its pages, or opening its issues."""
    con.execute("CREATE OR REPLACE TABLE owned AS SELECT unnest(?::VARCHAR[]) AS issue",
                [[issue for issue, slug in issue_product.items() if slug == product]])
    con.execute("""DELETE FROM events WHERE visit NOT IN (
                       SELECT visit FROM events WHERE product = ? OR issue IN (SELECT issue FROM owned))""", [product])


def choose_period(con, since: date | None, until: date | None) -> analytics.Period | None:
    """The period to read: --since/--until, by default the log's last 30 days."""
    found = analytics.span(con)
    if not found:
        return None
    last = until or found[1]
    return analytics.Period(since or max(found[0], last - timedelta(days=DEFAULT_DAYS - 1)), last)


def build_report(logs: list[Path], out: Path, config_file: Path, site: Path | None = None,
                 since: date | None = None, until: date | None = None, product: str | None = None) -> dict:
    missing = [str(path) for path in logs if not path.is_file()]
    if missing:
        raise ReportError(f"找不到日志文件：{'、'.join(missing)}")
    found = site_data(config_file, site)
    titles, key_of, issue_product = found.titles, found.key_of, found.products
    if product and product not in set(issue_product.values()):
        known = "、".join(sorted(set(issue_product.values()))) or "（这个站点只有一个产品）"
        raise ReportError(f"没有产品 {product}；可以用：{known}")
    lessons, _ = learned.load(found.learned, set(titles), found.retired)
    accepted = {(key_of(lesson.query), lesson.issue_id) for lesson in lessons}
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        con = connect(Path(work))
        read, skipped = load(con, logs)
        if product:
            keep_product(con, product, issue_product)
        analytics.add_keys(con, key_of)
        analytics.add_steps(con)
        period = choose_period(con, since, until)
        data = {"read": read, "skipped": skipped, "titles": titles, "product": product, "period": period}
        if period:
            grouping = gaps.Gaps(titles, gaps.Words(found.vocabulary))
            found_gaps = grouping.group(analytics.failing(con, period))
            readers = analytics.readers_of_groups(con, {k: g.name for g in found_gaps.values() for k in g.keys})
            for gap in found_gaps.values():
                gap.readers = readers.get(gap.name, 0)
            shown = sorted(found_gaps.values(), key=lambda g: (-g.readers, -g.searches, g.name))[:TOP_GAPS]
            for gap in shown:
                gap.nearest = grouping.nearest(gap)
            data.update(
                now=analytics.headline(con, period), before=analytics.headline(con, period.before()),
                per_day=analytics.per_day(con, period.until), top=analytics.top_queries(con, period),
                gaps=shown, votes=analytics.unhelpful(con, period), copies=analytics.copies(con, period),
                positions=analytics.positions(con, period), chains=analytics.chains(con, period),
                products=analytics.products(con, period) if issue_product and not product else [])
            taught = analytics.lessons(con, period.until)
        else:
            taught = []
        con.close()
    suggestions = [{"query": query, "key": key, "id": issue, "title": titles.get(issue, ""), "visits": visits,
                    "first_seen": first, "last_seen": last, "accepted": (key, issue) in accepted}
                   for key, query, issue, visits, first, last in taught if issue in titles]
    suggestions.sort(key=lambda s: (-s["visits"], s["query"]))
    still_failing = {(s["key"], s["id"]) for s in suggestions}
    data.update(suggestions=suggestions,
                stopped=[lesson for lesson in lessons if (key_of(lesson.query), lesson.issue_id) in still_failing])
    (out / "index.html").write_text(page.render(data), encoding="utf-8")
    (out / "suggestions.yml").write_text(page.suggestions_yaml([s for s in suggestions if not s["accepted"]]),
                                         encoding="utf-8")
    return data


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 2026-12-01 这样：{text}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dev.py report", description=__doc__.split("\n\n")[0])
    parser.add_argument("logs", nargs="+", type=Path, help="events logs: plain or .gz, several servers' together")
    parser.add_argument("--out", type=Path, required=True, help="where index.html and suggestions.yml go")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site", type=Path, help="the built site readers used (default: site/ beside mkdocs.yml)")
    parser.add_argument("--since", type=_day, help="the period's first day (default: 29 days before --until)")
    parser.add_argument("--until", type=_day, help="the period's last day (default: the log's last day)")
    parser.add_argument("--product", help="a help center's product (its folder or slug): only visits in it")
    args = parser.parse_args(argv)
    if args.since and args.until and args.since > args.until:
        parser.error("--since 晚于 --until")
    try:
        data = build_report(args.logs, args.out, args.config, args.site, args.since, args.until, args.product)
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
