"""The package as a maintainer reads it: layers that import only downwards, no sys.path
edits, files of a readable size, a README for users and editors."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "helpcenter"
# lowest first; a module may import the base and its own or a lower layer, never a higher one
BASE = {"model", "text", "settings", "reply", "slugs", "datafile"}
LAYERS = ["dialect", "enrich", "pages", "index", "hosting", "report", "renderers"]
TOP = {"generate": "renderers"}  # the generation step sits with the renderers that run it


def layer(module: str) -> int:
    part = module.split(".")[1] if module.count(".") >= 1 else ""
    if part in BASE or part == "":
        return -1
    return LAYERS.index(TOP.get(part, part))


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("helpcenter"):
            found |= {node.module} if node.module.count(".") else {f"helpcenter.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("helpcenter")}
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_nothing_lower_imports_anything_higher(path):
    here = "helpcenter." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    for imported in imports(path):
        assert layer(imported) <= layer(here), f"{here} imports {imported}, a higher layer"


def test_the_base_imports_no_layer():
    for name in BASE:
        path = PACKAGE / f"{name}.py"
        assert all(layer(imported) == -1 for imported in imports(path)), name


def test_settings_import_no_renderer():
    source = (PACKAGE / "settings.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import) (mkdocs|properdocs|zensical|helpcenter\.pages)", source, re.M)


def sources(*suffixes: str) -> list[Path]:
    roots = [ROOT / "src", ROOT / "scripts", ROOT / "bench", ROOT / "tests"]
    return sorted(p for root in roots for p in root.rglob("*") if p.suffix in suffixes and "work" not in p.parts)


def test_no_sys_path_edits_outside_the_tests():
    edits = [str(p.relative_to(ROOT)) for p in sources(".py") if "tests" not in p.parts
             and re.search(r"sys\.path\.(insert|append)|PYTHONPATH", p.read_text(encoding="utf-8"))]
    assert edits == []


def test_no_source_file_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in sources(".py", ".js")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_the_worker_parts_are_under_300_lines():
    parts = sorted((PACKAGE / "assets" / "search").glob("*.js"))
    assert parts and all(len(p.read_text(encoding="utf-8").splitlines()) <= 300 for p in parts)


def test_the_readme_is_short():
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 150
