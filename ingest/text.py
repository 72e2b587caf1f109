"""Text and Markdown documents, in whatever encoding a 自治体 PC saved them."""

from __future__ import annotations

from pathlib import Path

from core.errors import DocumentError
from core.models import Page
from core.text import decode


def read_text_pages(path: Path, doc_id: str) -> list[Page]:
    """The whole file as page 1 (text files have no pages)."""
    text = decode(path.read_bytes(), path.name)
    if not text.strip():
        raise DocumentError(f"{path.name} は空のファイルです。", f"{path.name} is empty.")
    return [Page(doc_id=doc_id, number=1, text=text)]
