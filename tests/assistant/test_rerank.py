"""Reranking fused passages by their best answer sentence (no index needed)."""

from dataclasses import replace

import pytest

from assistant.answer import soft_ranks
from assistant.rerank import rerank
from tests.conftest import make_hit


def _hits(*scores: float):
    return [make_hit(f"doc:{i:04d}", score=score, rank=i) for i, score in enumerate(scores, start=1)]


def _by_id(scores: dict[str, float]):
    return lambda hit: scores[hit.chunk.chunk_id]


def test_a_passage_with_a_better_answer_sentence_moves_up_and_ranks_are_renumbered():
    hits = _hits(0.040, 0.039, 0.030)
    reranked = rerank(hits, _by_id({"doc:0001": 0.0, "doc:0002": 1.0, "doc:0003": 0.0}), weight=0.005)
    assert [h.chunk.chunk_id for h in reranked] == ["doc:0002", "doc:0001", "doc:0003"]
    assert [h.rank for h in reranked] == [1, 2, 3]
    assert [h.score for h in reranked] == pytest.approx([0.044, 0.040, 0.030])


def test_a_small_weight_does_not_overturn_a_clear_fused_lead():
    hits = _hits(0.05, 0.02)
    reranked = rerank(hits, _by_id({"doc:0001": 0.0, "doc:0002": 1.0}), weight=0.005)
    assert [h.chunk.chunk_id for h in reranked] == ["doc:0001", "doc:0002"]


def test_equal_scores_keep_the_fused_order():
    hits = _hits(0.03, 0.03, 0.03)
    reranked = rerank(hits, lambda hit: 0.5, weight=0.005)
    assert [h.chunk.chunk_id for h in reranked] == ["doc:0001", "doc:0002", "doc:0003"]


def test_a_zero_or_negative_weight_leaves_the_fused_list_as_it_was():
    hits = _hits(0.040, 0.039)
    prefers_second = _by_id({"doc:0001": 0.0, "doc:0002": 10.0})
    assert rerank(hits, prefers_second, weight=0) is hits
    assert rerank(hits, prefers_second, weight=-1.0) is hits


def test_reranking_keeps_what_each_retriever_said_about_the_passage():
    hit = replace(make_hit("doc:0001", score=0.02), bm25_rank=3, dense_rank=7, dense_similarity=0.81)
    (reranked,) = rerank([hit], lambda h: 2.0, weight=0.005)
    assert (reranked.bm25_rank, reranked.dense_rank, reranked.dense_similarity) == (3, 7, 0.81)
    assert reranked.chunk == hit.chunk and reranked.source == hit.source


def test_nothing_to_rerank():
    assert rerank([], lambda hit: 1.0, weight=0.005) == []


def test_near_tied_passages_get_near_equal_rank_priors():
    """Swapping two passages whose scores differ in the fourth digit must not change which is
    read as 'first': their soft ranks are nearly equal, while a clear gap keeps its full rank."""
    ranks = soft_ranks(_hits(0.0500, 0.0499, 0.0300, 0.0100))
    assert ranks[0] == 0.0 and ranks[1] < 0.05
    assert ranks[3] == pytest.approx(3.0)
    assert all(rank <= position for position, rank in enumerate(ranks))


def test_soft_ranks_of_equal_scores_are_all_zero():
    assert soft_ranks(_hits(0.03, 0.03)) == [0.0, 0.0]
    assert soft_ranks(_hits(0.03)) == [0.0]
