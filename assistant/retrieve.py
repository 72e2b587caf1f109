"""Hybrid retrieval: BM25 over lemmas and e5 vectors in Chroma, fused by reciprocal rank."""

from __future__ import annotations

import numpy as np

from assistant.fuse import reciprocal_rank_fusion
from assistant.models import Hit
from assistant.synonyms import expand
from core.errors import ConfigError
from core.embed import load_embedder
from store.generations import LoadedIndex
from core.text import normalize
from core.tokenize_ja import tokenize

RETRIEVERS = ("hybrid", "bm25", "dense")
# What `ask --mode` and `eval --modes` accept: a retriever, optionally followed by the
# sentence-level rerank (assistant/rerank.py). The default is the first.
MODES = ("hybrid+rerank", "hybrid", "bm25", "dense")
RERANK_SUFFIX = "+rerank"
# Each retriever contributes this many candidates to the fusion.
CANDIDATES = 50


def check_mode(mode: str) -> str:
    """The mode itself if valid; otherwise a ConfigError listing the valid ones."""
    if mode not in MODES:
        raise ConfigError(
            f"検索方式「{mode}」は使えません。次のいずれかを指定してください: {', '.join(MODES)}",
            f"Unknown retrieval mode {mode!r}; valid: {', '.join(MODES)}",
        )
    return mode


def split_mode(mode: str) -> tuple[str, bool]:
    """`hybrid+rerank` -> ("hybrid", True)."""
    check_mode(mode)
    return mode.removesuffix(RERANK_SUFFIX), mode.endswith(RERANK_SUFFIX)


class Retriever:
    """Loaded once per process; `search` is cheap (one e5 query embedding + two lookups)."""

    def __init__(self, index: LoadedIndex, rrf_k: int = 60, bm25_weight: float = 1.0, dense_weight: float = 1.0) -> None:
        self.index = index
        self.embedder = load_embedder(index.meta["embedder"])
        self.rrf_k = rrf_k
        self.weights = {"bm25": bm25_weight, "dense": dense_weight}
        self._position = {chunk.chunk_id: i for i, chunk in enumerate(index.chunks)}

    def search(self, question: str, k: int = 10, mode: str = "hybrid") -> list[Hit]:
        """The k best chunks for a question, with each retriever's rank kept for inspection."""
        if mode not in RETRIEVERS:
            raise ValueError(f"retriever {mode!r} is not one of {RETRIEVERS}")
        text = normalize(question)
        bm25_ids = self._bm25(text) if mode != "dense" else []
        dense = self._dense(text) if mode != "bm25" else []
        dense_ids = [chunk_id for chunk_id, _ in dense]
        rankings = {"bm25": bm25_ids, "dense": dense_ids}
        used = [name for name in ("bm25", "dense") if mode in (name, "hybrid")]
        fused = reciprocal_rank_fusion([rankings[n] for n in used], [self.weights[n] for n in used], self.rrf_k)
        similarity = dict(dense)
        bm25_rank = {cid: r for r, cid in enumerate(bm25_ids, start=1)}
        dense_rank = {cid: r for r, cid in enumerate(dense_ids, start=1)}
        hits = []
        for rank, (chunk_id, score) in enumerate(fused[:k], start=1):
            chunk = self.index.chunks[self._position[chunk_id]]
            hits.append(
                Hit(
                    chunk=chunk,
                    source=self.index.sources[chunk.doc_id],
                    rank=rank,
                    score=score,
                    bm25_rank=bm25_rank.get(chunk_id),
                    dense_rank=dense_rank.get(chunk_id),
                    dense_similarity=similarity.get(chunk_id),
                )
            )
        return hits

    def _bm25(self, text: str) -> list[str]:
        scores = self.index.bm25.scores(expand(tokenize(text)))
        order = np.argsort(-scores)[:CANDIDATES]
        return [self.index.chunks[i].chunk_id for i in order if scores[i] > 0]

    def _dense(self, text: str) -> list[tuple[str, float]]:
        return self.index.vectors.search(self.embedder.query(text), CANDIDATES)
