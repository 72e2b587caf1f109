"""Hybrid retrieval: BM25 over lemmas and e5 vectors in Chroma, fused by reciprocal rank."""

from __future__ import annotations

import numpy as np

from assistant.fuse import reciprocal_rank_fusion
from assistant.models import Hit
from assistant.synonyms import expand
from core.embed import load_embedder
from core.errors import ConfigError
from core.text import normalize, unspaced
from core.tokenize_ja import tokenize
from core.tuning import current
from store.generations import LoadedIndex

RETRIEVERS = ("hybrid", "bm25", "dense")
# What `ask --mode` and `eval --modes` accept: a retriever, optionally followed by the
# sentence-level rerank (assistant/rerank.py). The default is the first.
MODES = ("hybrid+rerank", "hybrid", "bm25", "dense")
RERANK_SUFFIX = "+rerank"


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
    """Loaded once per process; `search` is cheap (one e5 query embedding + two lookups).

    Candidates, fusion k and list weights are the current tuning's (core/tuning.py).
    """

    def __init__(self, index: LoadedIndex) -> None:
        self.index = index
        self.embedder = load_embedder(index.meta["embedder"])
        # chunk id -> place in the index (also read by the answer: the nearest footnote, the next passage)
        self.positions = {chunk.chunk_id: i for i, chunk in enumerate(index.chunks)}

    def search(self, question: str, *, k: int, mode: str = RETRIEVERS[0]) -> list[Hit]:
        """The k best chunks for a question, with each retriever's rank kept for inspection."""
        if mode not in RETRIEVERS:
            raise ValueError(f"retriever {mode!r} is not one of {RETRIEVERS}")
        tuning = current()
        text = normalize(question)
        bm25_ids = self._bm25(text, tuning.candidates) if mode != "dense" else []
        dense = self._dense(text, tuning.candidates) if mode != "bm25" else []
        dense_ids = [chunk_id for chunk_id, _ in dense]
        rankings = {"bm25": bm25_ids, "dense": dense_ids}
        weights = {"bm25": tuning.bm25_weight, "dense": tuning.dense_weight}
        used = [name for name in ("bm25", "dense") if mode in (name, "hybrid")]
        fused = reciprocal_rank_fusion([rankings[n] for n in used], [weights[n] for n in used], k=tuning.rrf_k)
        similarity = dict(dense)
        bm25_rank = {cid: r for r, cid in enumerate(bm25_ids, start=1)}
        dense_rank = {cid: r for r, cid in enumerate(dense_ids, start=1)}
        hits = []
        for rank, (chunk_id, score) in enumerate(fused[:k], start=1):
            chunk = self.index.chunks[self.positions[chunk_id]]
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

    def _bm25(self, text: str, candidates: int) -> list[str]:
        scores = self.index.bm25.scores(expand(tokenize(text)))
        order = np.argsort(-scores)[:candidates]
        return [self.index.chunks[i].chunk_id for i in order if scores[i] > 0]

    def _dense(self, text: str, candidates: int) -> list[tuple[str, float]]:
        return self.index.vectors.search(self.embedder.query(unspaced(text)), candidates)
