"""Adding an uploaded articles CSV to the corpus, or replacing it: plan first, then apply."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from filelock import FileLock

from aidlens.atomic import write_bytes_atomic
from aidlens.corpus.articles import Corpus

MODES = ("add", "replace")


@dataclass(frozen=True)
class UploadPlan:
    """What an upload would change, for the user to confirm before anything is written."""

    mode: str
    added: tuple[str, ...]
    updated: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]
    annotated_changed: tuple[str, ...]  # annotated articles whose text changes or that go away
    frame: pd.DataFrame  # the resulting corpus, as the CSV's string columns

    @property
    def article_count(self) -> int:
        """Return how many articles the corpus will hold."""
        return len(self.frame)


def _raw(corpus: Corpus) -> pd.DataFrame:
    """Return the corpus as strings again, in its CSV columns (ISO dates, no hash)."""
    frame = corpus.frame.drop(columns=["text_hash"]).copy()
    frame["published"] = [ts.isoformat() for ts in frame["published"]]
    return frame.astype(str)


def plan_upload(
    existing: Corpus | None,
    incoming: Corpus,
    *,
    mode: str,
    annotated: Collection[str] = (),
) -> UploadPlan:
    """Return what adding (or replacing with) `incoming` does; writes nothing."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    new = _raw(incoming)
    old = _raw(existing) if existing is not None else new.iloc[0:0]
    old_text = dict(zip(old["id"], old["text"], strict=True))
    new_text = dict(zip(new["id"], new["text"], strict=True))
    added = tuple(i for i in new["id"] if i not in old_text)
    updated = tuple(i for i in new["id"] if i in old_text and old_text[i] != new_text[i])
    same = tuple(i for i in new["id"] if i in old_text and old_text[i] == new_text[i])
    if mode == "replace":
        removed = tuple(i for i in old["id"] if i not in new_text)
        frame = new
    else:
        removed = ()
        kept = old[~old["id"].isin(new_text)]
        frame = pd.concat([kept, new], ignore_index=True).fillna("")
    marked = set(annotated)
    changed = tuple(i for i in (*updated, *removed) if i in marked)
    return UploadPlan(mode, added, updated, removed, same, changed, frame.reset_index(drop=True))


def apply_upload(plan: UploadPlan, path: Path) -> Path:
    """Write the planned corpus to `path` atomically, under the corpus lock; return the path."""
    path = Path(path)
    buffer = io.StringIO()
    plan.frame.to_csv(buffer, index=False)
    data = buffer.getvalue().encode("utf-8")
    with FileLock(str(path) + ".lock"):
        return write_bytes_atomic(path, data)


def plan_fingerprint(plan: UploadPlan) -> str:
    """Return a digest of everything the plan would write and warn about (to spot a stale plan)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((plan.mode, plan.added, plan.updated, plan.removed)).encode())
    digest.update(repr(plan.annotated_changed).encode())
    digest.update(pd.util.hash_pandas_object(plan.frame, index=False).to_numpy().tobytes())
    digest.update(repr(tuple(plan.frame.columns)).encode())
    return digest.hexdigest()


def annotated_effects(plan: UploadPlan, titles: Mapping[str, str]) -> pd.DataFrame:
    """Return one row per annotated article the upload touches: id, title, what happens."""
    removed = set(plan.removed)
    return pd.DataFrame(
        {
            "id": list(plan.annotated_changed),
            "title": [titles.get(a, "") for a in plan.annotated_changed],
            "change": [
                "removed from the corpus" if a in removed else "text changes"
                for a in plan.annotated_changed
            ],
        },
        columns=["id", "title", "change"],
    )
