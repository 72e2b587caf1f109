"""Index generations on disk: build one beside the served one, switch atomically, load.

Layout of `index_dir`:
    CURRENT              name of the generation being served (replaced atomically)
    gen-<time>-<pid>-<id>/    chunks.jsonl, sources.json, meta.json, bm25/, chroma/
    cache/               per-document chunks and vectors by content hash (ingest/cache.py)

A build writes a new generation and only then rewrites CURRENT, so a crash, a bad
document or a kill mid-way leaves the previous index serving; readers that already opened
the previous generation keep it until they reload.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from dxqa.errors import DocumentError, IndexMissingError
from dxqa.settings import EMBEDDED, Settings, VectorBackend
from ingest.bm25 import Bm25Searcher
from ingest.cache import CachedDocument, cache_key, prune, save
from ingest.cases import CaseStudy, extract_cases
from ingest.embed import Embedder, load_embedder
from ingest.lock import hold_generation, unused, writer_lock
from ingest.manifest import MANIFEST_NAME, load_sources, refused_files
from ingest.models import Chunk, Source
from ingest.storage import removed_on_failure, unreadable
from ingest.vector_store import VectorSearcher, drop_vectors, location

# Worker processes that read and tokenize documents while the main process embeds (ingest/stream.py).
INGEST_WORKERS = 1

INDEX_FORMAT = 1
CURRENT = "CURRENT"
CACHE = "cache"


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


@dataclass(frozen=True)
class LoadedIndex:
    """Everything `ask` needs, loaded once per process."""

    path: Path
    meta: dict
    chunks: list[Chunk]
    sources: dict[str, Source]
    bm25: Bm25Searcher
    vectors: VectorSearcher
    cases: list[CaseStudy]
    claim: object = None  # shared lock on the generation while served (ingest/lock.py)

    def close(self) -> None:
        """Release the Chroma handle and the claim, once this generation is no longer served."""
        self.vectors.close()
        if self.claim is not None:
            self.claim.close()


def build_index(settings: Settings, *, show_progress: bool = True, workers: int = INGEST_WORKERS) -> IngestReport:
    """Build `settings.corpus_dir` into a new generation of `settings.index_dir` with `settings.embedder`
    (vectors where `settings.vectors` says) and switch to it, one writer at a time across processes (ingest/lock.py)."""
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
    used, skipped, keys, embedded, pages = _documents(corpus_dir, sources, embedder, index_dir / CACHE, writer, workers, show_progress)
    writer.close()
    if not used:
        drop_vectors(vectors_at)
        shutil.rmtree(generation, ignore_errors=True)
        raise DocumentError(
            f"{corpus_dir} に索引できる文書がありません。PDF・テキストを置いてから再実行してください（既存のインデックスはそのままです）。",
            f"No indexable documents in {corpus_dir}; the existing index is unchanged.",
        )
    _write_sources(generation, used)
    _write_cases(generation, extract_cases(writer.chunks))
    meta = {
        "format": INDEX_FORMAT,
        "embedder": embedder.spec,
        "dim": embedder.dim,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "corpus_dir": str(corpus_dir.resolve()),
        "fingerprint": corpus_fingerprint(corpus_dir, sources),
        "counts": {"documents": len(used), "pages": pages, "chunks": len(writer.chunks)},
        "vectors": vectors_at.describe,
    }
    (generation / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    _switch(index_dir, generation, settings.vectors)
    prune(index_dir / CACHE, keys)
    return IngestReport(len(used), pages, len(writer.chunks), time.perf_counter() - started, generation.name, tuple(skipped),
                        embedded, dict(writer.seconds), writer.characters)


def _documents(corpus_dir: Path, sources: list[Source], embedder: Embedder, cache_dir: Path, writer, workers: int, show_progress: bool):
    """Embed (or take from the cache) and write each readable source; (used, skipped reasons, cache keys, embedded, pages)."""
    from tqdm import tqdm

    from ingest.stream import prepared_in_order

    jobs = [(source, _cache_key(corpus_dir, source, embedder.spec)) for source in sources]
    used, skipped, embedded, pages = [], refused_files(corpus_dir), 0, 0
    documents = prepared_in_order(corpus_dir, cache_dir, jobs, workers)
    for (source, key), document in tqdm(zip(jobs, documents), total=len(jobs), desc="文書 (documents)", disable=not show_progress, unit="doc"):
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
    vectors = embedder.passages(texts)
    writer.seconds["embed"] += time.perf_counter() - started
    return vectors


def _write_sources(generation: Path, sources: list[Source]) -> None:
    records = [asdict(source) for source in sources]
    (generation / "sources.json").write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")


def _write_cases(generation: Path, cases: list[CaseStudy]) -> None:
    """cases.jsonl: the case studies found in this generation's chunks (ingest/cases.py)."""
    with open(generation / "cases.jsonl", "w", encoding="utf-8") as out:
        out.writelines(json.dumps(asdict(case), ensure_ascii=False) + "\n" for case in cases)


def _read_cases(generation: Path) -> list[CaseStudy]:
    path = generation / "cases.jsonl"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    tuples = ("themes", "pages", "figures", "members")
    return [CaseStudy(**{**r, **{k: tuple(r[k]) for k in tuples if k in r}}) for r in records]


def _switch(index_dir: Path, generation: Path, backend: VectorBackend) -> None:
    """Point CURRENT at the new generation (atomic rename), then drop all but it and the one it replaced.

    The replaced generation stays for processes that loaded it before the switch, and so does
    any generation a running process still serves (its SERVING.lock is held); anything
    else — older generations, and unfinished ones left by a crashed or killed ingest — goes.
    """
    previous = _current_name(index_dir)
    tmp = index_dir / f"{CURRENT}.tmp-{os.getpid()}"
    tmp.write_text(generation.name, encoding="utf-8")
    os.replace(tmp, index_dir / CURRENT)
    for old in index_dir.glob("gen-*"):
        if old.is_dir() and old.name not in (generation.name, previous) and unused(old):
            if backend.on_server:
                drop_vectors(location(old, backend))
            shutil.rmtree(old, ignore_errors=True)


def corpus_fingerprint(corpus_dir: Path, sources: list[Source]) -> dict[str, str]:
    """sha256 of the manifest and each source file: what the index was built from."""
    paths = [corpus_dir / MANIFEST_NAME] + [corpus_dir / source.path for source in sources]
    return {path.relative_to(corpus_dir).as_posix(): _digest(path) for path in paths if path.is_file()}


def _digest(path: Path) -> str:
    """sha256 of a file; an unreadable one (skipped by the build) is recorded as such instead of stopping ask and ingest."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def _current_name(index_dir: Path) -> str:
    """The generation name CURRENT points at ("" when there is none yet)."""
    pointer = index_dir / CURRENT
    try:
        return pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else ""
    except (OSError, ValueError) as exc:
        raise unreadable(pointer, exc) from exc


def current_generation(index_dir: Path) -> Path:
    """The served generation, or IndexMissingError saying how to build one."""
    name = _current_name(index_dir)
    generation = index_dir / name if name else None
    if generation is None or not (generation / "meta.json").is_file():
        raise IndexMissingError(
            f"インデックスがありません（{index_dir}）。`dxqa ingest` を実行してから質問してください。",
            f"No index found in {index_dir}. Run `dxqa ingest` first.",
        )
    return generation


def load_index(index_dir: Path, *, vectors: VectorBackend = EMBEDDED) -> LoadedIndex:
    """Load the current generation: chunk records, sources, BM25 and the Chroma collection.

    A generation built on a Chroma server is read from the server at `vectors.url` (each
    process may reach it by its own address); without one, the error says what to set.
    """
    generation = current_generation(index_dir)
    try:
        return _load_generation(generation, vectors)
    except (OSError, ValueError) as exc:  # there but unreadable (I/O error, permissions, a truncated file)
        raise unreadable(generation, exc) from exc


def _load_generation(generation: Path, backend: VectorBackend) -> LoadedIndex:
    claim = hold_generation(generation)
    try:
        return _read_generation(generation, backend, claim)
    except BaseException:
        claim.close()
        raise


def _read_generation(generation: Path, backend: VectorBackend, claim) -> LoadedIndex:
    meta = json.loads((generation / "meta.json").read_text(encoding="utf-8"))
    if meta.get("format") != INDEX_FORMAT:
        raise IndexMissingError(
            "インデックスの形式が古いため使えません。`dxqa ingest` で作り直してください。",
            f"Index format {meta.get('format')} is not {INDEX_FORMAT}; run `dxqa ingest` again.",
        )
    with open(generation / "chunks.jsonl", encoding="utf-8") as lines:
        chunks = [_chunk(json.loads(line)) for line in lines]
    records = json.loads((generation / "sources.json").read_text(encoding="utf-8"))
    sources = {record["doc_id"]: Source(**record) for record in records}
    on_server = meta.get("vectors", {}).get("backend") == "server"
    if on_server and not backend.on_server:
        raise IndexMissingError(
            "この索引のベクトルはChromaサーバーにあります。DXQA_CHROMA_URL にサーバーのURLを設定してください。",
            "This index keeps its vectors on a Chroma server; set DXQA_CHROMA_URL.",
        )
    where = location(generation, backend if on_server else EMBEDDED)
    vectors = VectorSearcher(where, [c.chunk_id for c in chunks], int(meta["dim"]))
    return LoadedIndex(generation, meta, chunks, sources, Bm25Searcher(generation / "bm25"), vectors, _read_cases(generation), claim)


def _chunk(record: dict) -> Chunk:
    record["section_path"] = tuple(record["section_path"])
    record["pages"] = tuple(record["pages"])
    return Chunk(**record)


def stale_files(index: LoadedIndex, corpus_dir: Path) -> list[str]:
    """Corpus files added, changed or removed since the index was built (empty when fresh)."""
    if not corpus_dir.is_dir():
        return []
    now = corpus_fingerprint(corpus_dir, load_sources(corpus_dir))
    then = index.meta.get("fingerprint", {})
    return sorted(name for name in set(now) | set(then) if now.get(name) != then.get(name))
