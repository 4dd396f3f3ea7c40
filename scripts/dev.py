#!/usr/bin/env python3
"""One entry point for people and CI, needing nothing but Python 3.

  python3 scripts/dev.py serve   install the site's packages, serve http://127.0.0.1:8000
  python3 scripts/dev.py test    install test packages (and Chromium, nginx when root), run
                                 ruff and the whole pytest suite (which builds the default
                                 content strictly, among much else)
  python3 scripts/dev.py build   install, then `mkdocs build --strict`
  python3 scripts/dev.py report LOG [LOG…] --out DIR
                                 the readers' report from the events log (guide/reader-events.md)

Packages go to .venv/ in the project, so nothing outside it is touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
SYSTEM_PACKAGES = {
    "/usr/bin/chromium": "chromium",
    "/usr/sbin/nginx": "nginx",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc": "fonts-noto-cjk",  # screenshots
}


def run(*cmd: str, **kwargs) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT, **kwargs)


def install(requirements: str) -> None:
    if not (BIN / "python").exists():
        venv.create(VENV, with_pip=True)
    stamp = VENV / f".installed-{requirements}"
    wanted = "".join((ROOT / f).read_text() for f in ("requirements.txt", "requirements-report.txt", requirements,
                                                       "pyproject.toml"))
    if stamp.exists() and stamp.read_text() == wanted:
        return
    run(str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check",
        "-q", "-r", requirements)
    # the knowledge base itself, editable: a change to src/helpcenter needs no reinstall
    run(str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps", "-e", ".")
    stamp.write_text(wanted)


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


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if command == "serve":
        install("requirements.txt")
        # become the server: stopping this process by its PID stops the server too
        serve = [str(BIN / "mkdocs"), "serve", "-a", "127.0.0.1:8000", *sys.argv[2:]]
        print("+", " ".join(serve), flush=True)
        os.chdir(ROOT)
        os.execv(serve[0], serve)
    elif command == "build":
        install("requirements.txt")
        run(str(BIN / "mkdocs"), "build", "--strict", *sys.argv[2:])
    elif command == "report":
        install("requirements-report.txt")
        # in the operator's folder: the log paths they give are relative to it
        sys.exit(subprocess.run([str(BIN / "python"), "-m", "helpcenter.report", "--config", str(ROOT / "mkdocs.yml"),
                                 *sys.argv[2:]]).returncode)
    elif command == "test":
        install("requirements-dev.txt")
        install_system_packages()
        run(str(BIN / "ruff"), "check", ".")
        run(str(BIN / "python"), "-m", "pytest", *sys.argv[2:])
    else:
        print(__doc__)
        sys.exit(0 if command in ("help", "-h", "--help") else 2)


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
