"""The reply a support agent copies (复制回复 on an issue page, the reply desk): a template
with {title} (the question), {fix} (the answer's first sentence) and {url} (its permanent
link, the address the agent sees). The browser fills it (assets/kb.js, kbReply.fill) once
it knows the address; the build only checks it. tests/test_contracts.py fills templates
this check accepts in the browser."""

from __future__ import annotations

import string

FIELDS = ("title", "fix", "url")


class ReplyTemplateError(ValueError):
    """The reply template cannot be filled in; the message says why."""


def check(template: str) -> str:
    """The template, if it can be filled: only {title}, {fix} and {url}; literal braces doubled."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise ReplyTemplateError(f"花括号不成对（{exc}）；字面的花括号请写成 {{{{ 和 }}}}。") from None
    unknown = "、".join("{" + name + "}" for name in sorted(fields - set(FIELDS)))
    if unknown:
        raise ReplyTemplateError(f"有未知的占位符 {unknown}；"
                                 "可用的只有 {title}（问题）、{fix}（答案第一句）、{url}（链接）。")
    return template
