"""The dense index: the vectors of a generation, in a plain file and in a Chroma collection.

This is the one module that knows Chroma. Vectors are computed by us (core/embed.py) and
handed over; the collection has no embedding function, because Chroma's default one
downloads a model and fails offline.

Two backends, chosen by `DXQA_CHROMA_URL`: embedded (default) — a PersistentClient in the
generation's `chroma/` folder; or a Chroma server (`chroma run --path …`) shared by several
`dxqa serve` processes — one collection per index generation, named after it, so a new
generation is written beside the served one and the switch stays atomic.

An embedded generation also keeps its vectors as raw float32 rows (`vectors.f32`, row i =
chunk i), appended per document while ingest runs. Questions are answered from that file
with one exact matrix-vector product (a few ms for 30,000 chunks): a one-shot `dxqa ask`
then loads neither chromadb nor an HNSW graph, and the ranking is exact, not approximate.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from core.errors import ConfigError, IndexMissingError
from core.models import Chunk
from core.settings import VectorBackend
from store.storage import unreadable

VECTOR_FILE = "vectors.f32"
# id, doc_id and indexed text of each row, in file order, until the Chroma collection is filled from them.
ROWS_FILE = "vector-rows.jsonl"
COLLECTION = "dxqa_chunks"
ADD_BATCH = 256
# HNSW is approximate: with Chroma's default ef_search (100) the tail of a top-50 list
# changed between runs, and with it the fused ranking. A wider search makes it exact for
# corpora of thousands of chunks at a cost of a few milliseconds.
HNSW = {"space": "cosine", "ef_construction": 200, "ef_search": 400, "max_neighbors": 32}


@dataclass(frozen=True)
class VectorLocation:
    """Where one generation's vectors live: a folder (embedded) or a collection on a Chroma server."""

    path: Path
    server_url: str = ""
    token: str = ""
    collection: str = COLLECTION

    @property
    def describe(self) -> dict[str, str]:
        """What meta.json records (never the token)."""
        return {"backend": "server", "collection": self.collection} if self.server_url else {"backend": "embedded"}


def location(generation: Path, backend: VectorBackend) -> VectorLocation:
    """The vectors of `generation`: its chroma/ folder, or the collection named after it on the server."""
    if backend.on_server:
        return VectorLocation(generation / "chroma", backend.url, backend.token, f"dxqa-{generation.name}")
    return VectorLocation(generation / "chroma")


def _client(where: VectorLocation):
    """A chromadb client for `where` (imported here: it takes ~0.8 s and only ingest and server indexes need it).

    Telemetry is switched off in the client's own settings, so no environment variable is changed.
    """
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if not where.server_url:
        return chromadb.PersistentClient(path=str(where.path), settings=settings)
    url = urlparse(where.server_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ConfigError(
            f"DXQA_CHROMA_URL「{where.server_url}」が不正です。http://ホスト名:ポート の形で指定してください。",
            f"Invalid Chroma server URL {where.server_url!r}; expected http(s)://host:port.",
        )
    headers = {"Authorization": f"Bearer {where.token}", "X-Chroma-Token": where.token} if where.token else None
    try:
        client = chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            headers=headers,
            settings=settings,
        )
        client.heartbeat()
    except Exception as exc:  # chromadb raises several transport errors; all mean "cannot reach"
        raise IndexMissingError(
            f"Chromaサーバー {where.server_url} に接続できません。`chroma run --path …` が動いているか、"
            "URLとトークンを確認してください。",
            f"Cannot reach the Chroma server at {where.server_url}: {exc}",
        ) from exc
    return client


def drop_vectors(where: VectorLocation) -> None:
    """Delete a pruned generation's server collection (its folder goes with the generation)."""
    if where.server_url:
        try:
            client = _client(where)
        except Exception:  # the server is down: nothing to keep consistent
            return
        try:
            client.delete_collection(where.collection)
        except Exception:  # already gone
            pass
        finally:
            client.close()


class VectorWriter:
    """Appends each document's vectors as it is embedded; nothing is held between documents.

    Embedded generations: rows go to `vectors.f32` (what questions are answered from) and the
    Chroma collection is filled from that file when the build closes, in a spawned child
    process. The build's own process then never loads chromadb nor holds an HNSW graph that
    grows with the corpus (~2.7 KB a vector: 90 MB at 33,000 chunks, which took a 100× build
    to 604 MB). Server generations are written to the server as each document comes.
    """

    def __init__(self, where: VectorLocation, generation: Path) -> None:
        self._where = where
        self._generation = generation
        self.count = 0
        if where.server_url:
            self._client = _client(where)
            self._collection = _writable_collection(self._client, where)
            self._file = self._rows = None
        else:
            self._client = self._collection = None
            self._file = open(generation / VECTOR_FILE, "wb")
            self._rows = open(generation / ROWS_FILE, "w", encoding="utf-8")

    def add(self, chunks: list[Chunk], vectors: np.ndarray, indexed_texts: list[str]) -> None:
        """Store one row per chunk (id = chunk_id) with its precomputed, normalized vector."""
        if self._collection is not None:
            _add_rows(
                self._collection,
                [(c.chunk_id, c.doc_id, t) for c, t in zip(chunks, indexed_texts, strict=True)],
                vectors,
            )
        else:
            self._file.write(np.ascontiguousarray(vectors, dtype=np.float32).tobytes())
            self._rows.writelines(
                json.dumps([c.chunk_id, c.doc_id, t], ensure_ascii=False) + "\n"
                for c, t in zip(chunks, indexed_texts, strict=True)
            )
        self.count += len(chunks)

    def close(self) -> None:
        """Flush the vector file and fill the embedded collection from it, or release the server client
        (a long-running `dxqa serve` that adds documents must not keep every build's files open)."""
        if self._client is not None:
            self._client.close()
            return
        for handle in (self._file, self._rows):
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        context = multiprocessing.get_context("spawn")  # fork + Rust/ONNX threads can hang
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as child:
            child.submit(fill_embedded_collection, self._where, self._generation, self.count).result()
        (self._generation / ROWS_FILE).unlink()


def fill_embedded_collection(where: VectorLocation, generation: Path, count: int) -> None:
    """Write a generation's rows (`vectors.f32` + the id/doc/text lines) into its Chroma folder, in batches.

    Runs in a child process. Any failure comes back as an OSError, so the build reports it as a
    write error (a full disk, permissions) and removes the partial generation.
    """
    try:
        dim = (generation / VECTOR_FILE).stat().st_size // 4 // max(count, 1)
        vectors = np.memmap(generation / VECTOR_FILE, dtype=np.float32, mode="r", shape=(count, dim)) if count else None
        client = _client(where)
        try:
            collection = _writable_collection(client, where)
            with open(generation / ROWS_FILE, encoding="utf-8") as lines:
                for start in range(0, count, ADD_BATCH):
                    rows = [json.loads(line) for line in itertools.islice(lines, ADD_BATCH)]
                    _add_rows(collection, rows, vectors[start : start + len(rows)])
        finally:
            client.close()
    except Exception as exc:  # noqa: BLE001 - Chroma's and SQLite's errors do not all survive pickling
        raise OSError(f"Chroma ({where.path}): {exc!r}") from None


def _writable_collection(client, where: VectorLocation):
    """The generation's collection, created with our HNSW settings and no embedding function."""
    return client.get_or_create_collection(where.collection, embedding_function=None, configuration={"hnsw": HNSW})


def _add_rows(collection, rows: list, vectors: np.ndarray) -> None:
    """Add (chunk_id, doc_id, indexed text) rows with their vectors, ADD_BATCH at a time."""
    for start in range(0, len(rows), ADD_BATCH):
        part = rows[start : start + ADD_BATCH]
        collection.add(
            ids=[chunk_id for chunk_id, _, _ in part],
            embeddings=np.asarray(vectors[start : start + len(part)], dtype=np.float32),
            documents=[text for _, _, text in part],
            metadatas=[{"doc_id": doc_id} for _, doc_id, _ in part],
        )


class VectorSearcher:
    """Nearest chunks to a query vector, as (chunk_id, cosine similarity), best first.

    Embedded generations with `vectors.f32` are searched exactly in memory (the ids are
    the chunk ids in file order); server generations, and embedded ones written before
    that file existed, are asked through Chroma.
    """

    def __init__(self, where: VectorLocation, chunk_ids: list[str], dim: int) -> None:
        raw = where.path.parent / VECTOR_FILE
        self._ids = chunk_ids
        self._matrix = None
        self._client = self._collection = None
        if not where.server_url and raw.is_file():
            try:
                self._matrix = np.fromfile(raw, dtype=np.float32).reshape(-1, dim)
            except (OSError, ValueError) as exc:  # the file is there but cannot be read whole
                raise unreadable(raw, exc) from exc
            self.count = len(self._matrix)
        else:
            if not where.server_url and not where.path.is_dir():
                raise _missing(where, "no chroma folder")
            self._client, self._collection = _collection(where)
            self.count = self._collection.count()
        # Concurrent HNSW queries on one collection occasionally returned a differently ordered
        # top list (seen with 8 UI workers); one query at a time keeps answers reproducible
        # and costs a few ms of waiting per question.
        self._lock = threading.Lock()

    def close(self) -> None:
        """Release the client's files (SQLite, HNSW segments) once a newer generation is served."""
        with self._lock:
            if self._client is not None:
                self._client.close()

    def search(self, vector: np.ndarray, k: int, among: Callable[[str], bool] | None = None) -> list[tuple[str, float]]:
        """The k nearest chunks, only those `among` accepts when given (the chunks of some documents)."""
        k = min(k, self.count)
        if k <= 0:
            return []
        if self._matrix is not None:
            similarity = self._matrix @ vector.astype(np.float32)
            if among is not None:
                similarity = np.where([among(i) for i in self._ids], similarity, -np.inf)
            top = np.argpartition(-similarity, k - 1)[:k]
            top = top[np.argsort(-similarity[top], kind="stable")]
            return [(self._ids[i], float(similarity[i])) for i in top if np.isfinite(similarity[i])]
        wanted = k if among is None else min(self.count, k * _FILTER_OVERFETCH)
        with self._lock:
            result = self._collection.query(
                query_embeddings=[vector.astype(np.float32)], n_results=wanted, include=["distances"]
            )
        # Chroma's cosine distance is 1 - cos.
        found = [
            (chunk_id, 1.0 - distance)
            for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
            if among is None or among(chunk_id)
        ]
        return found[:k]


# A Chroma query for the chunks of some documents asks this many times k, then keeps theirs.
_FILTER_OVERFETCH = 8


def _missing(where: VectorLocation, why: object) -> IndexMissingError:
    return IndexMissingError(
        f"ベクトル索引（{where.collection}）が見つかりません。`dxqa ingest` で作り直してください。",
        f"Vector collection {where.collection} is missing: {why}",
    )


def _collection(where: VectorLocation):
    """(client, collection) of a generation; a missing collection and an unreadable one are told apart."""
    from chromadb.errors import ChromaError, NotFoundError

    try:
        client = _client(where)
    except IndexMissingError:
        raise
    except ChromaError as exc:  # the folder is there but cannot be opened: a full disk, permissions
        raise unreadable(where.path, exc) from exc
    try:
        return client, client.get_collection(where.collection, embedding_function=None)
    except NotFoundError as exc:
        client.close()
        raise _missing(where, exc) from exc
    except Exception as exc:
        client.close()
        raise unreadable(where.path, exc) from exc
