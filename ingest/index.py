"""Index generations on disk: build one beside the served one, switch atomically, load.

Layout of `index_dir`:
    CURRENT              name of the generation being served (replaced atomically)
    gen-<time>-<pid>/    chunks.jsonl, sources.json, meta.json, bm25/, chroma/

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
from dataclasses import asdict, dataclass
from pathlib import Path

from tqdm import tqdm

from dxqa.errors import DocumentError, IndexMissingError
from ingest.bm25 import Bm25Searcher, write_bm25
from ingest.embed import load_embedder
from ingest.manifest import MANIFEST_NAME, load_sources
from ingest.models import Chunk, Source
from ingest.pipeline import document_chunks, indexed_text, read_pages
from ingest.tokenize_ja import tokenize
from ingest.vector_store import VectorSearcher, write_vectors

INDEX_FORMAT = 1
CURRENT = "CURRENT"
KEEP_GENERATIONS = 2


@dataclass(frozen=True)
class IngestReport:
    """What `dxqa ingest` did, for its summary line."""

    documents: int
    pages: int
    chunks: int
    seconds: float
    generation: str
    skipped: tuple[str, ...]


@dataclass(frozen=True)
class LoadedIndex:
    """Everything `ask` needs, loaded once per process."""

    path: Path
    meta: dict
    chunks: list[Chunk]
    sources: dict[str, Source]
    bm25: Bm25Searcher
    vectors: VectorSearcher


def build_index(corpus_dir: Path, index_dir: Path, embedder_spec: str, show_progress: bool = True) -> IngestReport:
    """Read every source, chunk, embed, write both indexes, then make them current."""
    started = time.perf_counter()
    sources = load_sources(corpus_dir)
    embedder = load_embedder(embedder_spec)
    chunks, pages, skipped, used = _chunk_all(corpus_dir, sources, show_progress)
    if not chunks:
        raise DocumentError(
            f"{corpus_dir} に索引できる文書がありません。PDF・テキストを置いてから再実行してください（既存のインデックスはそのままです）。",
            f"No indexable documents in {corpus_dir}; the existing index is unchanged.",
        )
    generation = index_dir / f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
    generation.mkdir(parents=True)
    texts = [indexed_text(chunk) for chunk in chunks]
    vectors = embedder.passages(texts, show_progress=show_progress)
    write_vectors(generation / "chroma", chunks, vectors, texts)
    write_bm25(generation / "bm25", [tokenize(text) for text in texts])
    _write_records(generation, chunks, used)
    meta = {
        "format": INDEX_FORMAT,
        "embedder": embedder.spec,
        "dim": embedder.dim,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "corpus_dir": str(corpus_dir.resolve()),
        "fingerprint": corpus_fingerprint(corpus_dir, sources),
        "counts": {"documents": len(used), "pages": pages, "chunks": len(chunks)},
    }
    (generation / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    _switch(index_dir, generation)
    return IngestReport(len(used), pages, len(chunks), time.perf_counter() - started, generation.name, tuple(skipped))


def _chunk_all(corpus_dir: Path, sources: list[Source], show_progress: bool):
    chunks: list[Chunk] = []
    skipped: list[str] = []
    used: list[Source] = []
    pages = 0
    for source in tqdm(sources, desc="文書の読み込み (reading)", disable=not show_progress, unit="doc"):
        try:
            doc_pages = read_pages(corpus_dir, source)
            doc_chunks = document_chunks(source, doc_pages)
        except DocumentError as exc:
            skipped.append(exc.ja)
            continue
        pages += len(doc_pages)
        chunks.extend(doc_chunks)
        used.append(source)
    return chunks, pages, skipped, used


def _write_records(generation: Path, chunks: list[Chunk], sources: list[Source]) -> None:
    with open(generation / "chunks.jsonl", "w", encoding="utf-8") as out:
        for chunk in chunks:
            out.write(json.dumps(asdict(chunk), ensure_ascii=False) + "\n")
    records = [asdict(source) for source in sources]
    (generation / "sources.json").write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")


def _switch(index_dir: Path, generation: Path) -> None:
    """Point CURRENT at the new generation (atomic rename), then drop old and unfinished ones."""
    tmp = index_dir / f"{CURRENT}.tmp-{os.getpid()}"
    tmp.write_text(generation.name, encoding="utf-8")
    os.replace(tmp, index_dir / CURRENT)
    generations = sorted(p for p in index_dir.glob("gen-*") if p.is_dir())
    keep = {generation.name, *(p.name for p in generations[-KEEP_GENERATIONS:])}
    for old in generations:
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)


def corpus_fingerprint(corpus_dir: Path, sources: list[Source]) -> dict[str, str]:
    """sha256 of the manifest and each source file: what the index was built from."""
    paths = [corpus_dir / MANIFEST_NAME] + [corpus_dir / source.path for source in sources]
    return {
        path.relative_to(corpus_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in paths
        if path.is_file()
    }


def current_generation(index_dir: Path) -> Path:
    """The served generation, or IndexMissingError saying how to build one."""
    pointer = index_dir / CURRENT
    generation = index_dir / pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else None
    if generation is None or not (generation / "meta.json").is_file():
        raise IndexMissingError(
            f"インデックスがありません（{index_dir}）。`dxqa ingest` を実行してから質問してください。",
            f"No index found in {index_dir}. Run `dxqa ingest` first.",
        )
    return generation


def load_index(index_dir: Path) -> LoadedIndex:
    """Load the current generation: chunk records, sources, BM25 and the Chroma collection."""
    generation = current_generation(index_dir)
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
    return LoadedIndex(generation, meta, chunks, sources, Bm25Searcher(generation / "bm25"), VectorSearcher(generation / "chroma"))


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
