"""One document -> its chunks: read pages, normalize lines, find sections, cut chunks."""

from __future__ import annotations

import re
from pathlib import Path

from core.errors import DocumentError
from core.models import Chunk, Page, Source
from ingest.chunk import chunk_blocks
from ingest.headers import strip_running_lines
from ingest.normalize import logical_lines
from ingest.sandbox import MAX_CHARS, read_pdf_limited
from ingest.structure import section_blocks
from ingest.text import read_text_pages
from store.manifest import refusal


def read_pages(corpus_dir: Path, source: Source) -> list[Page]:
    """Pages of a source file, by its type; DocumentError when it is missing, unreadable or over a limit.

    PDFs are read in a child process with time, memory, page and text limits (ingest/sandbox.py).
    """
    path = corpus_dir / source.path
    if not path.is_file():
        raise DocumentError(
            f"目録にある {source.path} が見つかりません。ファイルを置くか、sources.toml から外してください。",
            f"{source.path} is listed in the manifest but missing.",
        )
    if reason := refusal(path, corpus_dir):
        raise DocumentError(reason, f"Refused {source.path}.")
    return read_file_pages(path, source.doc_id)


def read_file_pages(path: Path, doc_id: str) -> list[Page]:
    """Pages of one file within the per-document limits (ingest/sandbox.py); `dxqa add` checks files with it too."""
    if path.suffix.lower() == ".pdf":
        return read_pdf_limited(path, doc_id)
    pages = read_text_pages(path, doc_id)
    if sum(len(page.text) for page in pages) > MAX_CHARS:
        raise DocumentError(
            f"{path.name} を読みませんでした: 文字数が {MAX_CHARS:,} 字を超えています。分割してから追加してください。",
            f"Skipped {path.name}: over {MAX_CHARS} characters.",
        )
    return pages


def document_chunks(source: Source, pages: list[Page]) -> list[Chunk]:
    """The chunks of one document, each with its section path and pages."""
    lines = logical_lines(strip_running_lines(pages), tables=source.is_slides)
    if not lines:
        raise DocumentError(f"{source.path} には文字がありません。", f"{source.path} contains no text.")
    return chunk_blocks(source.doc_id, section_blocks(lines, slides=source.is_slides))


# A heading that only labels a part of a box: 「<活動内容>」「〈人材の経歴〉」「＜取組分野＞」.
_PART_LABEL = re.compile(r"[<〈＜][^<>〈〉＜＞]{1,12}[>〉＞]")


def indexed_text(chunk: Chunk) -> str:
    """What BM25 and the embedder see: the last two section titles, then the passage.

    Section titles name what a passage is about (「(5) 外部人材の確保に係る財政措置」) even
    when its sentences do not; the document title is left out because it is shared by
    hundreds of chunks and only dilutes the vector. A label in angle brackets (「<活動内容>」
    「<取組分野>」) names a part of a box, not what it is about, and does not take one of the two
    places: 「(月10時間を上限に業務に従事)」 under 「<活動内容>」 is found as 長野県共創推進パートナー's.
    """
    titles = [title for title in chunk.section_path if not _PART_LABEL.fullmatch(title.strip())]
    heading = " / ".join(titles[-2:])
    return f"{heading}\n{chunk.text}" if heading else chunk.text
