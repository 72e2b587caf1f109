"""The dense index: a Chroma PersistentClient collection, written and read through llama-index.

This is the one module that knows Chroma and llama-index. Vectors are computed by us
(ingest/embed.py) and handed over; the collection has no embedding function, because
Chroma's default one downloads a model and fails offline.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import chromadb  # noqa: E402
from chromadb.config import Settings as ChromaSettings  # noqa: E402
from llama_index.core.schema import TextNode  # noqa: E402
from llama_index.core.vector_stores.types import VectorStoreQuery  # noqa: E402
from llama_index.vector_stores.chroma import ChromaVectorStore  # noqa: E402

from ingest.models import Chunk  # noqa: E402

COLLECTION = "dxqa_chunks"
ADD_BATCH = 256
# HNSW is approximate: with Chroma's default ef_search (100) the tail of a top-50 list
# changed between runs, and with it the fused ranking. A wider search makes it exact for
# corpora of thousands of chunks at a cost of a few milliseconds.
HNSW = {"space": "cosine", "ef_construction": 200, "ef_search": 400, "max_neighbors": 32}


def _client(path: Path) -> chromadb.ClientAPI:
    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def write_vectors(path: Path, chunks: list[Chunk], vectors: np.ndarray, indexed_texts: list[str]) -> None:
    """Store one node per chunk (id = chunk_id) with its precomputed, normalized vector."""
    collection = _client(path).get_or_create_collection(
        COLLECTION, embedding_function=None, configuration={"hnsw": HNSW}
    )
    store = ChromaVectorStore(chroma_collection=collection)
    nodes = [
        TextNode(id_=chunk.chunk_id, text=text, embedding=vector.tolist(), metadata={"doc_id": chunk.doc_id})
        for chunk, vector, text in zip(chunks, vectors, indexed_texts)
    ]
    for start in range(0, len(nodes), ADD_BATCH):
        store.add(nodes[start : start + ADD_BATCH])


class VectorSearcher:
    """Nearest chunks to a query vector, as (chunk_id, cosine similarity), best first."""

    def __init__(self, path: Path) -> None:
        collection = _client(path).get_collection(COLLECTION, embedding_function=None)
        self._store = ChromaVectorStore(chroma_collection=collection)
        self.count = collection.count()

    def search(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        k = min(k, self.count)
        if k <= 0:
            return []
        result = self._store.query(VectorStoreQuery(query_embedding=vector.tolist(), similarity_top_k=k))
        # llama-index reports exp(-distance); Chroma's cosine distance is 1 - cos.
        return [(node_id, 1.0 + math.log(sim)) for node_id, sim in zip(result.ids, result.similarities)]
