"""The dense index: a Chroma collection, written and read through llama-index.

This is the one module that knows Chroma and llama-index. Vectors are computed by us
(ingest/embed.py) and handed over; the collection has no embedding function, because
Chroma's default one downloads a model and fails offline.

Two backends, chosen by `DXQA_CHROMA_URL`: embedded (default) — a PersistentClient in the
generation's `chroma/` folder; or a Chroma server (`chroma run --path …`) shared by several
`dxqa serve` processes — one collection per index generation, named after it, so a new
generation is written beside the served one and the switch stays atomic.
"""

from __future__ import annotations

import math
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import chromadb  # noqa: E402
from chromadb.config import Settings as ChromaSettings  # noqa: E402
from llama_index.core.schema import TextNode  # noqa: E402
from llama_index.core.vector_stores.types import VectorStoreQuery  # noqa: E402
from llama_index.vector_stores.chroma import ChromaVectorStore  # noqa: E402

from chromadb.errors import ChromaError, NotFoundError  # noqa: E402

from dxqa.errors import ConfigError, IndexMissingError  # noqa: E402
from ingest.models import Chunk  # noqa: E402
from ingest.storage import unreadable  # noqa: E402

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


def location(generation: Path, server_url: str = "", token: str = "") -> VectorLocation:
    """The vectors of `generation`: its chroma/ folder, or the collection named after it on the server."""
    if server_url:
        return VectorLocation(generation / "chroma", server_url, token, f"dxqa-{generation.name}")
    return VectorLocation(generation / "chroma")


def _client(where: VectorLocation) -> chromadb.ClientAPI:
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
            host=url.hostname, port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https", headers=headers, settings=settings,
        )
        client.heartbeat()
    except Exception as exc:  # chromadb raises several transport errors; all mean "cannot reach"
        raise IndexMissingError(
            f"Chromaサーバー {where.server_url} に接続できません。`chroma run --path …` が動いているか、URLとトークンを確認してください。",
            f"Cannot reach the Chroma server at {where.server_url}: {exc}",
        ) from exc
    return client


def drop_vectors(where: VectorLocation) -> None:
    """Delete a pruned generation's server collection (its folder goes with the generation)."""
    if where.server_url:
        try:
            client = _client(where)
            client.delete_collection(where.collection)
            client.close()
        except Exception:  # already gone, or the server is down: nothing to keep consistent
            pass


def write_vectors(where: VectorLocation, chunks: list[Chunk], vectors: np.ndarray, indexed_texts: list[str]) -> None:
    """Store one node per chunk (id = chunk_id) with its precomputed, normalized vector."""
    client = _client(where)
    try:
        collection = client.get_or_create_collection(where.collection, embedding_function=None, configuration={"hnsw": HNSW})
        store = ChromaVectorStore(chroma_collection=collection)
        nodes = [
            TextNode(id_=chunk.chunk_id, text=text, embedding=vector.tolist(), metadata={"doc_id": chunk.doc_id})
            for chunk, vector, text in zip(chunks, vectors, indexed_texts)
        ]
        for start in range(0, len(nodes), ADD_BATCH):
            store.add(nodes[start : start + ADD_BATCH])
    finally:
        client.close()  # a long-running `dxqa serve` that adds documents must not keep every build's files open


def _missing(where: VectorLocation, why: object) -> IndexMissingError:
    return IndexMissingError(
        f"ベクトル索引（{where.collection}）が見つかりません。`dxqa ingest` で作り直してください。",
        f"Vector collection {where.collection} is missing: {why}",
    )


class VectorSearcher:
    """Nearest chunks to a query vector, as (chunk_id, cosine similarity), best first."""

    def __init__(self, where: VectorLocation) -> None:
        if not where.server_url and not where.path.is_dir():
            raise _missing(where, "no chroma folder")
        try:
            self._client = _client(where)
        except ChromaError as exc:  # the folder is there but cannot be opened: a full disk, permissions
            raise unreadable(where.path, exc) from exc
        try:
            collection = self._client.get_collection(where.collection, embedding_function=None)
        except NotFoundError as exc:
            self._client.close()
            raise _missing(where, exc) from exc
        except Exception as exc:
            self._client.close()
            raise unreadable(where.path, exc) from exc
        self._store = ChromaVectorStore(chroma_collection=collection)
        self.count = collection.count()
        # Concurrent HNSW queries on one collection occasionally returned a differently ordered
        # top list (seen with 8 UI workers); one query at a time keeps answers reproducible
        # and costs a few ms of waiting per question.
        self._lock = threading.Lock()

    def close(self) -> None:
        """Release the client's files (SQLite, HNSW segments) once a newer generation is served."""
        with self._lock:
            self._client.close()

    def search(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        k = min(k, self.count)
        if k <= 0:
            return []
        with self._lock:
            result = self._store.query(VectorStoreQuery(query_embedding=vector.tolist(), similarity_top_k=k))
        # llama-index reports exp(-distance); Chroma's cosine distance is 1 - cos.
        return [(node_id, 1.0 + math.log(sim)) for node_id, sim in zip(result.ids, result.similarities)]
