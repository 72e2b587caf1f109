"""The lexical index: BM25 (bm25s, Lucene variant) over fugashi lemmas of each chunk.

Lucene BM25 (Robertson et al.; k1=1.5, b=0.75) as bm25s implements it; scores are sparse
dot products, so a query over thousands of chunks takes well under a millisecond.
"""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np


def write_bm25(path: Path, token_lists: list[list[str]]) -> None:
    """Index chunks in order: row i of the index is chunk i of chunks.jsonl."""
    retriever = bm25s.BM25()
    retriever.index([tokens or [""] for tokens in token_lists], show_progress=False)
    retriever.save(str(path), show_progress=False)


class Bm25Searcher:
    """BM25 scores of every chunk for a tokenized query."""

    def __init__(self, path: Path) -> None:
        self._retriever = bm25s.BM25.load(str(path), show_progress=False)
        self._vocab = self._retriever.vocab_dict
        self.count = int(self._retriever.scores["num_docs"])

    def scores(self, tokens: list[str]) -> np.ndarray:
        known = [t for t in tokens if t in self._vocab]
        if not known:
            return np.zeros(self.count, dtype=np.float32)
        return self._retriever.get_scores(known)

    def idf(self, token: str) -> float:
        """Robertson–Sparck Jones idf of a term (0 if unknown): how much a shared term says."""
        token_id = self._vocab.get(token)
        if token_id is None:
            return 0.0
        n_docs = self._retriever.scores["num_docs"]
        indptr = self._retriever.scores["indptr"]
        doc_freq = int(indptr[token_id + 1] - indptr[token_id])
        return float(np.log(1 + (n_docs - doc_freq + 0.5) / (doc_freq + 0.5)))
