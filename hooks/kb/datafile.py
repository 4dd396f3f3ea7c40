"""Editor data files (YAML): read them, or say which file and line is wrong."""

from __future__ import annotations

from pathlib import Path

import yaml


def read_yaml(path: Path, what: str, error: type[Exception] = ValueError) -> dict:
    """The file's mapping ({} when empty); `error` naming `path:line` when it is not YAML."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise error(f"{where}: {what}不是合法的 YAML（{getattr(exc, 'problem', exc)}）。") from None
