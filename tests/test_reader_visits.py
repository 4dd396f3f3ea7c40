"""What visits teach the search and what the report counts (report/analytics.py), on
events written by hand into DuckDB: table-driven."""

from datetime import date

import duckdb
import pytest

from helpcenter.report import analytics

PERIOD = analytics.Period(date(2026, 12, 1), date(2026, 12, 31))


def search(query: str, none: bool = False) -> dict:
    return {"kind": "search", "query": query, "nothing": none}


def click(query: str, issue: str, rank: int) -> dict:
    return {"kind": "click", "query": query, "issue": issue, "rank": rank}


def vote(issue: str, helpful: bool) -> dict:
    return {"kind": "vote", "issue": issue, "helpful": helpful}


def database(visits: dict[str, list[dict]], day: str = "2026-12-01") -> duckdb.DuckDBPyConnection:
    """visits: visit id -> its events in order (day: the visit's day, or 'visit@day')."""
    con = duckdb.connect()
    con.execute("""CREATE TABLE events (logged TIMESTAMPTZ, day VARCHAR, visit VARCHAR, seq BIGINT, kind VARCHAR,
                   query VARCHAR, results INTEGER, nothing BOOLEAN, issue VARCHAR, rank INTEGER, helpful BOOLEAN,
                   what VARCHAR, product VARCHAR)""")
    for name, events in visits.items():
        visit, _, when = name.partition("@")
        for seq, e in enumerate(events, 1):
            con.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
                        [f"{when or day} 10:00:00+00", when or day, visit, seq, e["kind"], e.get("query"),
                         0 if e.get("nothing") else 5, e.get("nothing", False), e.get("issue"), e.get("rank"),
                         e.get("helpful")])
    analytics.add_keys(con, lambda query: query.replace("？", ""))
    analytics.add_steps(con)
    return con


def taught(con) -> list[tuple]:
    return [(key, query, issue, visits) for key, query, issue, visits, _, _ in
            analytics.lessons(con, PERIOD.until, min_visits=1)]


@pytest.mark.parametrize("events, lessons", [
    pytest.param([search("批下来要多久"), search("审核多久"), click("审核多久", "12", 1)],
                 [("批下来要多久", "批下来要多久", "12", 1)], id="typed-again"),
    pytest.param([search("批下来要多久"), click("批下来要多久", "12", 3)],
                 [("批下来要多久", "批下来要多久", "12", 1)], id="not-first"),
    pytest.param([search("审核多久"), click("审核多久", "12", 1)], [], id="found-first"),
    pytest.param([search("感冒吃什么药"), click("感冒吃什么药", "5", 1)], [], id="off-topic-clicked-first"),
    pytest.param([search("幕布"), click("幕布", "3", 1), search("批下来要多久"), search("审核多久"),
                  click("审核多久", "12", 1)], [("批下来要多久", "批下来要多久", "12", 1)],
                 id="only-the-chain-before-the-last-click"),
    pytest.param([search("批下来要多久")], [], id="left-without-a-click"),
    pytest.param([search("批下来要多久？"), search("批下来要多久"), search("审核多久"), click("审核多久", "12", 1)],
                 [("批下来要多久", "批下来要多久？", "12", 1)], id="one-key-once-in-the-first-words"),
])
def test_lessons_of_one_visit(events, lessons):
    assert taught(database({"v1": events})) == lessons


def test_two_visits_teach_one_visit_never_does():
    failing = [search("批下来要多久"), search("审核多久"), click("审核多久", "12", 1)]
    assert analytics.lessons(database({"v1": failing * 5}), PERIOD.until) == []
    found = analytics.lessons(database({"v1@2026-12-01": failing, "v2@2026-12-03": failing}), PERIOD.until)
    assert found == [("批下来要多久", "批下来要多久", "12", 2, "2026-12-01", "2026-12-03")]
    # a visit after --until is not evidence yet
    assert analytics.lessons(database({"v1@2026-12-01": failing, "v2@2027-01-03": failing}), PERIOD.until) == []


def test_chains_and_queries_without_a_click():
    con = database({"v1": [search("批下来要多久"), search("审核多久"), click("审核多久", "12", 1), search("幕布")]})
    assert sorted(analytics.chains(con, PERIOD)) == [("审核多久", "幕布", None, 1),
                                                     ("批下来要多久", "审核多久", "12", 1)]
    assert [(key, n) for key, n, _ in analytics.failing(con, PERIOD)] == [("幕布", 1), ("批下来要多久", 1)]


def test_headline_figures_and_their_period():
    con = database({
        "a@2026-12-02": [search("幕布"), click("幕布", "3", 1), vote("3", True)],
        "b@2026-12-03": [search("感冒", none=True), search("幕布在哪"), click("幕布在哪", "3", 3), vote("3", False)],
        "c@2026-11-20": [search("幕布"), click("幕布", "3", 2)],  # the period before
    })
    now = analytics.headline(con, PERIOD)
    assert now == {"searches": 3, "visits": 2, "nothing": 1 / 3, "ctr": 2 / 3, "position": 2.0, "helpful": 0.5,
                   "votes": 2}
    before = analytics.headline(con, PERIOD.before())
    assert (before["searches"], before["ctr"], before["position"], before["helpful"]) == (1, 1.0, 2.0, None)
    assert analytics.unhelpful(con, PERIOD) == [("3", 1, 1, ["幕布在哪"])]
    assert analytics.top_queries(con, PERIOD) == [("幕布", 1, 1.0, 0.0), ("幕布在哪", 1, 1.0, 0.0),
                                                  ("感冒", 1, 0.0, 1.0)]


def test_a_period_of_n_days_is_compared_with_the_n_days_before():
    week = analytics.Period(date(2026, 12, 8), date(2026, 12, 14))
    assert (week.days, week.before()) == (7, analytics.Period(date(2026, 12, 1), date(2026, 12, 7)))
