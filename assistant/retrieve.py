"""Hybrid retrieval: BM25 over lemmas and e5 vectors in Chroma, fused by reciprocal rank."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from assistant.fuse import reciprocal_rank_fusion
from assistant.models import Hit
from assistant.synonyms import expand
from core.embed import load_embedder
from core.errors import ConfigError
from core.japanese import NOT_DONE, qualifies_by_negation
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

    def search(
        self, question: str, *, k: int, mode: str = RETRIEVERS[0], documents: frozenset[str] = frozenset()
    ) -> list[Hit]:
        """The k best chunks for a question, with each retriever's rank kept for inspection; those of
        the `documents` the question names (assistant/documents.py) first, in their fused order."""
        if mode not in RETRIEVERS:
            raise ValueError(f"retriever {mode!r} is not one of {RETRIEVERS}")
        text = normalize(question)
        # the question is scored and embedded once, whatever it is searched among
        tokens = tokenize(text)
        if qualifies_by_negation(text):
            tokens.append(NOT_DONE)  # 「テレワーク入れてない団体」 is what the documents write 未導入団体
        scores = self.index.bm25.scores(expand(tokens)) if mode != "dense" else None
        vector = self.embedder.query(unspaced(text)) if mode != "bm25" else None
        fused, bm25_ids, dense = self._fused(scores, vector, mode)
        similarity = dict(dense)
        if documents:
            # searched within the named documents too, so their best passages are found however far
            # down the whole corpus's lists they would be
            def inside(position: int) -> bool:
                return self.index.chunks[position].doc_id in documents

            named, _, named_dense = self._fused(scores, vector, mode, inside)
            others = [pair for pair in fused if self.index.chunks[self.positions[pair[0]]].doc_id not in documents]
            fused = named + others
            similarity.update(named_dense)
        dense_ids = [chunk_id for chunk_id, _ in dense]
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

    def _fused(self, scores, vector, mode: str, among: Callable[[int], bool] | None = None):
        """(fused (chunk id, score) list, BM25 ids, dense (id, similarity) list) of the question's BM25
        `scores` and query `vector`, over the chunks `among` accepts (by position in the index) or all."""
        tuning = current()
        bm25_ids = self._bm25(scores, tuning.candidates, among) if mode != "dense" else []
        dense = self._dense(vector, tuning.candidates, among) if mode != "bm25" else []
        rankings = {"bm25": bm25_ids, "dense": [chunk_id for chunk_id, _ in dense]}
        weights = {"bm25": tuning.bm25_weight, "dense": tuning.dense_weight}
        used = [name for name in ("bm25", "dense") if mode in (name, "hybrid")]
        fused = reciprocal_rank_fusion([rankings[n] for n in used], [weights[n] for n in used], k=tuning.rrf_k)
        return fused, bm25_ids, dense

    def _bm25(self, scores: np.ndarray, candidates: int, among: Callable[[int], bool] | None = None) -> list[str]:
        if among is not None:
            scores = np.where([among(i) for i in range(len(scores))], scores, 0.0)
        order = np.argsort(-scores)[:candidates]
        return [self.index.chunks[i].chunk_id for i in order if scores[i] > 0]

    def _dense(
        self, vector: np.ndarray, candidates: int, among: Callable[[int], bool] | None = None
    ) -> list[tuple[str, float]]:
        keep = None if among is None else (lambda chunk_id: among(self.positions[chunk_id]))
        return self.index.vectors.search(vector, candidates, keep)
