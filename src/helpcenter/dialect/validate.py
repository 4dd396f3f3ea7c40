"""Checks on the sources that the parser does not make: raw HTML, empty files, and
the conservation of questions and answers.

Every problem is a Diagnostic naming the file and line with a plain-language fix.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Collection
from html.parser import HTMLParser

from helpcenter.dialect import doclinks, dx, sanitize
from helpcenter.dialect.fences import code_lines, fence_marker
from helpcenter.dialect.parse import is_question
from helpcenter.model import Diagnostic, Issue, KnowledgeBase
from helpcenter.text import fold, plain_text

_IMAGE_URL = re.compile(r"""!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)""", re.I)
_QUESTION = re.compile(r"^ {0,3}###(?!#)[ \t]*(.*)$")  # CommonMark allows 3 spaces before a heading
_ASCII = re.compile(r"[\x00-\x7f]+")
_UNSAFE = re.compile(r"<\s*(script|iframe|style|object|embed|frame|form|link|meta|base)\b"
                     r"|\s(?:on[a-z]+|style)\s*=|javascript:|vbscript:|data:text/html", re.IGNORECASE)
# elements that must be closed (li, td, tr, p … may legally leave out their end tag)
_BLOCKS = {"table", "ul", "ol", "div", "a", "span", "details", "summary", "b", "strong", "i", "em",
           "font", "center", "sup", "sub", "code", "pre"}
KNOWN_TAGS = sanitize.TAGS | {"script", "style", "iframe", "font", "center", *dx.TAGS}


class _TagScanner(HTMLParser):
    """Open and close tags with their line numbers (1-based, in the scanned text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []
        self.stray: list[tuple[str, int]] = []
        self.unknown: list[tuple[str, int]] = []
        self.empty_rows: list[int] = []
        self._row: list = []  # [line, has cells] of the open <tr>

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag not in KNOWN_TAGS:
            self.unknown.append((tag, line))
        elif tag in _BLOCKS:
            self.stack.append((tag, line))
        if tag == "tr":
            self._end_row()
            self._row = [line, False]
        elif tag in ("td", "th") and self._row:
            self._row[1] = True

    def _end_row(self) -> None:
        if self._row and not self._row[1]:
            self.empty_rows.append(self._row[0])
        self._row = []

    def handle_endtag(self, tag):
        line = self.getpos()[0]
        if tag in ("tr", "table"):
            self._end_row()
        if tag not in _BLOCKS:
            return
        for n in range(len(self.stack) - 1, -1, -1):
            if self.stack[n][0] == tag:
                del self.stack[n:]
                return
        self.stray.append((tag, line))


def check_html(rel: str, text: str, image_hosts: tuple[str, ...] = sanitize.IMAGE_HOSTS) -> list[Diagnostic]:
    """Broken, unknown and unsafe raw HTML in one source file."""
    problems = []
    lines = text.split("\n")
    for n, (line, code) in enumerate(zip(lines, code_lines(lines), strict=True), 1):
        if code:
            continue
        if _UNSAFE.search(line):
            problems.append(Diagnostic(rel, n, "不安全的 HTML（脚本、内嵌框架、样式或事件属性）已被移除；"
                                               "请删掉它，帮助中心不执行 FAQ 里的代码。"))
        for found in _IMAGE_URL.finditer(line):
            url = found.group(1) or found.group(2)
            if not sanitize.image_host_allowed(url, image_hosts):
                problems.append(Diagnostic(rel, n, f"图片地址 {url[:60]} 不在允许的图片主机里，已移除："
                                                   "请把图片上传到 FAQ 自己的图床。"))
        if re.search(r"</?[a-zA-Z][a-zA-Z0-9]*\s*$", line) and n < len(lines) and lines[n].lstrip().startswith(">"):
            problems.append(Diagnostic(rel, n, "HTML 标签被拆成了两行（如 “</th” 换行 “>”）：请把它写在同一行。"))
    scanner = _TagScanner()
    try:  # code spans and fenced code are text, not HTML
        scanner.feed(re.sub(r"`[^`\n]*`", "", _without_fences(text)))
        scanner.close()
    except AssertionError:  # the standard library's HTML parser asserts on `<![` that opens nothing
        problems.append(Diagnostic(rel, scanner.getpos()[0],
                                   "这里有帮助中心无法解析的 HTML（如 “<![”）：请删掉它或改成文字。"))
    for tag, line in scanner.unknown:
        problems.append(Diagnostic(rel, line, f"未知的 HTML 标签 <{tag}>：已去掉标签、保留文字；请改用 Markdown。"))
    for tag, line in scanner.stray:
        problems.append(Diagnostic(rel, line, f"多余的结束标签 </{tag}>：前面没有对应的 <{tag}>，请删掉它。"))
    for line in scanner.empty_rows:
        problems.append(Diagnostic(rel, line, "表格里有一个空的 <tr>（没有单元格）：多半是想写 </tr>。"))
    for tag, line in scanner.stack:
        problems.append(Diagnostic(rel, line, f"HTML 标签 <{tag}> 没有闭合：请补上 </{tag}>，"
                                              f"否则后面的内容可能显示错乱。"))
    return list(dict.fromkeys(problems))  # one message per line and problem


def _without_fences(text: str) -> str:
    lines = text.split("\n")
    return "\n".join("" if code else line for line, code in zip(lines, code_lines(lines), strict=True))


def check_file(rel: str, text: str, image_hosts: tuple[str, ...] = sanitize.IMAGE_HOSTS) -> list[Diagnostic]:
    if not text.strip():
        return [Diagnostic(rel, 1, "文件是空的：没有任何问题。请写入内容或删掉这个文件。")]
    relative = [Diagnostic(rel, line, f"链接“{target}”是相对地址（写给腾讯云文档站的），在帮助中心打不开，"
                                      "已显示为纯文字；请改成完整地址，如 https://cloud.tencent.com/document/product/…")
                for line, target in doclinks.unresolvable(text)]
    return relative + check_html(rel, text, image_hosts)


def count_questions(text: str) -> int:
    """`###` headings that ask or name a symptom (dialect.is_question), outside fenced
    code: counted line by line, without the parser's blocks."""
    count = 0
    lines = text.split("\n")
    for line, code in zip(lines, code_lines(lines), strict=True):
        heading = None if code else _QUESTION.match(line)
        if heading and is_question(heading.group(1)):
            count += 1
    return count


def _visible(text: str) -> str:
    """Letters and digits, and only the Chinese ones where there are any: a link's
    URL shows on the page when Markdown turns a line into code, and is no loss."""
    folded = fold(text)
    return _ASCII.sub("", folded) or folded


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def _escaped_code(match: re.Match) -> str:
    return html.escape(match.group(1), quote=False)


def expected_text(issue: Issue) -> list[str]:
    """What of an answer must show on its page, line by line (what the sanitiser
    removes on purpose is not expected)."""
    # a fence's own line (```shell) shows nothing: its language names the code, it is no
    # text; code (fenced or `inline`) shows `<对象地址>` as written, it is not HTML
    lines = dx.to_dialect(issue.answer.split("\n"))  # its syntax (`::: 语言`) is no text either
    answer = "\n".join(html.escape(line, quote=False) if code else _CODE_SPAN.sub(_escaped_code, line)
                       for line, code in zip(lines, code_lines(lines), strict=True) if fence_marker(line) is None)
    # nh3 only where it acts; plain_text reads entities after dropping tags: &lt;域名&gt; stays text
    cleaned = sanitize.clean(answer) if "<" in answer else answer
    return [f for f in (_visible(plain_text(line)) for line in cleaned.split("\n")) if f]


def counts(kb: KnowledgeBase, source_counts: dict[str, int]) -> list[Diagnostic]:
    """Every question of the sources in the model exactly once: checked before any
    page is rendered. source_counts: file -> questions counted in the source."""
    problems = []
    parsed: dict[str, int] = {}
    for issue in kb.issues:
        parsed[issue.file] = parsed.get(issue.file, 0) + 1
    for file, count in source_counts.items():
        if parsed.get(file, 0) != count:
            problems.append(Diagnostic(file, 1, f"有 {count} 个问题，但生成了 {parsed.get(file, 0)} 个问题页面。",
                                       "error"))
    uris = Counter(issue.src_uri for issue in kb.issues)
    for issue in kb.issues:
        if uris[issue.src_uri] != 1:
            problems.append(Diagnostic(issue.file, issue.line, f"问题 #{issue.id} 的页面不唯一。", "error"))
    return problems


def page_complete(issue: Issue, answer: str) -> list[Diagnostic]:
    """The answer's text is on its page (answer: text.html_text of its rendering),
    checked as the page is rendered, so a bad page stops the build at once."""
    folded = fold(answer)
    shown = folded + "\n" + _ASCII.sub("", folded)  # both forms expected_text() may produce
    missing = [line for line in expected_text(issue) if line not in shown]
    if missing:
        return [Diagnostic(issue.file, issue.line,
                           f"问题“{issue.title}”的页面缺少答案内容：{missing[0][:30]}…", "error")]
    return []


_LITERAL_QUESTION = re.compile(r"(?:<(?:p|li|td|th)>|<br\s*/?>|\n)[ \t]*(###(?!#)[ \t]*([^<\n]{1,120}))")
_CODE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.S)


def headings_as_text(issue: Issue, page_html: str) -> list[Diagnostic]:
    """A question heading that shows as `### …` text on the page (lost inside an answer)
    stops the build: the reader would see syntax, and the question has no page."""
    shown = next((m for m in _LITERAL_QUESTION.finditer(_CODE_BLOCK.sub("", page_html))
                  if is_question(html.unescape(m.group(2)))), None)
    if shown:
        return [Diagnostic(issue.file, issue.line, f"问题“{issue.title}”的页面上有一行标题显示成了文字："
                           f"“{html.unescape(shown.group(1)).strip()}”；请检查它前后的格式（标题要单独一行，"
                           "行首最多三个空格）。", "error")]
    return []


def all_rendered(kb: KnowledgeBase, rendered: Collection[str]) -> list[Diagnostic]:
    """Every question got its page (rendered: the IDs of the issue pages rendered)."""
    return [Diagnostic(issue.file, issue.line, f"问题“{issue.title}”没有生成页面。", "error")
            for issue in kb.issues if issue.id not in rendered]
