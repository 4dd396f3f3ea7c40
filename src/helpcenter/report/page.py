"""The report as files: index.html for editors (readable on a phone, everything inline,
nothing loaded from another host; the chart is inline SVG) and suggestions.yml. Every query is
readers' text: escaped, never markup."""

from __future__ import annotations

import html
from datetime import date, timedelta

import yaml

STYLE = """
body { font: 16px/1.6 system-ui, "Noto Sans CJK SC", sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem;
  color: #222; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin-bottom: 0; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; } td, th { text-align: left; padding: .3rem .4rem;
  border-bottom: 1px solid #eee; vertical-align: top; } th { font-size: .85rem; color: #555; }
td.n, th.n { text-align: right; width: 4.2em; } .muted { color: #555; } .tag { font-size: .8rem;
  padding: 0 .4rem; border-radius: .2rem; background: #e8f5e9; color: #1b5e20; }
svg { display: block; width: 100%; max-width: 40rem; height: auto; } code { font-size: .9em; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: .5rem; padding: 0;
  list-style: none; } .figures li { border: 1px solid #ddd; border-radius: .3rem; padding: .4rem .6rem; }
.figures b { display: block; font-size: 1.4rem; } .figures small { display: block; color: #555; }
.up { color: #1b5e20; } .down { color: #b71c1c; } .gaps { padding-left: 1.4rem; } .gaps li { margin-bottom: .8rem; }
.legend i { display: inline-block; width: .8em; height: .8em; margin: 0 .2em 0 .6em; }
"""
GOOD, BAD = "#3f51b5", "#ef6c00"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%" if value >= 0.1 or value == 0 else f"{value * 100:.1f}%"


# headline figures: (key, label, how to show, whether a rise is good: True, False, None = neither)
FIGURES = [("searches", "搜索次数", str, None), ("visits", "访问次数", str, None),
           ("nothing", "显示“没有找到”", _pct, False), ("ctr", "搜索后点开结果", _pct, True),
           ("position", "点开的结果平均排第几", lambda v: "—" if v is None else f"{v:.1f}", False),
           ("helpful", "投票里“有帮助”", _pct, True)]


def _change(key: str, now: object, before: object, rise_is_good: bool | None) -> str:
    if now is None or before is None or (key in ("searches", "visits") and not before):
        return "<small>上一期没有数据</small>"
    if key in ("searches", "visits"):
        delta, text = now - before, f"{(now - before) / before * 100:+.0f}%"
    elif key == "position":
        delta, text = now - before, f"{now - before:+.1f}"
    else:
        delta, text = now - before, f"{(now - before) * 100:+.1f} 个百分点"
    if not any(ch in "123456789" for ch in text):  # +0%, -0.0: too small to show
        return "<small>与上一期持平</small>"
    tone = "" if rise_is_good is None else " class=up" if (delta > 0) == rise_is_good else " class=down"
    return f"<small{tone}>比上一期 {_e(text)}</small>"


def figures(now: dict, before: dict) -> str:
    items = "".join(f"<li><span>{_e(label)}</span><b>{_e(show(now[key]))}</b>"
                    f"{_change(key, now[key], before[key], good)}</li>" for key, label, show, good in FIGURES)
    return f"<ul class='figures'>{items}</ul>"


def columns(rows: list[tuple[str, int, int]], period) -> str:
    """Searches over time as columns in one fixed box (about a phone screen's width, a
    third of its height): a day each up to 120 days, a week each beyond; 没有找到 stacked in
    orange; the period read in full colour, the days before it lighter."""
    if not rows:
        return "<p class='muted'>没有数据。</p>"
    weekly = (date.fromisoformat(rows[-1][0]) - date.fromisoformat(rows[0][0])).days >= 120
    buckets: dict[str, list[int]] = {}
    for day, n, nothing in rows:
        when = date.fromisoformat(day)
        start = (when - timedelta(days=when.weekday())).isoformat() if weekly else day
        bucket = buckets.setdefault(start, [0, 0])
        bucket[0] += n
        bucket[1] += nothing
    width, height, top_pad, bottom = 360, 150, 16, 18
    top = max(n for n, _ in buckets.values()) or 1
    step = width / len(buckets)
    bar = max(step * 0.8, 0.5)
    parts = []
    for k, (start, (n, nothing)) in enumerate(buckets.items()):
        x = k * step
        inside = period.since.isoformat() <= start <= period.until.isoformat() or (
            weekly and start <= period.since.isoformat() <= (date.fromisoformat(start) + timedelta(days=6)).isoformat())
        opacity = "" if inside else ' opacity=".35"'
        full = (height - top_pad - bottom) * n / top
        part = (height - top_pad - bottom) * nothing / top
        label = f"{start}{' 起一周' if weekly else ''}：{n} 次搜索，{nothing} 次没有找到"
        parts.append(f'<g{opacity}><title>{_e(label)}</title>'
                     f'<rect x="{x:.2f}" y="{height - bottom - full:.2f}" width="{bar:.2f}" height="{full:.2f}" '
                     f'fill="{GOOD}"></rect><rect x="{x:.2f}" y="{height - bottom - part:.2f}" width="{bar:.2f}" '
                     f'height="{part:.2f}" fill="{BAD}"></rect></g>')
    first, last = next(iter(buckets)), list(buckets)[-1]
    axis = (f'<text x="0" y="11" font-size="11" fill="#555">最多 {top} 次</text>'
            f'<text x="0" y="{height - 4}" font-size="11" fill="#555">{_e(first)}</text>'
            f'<text x="{width}" y="{height - 4}" font-size="11" fill="#555" text-anchor="end">{_e(last)}</text>')
    legend = (f"<p class='legend muted'>{'每周' if weekly else '每天'}的搜索次数<i style='background:{GOOD}'></i>"
              f"搜索<i style='background:{BAD}'></i>其中“没有找到”；浅色是本期以前。</p>")
    return (f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{"每周" if weekly else "每天"}的搜索次数">'
            f'{axis}{"".join(parts)}</svg>{legend}')


def table(header: list[str], rows: list[list[object]], numeric: frozenset[int] = frozenset()) -> str:
    """Cells are HTML already (readers' text escaped by the caller)."""
    if not rows:
        return "<p class='muted'>没有数据。</p>"

    def cell(tag: str, i: int, content: object) -> str:
        return f"<{tag}{' class=n' if i in numeric else ''}>{content}</{tag}>"
    head = "".join(cell("th", i, _e(h)) for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _issue(issue: str | None, titles: dict[str, str]) -> str:
    if not issue:
        return "<span class='muted'>（没有点击）</span>"
    return f"#{_e(issue)} {_e(titles.get(issue, '（已删除或未知）'))}"


def gap_list(gaps: list, titles: dict[str, str]) -> str:
    if not gaps:
        return "<p class='muted'>没有找不到答案的搜索。</p>"
    items = []
    for gap in gaps:
        said = "、".join(f"“{_e(text)}”{f'（{n} 次）' if n > 1 else ''}" for text, n in gap.phrasings.most_common(5))
        more = f" 等 {len(gap.phrasings)} 种说法" if len(gap.phrasings) > 5 else ""
        near = _issue(gap.nearest, titles) if gap.nearest else "<span class='muted'>没有相近的问题</span>"
        items.append(f"<li><b>{_e(gap.label)}</b>：{gap.readers} 位读者，{gap.searches} 次搜索"
                     f"<br>读者的说法：{said}{more}<br><span class='muted'>最接近的现有问题：</span>{near}</li>")
    return f"<ol class='gaps'>{''.join(items)}</ol>"


GAPS_INTRO = ("<p>显示“没有找到”或搜了没有点开任何结果的搜索，按问的是什么归在一起（用搜索自己的分词和同义词），"
              "受影响的读者多的在前：这是该补写的 FAQ 条目。</p>")
SUGGESTIONS_INTRO = ("<p>在两次以上不同的访问里，读者用这个说法搜索没有直接找到，最后打开了同一个问题。"
                     "审核后把 suggestions.yml 里认可的条目存为 learned 文件（见编辑指南）。</p>")
STOPPED_INTRO = "<p>这些说法已经教给搜索，读者却仍然要换说法或往下翻才找到：检查编号是否对。</p>"
ONE, TWO = frozenset({1}), frozenset({2})


def render(data: dict) -> str:
    titles = data["titles"]
    period = data["period"]
    product = f"（产品 {_e(data['product'])}）" if data.get("product") else ""
    intro = f"<p class='muted'>读了 {data['read']} 行日志，跳过 {data['skipped']} 行无法识别的内容。</p>"
    if not period:
        sections = [("概览", intro + "<p class='muted'>日志里没有读者的事件。</p>")]
    else:
        before = period.before()
        intro = (f"<p>本期 {period.since} 至 {period.until}（{period.days} 天），与上一期 {before.since} 至 "
                 f"{before.until} 比较。</p>") + intro
        top_rows = [[_e(text), n, _pct(ctr), _pct(none)] for text, n, ctr, none in data["top"]]
        rank_rows = [["第 10 位以后" if rank > 10 else f"第 {rank} 位", n] for rank, n in data["positions"]]
        vote_rows = [[_issue(issue, titles) + ("<br><span class='muted'>读者搜的是：</span>"
                                               + "、".join(f"“{_e(q)}”" for q in queries) if queries else ""),
                      bad, good] for issue, bad, good, queries in data["votes"]]
        chain_rows = [[_e(a), _e(b), _issue(issue, titles), n] for a, b, issue, n in data["chains"]]
        product_rows = [[_e(p or "首页（不在某个产品里）"), n, _pct(none), _pct(ctr)]
                        for p, n, none, ctr in data["products"]]
        sections = [
            ("概览", intro + figures(data["now"], data["before"])),
            ("搜索次数", columns(data["per_day"], period)),
            ("内容缺口：读者要找却没有的答案", GAPS_INTRO + gap_list(data["gaps"], titles)),
            ("搜得最多的说法", table(["搜索词", "次数", "点开", "没找到"], top_rows, frozenset({1, 2, 3}))),
            ("被标为“没帮助”的回答", table(["问题", "没帮助", "有帮助"], vote_rows, frozenset({1, 2}))),
        ]
        if product_rows:
            sections.append(("各产品", table(["在哪个产品的页面上搜", "次数", "没找到", "点开"], product_rows,
                                           frozenset({1, 2, 3}))))
        sections += [
            ("换个说法再搜", table(["先搜", "接着搜", "最后打开", "次数"], chain_rows, frozenset({3}))),
            ("点开的结果排在第几位", table(["位置", "次数"], rank_rows, ONE)),
            ("客服复制最多的回答", table(["问题", "次数"], [[_issue(i, titles), n] for i, n in data["copies"]], ONE)),
        ]
    suggestion_rows = [[_e(s["query"]), _issue(s["id"], titles), s["visits"],
                        f"{_e(s['first_seen'])} 至 {_e(s['last_seen'])}",
                        "<span class='tag'>已采纳</span>" if s["accepted"] else "待审核"] for s in data["suggestions"]]
    stopped_rows = [[_e(lesson.query), _issue(lesson.issue_id, titles), lesson.line] for lesson in data["stopped"]]
    sections += [
        ("建议：让搜索学会读者的说法",
         SUGGESTIONS_INTRO + table(["读者的说法", "应该找到的问题", "访问", "日期", "状态"], suggestion_rows, TWO)),
        ("已采纳但仍然找不到的说法", STOPPED_INTRO + table(["已采纳的说法", "问题", "所在行"], stopped_rows, TWO)),
    ]
    body = "".join(f"<h2>{_e(title)}</h2>{content}" for title, content in sections)
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>读者报告</title><style>{STYLE}</style></head><body><h1>读者报告{product}</h1>{body}"
            f"</body></html>\n")


def suggestions_yaml(suggestions: list[dict]) -> str:
    """The suggestions not yet accepted, as the learned file reads them: delete what you
    reject, save the rest as data/learned/<source name>.yml."""
    entries = [{"query": s["query"], "id": int(s["id"]) if s["id"].isdigit() else s["id"], "title": s["title"],
                "visits": s["visits"], "first_seen": s["first_seen"], "last_seen": s["last_seen"]} for s in suggestions]
    head = ("# 读者教给搜索的说法（建议）。删掉你不认可的条目，其余保存为 data/learned/<FAQ 名>.yml\n"
            "# （或追加到已有的 learned 文件里），重新构建后，搜索会把这个问题排在第一位。\n")
    return head + (yaml.safe_dump(entries, allow_unicode=True, sort_keys=False) if entries else "[]\n")
