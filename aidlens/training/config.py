"""The training config: the base pipeline's own config with its [training] set for fine-tuning NER.

Only `ner` learns; every other component is listed in `frozen_components`. The base pipeline's
NER has a tok2vec layer of its own in en_core_web_sm, so freezing the shared tok2vec changes
nothing it reads. Training progress reaches the caller through a registered `before_update`
callback, which spaCy's loop calls before every step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from thinc.api import Config

CALLBACK = "aidlens.training_progress.v1"
TRAINED = "ner"

# The step callback of the run in progress. spaCy builds the callback from the config by its
# registered name, so a closure cannot be handed over; the run sets this for its duration.
_on_step: list[Callable[[int, int], None]] = []


def _make_callback() -> Callable[[Language, dict], None]:
    """Return the before_update callback: it reports each step to the run in progress."""

    def before_update(_nlp: Language, info: dict) -> None:
        for report in _on_step:
            report(int(info["step"]), int(info["epoch"]))

    return before_update


def register_callback() -> None:
    """Register the progress callback with spaCy's registry (once per process)."""
    from spacy.util import registry

    if CALLBACK not in registry.callbacks.get_all():
        registry.callbacks.register(CALLBACK, func=_make_callback)


@contextmanager
def reporting_steps(report: Callable[[int, int], None]) -> Iterator[None]:
    """Send every training step (step, epoch) to `report` while the block runs."""
    register_callback()
    _on_step.append(report)
    try:
        yield
    finally:
        _on_step.remove(report)


def training_config(
    nlp: Language,
    *,
    train: Path,
    dev: Path,
    epochs: int,
    seed: int,
    batch_size: int,
    eval_frequency: int,
) -> Config:
    """Return the base pipeline's config set up to fine-tune its NER on the given corpora."""
    config = nlp.config.copy()
    config["paths"]["train"] = str(train)
    config["paths"]["dev"] = str(dev)
    reader = {"@readers": "spacy.Corpus.v1", "gold_preproc": False, "max_length": 0, "limit": 0}
    config["corpora"] = {
        "train": {**reader, "path": "${paths.train}", "augmenter": None},
        "dev": {**reader, "path": "${paths.dev}", "augmenter": None},
    }
    config["system"]["seed"] = seed
    training = config["training"]
    training.update(
        {
            "train_corpus": "corpora.train",
            "dev_corpus": "corpora.dev",
            "seed": seed,
            "dropout": 0.2,
            "accumulate_gradient": 1,
            "patience": 0,  # a fixed number of epochs: the dev part is too small to stop on
            "max_epochs": epochs,
            "max_steps": 0,
            "eval_frequency": eval_frequency,
            "frozen_components": [n for n in nlp.pipe_names if n != TRAINED],
            "annotating_components": [],
            "before_update": {"@callbacks": CALLBACK},
            "batcher": {"@batchers": "spacy.batch_by_sequence.v1", "size": batch_size},
            "score_weights": {"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
            "logger": {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False},
        }
    )
    training["optimizer"]["learn_rate"] = 0.001
    return config
