"""Category pages whose file was renamed or removed: where their URL now leads.

Kept in a lockfile beside the ID registry (`<registry>.moved.tsv`: old slug, new
slug; an empty new slug means the home page), so a link to a category page keeps
working however often files are renamed. Question URLs need none of this: they
carry the permanent ID.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path, PurePosixPath

from helpcenter.enrich.ids import Row
from helpcenter.slugs import slugify, unique_slugs


def slug_of(file: str) -> str:
    return slugify(str(PurePosixPath(file).with_suffix("")))


def slugs_of(files: list[str]) -> dict[str, str]:
    """The category slug of each file, as a build of exactly these files gives them
    (sources are read in path order; a twin such as `a` beside `a.md` gets `-2`)."""
    ordered = sorted(set(files), key=PurePosixPath)
    return dict(zip(ordered, unique_slugs([str(PurePosixPath(f).with_suffix("")) for f in ordered]), strict=True))


def load(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    moved = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        old, _, new = line.partition("\t")
        if old:
            moved[old] = new
    return moved


def dump(moved: dict[str, str]) -> str:
    return "old\tnew\n" + "".join(f"{old}\t{new}\n" for old, new in sorted(moved.items()))


def update(moved: dict[str, str], before: list[Row], now: dict[str, str], live: set[str]) -> dict[str, str]:
    """The moves after this build.

    before: the registry rows as the previous build left them (id -> old file);
    now: issue id -> current category slug; live: the current category slugs."""
    result = {old: new for old, new in moved.items() if old not in live}
    votes: dict[str, Counter] = {}
    active = [row for row in before if row.status == "active"]
    old_slugs = slugs_of([row.file for row in active])
    for row in active:
        old = old_slugs[row.file]
        if old in live:
            continue
        votes.setdefault(old, Counter())[now.get(str(row.id), "")] += 1
    for old, counter in votes.items():
        result[old] = counter.most_common(1)[0][0]
    return result


def resolve(moved: dict[str, str], live: set[str]) -> dict[str, str]:
    """Old slug -> a live slug (or "" for home), following chains of moves."""
    out = {}
    for old in moved:
        target, seen = moved[old], {old}
        while target and target not in live and target in moved and target not in seen:
            seen.add(target)
            target = moved[target]
        out[old] = target if target in live else ""
    return out
