"""Run the `dxqa` command as a user would: a fresh process on a given corpus and index."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_dxqa(args: list[str], *, index: Path, corpus: Path, stdin: str | None = None, timeout: float = 300):
    """`python -m dxqa.cli ARGS` with DXQA_INDEX_DIR/DXQA_CORPUS_DIR set and no DXQA_EMBEDDER from the caller's
    environment (the index's or the default embedder applies); returns the CompletedProcess (text)."""
    env = {**os.environ, "DXQA_INDEX_DIR": str(index), "DXQA_CORPUS_DIR": str(corpus)}
    env.pop("DXQA_EMBEDDER", None)
    return subprocess.run(
        [sys.executable, "-m", "dxqa.cli", *args], input=stdin, capture_output=True, text=True, env=env, timeout=timeout
    )
