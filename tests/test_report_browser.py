"""The readers' report as editors read it: a generated quarter (and a year) of events on
the default content, the report at 390 px on a phone in Chromium: headline figures with
their change, one chart that fits the screen, content gaps grouped, a period and a
product to read, no sideways scrolling."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pytest

from conftest import ROOT
from helpcenter.report.cli import main as report

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
# one missing answer asked in many ways (no FAQ entry says 盗用), and queries that work
STOLEN = ["备案号被盗用怎么办", "别人盗用我的备案号", "备案号被人盗用了？", "发现有人盗用我们公司的备案号",
          "备案号盗用怎么投诉"]
FOUND = [("工商信息不匹配", "4"), ("人脸检测过不去", "13"), ("幕布", "15")]


def write_quarter(path, days: int, first: date, *, product: str | None = None, visits: str = "") -> None:
    """Visits each day: readers who find their answer, readers asking for the missing one,
    votes; more of them in the last month, so the figures move against the month before."""
    rng = random.Random(7)
    lines = []
    for d in range(days):
        day = first + timedelta(days=d)
        for v in range(4 + (3 if d >= days - 30 else 0)):
            visit = f"{visits}{d:04d}{v:04d}"
            events = []
            if v % 2:
                query = rng.choice(STOLEN)
                events.append({"e": "search", "q": query, "r": 3, "none": v % 4 == 1})
            else:
                query, issue = rng.choice(FOUND)
                events += [{"e": "search", "q": query, "r": 8, "none": False},
                           {"e": "click", "q": query, "id": issue, "rank": 1 + v % 3},
                           {"e": "vote", "id": issue, "helpful": v % 6 != 2}]
            for n, event in enumerate(events, 1):
                body = {"v": 1, "s": visit, "n": n, **({"p": product} if product else {}), **event}
                lines.append(json.dumps({"t": f"{day.isoformat()}T10:00:00+08:00",
                                         "b": json.dumps(body, ensure_ascii=False)}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def phone(fresh_page):
    def open_report(folder):
        page = fresh_page(**PHONE)
        page.goto((folder / "index.html").as_uri())
        return page
    return open_report


def fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    chart = page.locator("svg").first.bounding_box()
    assert chart["width"] <= 390 and chart["height"] <= 600


def test_a_quarter_read_by_an_editor_on_a_phone(tmp_path, phone):
    log = tmp_path / "events.log"
    write_quarter(log, 91, date(2026, 9, 2))
    assert report([str(log), "--out", str(tmp_path / "out")]) == 0
    page = phone(tmp_path / "out")
    fits_the_phone(page)
    assert page.locator("svg rect").count() == 2 * 91  # a column a day: searches, and 没有找到 within
    assert "本期 2026-11-02 至 2026-12-01（30 天），与上一期 2026-10-03 至 2026-11-01 比较" in page.inner_text("body")
    figures = page.locator(".figures li")
    assert figures.count() == 6
    searches = figures.filter(has_text="搜索次数")
    assert searches.locator("b").inner_text() == "210"  # 7 visits a day, a search each
    assert "比上一期 +75%" in searches.inner_text()  # 7 visits a day against 4
    # the missing answer, asked five ways, is one gap, first
    gap = page.locator(".gaps li").first
    assert set(gap.locator("b").inner_text().split(" · ")) == {"盗用", "备案号"}
    assert all(phrasing in gap.inner_text() for phrasing in STOLEN)
    assert page.locator(".gaps li").count() == 1
    # top queries with their click-through and 没有找到 rates
    row = page.locator("table", has=page.locator("th", has_text="点开")).first.locator("tr", has_text="工商信息不匹配")
    assert row.locator("td").nth(2).inner_text() == "100%" and row.locator("td").nth(3).inner_text() == "0%"


def test_a_year_is_drawn_by_the_week_and_still_fits(tmp_path, phone):
    log = tmp_path / "events.log"
    write_quarter(log, 365, date(2025, 12, 2))
    assert report([str(log), "--out", str(tmp_path / "out"), "--since", "2026-09-01", "--until", "2026-11-30"]) == 0
    page = phone(tmp_path / "out")
    fits_the_phone(page)
    weeks = page.locator("svg g").count()
    assert 52 <= weeks <= 54
    assert "本期 2026-09-01 至 2026-11-30（91 天）" in page.inner_text("body")


def test_a_product_of_a_help_center(tmp_path, phone, monkeypatch):
    """The five corpus products as one site: --product reads the visits in one of them."""
    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is absent (it sits beside the project in CI)")
    monkeypatch.setenv("KB_SOURCE", str(corpus))
    monkeypatch.setenv("KB_IDS", str(ROOT / "data" / "ids" / "corpus.tsv"))
    cos = tmp_path / "cos.log"
    write_quarter(cos, 10, date(2026, 11, 20), product="cos-faq")
    cdn = tmp_path / "cdn.log"
    write_quarter(cdn, 10, date(2026, 11, 20), product="cdn-faq", visits="cdn")
    assert report([str(cos), str(cdn), "--out", str(tmp_path / "all")]) == 0
    both = phone(tmp_path / "all")
    fits_the_phone(both)
    per_product = both.locator("table", has=both.locator("th", has_text="在哪个产品的页面上搜"))
    assert per_product.locator("tbody tr").count() == 2
    assert report([str(cos), str(cdn), "--out", str(tmp_path / "cos"), "--product", "cos-faq"]) == 0
    one = phone(tmp_path / "cos")
    assert "读者报告（产品 cos-faq）" in one.inner_text("h1")
    total = int(both.locator(".figures li", has_text="搜索次数").locator("b").inner_text())
    assert int(one.locator(".figures li", has_text="搜索次数").locator("b").inner_text()) == total // 2
    assert report([str(cos), "--out", str(tmp_path / "none"), "--product", "no-such"]) == 1
