"""Layout rules: the domain package never imports Streamlit; settings are documented."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

import aidlens
from aidlens import settings
from tests.conftest import ROOT


def test_aidlens_never_imports_streamlit() -> None:
    modules = [m.name for m in pkgutil.walk_packages(aidlens.__path__, "aidlens.")]
    modules = [m for m in modules if m != "aidlens.__main__"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print('streamlit' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
    assert len(modules) >= 8


def test_every_setting_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert settings.markdown_table() in readme


def test_readme_opens_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    commands = [ln.strip() for ln in lines[:15] if ln.strip().startswith("make ")]
    assert commands[:2] == ["make run", "make test"]


PACKAGES = (
    "corpus",
    "amounts",
    "processing",
    "annotations",
    "analysis",
    "training",
    "bench",
    "commands",
)


def _python_files() -> list[Path]:
    """Return every Python file of the app: the domain, the UI and the page scripts."""
    return sorted(
        [*ROOT.glob("aidlens/**/*.py"), *ROOT.glob("components/*.py"), *ROOT.glob("app_pages/*.py")]
    )


def _own_package(path: Path) -> str | None:
    """Return the aidlens package a file belongs to (None for top-level modules and the UI)."""
    parts = path.relative_to(ROOT).parts
    return parts[1] if parts[0] == "aidlens" and len(parts) > 2 else None


def _aidlens_imports(path: Path) -> list[tuple[int, str]]:
    """Return (line, module) of every `from aidlens... import` in a file, nested ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("aidlens"):
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("aidlens.")]
    return found


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_other_packages_are_imported_by_their_public_names(path: Path) -> None:
    own = _own_package(path)
    wrong = []
    for line, module in _aidlens_imports(path):
        parts = module.split(".")
        if len(parts) > 2 and parts[1] in PACKAGES and parts[1] != own:
            wrong.append(f"line {line}: {module}")
    assert not wrong, f"import the package, not its module: {wrong}"


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_under_400_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) < 400


@pytest.mark.parametrize("package", [*PACKAGES, ""])
def test_each_package_opens_with_a_short_docstring(package: str) -> None:
    init = ROOT / "aidlens" / package / "__init__.py"
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
    assert 1 <= len(doc.splitlines()) <= 3, doc


def test_store_stays_small() -> None:
    store = ROOT / "aidlens" / "annotations" / "store.py"
    assert len(store.read_text(encoding="utf-8").splitlines()) < 300


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_between_modules_not_even_for_types() -> None:
    graph = grimp.build_graph("aidlens", "components")
    edges = {}
    for module in graph.modules:
        # A package's __init__ re-exports its modules; the edge that matters is module to module.
        targets = graph.find_modules_directly_imported_by(module)
        edges[module] = {t for t in targets if not graph.find_children(t)}
    assert _cycles(edges) == []


def test_opening_the_store_imports_neither_pandas_nor_spacy() -> None:
    # Store workers and CLI saves start often; pandas and spaCy would add a second to each start.
    code = (
        "import sys; from aidlens.annotations.store import AnnotationStore;"
        "print('pandas' in sys.modules, 'spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]
