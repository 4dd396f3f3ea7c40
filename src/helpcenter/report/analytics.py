"""What the events say, in SQL over the `events` table (load.py): headline figures of a
period and of the one before it, searches per day, top queries, failing queries, 没帮助
votes, what a visit taught (the suggestions). DuckDB spills what does not fit in memory,
so a log of ten million lines needs no more than its memory limit; Python sees only the
aggregates.

Every query is grouped by its key (index/key.py, the search's own rule), computed once per
distinct query and joined in as table `keys`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

TOP = 20
FAILING = 3000  # failing query keys handed to the content-gap grouping, the most searched first


@dataclass(frozen=True)
class Period:
    since: date
    until: date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def before(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.since - timedelta(days=self.days), self.since - timedelta(days=1))

    def sql(self, column: str = "day") -> str:
        return f"({column} BETWEEN '{self.since.isoformat()}' AND '{self.until.isoformat()}')"


def add_keys(con: duckdb.DuckDBPyConnection, key_of: Callable[[str], str]) -> None:
    """Table `keys` (query, key) for every distinct query of the log."""
    queries = [q for (q,) in con.execute("SELECT DISTINCT query FROM events WHERE query IS NOT NULL").fetchall()]
    con.execute("CREATE OR REPLACE TABLE keys AS SELECT unnest(?::VARCHAR[]) AS query, unnest(?::VARCHAR[]) AS key",
                [queries, [key_of(q) for q in queries]])


def add_steps(con: duckdb.DuckDBPyConnection) -> None:
    """Table `steps`: each visit's searches and clicks in order (i), each with its key and
    what came next (a click right after a search is a search that led somewhere)."""
    con.execute("""
        CREATE OR REPLACE TABLE steps AS
        SELECT *, lead(kind) OVER w AS next_kind, lead(issue) OVER w AS next_issue
        FROM (SELECT e.visit, e.day, e.kind, e.query, coalesce(k.key, '') AS key, e.issue, e.rank,
                     coalesce(e.nothing OR e.results = 0, false) AS nothing, e.product,
                     row_number() OVER (PARTITION BY e.visit ORDER BY e.seq NULLS LAST, e.logged) AS i
              FROM events e LEFT JOIN keys k USING (query)
              WHERE e.kind IN ('search', 'click'))
        WINDOW w AS (PARTITION BY visit ORDER BY i)""")


def span(con: duckdb.DuckDBPyConnection) -> tuple[date, date] | None:
    first, last = con.execute("SELECT min(day), max(day) FROM events").fetchone()
    if not first:
        return None
    return date.fromisoformat(first), date.fromisoformat(last)


def headline(con: duckdb.DuckDBPyConnection, period: Period) -> dict:
    """Searches, visits, the 没有找到 rate, the click-through rate, the mean position of
    clicks and the 有帮助 rate of a period (None where there is nothing to divide)."""
    where = period.sql()
    searches, nothing, clicked, clicks, position = con.execute(f"""
        SELECT count(*) FILTER (kind = 'search'), count(*) FILTER (kind = 'search' AND nothing),
               count(*) FILTER (kind = 'search' AND next_kind = 'click'),
               count(*) FILTER (kind = 'click' AND rank >= 1), avg(rank) FILTER (kind = 'click' AND rank >= 1)
        FROM steps WHERE {where}""").fetchone()
    visits, helpful, votes = con.execute(f"""
        SELECT count(DISTINCT visit), count(*) FILTER (kind = 'vote' AND helpful),
               count(*) FILTER (kind = 'vote' AND helpful IS NOT NULL)
        FROM events WHERE {where}""").fetchone()

    def rate(part: int, whole: int) -> float | None:
        return part / whole if whole else None
    return {"searches": searches, "visits": visits, "nothing": rate(nothing, searches),
            "ctr": rate(clicked, searches), "position": position if clicks else None,
            "helpful": rate(helpful, votes), "votes": votes}


def per_day(con: duckdb.DuckDBPyConnection, until: date) -> list[tuple[str, int, int]]:
    """(day, searches, of them 没有找到) for every day of the log up to `until`."""
    return con.execute(f"""
        SELECT day, count(*), count(*) FILTER (nothing) FROM steps
        WHERE kind = 'search' AND day <= '{until.isoformat()}' GROUP BY 1 ORDER BY 1""").fetchall()


def top_queries(con: duckdb.DuckDBPyConnection, period: Period) -> list[tuple]:
    """(phrasing readers used most, searches, click-through rate, 没有找到 rate) per key."""
    return con.execute(f"""
        SELECT mode(query), count(*) AS n, avg((next_kind = 'click')::INT), avg(nothing::INT)
        FROM steps WHERE kind = 'search' AND key <> '' AND {period.sql()}
        GROUP BY key ORDER BY n DESC, 1 LIMIT {TOP}""").fetchall()


def failing(con: duckdb.DuckDBPyConnection, period: Period) -> list[tuple[str, int, list]]:
    """(key, searches, [[phrasing, searches]…]) of searches that found nothing or led to no
    click, the most searched keys first: what the content gaps are grouped from."""
    con.execute(f"""
        CREATE OR REPLACE TABLE failed AS
        SELECT visit, key, query FROM steps
        WHERE kind = 'search' AND key <> '' AND (nothing OR next_kind IS DISTINCT FROM 'click') AND {period.sql()}""")
    return con.execute(f"""
        SELECT key, sum(n) AS total, list([query, n::VARCHAR] ORDER BY n DESC, query)
        FROM (SELECT key, query, count(*) AS n FROM failed GROUP BY 1, 2)
        GROUP BY key ORDER BY total DESC, key LIMIT {FAILING}""").fetchall()


def readers_of_groups(con: duckdb.DuckDBPyConnection, group_of: dict[str, str]) -> dict[str, int]:
    """Distinct visits behind each group of failing keys (a reader who tried three
    phrasings is one reader), from the table `failing` made."""
    if not group_of:
        return {}
    con.execute("CREATE OR REPLACE TABLE groups AS SELECT unnest(?::VARCHAR[]) AS key, unnest(?::VARCHAR[]) AS grp",
                [list(group_of), list(group_of.values())])
    return dict(con.execute("""SELECT grp, count(DISTINCT visit) FROM failed JOIN groups USING (key)
                               GROUP BY grp""").fetchall())


def unhelpful(con: duckdb.DuckDBPyConnection, period: Period) -> list[tuple[str, int, int, list[str]]]:
    """(issue, 没帮助 votes, 有帮助 votes, the queries whose click opened it in those visits)."""
    return con.execute(f"""
        WITH votes AS (
            SELECT issue, count(*) FILTER (NOT helpful) AS bad, count(*) FILTER (helpful) AS good
            FROM events WHERE kind = 'vote' AND issue IS NOT NULL AND {period.sql()} GROUP BY 1 HAVING bad > 0),
        led AS (
            SELECT v.issue, s.query, count(*) AS n
            FROM events v JOIN steps s ON s.visit = v.visit AND s.kind = 'click' AND s.issue = v.issue
            WHERE v.kind = 'vote' AND NOT v.helpful AND {period.sql('v.day')} AND s.query <> ''
            GROUP BY 1, 2)
        SELECT votes.issue, bad, good,
               coalesce((SELECT list(query ORDER BY n DESC, query)[:5] FROM led WHERE led.issue = votes.issue), [])
        FROM votes ORDER BY bad DESC, issue LIMIT {TOP}""").fetchall()


def copies(con: duckdb.DuckDBPyConnection, period: Period) -> list[tuple[str, int]]:
    return con.execute(f"""SELECT issue, count(*) FROM events
                           WHERE kind = 'copy' AND issue IS NOT NULL AND {period.sql()}
                           GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {TOP}""").fetchall()


def positions(con: duckdb.DuckDBPyConnection, period: Period) -> list[tuple[int, int]]:
    return con.execute(f"""SELECT least(rank, 11), count(*) FROM steps
                           WHERE kind = 'click' AND rank >= 1 AND {period.sql()} GROUP BY 1 ORDER BY 1""").fetchall()


def chains(con: duckdb.DuckDBPyConnection, period: Period) -> list[tuple[str, str, str | None, int]]:
    """(query, the query typed next instead, the issue opened after it or None, visits)."""
    return con.execute(f"""
        WITH searches AS (
            SELECT visit, day, i, query, key, lead(query) OVER w AS then, lead(key) OVER w AS then_key,
                   lead(i) OVER w AS then_i
            FROM steps WHERE kind = 'search' AND key <> ''
            WINDOW w AS (PARTITION BY visit ORDER BY i))
        SELECT s.query, s.then, CASE WHEN after.next_kind = 'click' THEN after.next_issue END AS opened, count(*) AS n
        FROM searches s JOIN steps after ON after.visit = s.visit AND after.i = s.then_i
        WHERE s.then_key <> s.key AND {period.sql('s.day')}
        GROUP BY 1, 2, 3 ORDER BY n DESC, 1, 2 LIMIT {TOP}""").fetchall()


def lessons(con: duckdb.DuckDBPyConnection, until: date, min_visits: int = 2) -> list[tuple]:
    """(key, the phrasing readers used most, issue, visits, first day, last day) for each
    query readers taught in at least `min_visits` visits up to `until`: one visit alone,
    however many events, never teaches the search.

    What a visit teaches: the events from its second-to-last click up to its last click;
    every search in it whose key differs from the clicked result's query (the reader typed
    again), and that query itself when the issue was not first."""
    return con.execute(f"""
        WITH clicks AS (
            SELECT visit, i, key, query, issue, rank, row_number() OVER (PARTITION BY visit ORDER BY i DESC) AS back
            FROM steps WHERE kind = 'click' AND issue IS NOT NULL AND day <= '{until.isoformat()}'),
        final AS (
            SELECT l.visit, l.i, l.key, l.query, l.issue, l.rank, coalesce(p.i, 0) AS start
            FROM clicks l LEFT JOIN clicks p ON p.visit = l.visit AND p.back = 2 WHERE l.back = 1),
        taught AS (
            SELECT s.visit, s.key, s.query, s.i, f.issue FROM final f
            JOIN steps s ON s.visit = f.visit AND s.i > f.start AND s.i < f.i
            WHERE s.kind = 'search' AND s.key <> '' AND s.key <> f.key
            UNION ALL
            SELECT visit, key, query, i, issue FROM final WHERE key <> '' AND coalesce(rank, 1) > 1),
        firsts AS (  -- one lesson per key in a visit, in the words the reader first used
            SELECT visit, key, issue, arg_min(query, i) AS query FROM taught GROUP BY 1, 2, 3),
        dated AS (
            SELECT f.*, v.day FROM firsts f
            JOIN (SELECT visit, min(day) AS day FROM steps GROUP BY 1) v USING (visit))
        SELECT key, mode(query), issue, count(DISTINCT visit) AS visits, min(day), max(day)
        FROM dated GROUP BY key, issue HAVING count(DISTINCT visit) >= {min_visits}
        ORDER BY visits DESC, 2""").fetchall()


def products(con: duckdb.DuckDBPyConnection, period: Period) -> list[tuple[str, int, float, float]]:
    """(product, searches, 没有找到 rate, click-through rate) of searches typed on each
    product's pages; those typed on pages of no product (the home page) under ''."""
    return con.execute(f"""
        SELECT coalesce(product, ''), count(*) AS n, avg(nothing::INT), avg((next_kind = 'click')::INT)
        FROM steps WHERE kind = 'search' AND {period.sql()} GROUP BY 1 ORDER BY n DESC, 1""").fetchall()
