"""Parse one FAQ file of Tencent Cloud's documentation dialect into its Questions and Topics.

The rules (documented in the README):
- a `###` heading whose text holds `？` or `?` starts an issue; its answer runs to
  the next heading of level 1-3, so `####` and deeper stay inside the answer;
- so does a `###` heading that states a symptom instead of asking (an error
  message in quotes, or 提示/失败/打不开/收不到 …: "### 短信核验校验链接打不开"):
  troubleshooting entries are written that way, and readers paste exactly that text;
- a `[](id:name)` on a heading is the dialect's anchor: it is removed from the title
  and `name` is kept as an anchor, and so are `<span id="name">` and `[](id:name)`
  lines standing right before the heading and an `id` on markup inside it;
- a title is shown as text: inline markup in it (`<span id="jump">…</span>`,
  `code`, **bold**, [links](…), &nbsp;) gives its words, not its syntax;
- everything else (text before the first heading, `##` sections and their
  intro, `###` headings that are not questions with their body) is a Topic, shown
  on the category page in source order; a `##` heading also names the section
  of the issues below it.
Every source line ends up in exactly one Issue or Topic.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from helpcenter.dialect.fences import code_lines
from helpcenter.model import Diagnostic, Question, Topic

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?!#)[ \t]*(.*?)(?:[ \t]+#+)?[ \t]*$")  # up to 3 spaces, as CommonMark
_SPAN_ANCHOR = re.compile(r'^\s*(?:<(?:span|a)\s+(?:id|name)="([^"]+)"\s*>\s*</(?:span|a)>|\[\]\(id:([^)\s]+)\))\s*$')


# words that make a heading a symptom ("…打不开") rather than a section ("游戏类")
SYMPTOM_WORDS = ("提示", "报错", "错误", "失败", "打不开", "收不到", "无法", "未通过", "不通过", "超时",
                 "异常", "黑屏", "显示“", "显示\"", "不上")
_QUOTED_MESSAGE = re.compile(r"[“「\"][^”」\"]{4,}[”」\"]")
# a status code a reader sees (接入 CDN 返回514, 出现404状态), and a question asked without
# its mark (如何配置 CDN 的 IP 黑白名单, CDN 中间源是什么)
_STATUS = re.compile(r"(?:返回|出现)\s*[1-5]\d\d(?!\d)")
_ASKED = re.compile(r"^(?:如何|怎么|怎样|为什么|为何|能否|是否|可否)|(?:是什么|吗)[。.]?$")


def is_question(text: str) -> bool:
    """A `###` heading with this text starts an issue: it asks, or it names a symptom."""
    return ("？" in text or "?" in text or any(word in text for word in SYMPTOM_WORDS)
            or bool(_QUOTED_MESSAGE.search(text) or _STATUS.search(text) or _ASKED.search(text)))


ANCHOR = re.compile(r"\[([^\[\]]*)\]\(id:([^)\s]+)\)")  # [](id:x), or [标题](id:x) around the words
_ID_IN_ANSWER = re.compile(r"<(?:span|a)\s+(?:id|name)=\"([^\"]+)\"")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_INLINE_TAG = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")
_ID_ATTRIBUTE = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
_STRONG = re.compile(r"(\*\*|__)(.+?)\1")


def title_text(heading: str) -> tuple[str, list[str]]:
    """A heading's text as a reader sees it, and the anchors written in it:
    `<span id="jump">调用接口耗时比较长怎么办</span>？` -> ("调用接口耗时比较长怎么办？", ["jump"]).
    Code keeps its words as written (`<a>` stays), without the backticks."""
    anchors: list[str] = []
    parts = []
    for n, piece in enumerate(_CODE_SPAN.split(heading)):
        if n % 3 == 1:
            continue  # the backticks of a code span
        if n % 3 == 2:
            parts.append(piece.strip())
            continue
        anchors += [name for _, name in ANCHOR.findall(piece)]
        piece = ANCHOR.sub(r"\1", piece)
        for tag in _INLINE_TAG.findall(piece):
            anchors += _ID_ATTRIBUTE.findall(tag)
        piece = _STRONG.sub(r"\2", _LINK.sub(r"\1", _INLINE_TAG.sub("", piece)))
        parts.append(html.unescape(piece))
    return re.sub(r"\s+", " ", "".join(parts)).strip(), anchors


def headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(index, level, text) of every ATX heading outside fenced code."""
    found = []
    for i, (line, code) in enumerate(zip(lines, code_lines(lines), strict=True)):
        if code:
            continue
        match = _HEADING.match(line)
        if match:
            found.append((i, len(match.group(1)), match.group(2)))
    return found


def _leading_anchors(body_lines: list[str]) -> tuple[list[str], list[str]]:
    """Split `<span id>` lines (and blanks) off the end of a block: they belong
    to the heading that follows."""
    anchors: list[str] = []
    end = len(body_lines)
    while end:
        line = body_lines[end - 1]
        match = _SPAN_ANCHOR.match(line)
        if match:
            anchors.insert(0, match.group(1) or match.group(2))
        elif line.strip():
            break
        end -= 1
    if not anchors:
        return body_lines, []
    return body_lines[:end], anchors


@dataclass(frozen=True)
class ParsedFile:
    """One source file as the dialect reads it."""

    rel: str
    entries: tuple[Question | Topic, ...]
    line_count: int

    @property
    def questions(self) -> list[Question]:
        return [e for e in self.entries if isinstance(e, Question)]

    @property
    def title(self) -> str:
        """The file's `#` heading, else its name."""
        first = next((e for e in self.entries if isinstance(e, Topic) and e.level == 1), None)
        if first is not None and first.heading:
            return first.heading
        return PurePosixPath(self.rel).stem or PurePosixPath(self.rel).name


def parse(rel: str, text: str) -> tuple[ParsedFile, list[Diagnostic]]:
    """Parse a decoded file."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    entries: list[Question | Topic] = []
    problems: list[Diagnostic] = []
    marks = headings(lines)
    section: str | None = None

    # Text before the first heading.
    first = next((i for i, level, _ in marks if level <= 3), len(lines))
    blocks: list[tuple[int, int, str, int]] = []  # (start, end, heading, level)
    if first:
        blocks.append((0, first, "", 0))
    for n, (start, level, heading) in enumerate(marks):
        end = len(lines)
        for later, later_level, _ in marks[n + 1:]:
            if later_level <= 3 or level > 3:
                end = later
                break
        if level > 3:
            continue  # inside an answer or topic already
        blocks.append((start, end, heading, level))
    blocks.sort()

    pending_anchors: list[str] = []
    for n, (start, end, heading, level) in enumerate(blocks):
        body_lines = lines[start + (1 if level else 0): end]
        next_is_heading = n + 1 < len(blocks)
        if next_is_heading:
            body_lines, carried = _leading_anchors(body_lines)
        else:
            carried = []
        body = "\n".join(body_lines).strip("\n")
        title, own = title_text(heading)
        anchors = pending_anchors + own
        pending_anchors = carried
        line_no = start + 1
        if level and not title:
            problems.append(Diagnostic(rel, line_no, "标题为空：请补上标题文字或删掉这一行 #。"))
        if level == 3 and is_question(title):
            if not body.strip():
                problems.append(Diagnostic(
                    rel, line_no, f"问题“{title}”没有答案：请在标题下补写答案。"))
            inner = [name for _, name in ANCHOR.findall(body)] + _ID_IN_ANSWER.findall(body)
            entries.append(Question(title=title, answer=body, line=line_no, section=section,
                                    anchors=tuple(anchors), answer_anchors=tuple(inner)))
            continue
        if level == 2:
            section = title or None
        entries.append(Topic(heading=title or None, level=level, body=body, line=line_no, anchors=tuple(anchors)))
    return ParsedFile(rel, tuple(entries), len(lines)), problems
