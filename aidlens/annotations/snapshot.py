"""A checked copy of annotations.csv in the cache, so that a new process need not check it again.

Checking 100,000 corrected rows against their texts takes seconds, and every new server process
paid it. So the store keeps in `cache/store/` each article's bytes and checked spans, with a
digest of its text and the labels, in SHARDS small JSON files by article id: a save rewrites
only its articles' shards, and a load that checked many rows writes them all. A new process
seeds its memory from them, leaving out any article whose text changed, then reads the file as
it does after a peer's save: an article whose bytes equal the seeded ones is taken as checked,
and everything else is parsed and checked as usual. A stale, damaged or foreign shard thus costs
a check, never a wrong span. JSON, not pickle: a cache may be shared. No fsync either: a torn
shard is only ignored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from aidlens.annotations.spans import Span
from aidlens.atomic import write_bytes_atomic
from aidlens.digest import text_hash

FORMAT = 2
FOLDER = Path("cache") / "store"
SHARDS = 128  # a save rewrites one: at 2,000 annotated articles, some 16 of them
# Below this many rows a full check is quick, and writing every shard would cost more.
MIN_ROWS = 5_000


@dataclass(frozen=True)
class Seed:
    """What the shards give a new process: each article's bytes, checked spans and text digest."""

    blocks: dict[str, bytes]
    spans: dict[str, tuple[Span, ...]]
    digests: dict[str, str]


def snapshot_folder(data_dir: Path) -> Path:
    """Return where the shards of a data folder's annotations.csv live."""
    return Path(data_dir) / FOLDER


@lru_cache(maxsize=1 << 18)  # every save looks up every annotated article's shard
def shard_of(article_id: str) -> int:
    """Return the shard that holds an article (stable across processes, unlike hash())."""
    digest = hashlib.blake2b(article_id.encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % SHARDS


def write_shards(
    folder: Path,
    labels: Collection[str],
    digests: Mapping[str, str],
    blocks: Mapping[str, bytes],
    spans: Mapping[str, tuple[Span, ...]],
    shards: Iterable[int] | None = None,
) -> bool:
    """Write `shards` (None: all) from the checked state; False when the cache is not writable."""
    wanted = set(range(SHARDS) if shards is None else shards)
    by_shard: dict[int, list] = {n: [] for n in wanted}
    # `blocks` is in file order, and a save only rewrites or appends blocks, so each article's
    # position keeps the shards' articles in file order: a new process then finds them there.
    for position, (a, block) in enumerate(blocks.items()):
        n = shard_of(a)
        if n in wanted and a in digests and a in spans:
            rows = [_fields(s) for s in spans[a]]
            by_shard[n].append([a, position, digests[a], block.decode("utf-8"), rows])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for n, articles in by_shard.items():
            doc = {"format": FORMAT, "labels": sorted(labels), "articles": articles}
            data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
            write_bytes_atomic(folder / _name(n), data, sync=False)
    except OSError:
        return False  # a read-only folder: the next process checks the file again, no harm
    return True


def read_shards(folder: Path, labels: Collection[str], texts: Mapping[str, str]) -> Seed:
    """Return the articles of every usable shard whose text is unchanged."""
    found: list[tuple[int, str, bytes, tuple[Span, ...], str]] = []
    for n in range(SHARDS):
        try:
            doc = json.loads((folder / _name(n)).read_bytes())
            if doc.get("format") != FORMAT or doc.get("labels") != sorted(labels):
                continue
            found.extend(_seed(doc["articles"], texts))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            continue  # missing or damaged: its articles are checked in full instead
    seed = Seed({}, {}, {})
    for _, a, block, spans, digest in sorted(found, key=lambda item: item[0]):
        seed.blocks[a], seed.spans[a], seed.digests[a] = block, spans, digest
    return seed


def _name(n: int) -> str:
    """Return the file name of shard `n`."""
    return f"annotations-{n:03d}.json"


def _seed(
    articles: list, texts: Mapping[str, str]
) -> list[tuple[int, str, bytes, tuple[Span, ...], str]]:
    """Return (position, id, bytes, spans, digest) of a shard's articles whose text is the one
    their spans were checked against."""
    out = []
    for article_id, position, digest, block, rows in articles:
        text = texts.get(article_id)
        if text is None or text_hash(text) != digest:
            continue  # the article left the corpus or its text changed: parse its rows again
        if type(position) is not int:
            raise TypeError("an article's position must be a whole number")
        spans = tuple(Span(*_span_fields(r)) for r in rows)
        out.append((position, article_id, block.encode("utf-8"), spans, digest))
    return out


def _fields(s: Span) -> list:
    """Return a span as the JSON list a shard stores."""
    return [s.start, s.end, s.text, s.label, s.origin, s.annotator, s.updated_at]


def _span_fields(row: list) -> tuple[int, int, str, str, str, str, str]:
    """Return a stored span's fields, refusing a row of the wrong shape or types."""
    start, end, text, label, origin, annotator, updated_at = row
    if not (type(start) is int and type(end) is int):
        raise TypeError("span offsets must be whole numbers")
    return start, end, str(text), str(label), str(origin), str(annotator), str(updated_at)
