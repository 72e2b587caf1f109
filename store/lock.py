"""One index writer at a time, across processes; generations in use are never deleted.

Two `dxqa add`/`dxqa ingest` (or UI uploads in two `dxqa serve`) at once used to switch
CURRENT to each other's half-built generations. Writers now take an OS lock (flock) on
`index_dir/WRITER.lock` for the whole add + build + switch; a second writer waits, saying
who holds it since when. The kernel releases a flock when its process dies, so a killed
ingest never leaves a stale lock.

Readers hold a shared flock on `<generation>/SERVING.lock` while they serve it; the switch
removes an old generation only if it can lock that file exclusively, i.e. nobody serves it
and nobody is still building it.
"""

from __future__ import annotations

import fcntl
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from core.errors import IndexBusyError

WRITER_LOCK = "WRITER.lock"
SERVING_LOCK = "SERVING.lock"
# A re-index of a large corpus takes minutes; an admin who started a second one waits this long.
WAIT_SECONDS = 3600.0
POLL_SECONDS = 0.2

# Threads of one process share its flock; this lock orders them (and lets add re-enter build).
_PROCESS_LOCK = threading.RLock()
_depth = 0


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def writer_lock(index_dir: Path, wait: float = WAIT_SECONDS, notify: Callable[[str], None] = _say) -> Iterator[None]:
    """Hold the index directory's writer lock; wait (saying so once) while another writer has it.

    IndexBusyError after `wait` seconds. Re-entrant within one thread (`add` holds it
    around the copy and the build it starts).
    """
    global _depth
    deadline = time.monotonic() + wait
    if not _PROCESS_LOCK.acquire(timeout=max(wait, 0.0)):
        raise _busy(index_dir, "（同じプロセス内）")
    try:
        if _depth == 0:
            handle = _acquire_file(index_dir, deadline, notify)
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
            if _depth == 0:
                handle.close()  # releases the flock
    finally:
        _PROCESS_LOCK.release()


def _acquire_file(index_dir: Path, deadline: float, notify: Callable[[str], None]):
    index_dir.mkdir(parents=True, exist_ok=True)
    handle = open(index_dir / WRITER_LOCK, "a+", encoding="utf-8")
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            holder = _holder(handle)
            if time.monotonic() >= deadline:
                handle.close()
                raise _busy(index_dir, holder) from None
            if not told:
                notify(
                    f"別の取り込みが実行中です（{holder}）。終わるまで待ちます…\n"
                    f"(Another ingest is running ({holder}); waiting for it to finish.)"
                )
                told = True
            time.sleep(POLL_SECONDS)
    handle.seek(0)
    handle.truncate()
    handle.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} から、プロセス {os.getpid()}")
    handle.flush()
    return handle


def _holder(handle) -> str:
    handle.seek(0)
    return handle.read().strip() or "開始時刻不明"


def _busy(index_dir: Path, holder: str) -> IndexBusyError:
    return IndexBusyError(
        f"別の取り込みが実行中です（{holder}）。終わってから、もう一度実行してください（{index_dir}）。",
        f"Another ingest is running in {index_dir} ({holder}); try again when it has finished.",
    )


def hold_generation(generation: Path):
    """A shared lock on a generation, kept while it is served or built: the switch will not delete it.

    Returns the open file; closing it releases the claim.
    """
    handle = open(generation / SERVING_LOCK, "a+")
    fcntl.flock(handle, fcntl.LOCK_SH)
    return handle


def unused(generation: Path) -> bool:
    """Whether no process serves or builds `generation` (then it may be deleted).

    A generation without a lock file predates this scheme or was left by a killed build.
    """
    path = generation / SERVING_LOCK
    try:
        handle = open(path, "r")
    except FileNotFoundError:
        return True
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
