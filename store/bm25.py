"""The lexical index: BM25 (Lucene variant) over fugashi lemmas of each chunk, built as chunks stream in.

Lucene BM25 (Robertson et al.; k1=1.5, b=0.75; as compared in Kamphuis et al., ECIR 2020):
    score(t, d) = idf(t) · tf / (tf + k1 · (1 − b + b · |d| / avgdl)),
    idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)).
The score of every (term, chunk) pair is computed once at build time, so a query is a sum of
a few sparse columns: well under a millisecond over thousands of chunks.

The writer keeps only (chunk, term id, tf) triples in compact arrays while documents stream
through ingest — no token lists — and writes the columns in bm25s's on-disk layout
(`data/indices/indptr.csc.index.npy`, `vocab.index.json`, `params.index.json`), which
`bm25s.BM25.load` also reads. The searcher reads those arrays with numpy alone, so answering
a question does not import bm25s (and scipy) at all.
"""

from __future__ import annotations

import json
import math
from array import array
from collections import Counter
from pathlib import Path

import numpy as np

K1 = 1.5
B = 0.75
_DATA, _INDICES, _INDPTR = "data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy"
_VOCAB, _PARAMS = "vocab.index.json", "params.index.json"


class Bm25Writer:
    """Chunks are added in index order (row i = chunk i of chunks.jsonl); `save` writes the index."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self._docs, self._terms, self._tfs = array("i"), array("i"), array("f")
        self._lengths = array("i")

    def add(self, tokens: list[str]) -> None:
        """One chunk's tokens."""
        doc = len(self._lengths)
        for token, tf in Counter(tokens).items():
            self._docs.append(doc)
            self._terms.append(self.vocab.setdefault(token, len(self.vocab)))
            self._tfs.append(tf)
        self._lengths.append(len(tokens))

    def save(self, path: Path) -> None:
        """Score every (term, chunk) pair and write the columns, grouped by term."""
        path.mkdir(parents=True, exist_ok=True)
        docs, terms = np.frombuffer(self._docs, np.int32), np.frombuffer(self._terms, np.int32)
        tfs, lengths = np.frombuffer(self._tfs, np.float32), np.frombuffer(self._lengths, np.int32)
        n_docs = len(lengths)
        df = np.bincount(terms, minlength=len(self.vocab))
        idf = np.log(1 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        avgdl = float(lengths.mean()) if n_docs and lengths.mean() > 0 else 1.0
        norm = (K1 * ((1 - B) + B * lengths[docs] / avgdl)).astype(np.float32)
        scores = idf[terms] * tfs / (norm + tfs)
        order = np.argsort(terms, kind="stable")
        np.save(path / _DATA, scores[order].astype(np.float32))
        np.save(path / _INDICES, docs[order].astype(np.int32))
        np.save(path / _INDPTR, np.concatenate([[0], np.cumsum(df)]).astype(np.int64))
        (path / _VOCAB).write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")
        params = {
            "k1": K1,
            "b": B,
            "delta": 0.5,
            "method": "lucene",
            "idf_method": "lucene",
            "dtype": "float32",
            "int_dtype": "int32",
            "num_docs": n_docs,
            "version": "dxqa",
        }
        (path / _PARAMS).write_text(json.dumps(params), encoding="utf-8")


class Bm25Searcher:
    """BM25 scores of every chunk for a tokenized query."""

    def __init__(self, path: Path) -> None:
        self._vocab: dict[str, int] = json.loads((path / _VOCAB).read_text(encoding="utf-8"))
        self.count = int(json.loads((path / _PARAMS).read_text(encoding="utf-8"))["num_docs"])
        self._data = np.load(path / _DATA)
        self._indices = np.load(path / _INDICES)
        self._indptr = np.load(path / _INDPTR)

    def scores(self, tokens: list[str]) -> np.ndarray:
        """Σ over the query's tokens (repeats count again) of each chunk's precomputed score."""
        ids = [self._vocab[t] for t in tokens if t in self._vocab]
        if not ids:
            return np.zeros(self.count, dtype=np.float32)
        spans = [slice(self._indptr[i], self._indptr[i + 1]) for i in ids]
        docs = np.concatenate([self._indices[s] for s in spans])
        weights = np.concatenate([self._data[s] for s in spans])
        return np.bincount(docs, weights=weights, minlength=self.count).astype(np.float32)

    def idf(self, token: str) -> float:
        """Robertson–Sparck Jones idf of a term (0 if unknown): how much a shared term says."""
        token_id = self._vocab.get(token)
        if token_id is None:
            return 0.0
        doc_freq = int(self._indptr[token_id + 1] - self._indptr[token_id])
        return math.log(1 + (self.count - doc_freq + 0.5) / (doc_freq + 0.5))
