"""Build a new index generation beside the served one, then switch to it (store/generations.py).

A build writes a new generation and only then rewrites CURRENT, so a crash, a bad
document or a kill mid-way leaves the previous index serving.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from core.embed import Embedder, load_embedder
from core.errors import DocumentError
from core.models import CaseStudy, Source
from core.settings import Settings
from core.text import unspaced
from core.tokenize_ja import TOKENIZER_VERSION
from ingest.cache import CachedDocument, cache_key, prune, save
from ingest.cases import extract_cases
from store.generations import CACHE, INDEX_FORMAT, corpus_fingerprint, switch
from store.lock import writer_lock
from store.manifest import load_sources, refused_files
from store.storage import removed_on_failure
from store.vectors import drop_vectors, location

# Worker processes that read and tokenize documents while the main process embeds (ingest/stream.py).
INGEST_WORKERS = 1


@dataclass(frozen=True)
class IngestReport:
    """What `dxqa ingest` did, for its summary line."""

    documents: int
    pages: int
    chunks: int
    seconds: float
    generation: str
    skipped: tuple[str, ...]
    embedded: int = 0  # documents embedded anew (the rest came from the cache)
    stages: dict[str, float] | None = None  # seconds per stage (ingest/stream.py STAGES)
    characters: int = 0  # characters of indexed text


def build_index(settings: Settings, *, show_progress: bool = True, workers: int = INGEST_WORKERS) -> IngestReport:
    """Build `settings.corpus_dir` into a new generation of `settings.index_dir` with `settings.embedder`
    (vectors where `settings.vectors` says) and switch to it, one writer at a time across processes (store/lock.py)."""
    with writer_lock(settings.index_dir), removed_on_failure(settings.index_dir):
        return _build_index(settings, show_progress=show_progress, workers=workers)


def _build_index(settings: Settings, *, show_progress: bool, workers: int) -> IngestReport:
    """Read, chunk and embed every source (reusing cached documents), write both indexes, switch.

    Documents stream through (ingest/stream.py): each one's records, vectors and BM25 terms are
    written before the next is embedded. Unchanged documents come from the per-document cache
    (ingest/cache.py); the report says how many were embedded anew. Nothing the served index
    uses is touched until the switch.
    """
    from ingest.stream import GenerationWriter  # build-only: pypdf, chromadb, the process pool

    started = time.perf_counter()
    corpus_dir, index_dir = settings.corpus_dir, settings.index_dir
    sources = load_sources(corpus_dir)
    embedder = load_embedder(settings.embedder)
    generation = index_dir / f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    generation.mkdir(parents=True)
    vectors_at = location(generation, settings.vectors)
    writer = GenerationWriter(generation, vectors_at)
    used, skipped, keys, embedded, pages = _documents(
        corpus_dir, sources, embedder, index_dir / CACHE, writer, workers, show_progress
    )
    writer.close()
    if not used:
        drop_vectors(vectors_at)
        shutil.rmtree(generation, ignore_errors=True)
        raise DocumentError(
            f"{corpus_dir} に索引できる文書がありません。PDF・テキストを置いてから再実行してください（既存のインデッ"
            "クスはそのままです）。",
            f"No indexable documents in {corpus_dir}; the existing index is unchanged.",
        )
    _write_sources(generation, used)
    _write_cases(generation, extract_cases(writer.chunks))
    meta = {
        "format": INDEX_FORMAT,
        "embedder": embedder.spec,
        "tokenizer": TOKENIZER_VERSION,
        "dim": embedder.dim,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "corpus_dir": str(corpus_dir.resolve()),
        "fingerprint": corpus_fingerprint(corpus_dir, sources),
        "counts": {"documents": len(used), "pages": pages, "chunks": len(writer.chunks)},
        "vectors": vectors_at.describe,
    }
    (generation / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    switch(index_dir, generation, settings.vectors)
    prune(index_dir / CACHE, keys)
    return IngestReport(
        len(used),
        pages,
        len(writer.chunks),
        time.perf_counter() - started,
        generation.name,
        tuple(skipped),
        embedded,
        dict(writer.seconds),
        writer.characters,
    )


def _documents(
    corpus_dir: Path,
    sources: list[Source],
    embedder: Embedder,
    cache_dir: Path,
    writer,
    workers: int,
    show_progress: bool,
):
    """Embed (or take from the cache) and write each readable source.

    Returns (used, skipped reasons, cache keys, embedded, pages).
    """
    from tqdm import tqdm

    from ingest.stream import prepared_in_order

    jobs = [(source, _cache_key(corpus_dir, source, embedder.spec)) for source in sources]
    used, skipped, embedded, pages = [], refused_files(corpus_dir), 0, 0
    documents = prepared_in_order(corpus_dir, cache_dir, jobs, workers)
    for (source, key), document in tqdm(
        zip(jobs, documents, strict=True),
        total=len(jobs),
        desc="文書 (documents)",
        disable=not show_progress,
        unit="doc",
    ):
        if isinstance(document, DocumentError):
            skipped.append(document.ja)
            continue
        vectors = document.vectors
        if vectors is None:
            vectors = _embed(embedder, document.texts, writer)
            save(cache_dir, key, CachedDocument(document.chunks, vectors, document.pages))
            embedded += 1
        writer.add(document, vectors)
        used.append(source)
        pages += document.pages
    return used, skipped, {key for _, key in jobs if key}, embedded, pages


def _cache_key(corpus_dir: Path, source: Source, embedder_spec: str) -> str:
    """The document's cache key, or "" when it cannot be read (it is then skipped with its reason)."""
    path = corpus_dir / source.path
    try:
        return cache_key(path, source, embedder_spec) if path.is_file() else ""
    except OSError:
        return ""


def _embed(embedder: Embedder, texts: list[str], writer) -> np.ndarray:
    started = time.perf_counter()
    vectors = embedder.passages([unspaced(text) for text in texts])
    writer.seconds["embed"] += time.perf_counter() - started
    return vectors


def _write_sources(generation: Path, sources: list[Source]) -> None:
    records = [asdict(source) for source in sources]
    (generation / "sources.json").write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")


def _write_cases(generation: Path, cases: list[CaseStudy]) -> None:
    """cases.jsonl: the case studies found in this generation's chunks (ingest/cases.py)."""
    with open(generation / "cases.jsonl", "w", encoding="utf-8") as out:
        out.writelines(json.dumps(asdict(case), ensure_ascii=False) + "\n" for case in cases)
