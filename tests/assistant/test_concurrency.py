"""Same answer under load: an answer depends on the question and the index, never on other requests.

Questions are asked sequentially, then all at once from 8 threads against the same
`Assistant`, and through a real `dxqa serve` process (concurrency 4) by 8 clients; every
answer must equal its sequential one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.formats import as_dict
from core.settings import ROOT
from core.tokenize_ja import tokenize
from tests.conftest import serving

THREADS = 8


def _questions() -> list[str]:
    """The eval questions, each also in a reworded form: 200 distinct questions."""
    with open(ROOT / "eval" / "questions.jsonl", encoding="utf-8") as lines:
        asked = [json.loads(line)["question"] for line in lines]
    return (asked + [q.rstrip("？?") + "について教えてください" for q in asked])[:200]


def _comparable(answer: dict) -> dict:
    """An answer without its timings (the only part allowed to differ between runs)."""
    return {k: v for k, v in answer.items() if k != "timing_ms"}


@pytest.fixture(scope="module")
def sequential(assistant) -> list[dict]:
    """The answers to the questions asked one after another."""
    return [_comparable(as_dict(assistant.ask(q))) for q in _questions()]


def test_tokens_do_not_depend_on_other_threads():
    texts = [
        p
        for path in sorted((ROOT / "corpus").glob("*.md"))
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if p.strip()
    ]
    sequential = [tokenize(text) for text in texts]
    with ThreadPoolExecutor(THREADS) as pool:
        parallel = list(pool.map(tokenize, texts))
    assert sum(a != b for a, b in zip(sequential, parallel, strict=True)) == 0


def test_answers_from_eight_threads_equal_sequential_answers(assistant, sequential):
    questions = _questions()
    assert len(questions) >= 200
    with ThreadPoolExecutor(THREADS) as pool:
        parallel = list(pool.map(lambda q: _comparable(as_dict(assistant.ask(q))), questions))
    differing = [q for q, a, b in zip(questions, sequential, parallel, strict=True) if a != b]
    assert differing == []
    # and afterwards a single caller still gets the sequential answers (no cache kept a bad entry)
    assert [_comparable(as_dict(assistant.ask(q))) for q in questions[:20]] == sequential[:20]


@pytest.fixture
def served(settings, free_port):
    """`dxqa serve` as users start it, on the session's index, answering 4 questions at a time."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DXQA_INDEX_DIR": str(settings.index_dir),
        "DXQA_CORPUS_DIR": str(settings.corpus_dir),
        "DXQA_CONCURRENCY": "4",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "dxqa.cli", "serve", "--port", str(free_port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{free_port}/"
    with serving(process, url, 90, "dxqa serve"):
        yield url


def test_served_answers_under_load_equal_sequential_answers(sequential, served):
    from gradio_client import Client

    questions = _questions()
    local = threading.local()

    def ask(question: str) -> dict:
        # one client per thread: a gradio Client shared by two threads at once cancels one stream
        if not hasattr(local, "client"):
            local.client = Client(served, verbose=False)
        return _comparable(local.client.predict(question, api_name="/ask"))

    with ThreadPoolExecutor(THREADS) as pool:
        parallel = list(pool.map(ask, questions))
    differing = [q for q, a, b in zip(questions, sequential, parallel, strict=True) if a != b]
    assert differing == []
