"""The report as files: index.html for editors (readable on a phone, everything inline,
nothing loaded from another host; bar charts as SVG) and suggestions.yml. Every query is
readers' text: escaped, never markup."""

from __future__ import annotations

import html

import yaml

STYLE = """
body { font: 16px/1.6 system-ui, "Noto Sans CJK SC", sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem;
  color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .3rem .4rem;
  border-bottom: 1px solid #eee; vertical-align: top; overflow-wrap: anywhere; }
td.n, th.n { text-align: right; white-space: nowrap; } .muted { color: #555; } .tag { font-size: .8rem;
  padding: 0 .4rem; border-radius: .2rem; background: #e8f5e9; color: #1b5e20; } .warn { background: #fff3e0;
  color: #8a3b00; } svg { max-width: 100%; height: auto; } code { font-size: .9em; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def bars(rows: list[tuple[str, int]], label: str) -> str:
    """A horizontal bar chart as inline SVG (a picture reads better than a column of numbers)."""
    if not rows:
        return "<p class='muted'>没有数据。</p>"
    top = max(n for _, n in rows) or 1
    height, width = 24, 360  # about a phone's width: the text stays legible
    parts = [f'<svg viewBox="0 0 {width} {height * len(rows)}" role="img" aria-label="{_e(label)}">']
    for i, (name, n) in enumerate(rows):
        y = i * height
        length = max(1, int(180 * n / top))
        parts.append(f'<text x="0" y="{y + 16}" font-size="14">{_e(name)}</text>'
                     f'<rect x="110" y="{y + 5}" width="{length}" height="14" fill="#3f51b5"></rect>'
                     f'<text x="{116 + length}" y="{y + 16}" font-size="14">{n}</text>')
    return "".join(parts) + "</svg>"


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


SUGGESTIONS_INTRO = ("<p>在两次以上不同的访问里，读者用这个说法搜索没有直接找到，最后打开了同一个问题。"
                     "审核后把 suggestions.yml 里认可的条目存为 learned 文件（见编辑指南）。</p>")
STOPPED_INTRO = "<p>这些说法已经教给搜索，读者却仍然要换说法或往下翻才找到：检查编号是否对。</p>"
ONE, TWO = frozenset({1}), frozenset({2})


def render(data: dict) -> str:
    titles = data["titles"]

    def counted(rows: list[tuple[str, int]]) -> list[list[object]]:
        return [[_e(text), n] for text, n in rows]
    rank_rows = [("第 10 位以后" if rank > 10 else f"第 {rank} 位", n) for rank, n in data["ranks"]]
    suggestion_rows = [[_e(s["query"]), _issue(s["id"], titles), s["visits"],
                        f"{_e(s['first_seen'])} 至 {_e(s['last_seen'])}",
                        "<span class='tag'>已采纳</span>" if s["accepted"] else "待审核"] for s in data["suggestions"]]
    stopped_rows = [[_e(lesson.query), _issue(lesson.issue_id, titles), lesson.line] for lesson in data["stopped"]]
    chain_rows = [[_e(a), _e(b), _issue(issue, titles), n] for (a, b, issue), n in data["chains"]]
    vote_rows = [[_issue(issue, titles), bad, good] for issue, bad, good in data["votes"]]
    sections = [
        ("概览", f"<p>读了 {data['read']} 行日志，跳过 {data['skipped']} 行无法识别的内容；"
                 f"{data['visits']} 次访问。</p>"),
        ("每天的搜索次数", bars(data["per_day"], "每天的搜索次数")),
        ("搜得最多的说法", table(["搜索词", "次数"], counted(data["top"]), ONE)),
        ("显示“没有找到”的搜索", table(["搜索词", "次数"], counted(data["nothing"]), ONE)),
        ("搜了却没有点开任何结果", table(["搜索词", "次数"], counted(data["unclicked"]), ONE)),
        ("点开的结果排在第几位", bars(rank_rows, "点开的结果排在第几位")),
        ("换个说法再搜", table(["先搜", "接着搜", "最后打开", "次数"], chain_rows, frozenset({3}))),
        ("被标为“没帮助”的回答", table(["问题", "没帮助", "有帮助"], vote_rows, frozenset({1, 2}))),
        ("客服复制最多的回答", table(["问题", "次数"], [[_issue(i, titles), n] for i, n in data["copies"]], ONE)),
        ("建议：让搜索学会读者的说法",
         SUGGESTIONS_INTRO + table(["读者的说法", "应该找到的问题", "访问数", "日期", "状态"], suggestion_rows, TWO)),
        ("已采纳但仍然找不到的说法", STOPPED_INTRO + table(["已采纳的说法", "问题", "所在行"], stopped_rows, TWO)),
    ]
    body = "".join(f"<h2>{_e(title)}</h2>{content}" for title, content in sections)
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>读者报告</title><style>{STYLE}</style></head><body><h1>读者报告</h1>{body}</body></html>\n")


def suggestions_yaml(suggestions: list[dict]) -> str:
    """The suggestions not yet accepted, as the learned file reads them: delete what you
    reject, save the rest as data/learned/<source name>.yml."""
    entries = [{"query": s["query"], "id": int(s["id"]) if s["id"].isdigit() else s["id"], "title": s["title"],
                "visits": s["visits"], "first_seen": s["first_seen"], "last_seen": s["last_seen"]} for s in suggestions]
    head = ("# 读者教给搜索的说法（建议）。删掉你不认可的条目，其余保存为 data/learned/<FAQ 名>.yml\n"
            "# （或追加到已有的 learned 文件里），重新构建后，搜索会把这个问题排在第一位。\n")
    return head + (yaml.safe_dump(entries, allow_unicode=True, sort_keys=False) if entries else "[]\n")
