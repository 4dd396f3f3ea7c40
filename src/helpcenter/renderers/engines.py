"""The site built by another renderer (scripts/dev.py build --engine …):

- mkdocs, properdocs: their own build of mkdocs.yml; the kb plugin runs the generation
  step inside them (ProperDocs carries MkDocs 1.6 on and runs its plugins);
- zensical: it runs no MkDocs plugin or hook, so the generation step runs first, writing
  the pages into a folder, and Zensical builds a project that inherits mkdocs.yml
  (INHERIT) with that folder as its docs and the sidebar and theme values the step made.

  python -m helpcenter.renderers.engines --engine zensical -d SITE [--config mkdocs.yml] [--bin zensical]
                                        [--no-strict]

What Zensical cannot do yet is in guide/platform.md."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from helpcenter import generate, settings

ENGINES = ("mkdocs", "properdocs", "zensical")
log = logging.getLogger("helpcenter")


def zensical_project(config: Path, generated: generate.Site, work: Path) -> Path:
    """work/mkdocs.yml: mkdocs.yml, inherited, building work/docs (the generated pages) into
    work/site (Zensical keeps the site inside its project)."""
    generate.write(generated, work)
    theme = yaml.load(config.read_text(encoding="utf-8"), Loader=settings.Tolerant).get("theme") or {}
    custom = theme.get("custom_dir")
    project = {
        "INHERIT": str(config.resolve()),
        "docs_dir": "docs",  # relative: Zensical panics on an absolute one (0.0.73)
        "site_dir": "site",
        "nav": generated.nav,
        "extra": {**generated.extra, "kb_engine": "zensical"},  # its own search stays
        "extra_css": [generated.assets["kb.css"]],
        "extra_javascript": [generated.assets["search/marks.js"], generated.assets["kb.js"]],
    }
    if custom:
        project["theme"] = {"custom_dir": str((config.parent / custom).resolve())}
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(project, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(engine: str, config: Path, site_dir: Path, executable: str, strict: bool = True) -> int:
    """Build the site into site_dir; under strict, a warning makes the exit status 1 (the site
    is still written, as MkDocs does)."""
    if engine != "zensical":
        return subprocess.run([executable, "build", *(["--strict"] if strict else []), "-f", str(config), "-d",
                               str(site_dir)]).returncode
    try:
        kb_settings, warnings = settings.read(config)
        site_name = str((yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {})
                        .get("site_name") or "")
        source = generate.load(kb_settings, site_name, str(config))
    except (settings.SettingsError, generate.GenerationError) as exc:
        log.error(str(exc))
        return 1
    for warning in warnings:
        log.warning(warning)
    problems = list(source.kb.diagnostics)
    if generate.report(problems):
        return 1
    generated = generate.generate(source, os.environ.get("KB_SITE_URL") or "")
    problems += generated.problems
    if generate.report(generated.problems):
        return 1
    warned = bool(warnings) or any(p.severity == "warning" for p in problems)
    with tempfile.TemporaryDirectory() as work:
        project = zensical_project(config, generated, Path(work))
        done = subprocess.run([executable, "build", "-f", str(project)], cwd=work)
        if done.returncode:
            return done.returncode
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.copytree(Path(work) / "site", site_dir)
    if strict and warned:
        log.error("有警告，--strict 模式下构建视为失败（站点已生成）。")
        return 1
    generate.record(source.registry)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpcenter.renderers.engines",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs")
    parser.add_argument("-d", "--dir", type=Path, default=Path("site"), help="where the site goes")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--bin", help="the engine's command (default: its name)")
    parser.add_argument("--no-strict", action="store_true", help="warnings do not fail the build")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)-8s-  %(message)s", level=logging.INFO)
    return build(args.engine, args.config, args.dir, args.bin or args.engine, strict=not args.no_strict)


if __name__ == "__main__":
    sys.exit(main())
