"""Reciprocal rank fusion of ranked lists (Cormack, Clarke & Büttcher, SIGIR 2009).

score(d) = Σ_i w_i / (k + rank_i(d)), rank starting at 1. It needs no score calibration
between BM25 and cosine similarity, which live on unrelated scales; k damps the
difference between the first few ranks.
"""

from __future__ import annotations

from collections.abc import Sequence


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]], weights: Sequence[float], *, k: int
) -> list[tuple[str, float]]:
    """Fused (id, score) pairs, best first; ties keep the order of first appearance (k: Tuning.rrf_k)."""
    if len(rankings) != len(weights):
        raise ValueError(f"{len(rankings)} rankings but {len(weights)} weights")
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])
