"""Index generations on disk: the format both sides share, the switch, and loading.

Layout of `index_dir`:
    CURRENT              name of the generation being served (replaced atomically)
    gen-<time>-<pid>-<id>/    chunks.jsonl, sources.json, meta.json, cases.jsonl, vectors.f32, bm25/, chroma/
    cache/               per-document chunks and vectors by content hash (ingest/cache.py)

A build (ingest/index.py) writes a new generation and only then rewrites CURRENT, so a
crash, a bad document or a kill mid-way leaves the previous index serving; readers that
already opened the previous generation keep it until they reload.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from core.errors import IndexMissingError
from core.models import CaseStudy, Chunk, Source
from core.settings import EMBEDDED, VectorBackend
from store.bm25 import Bm25Searcher
from store.lock import hold_generation, unused
from store.manifest import MANIFEST_NAME, load_sources
from store.storage import unreadable
from store.vectors import VectorSearcher, drop_vectors, location

INDEX_FORMAT = 1
CURRENT = "CURRENT"
CACHE = "cache"


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
    claim: object = None  # shared lock on the generation while served (store/lock.py)

    def close(self) -> None:
        """Release the Chroma handle and the claim, once this generation is no longer served."""
        self.vectors.close()
        if self.claim is not None:
            self.claim.close()


def switch(index_dir: Path, generation: Path, backend: VectorBackend) -> None:
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
    """sha256 of a file; an unreadable one (skipped by the build) is recorded as such
    instead of stopping ask and ingest."""
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


def read_meta(generation: Path) -> dict:
    """A generation's meta.json: format, embedder, dimension, counts, where its vectors are."""
    return json.loads((generation / "meta.json").read_text(encoding="utf-8"))


def _read_generation(generation: Path, backend: VectorBackend, claim) -> LoadedIndex:
    meta = read_meta(generation)
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
    return LoadedIndex(
        generation, meta, chunks, sources, Bm25Searcher(generation / "bm25"), vectors, read_cases(generation), claim
    )


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


def read_cases(generation: Path) -> list[CaseStudy]:
    path = generation / "cases.jsonl"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    tuples = ("themes", "pages", "figures", "members")
    return [CaseStudy(**{**r, **{k: tuple(r[k]) for k in tuples if k in r}}) for r in records]
