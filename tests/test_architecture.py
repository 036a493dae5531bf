"""Layout rules: the domain package never imports Streamlit; settings are documented."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

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
