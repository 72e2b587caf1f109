"""Pages of text from a PDF with pypdf, one at a time, keeping page numbers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from core.errors import DocumentError
from core.models import Page


def read_pdf_pages(path: Path, doc_id: str) -> Iterator[Page]:
    """Yield each page's text; raise DocumentError for files we cannot read.

    Pages are yielded one by one so a huge PDF never sits in memory as text. An encrypted
    PDF is opened with the empty user password (common for "copy-protected" government
    PDFs); any other password is reported, not guessed.
    """
    reader = _open(path)
    empty_pages = 0
    for number, page in enumerate(reader.pages, start=1):
        text = _extract(page, path, number)
        if not text.strip():
            empty_pages += 1
            continue
        yield Page(doc_id=doc_id, number=number, text=text)
    if empty_pages and empty_pages == len(reader.pages):
        raise DocumentError(
            f"{path.name} には文字情報（テキスト層）がありません。スキャン画像のPDFは OCR してから追加してください。",
            f"{path.name} has no text layer on any page; run OCR on it first.",
        )


def _open(path: Path) -> PdfReader:
    if path.stat().st_size == 0:
        raise DocumentError(f"{path.name} は空のファイルです。", f"{path.name} is empty.")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("needs a password")
        return reader
    except FileNotDecryptedError as exc:
        raise DocumentError(
            f"{path.name} はパスワードで暗号化されています。パスワードを解除したPDFを追加してください。",
            f"{path.name} is encrypted with a password; add a decrypted copy.",
        ) from exc
    except (PdfReadError, ValueError, OSError) as exc:
        raise DocumentError(
            f"{path.name} はPDFとして読めません（壊れているか、PDFではありません）: {exc}",
            f"{path.name} is not a readable PDF: {exc}",
        ) from exc


def _extract(page, path: Path, number: int) -> str:
    try:
        return page.extract_text() or ""
    except Exception as exc:  # pypdf raises many types on damaged content streams
        raise DocumentError(
            f"{path.name} の {number} ページ目を読めません: {exc}",
            f"Cannot extract page {number} of {path.name}: {exc}",
        ) from exc
