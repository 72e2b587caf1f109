"""Per-document cache of chunks and vectors, keyed by content, so re-indexing re-embeds only what changed.

Embedding is almost all of an ingest's time (≈45 s for the shipped corpus on 2 cores). The
key covers everything the chunks and vectors depend on: the file's bytes, the document id
and kind, the embedder, and the source code of the reading/normalizing/structuring/
chunking stages and of the text rules they apply (core/text.py, japanese.py, models.py) — so
a code change invalidates the cache by itself. Unchanged documents
are loaded from the cache, changed ones get new entries, and entries no build uses any
more are pruned after the new generation is serving.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from core.models import Chunk, Source

_STAGES = ("pdf.py", "text.py", "headers.py", "normalize.py", "structure.py", "slides.py", "chunk.py", "pipeline.py")
# The text rules the stages apply live in core/: a change there changes the chunks too (line joins
# ask the tokenizer whether a break falls inside a word).
_RULES = ("text.py", "japanese.py", "models.py", "tokenize_ja.py")
_CORE = Path(__file__).resolve().parent.parent / "core"
_CODE = hashlib.sha256(
    b"".join((Path(__file__).parent / name).read_bytes() for name in _STAGES)
    + b"".join((_CORE / name).read_bytes() for name in _RULES)
).hexdigest()


@dataclass(frozen=True)
class CachedDocument:
    """One document's chunks, their vectors (row i = chunk i) and its page count."""

    chunks: list[Chunk]
    vectors: np.ndarray
    pages: int


def cache_key(path: Path, source: Source, embedder_spec: str) -> str:
    digest = hashlib.sha256(path.read_bytes())
    digest.update(f"\0{source.doc_id}\0{source.kind}\0{embedder_spec}\0{_CODE}".encode())
    return digest.hexdigest()


def load(cache_dir: Path, key: str) -> CachedDocument | None:
    """The cached document, or None when absent or unreadable (then it is rebuilt)."""
    try:
        record = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
        vectors = np.load(cache_dir / f"{key}.npy")
    except (OSError, ValueError):
        return None
    chunks = [
        Chunk(**{**c, "section_path": tuple(c["section_path"]), "pages": tuple(c["pages"])}) for c in record["chunks"]
    ]
    return CachedDocument(chunks, vectors, record["pages"]) if len(chunks) == len(vectors) else None


def save(cache_dir: Path, key: str, document: CachedDocument) -> None:
    """Write vectors, then the record that makes the entry visible (each via an atomic rename)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cache_dir / f"{key}.tmp-{os.getpid()}"
    try:
        with open(tmp, "wb") as out:
            np.save(out, document.vectors)
        os.replace(tmp, cache_dir / f"{key}.npy")
        record = {"pages": document.pages, "chunks": [asdict(c) for c in document.chunks]}
        tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache_dir / f"{key}.json")
    finally:
        tmp.unlink(missing_ok=True)  # a full disk must not leave half-written files behind


def prune(cache_dir: Path, keep: set[str]) -> None:
    """Remove entries (and leftovers of interrupted writes) that the current index does not use."""
    if not cache_dir.is_dir():
        return
    for path in cache_dir.iterdir():
        if ".tmp-" in path.name or path.name.split(".", 1)[0] not in keep:
            path.unlink(missing_ok=True)
