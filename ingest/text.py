"""Text and Markdown documents, in whatever encoding a 自治体 PC saved them."""

from __future__ import annotations

from pathlib import Path

from dxqa.errors import DocumentError
from ingest.models import Page

# Tried in order. UTF-8 first (strict, so a CP932 file cannot pass as UTF-8), then the
# encodings Japanese Windows and older systems write.
ENCODINGS = ("utf-8-sig", "cp932", "euc_jp", "iso2022_jp")


def read_text_pages(path: Path, doc_id: str) -> list[Page]:
    """The whole file as page 1 (text files have no pages)."""
    text = decode(path.read_bytes(), path.name)
    if not text.strip():
        raise DocumentError(f"{path.name} は空のファイルです。", f"{path.name} is empty.")
    return [Page(doc_id=doc_id, number=1, text=text)]


def decode(data: bytes, name: str) -> str:
    """Decode with the first encoding that fits; say so when none does."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(
        f"{name} の文字コードを判別できません（UTF-8 または Shift_JIS で保存してください）。",
        f"Cannot decode {name} as any of {', '.join(ENCODINGS)}.",
    )
