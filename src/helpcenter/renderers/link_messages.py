"""What MkDocs says about links in the pages we generate, said to an editor: in Chinese,
naming the FAQ file and line the link came from (`c/…md` and `q/12.md` are ours, no
editor can open them)."""

from __future__ import annotations

import re
from collections.abc import Callable

_DOC_FILE = re.compile(r"^Doc file '(?P<page>[^']+)' contains (?P<rest>.*)$", re.S)
_PATTERNS = [  # (MkDocs' words after "contains", what an editor reads: {link} is the link)
    (re.compile(r"an unrecognized relative link '(?P<link>[^']*)'"),
     "链接“{link}”在帮助中心找不到目标，已原样保留；请改成完整地址（如 https://cloud.tencent.com/document/…）。"),
    (re.compile(r"a link '(?P<link>[^']*)', but the target '[^']*' is not found"),
     "链接“{link}”指向的文件不在 FAQ 里，已原样保留；请改成完整地址。"),
    (re.compile(r"an absolute link '(?P<link>[^']*)'"),
     "链接“{link}”以 / 开头，在帮助中心可能打不开；请改成完整地址（https://…）。"),
    (re.compile(r"a link '(?P<link>[^']*)', but (?:there is no such anchor on this page|the doc '[^']*' does not "
                r"contain an anchor)"),
     "链接“{link}”指向的锚点不存在；请检查它和 [](id:…) 或 <span id> 写的名字是否一致。"),
    (re.compile(r"a link to '(?P<link>[^']*)'"),
     "链接“{link}”的写法帮助中心无法识别，已原样保留；请改成完整地址。"),
]


def translate(message: str, source_of: Callable[[str], tuple[str, int] | None]) -> str | None:
    """The editor's version of MkDocs' message about page `c/…md` / `q/…md`, or None when
    the message is about no generated page. source_of(page) -> (FAQ file, line)."""
    found = _DOC_FILE.match(message)
    where = found and source_of(found.group("page"))
    if not where:
        return None
    file, line = where
    for pattern, words in _PATTERNS:
        link = pattern.match(found.group("rest"))
        if link:
            return f"{file}:{line}: " + words.format(link=link.group("link"))
    return f"{file}:{line}: 链接有问题（MkDocs：{found.group('rest').strip()}）"
