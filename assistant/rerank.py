"""Rerank fused passages by how well their best sentence answers the question.

RRF knows only ranks; it cannot see that a passage ranked second by both retrievers holds a
sentence that carries the question's terms next to the asked-for number. Adding a small
multiple of the passage's best answer-sentence score (assistant/answer.py) to its fused
score lets such a passage move up. The weight (Tuning.rerank_weight) is small because fused
scores are small (≈0.04 at rank 1 with k=60): 0.005 measured best on the dev split (README).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from assistant.models import Hit


def rerank(hits: list[Hit], sentence_score: Callable[[Hit], float], weight: float) -> list[Hit]:
    """Hits re-sorted by fused score + weight × best sentence score, ranks renumbered from 1."""
    if weight <= 0:
        return hits
    scored = [(hit.score + weight * sentence_score(hit), hit) for hit in hits]
    scored.sort(key=lambda pair: -pair[0])
    return [replace(hit, rank=rank, score=score) for rank, (score, hit) in enumerate(scored, start=1)]
