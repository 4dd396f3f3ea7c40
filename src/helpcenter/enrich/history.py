"""最后更新: the date each source file last changed, from git, when the source is in a
git work tree (one `git log` for the whole tree)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_changed(root: Path) -> dict[str, str]:
    """Path relative to `root` ('/'-separated) -> YYYY-MM-DD; empty without git."""
    folder = root if root.is_dir() else root.parent
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True,
                             text=True, check=True, timeout=10).stdout.strip()
        log = subprocess.run(["git", "-c", "core.quotepath=off", "log", "--format=@%cs", "--name-only",
                              "--", "."], cwd=folder, capture_output=True, text=True, check=True,
                             timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    base = folder.resolve().relative_to(Path(top).resolve())
    dates: dict[str, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("@"):
            date = line[1:]
        elif line.strip():
            path = Path(line)
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            dates.setdefault(rel, date)  # newest first: keep the first date seen
    return dates
