"""Extract the prompt text a user sees (报错提示) from a question and its answer.

- text quoted right after 提示/显示/报错 (or 因) in the question:
  小程序备案提示 “该域名后缀不支持备案”？
- text named after 提示/显示/报错 in the question, up to the question words:
  小程序提示调用活体引擎接口出错？ -> 调用活体引擎接口出错
- text quoted in the answer right after 提示/显示/报错/出现: 出现 “工商信息不匹配” 的…
"""

from __future__ import annotations

import re

_VERB = r"(?<!收到)(?:提示|显示|报错|弹出|出现)"
_QUOTE = r"[“\"「『]\s*([^”\"」』]{2,60}?)\s*[”\"」』]"
# a quote counts when a verb (or 因, for rejection reasons) stands just before it
_QUOTED = re.compile(r"(?:" + _VERB + r"|因)[^“\"「『，,。？?]{0,4}" + _QUOTE)
_NAMED = re.compile(
    _VERB + r"[：:\s]*(?![“\"「『])(?P<text>.+?)"
    r"(?=[，,。？?！!；;（(]|怎么办|如何|该如何|该怎么|应该|怎么|是什么|为什么|什么原因|有什么|"
    r"(?<!小)时(?:[，,]|如何|怎么|该)|吗|$)")
_NOT_AN_ERROR = re.compile(r"^(?:这种|此类|该问题|以下|如下|上述)|^(?:错误|问题|异常|报错|提示)$|"
                           r"(?:办法|方法|原因)$|状态")
MIN_CHARS = 3


def _clean(text: str) -> str:
    return text.strip(" \t：:，,。.的")


def extract(title: str, answer: str = "") -> list[str]:
    """Error texts of an issue, most specific first, without duplicates."""
    found: list[str] = []

    def add(text: str) -> None:
        text = _clean(text)
        if len(text) >= MIN_CHARS and not _NOT_AN_ERROR.search(text) and text not in found:
            found.append(text)

    for match in _QUOTED.finditer(title):
        add(match.group(1))
    if not found:
        for match in _NAMED.finditer(title):
            add(match.group("text"))
    for match in _QUOTED.finditer(answer):
        add(match.group(1))
    return found
