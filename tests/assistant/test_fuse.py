"""Reciprocal rank fusion: how the BM25 and dense rankings become one list (no index needed)."""

import pytest

from assistant.fuse import reciprocal_rank_fusion


def test_each_list_contributes_weight_over_k_plus_rank():
    fused = dict(reciprocal_rank_fusion([["a", "b"], ["b"]], [1.5, 1.0], k=60))
    assert fused["a"] == pytest.approx(1.5 / 61)
    assert fused["b"] == pytest.approx(1.5 / 62 + 1.0 / 61)


def test_a_passage_both_retrievers_found_outranks_one_only_one_put_first():
    bm25 = ["only-bm25", "x", "both"]
    dense = ["only-dense", "y", "both"]
    ranked = [item for item, _ in reciprocal_rank_fusion([bm25, dense], [1.0, 1.0], k=60)]
    assert ranked[0] == "both"
    assert set(ranked) == {"only-bm25", "only-dense", "x", "y", "both"}


def test_a_small_k_lets_one_retrievers_first_place_win_over_agreement():
    """k damps the gap between the first ranks: the same lists fuse differently at k=0 and k=60."""
    bm25 = ["only-bm25", "x", "both"]
    dense = ["only-dense", "y", "both"]
    ranked = [item for item, _ in reciprocal_rank_fusion([bm25, dense], [1.0, 1.0], k=0)]
    assert ranked[:2] == ["only-bm25", "only-dense"] and ranked[2] == "both"


def test_the_heavier_list_decides_between_two_first_places():
    assert reciprocal_rank_fusion([["bm25-first"], ["dense-first"]], [1.5, 1.0], k=60)[0][0] == "bm25-first"
    assert reciprocal_rank_fusion([["bm25-first"], ["dense-first"]], [1.0, 1.5], k=60)[0][0] == "dense-first"


def test_scores_are_sorted_best_first():
    fused = reciprocal_rank_fusion([["a", "b", "c", "d"], ["d", "c"]], [1.0, 0.5], k=60)
    scores = [score for _, score in fused]
    assert scores == sorted(scores, reverse=True)
    assert [item for item, _ in fused] == ["c", "d", "a", "b"]  # c: 1/63 + 0.5/62 > d: 1/64 + 0.5/61


def test_ties_keep_the_order_of_first_appearance():
    assert [i for i, _ in reciprocal_rank_fusion([["a", "b"], ["b", "a"]], [1.0, 1.0], k=60)] == ["a", "b"]
    assert [i for i, _ in reciprocal_rank_fusion([["b", "a"], ["a", "b"]], [1.0, 1.0], k=60)] == ["b", "a"]
    assert [i for i, _ in reciprocal_rank_fusion([["x"], ["y"]], [1.0, 1.0], k=60)] == ["x", "y"]


def test_empty_rankings_fuse_to_nothing():
    assert reciprocal_rank_fusion([], [], k=60) == []
    assert reciprocal_rank_fusion([[], []], [1.0, 1.0], k=60) == []
    assert reciprocal_rank_fusion([["a"], []], [1.0, 1.0], k=60) == [("a", pytest.approx(1 / 61))]


def test_one_weight_per_ranking_is_required():
    with pytest.raises(ValueError, match="2 rankings but 1 weights"):
        reciprocal_rank_fusion([["a"], ["b"]], [1.0], k=60)
