"""One visit's events, in order, and what they teach: a query whose visit ended with a
click on an issue after the query itself failed (the issue was not first, or the reader
had to type again). Pure functions, no database."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Event:
    kind: str  # search, click
    query: str  # as typed (personal data removed in the browser)
    key: str  # the query as search compares it (learned.query_key)
    issue: str | None = None  # click: the issue opened
    rank: int | None = None  # click: its place in the list


@dataclass
class Evidence:
    """A (query, issue) pair readers showed: in which visits, when, in which words."""

    visits: set[str] = field(default_factory=set)
    first: str = ""
    last: str = ""
    wordings: Counter = field(default_factory=Counter)

    def add(self, visit: str, day: str, query: str) -> None:
        self.visits.add(visit)
        self.first = min(self.first or day, day)
        self.last = max(self.last, day)
        self.wordings[query] += 1


def lessons(events: list[Event]) -> list[tuple[str, str, str]]:
    """(key, query, issue) each query of the visit taught: the events from the visit's
    second-to-last click up to its last click; every search in it whose words differ
    from the clicked result's query (the reader typed again), and that query itself when
    the issue was not first."""
    clicks = [n for n, event in enumerate(events) if event.kind == "click" and event.issue]
    if not clicks:
        return []
    end = clicks[-1]
    start = clicks[-2] + 1 if len(clicks) > 1 else 0
    final = events[end]
    taught = {}
    for event in events[start:end]:
        if event.kind == "search" and event.key and event.key != final.key:
            taught.setdefault(event.key, event.query)
    if final.key and (final.rank or 1) > 1:
        taught.setdefault(final.key, final.query)
    return [(key, query, final.issue) for key, query in taught.items()]


def chains(events: list[Event]) -> list[tuple[str, str, str | None]]:
    """(query, the query typed next, the issue clicked after it or None)."""
    out = []
    searches = [n for n, event in enumerate(events) if event.kind == "search" and event.key]
    for a, b in zip(searches, searches[1:], strict=False):
        if events[a].key == events[b].key:
            continue
        after = next((e for e in events[b + 1:] if e.kind in ("click", "search")), None)
        out.append((events[a].query, events[b].query, after.issue if after and after.kind == "click" else None))
    return out


def unclicked(events: list[Event]) -> list[str]:
    """Queries no click followed before the next search or the end of the visit."""
    out = []
    for n, event in enumerate(events):
        if event.kind != "search" or not event.key:
            continue
        following = next((e for e in events[n + 1:] if e.kind in ("click", "search")), None)
        if following is None or following.kind == "search":
            out.append(event.query)
    return out


def suggest(visits: Iterable[tuple[str, str, list[Event]]], min_visits: int = 2) -> dict[tuple[str, str], Evidence]:
    """(key, issue) -> its evidence, for pairs taught in at least `min_visits` different
    visits: one visit alone, however many events, never teaches the search.
    visits: (visit id, day, its events in order)."""
    found: dict[tuple[str, str], Evidence] = defaultdict(Evidence)
    for visit, day, events in visits:
        for key, query, issue in lessons(events):
            found[key, issue].add(visit, day, query)
    return {pair: evidence for pair, evidence in found.items() if len(evidence.visits) >= min_visits}
