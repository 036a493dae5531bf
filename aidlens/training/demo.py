"""The sample's gold set (sample_data/gold/) loaded into a data folder, as a demo of training.

It goes through the folder's annotation store like any save (checks, history, lock, atomic
files), only into a folder where nothing is annotated yet and whose articles are the sample's
(every gold span must fit its article's text), so it never replaces anyone's work.
"""

from __future__ import annotations

from pathlib import Path

from aidlens import settings
from aidlens.annotations import AnnotationStore, Edit
from aidlens.errors import TrainingError

SAMPLE_GOLD = settings.PROJECT_DIR / "sample_data" / "gold"
DEMO_ANNOTATOR = "sample gold"


def demo_edits(store: AnnotationStore, gold_dir: Path = SAMPLE_GOLD) -> tuple[Edit, ...]:
    """Return the gold articles as edits of `store`, or none when the folder cannot take them."""
    if store.states() or not (Path(gold_dir) / "annotations.csv").exists():
        return ()
    texts = {a: store.text(a) for a in store.article_ids}
    gold = AnnotationStore(Path(gold_dir), texts, store.labels)
    states = gold.states()
    if gold.problems or gold.orphans or not states:
        return ()  # not the sample's articles: the spans would not fit
    return tuple(Edit(a, s.spans, 0, s.status) for a, s in states.items())


def load_demo_gold(store: AnnotationStore, gold_dir: Path = SAMPLE_GOLD) -> int:
    """Save the sample's gold into the folder's store in one write; return the articles saved."""
    edits = demo_edits(store, gold_dir)
    if not edits:
        raise TrainingError(
            f"the gold set in {gold_dir} can only be loaded into a folder holding the sample's "
            "articles with nothing annotated yet; start from a copy of sample_data/articles.csv"
        )
    store.save_many(edits, annotator=DEMO_ANNOTATOR)
    return len(edits)
