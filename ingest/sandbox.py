"""Read one PDF in a child process, with limits on time, memory, pages and text.

A hostile or merely odd PDF can make pypdf loop for twenty minutes (an operator-heavy
content stream), eat gigabytes (a decompression bomb on page 2) or crash outright. Read in
the indexing process, that stops every other document and, in `dxqa serve`, the answering
too. In a child process the worst case is a DocumentError naming the file and the limit:
the child is killed at the deadline, cannot allocate beyond its memory cap, and stops at
the page and text limits.
"""

from __future__ import annotations

import multiprocessing
import resource
from pathlib import Path

from core.errors import DocumentError
from core.models import Page

SECONDS = 120.0  # the largest shipped PDF (110 pages) reads in ~2 s
MEMORY_BYTES = 2 * 1024**3
MAX_PAGES = 3000
MAX_CHARS = 5_000_000  # ~3,000 dense pages of Japanese


def read_pdf_limited(path: Path, doc_id: str, seconds: float | None = None) -> list[Page]:
    """The PDF's pages (as ingest/pdf.py reads them), or DocumentError saying which limit it broke."""
    seconds = seconds or SECONDS
    context = multiprocessing.get_context("spawn")  # never fork a process that runs threads (Gradio, Chroma)
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(str(path), doc_id, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise _limit(path, f"読み取りが {seconds:.0f} 秒を超えました", f"reading took over {seconds:.0f} s")
        kind, payload = receive.recv()
    except EOFError:
        raise _limit(
            path, "読み取り中に異常終了しました（メモリ上限を超えた可能性があります）", "the reader died"
        ) from None
    finally:
        child.kill()
        child.join()
        receive.close()
    if kind == "error":
        raise DocumentError(*payload)
    return [Page(doc_id, number, text) for number, text in payload]


def _child(path: str, doc_id: str, send) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    try:
        send.send(("pages", _pages(Path(path), doc_id)))
    except DocumentError as exc:
        send.send(("error", (exc.ja, exc.en)))
    except MemoryError:
        send.send(
            (
                "error",
                (
                    f"{Path(path).name} は展開するとメモリ上限（{MEMORY_BYTES // 1024**3} GB）を超えるため読みません。",
                    f"{Path(path).name} exceeds the memory limit when decompressed.",
                ),
            )
        )
    except Exception as exc:  # noqa: BLE001 - any failure of a hostile file is that file's failure
        send.send(
            (
                "error",
                (
                    f"{Path(path).name} はPDFとして読めません: {type(exc).__name__}: {exc}",
                    f"{Path(path).name} is not a readable PDF: {exc!r}",
                ),
            )
        )


def _pages(path: Path, doc_id: str) -> list[tuple[int, str]]:
    from ingest.pdf import read_pdf_pages

    pages, chars = [], 0
    for page in read_pdf_pages(path, doc_id):
        chars += len(page.text)
        if page.number > MAX_PAGES:
            raise _limit(path, f"{MAX_PAGES} ページを超えています", f"over {MAX_PAGES} pages")
        if chars > MAX_CHARS:
            raise _limit(path, f"文字数が {MAX_CHARS:,} 字を超えています", f"over {MAX_CHARS} characters")
        pages.append((page.number, page.text))
    return pages


def _limit(path: Path, ja: str, en: str) -> DocumentError:
    return DocumentError(
        f"{path.name} を読みませんでした: {ja}。分割するか、内容を確認してから追加してください。",
        f"Skipped {path.name}: {en}.",
    )
