"""Fenced code blocks: their lines are text, never headings, notices or HTML."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s*(```+|~~~+)")


def code_lines(lines: list[str]) -> list[bool]:
    """For each line: is it a fence or inside fenced code?"""
    flags, fence = [], None
    for line in lines:
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)[0]
            fence = None if fence == marker else (fence or marker)
            flags.append(True)
        else:
            flags.append(fence is not None)
    return flags
