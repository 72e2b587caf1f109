"""The disk under the index: a full disk or a failed write is said as such, with the path and free space.

A build that cannot write leaves nothing behind (its partial generation is removed) and
the served generation untouched; an index that exists but cannot be opened is reported as
unreadable, never as missing, because rebuilding it would not help and could not succeed.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.errors import DxqaError, IndexUnreadableError, IndexWriteError


# What a failing disk looks like from our writers: the OS, SQLite, and Chroma's Rust storage.
def _write_errors() -> tuple[type[BaseException], ...]:
    """Errors that mean the disk refused a write. chromadb is imported only when a build failed:
    importing it costs ~0.9 s that a one-shot `dxqa ask` must not pay."""
    from chromadb.errors import ChromaError

    return (OSError, sqlite3.Error, ChromaError)


def free_space(path: Path) -> str:
    """Free space on the filesystem holding `path` (or its nearest existing parent), e.g. "12.3 MB"."""
    for folder in (path, *path.parents):
        if folder.exists():
            return f"{shutil.disk_usage(folder).free / 1024**2:,.1f} MB"
    return "不明"


@contextmanager
def removed_on_failure(index_dir: Path) -> Iterator[None]:
    """Around a build: on any failure remove the generations it started; a write error becomes IndexWriteError.

    Generations that existed before (the served one, another process's) are left alone.
    """
    before = set(index_dir.glob("gen-*"))
    try:
        yield
    except BaseException as exc:
        current = (
            (index_dir / "CURRENT").read_text(encoding="utf-8").strip() if (index_dir / "CURRENT").is_file() else ""
        )
        for partial in set(index_dir.glob("gen-*")) - before:
            if partial.name != current:
                shutil.rmtree(partial, ignore_errors=True)
        if isinstance(exc, _write_errors()) and not isinstance(exc, DxqaError):
            raise IndexWriteError(
                f"インデックスを書き込めません（{index_dir}、空き {free_space(index_dir)}）: {exc}。"
                "ディスクの空きと書き込み権限を確認してから再実行してください。今までのインデックスはそのまま使えます。",
                f"Cannot write the index in {index_dir} (free: {free_space(index_dir)}): {exc!r}. The served index is "
                "unchanged.",
            ) from exc
        raise


def unreadable(path: Path, exc: BaseException) -> IndexUnreadableError:
    """The error for an index that is there but cannot be opened."""
    return IndexUnreadableError(
        f"インデックス {path} を開けません（{exc}。空き {free_space(path)}）。"
        "ディスクの空きと読み取り権限を確認してください（作り直す必要はありません）。",
        f"Cannot open the index at {path} (free: {free_space(path)}): {exc!r}",
    )
