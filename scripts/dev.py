#!/usr/bin/env python3
"""One entry point for people and CI, needing nothing but Python 3.

  python3 scripts/dev.py serve          install the site's packages, serve http://127.0.0.1:8000
  python3 scripts/dev.py test [--fast]  install test packages (and Chromium, nginx when root), run
                                        ruff and the whole pytest suite; --fast: no browser, no
                                        nginx, no whole-corpus builds (about a minute)
  python3 scripts/dev.py build [--engine mkdocs|properdocs|zensical] [-d DIR] [--no-strict]
                                        build the site (mkdocs build --strict by default: a
                                        warning fails the build, the site is written all the same)
  python3 scripts/dev.py generate -d DIR
                                        the generation step alone: DIR/docs (pages, assets, search
                                        index, redirect pages) and DIR/kb.yml, for any renderer
  python3 scripts/dev.py report LOG [LOG…] --out DIR
                                        the readers' report from the events log (guide/reader-events.md)

Packages go to .venv/ in the project (.venv-properdocs/ and .venv-zensical/ for those
renderers), so nothing outside it is touched. KB_SOURCE, KB_IDS and KB_LEARNED work as
with mkdocs itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_PACKAGES = {
    "/usr/bin/chromium": "chromium",
    "/usr/sbin/nginx": "nginx",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc": "fonts-noto-cjk",  # screenshots
}
# each renderer's environment: (folder, requirements file, whether it needs this package)
ENVIRONMENTS = {"mkdocs": (".venv", "requirements.txt", True),
                "properdocs": (".venv-properdocs", "requirements-properdocs.txt", True),
                "zensical": (".venv-zensical", "requirements-zensical.txt", False)}


def run(*cmd: str, **kwargs) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT, **kwargs)


def bin_dir(folder: str) -> Path:
    return ROOT / folder / ("Scripts" if os.name == "nt" else "bin")


def install(requirements: str, folder: str = ".venv", package: bool = True) -> Path:
    """The environment in `folder` with `requirements` (and this package, editable); its bin."""
    python = bin_dir(folder) / "python"
    if not python.exists():
        venv.create(ROOT / folder, with_pip=True)
    stamp = ROOT / folder / f".installed-{requirements}"
    sources = [f for f in ("requirements.txt", "requirements-report.txt", requirements, "pyproject.toml")
               if package or f == requirements]
    wanted = "".join((ROOT / f).read_text() for f in dict.fromkeys(sources))
    if stamp.exists() and stamp.read_text() == wanted:
        return bin_dir(folder)
    run(str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", requirements)
    if package:  # the knowledge base itself, editable: a change to src/helpcenter needs no reinstall
        run(str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps", "-e", ".")
    stamp.write_text(wanted)
    return bin_dir(folder)


def install_system_packages() -> None:
    """Debian's chromium (browser tests) and nginx (hosting test)."""
    missing = [pkg for path, pkg in SYSTEM_PACKAGES.items() if not Path(path).exists()]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"The browser and hosting tests need Debian packages {' '.join(missing)}: "
                 f"run `sudo apt-get install -y {' '.join(missing)}` and try again.")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", *missing, env=env)


def option(args: list[str], name: str, default: str) -> tuple[str, list[str]]:
    """The value of `name VALUE` in args, and the args without it."""
    if name in args:
        at = args.index(name)
        return args[at + 1], args[:at] + args[at + 2:]
    return default, args


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    args = sys.argv[2:]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if command == "serve":
        bin_ = install("requirements.txt")
        # become the server: stopping this process by its PID stops the server too
        serve = [str(bin_ / "mkdocs"), "serve", "-a", "127.0.0.1:8000", *args]
        print("+", " ".join(serve), flush=True)
        os.chdir(ROOT)
        os.execv(serve[0], serve)
    elif command == "build":
        engine, args = option(args, "--engine", "mkdocs")
        if engine not in ENVIRONMENTS:
            sys.exit(f"--engine: one of {', '.join(ENVIRONMENTS)}")
        site, args = option(args, "-d", "site")
        main_bin = install("requirements.txt")
        folder, requirements, package = ENVIRONMENTS[engine]
        engine_bin = install(requirements, folder, package) / engine
        # the generation step runs in the project's environment; the renderer in its own
        sys.exit(subprocess.run([str(main_bin / "python"), "-m", "helpcenter.renderers.engines", "--engine",
                                 engine, "-d", str(Path(site).resolve()), "--bin", str(engine_bin), *args],
                                cwd=ROOT).returncode)
    elif command == "generate":
        bin_ = install("requirements.txt")
        sys.exit(subprocess.run([str(bin_ / "python"), "-m", "helpcenter.generate", *args], cwd=ROOT).returncode)
    elif command == "report":
        bin_ = install("requirements-report.txt")
        # in the operator's folder: the log paths they give are relative to it
        sys.exit(subprocess.run([str(bin_ / "python"), "-m", "helpcenter.report", "--config", str(ROOT / "mkdocs.yml"),
                                 *args]).returncode)
    elif command == "test":
        bin_ = install("requirements-dev.txt")
        fast = "--fast" in args
        if fast:
            args = [a for a in args if a != "--fast"] + ["-m", "not browser and not slow and not corpus"]
        else:
            install_system_packages()
        run(str(bin_ / "ruff"), "check", ".")
        run(str(bin_ / "python"), "-m", "pytest", *args)
    else:
        print(__doc__)
        sys.exit(0 if command in ("help", "-h", "--help") else 2)


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
