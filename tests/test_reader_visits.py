"""What a visit teaches the search (readers/visits.py), without a database: table-driven."""

import pytest

from helpcenter.report.visits import Event, chains, lessons, suggest, unclicked


def search(query: str) -> Event:
    return Event("search", query, query)


def click(query: str, issue: str, rank: int) -> Event:
    return Event("click", query, query, issue, rank)


@pytest.mark.parametrize("events, taught", [
    pytest.param([search("批下来要多久"), search("审核多久"), click("审核多久", "12", 1)],
                 [("批下来要多久", "批下来要多久", "12")], id="typed-again"),
    pytest.param([search("批下来要多久"), click("批下来要多久", "12", 3)],
                 [("批下来要多久", "批下来要多久", "12")], id="not-first"),
    pytest.param([search("审核多久"), click("审核多久", "12", 1)], [], id="found-first"),
    pytest.param([search("感冒吃什么药"), click("感冒吃什么药", "5", 1)], [], id="off-topic-clicked-first"),
    pytest.param([search("幕布"), click("幕布", "3", 1), search("批下来要多久"), search("审核多久"),
                  click("审核多久", "12", 1)], [("批下来要多久", "批下来要多久", "12")],
                 id="only-the-chain-before-the-last-click"),
    pytest.param([search("批下来要多久")], [], id="left-without-a-click"),
])
def test_lessons_of_one_visit(events, taught):
    assert lessons(events) == taught


def test_two_visits_teach_one_visit_never_does():
    failing = [search("批下来要多久"), search("审核多久"), click("审核多久", "12", 1)]
    one_visit_many_times = [("v1", "2026-12-01", failing * 5)]
    assert suggest(one_visit_many_times) == {}
    found = suggest([("v1", "2026-12-01", failing), ("v2", "2026-12-03", failing)])
    evidence = found["批下来要多久", "12"]
    assert evidence.visits == {"v1", "v2"} and (evidence.first, evidence.last) == ("2026-12-01", "2026-12-03")


def test_chains_and_queries_without_a_click():
    events = [search("批下来要多久"), search("审核多久"), click("审核多久", "12", 1), search("幕布")]
    assert chains(events) == [("批下来要多久", "审核多久", "12"), ("审核多久", "幕布", None)]
    assert unclicked(events) == ["批下来要多久", "幕布"]
