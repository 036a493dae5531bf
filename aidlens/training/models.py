"""The trained models in a models folder, and the one trained last on a data folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aidlens.training.report import read_report


@dataclass(frozen=True)
class TrainedModel:
    """A finished model folder and its training report."""

    path: Path
    report: dict

    @property
    def date(self) -> str:
        """Return when it was trained (ISO 8601, UTC)."""
        return str(self.report.get("date", ""))


def trained_models(models_dir: Path) -> list[TrainedModel]:
    """Return the finished models in the folder (those with a report), newest first."""
    folder = Path(models_dir)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        # Hidden names are runs in progress or replaced models being removed.
        if path.is_dir() and not path.name.startswith("."):
            report = read_report(path)
            if report is not None and (path / "meta.json").exists():
                found.append(TrainedModel(path, report))
    return sorted(found, key=lambda m: m.date, reverse=True)


def latest_model(models_dir: Path, data_dir: Path) -> TrainedModel | None:
    """Return the newest model trained on the data folder's gold set, or None."""
    wanted = str(Path(data_dir).resolve())
    return next((m for m in trained_models(models_dir) if m.report.get("data_dir") == wanted), None)
