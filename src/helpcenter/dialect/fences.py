"""Fenced code blocks: their lines are text, never headings, notices or HTML."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s*(```+|~~~+)")
_DX_CODE_OPEN = re.compile(r"^\s*<dx-codeblock\b")
_DX_CODE_CLOSE = re.compile(r"</dx-codeblock>")


def fence_marker(line: str) -> str | None:
    """` or ~ for a line that opens or closes fenced code, else None."""
    match = _FENCE.match(line)
    return match.group(1)[0] if match else None


def dx_code_lines(lines: list[str]) -> list[bool]:
    """For each line: is it part of a `<dx-codeblock>` (the dialect's other code block,
    `::: 语言` … `:::` between its tags), the tags included?"""
    flags, inside = [], False
    for line in lines:
        if _DX_CODE_OPEN.match(line):
            inside = True
        flags.append(inside)
        if inside and _DX_CODE_CLOSE.search(line):
            inside = False
    return flags


def code_lines(lines: list[str]) -> list[bool]:
    """For each line: is it a fence or inside fenced code (``` or ~~~, or the dialect's
    `<dx-codeblock>`)?"""
    dx = dx_code_lines(lines) if any("<dx-codeblock" in line for line in lines) else [False] * len(lines)
    flags, fence = [], None
    for line, in_dx in zip(lines, dx, strict=True):
        match = _FENCE.match(line)
        if in_dx:
            flags.append(True)
        elif match:
            marker = match.group(1)[0]
            fence = None if fence == marker else (fence or marker)
            flags.append(True)
        else:
            flags.append(fence is not None)
    return flags
