"""`dxqa add`: bring new documents into the corpus safely, with metadata people can edit.

A file is checked before it is copied (readable, not empty, not a duplicate), copied under
a plain file name into `corpus/added/` (so `../../x.pdf` cannot write outside the corpus),
and described in sources.toml from the document itself: title from the PDF's metadata or
its first line, date from the first page (令和6年4月1日, 2024年8月23日) or the PDF's creation
date, kind from the page shape (landscape pages are slides).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from pypdf import PdfReader

from core.errors import DocumentError, IndexMissingError
from core.japanese import ERA_YEARS, JP_DATE
from core.models import Source
from core.settings import Settings
from core.text import normalize
from ingest.index import IngestReport, build_index
from ingest.pipeline import read_file_pages
from ingest.text import read_text_pages
from store.generations import current_generation, read_meta
from store.lock import writer_lock
from store.manifest import SUPPORTED_SUFFIXES, append_entry, doc_id_for, load_sources

ADDED_DIR = "added"
MAX_BYTES = 200 * 1024 * 1024
# Linux allows 255 bytes per name; a copy needs room for " (2)" and the temporary prefix.
MAX_NAME_BYTES = 180
_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_ISO_DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_GENERIC_TITLE = re.compile(r"^(Microsoft Word|untitled|無題|PowerPoint)", re.IGNORECASE)


@dataclass(frozen=True)
class AddResult:
    """What adding did: the sources added, why others were refused, and the re-index (if one ran)."""

    added: list[Source]
    refused: list[str]
    report: IngestReport | None


def add_and_ingest(paths: list[Path], settings: Settings, *, show_progress: bool = True) -> AddResult:
    """`dxqa add` and the UI's upload: copy what is acceptable into `settings.corpus_dir`, then re-index incrementally.

    One writer at a time across processes (store/lock.py): a second add or ingest waits; the
    re-index embeds only the new documents and switches generations atomically, so questions
    keep being answered meanwhile.
    """
    with writer_lock(settings.index_dir):
        added, refused = add_documents(paths, settings.corpus_dir)
        report = build_index(with_index_embedder(settings), show_progress=show_progress) if added else None
    return AddResult(added, refused, report)


def with_index_embedder(settings: Settings) -> Settings:
    """Adding documents keeps the embedder the index was built with.

    The per-document cache is keyed by embedder, so adding one file to an index built with
    another model than the configured one would re-embed every document; switching models is
    what `dxqa ingest --embedder …` is for. Without an index, the configured embedder is used.
    """
    try:
        meta = read_meta(current_generation(settings.index_dir))
    except (IndexMissingError, OSError, ValueError):
        return settings
    return replace(settings, embedder=meta.get("embedder") or settings.embedder)


def add_documents(paths: list[Path], corpus_dir: Path) -> tuple[list[Source], list[str]]:
    """(sources added, messages for files refused); a refused file changes nothing."""
    added, refused = [], []
    sources = load_sources(corpus_dir) if corpus_dir.is_dir() else []
    # Content hashes of the corpus, computed once per call and extended with each added file.
    readable = [s for s in sources if (corpus_dir / s.path).is_file() and os.access(corpus_dir / s.path, os.R_OK)]
    known = {_sha256(corpus_dir / s.path): s.path for s in readable}
    ids = {source.doc_id for source in sources}
    for path in paths:
        try:
            source = _add_one(path, corpus_dir, known, ids)
        except DocumentError as exc:
            refused.append(exc.ja)
            continue
        except OSError as exc:  # unreadable, or the corpus folder cannot be written: this file only
            refused.append(f"{_shown(path.name)} を追加できません（{exc.strerror or exc}）。")
            continue
        known[_sha256(corpus_dir / source.path)] = source.path
        ids.add(source.doc_id)
        added.append(source)
    return added, refused


def _add_one(path: Path, corpus_dir: Path, known: dict[str, str], ids: set[str]) -> Source:
    _check(path)
    name = safe_name(path.name)
    existing = known.get(_sha256(path))
    if existing:
        raise DocumentError(
            f"{name} は既にコーパスにあります（{existing}）。追加しませんでした。",
            f"{name} duplicates {existing}; not added.",
        )
    target = _free_name(corpus_dir / ADDED_DIR, name)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    shutil.copyfile(path, tmp)
    os.replace(tmp, target)
    try:
        source = describe(target, corpus_dir)
        if source.doc_id in ids:  # x.pdf beside an existing x.md: ids must stay unique
            source = replace(source, doc_id=f"{source.doc_id}-{hashlib.sha1(source.path.encode()).hexdigest()[:6]}")
        append_entry(corpus_dir, source)
    except BaseException:
        target.unlink(missing_ok=True)  # a refused file changes nothing
        raise
    return source


def safe_name(name: str) -> str:
    """A plain file name for the corpus: 「令和6年 DX 手順.pdf」 stays as it is.

    The last path component only (`../../x.pdf` -> x.pdf), NFC, no control or path
    characters, no leading dots, at most MAX_NAME_BYTES; a name in Shift_JIS bytes (a CP932
    ZIP unpacked on Linux) is decoded as such. DocumentError when nothing usable is left.
    """
    base = _decoded(Path(name.replace("\\", "/")).name)
    base = _UNSAFE_CHARS.sub("", unicodedata.normalize("NFC", base)).strip()
    suffix = Path(base).suffix if Path(base).suffix.lower() in SUPPORTED_SUFFIXES else ""
    stem = base[: len(base) - len(suffix)].strip().lstrip(".").strip() or "document"
    stem = stem.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore").strip()
    return stem + suffix.lower()


def _decoded(name: str) -> str:
    """The name as text: bytes that are not UTF-8 (kept by Python as surrogates) are read as CP932."""
    raw = os.fsencode(name)
    for encoding in ("utf-8", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(
        f"{_shown(name)}: ファイル名の文字コードを判別できません。名前を付け直してから追加してください。",
        f"Cannot decode the file name {raw!r}.",
    )


def _shown(name: str) -> str:
    return os.fsencode(name).decode("utf-8", "replace")


def _check(path: Path) -> None:
    """The whole document is read as ingest will read it (same limits), so what is accepted also gets indexed."""
    name = _shown(path.name)
    if not path.is_file():
        raise DocumentError(f"{_shown(str(path))} が見つかりません。", f"{path} does not exist.")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            f"{name} は対応していない形式です（PDF・.md・.txt を追加できます）。",
            f"{name}: unsupported type; valid: {', '.join(SUPPORTED_SUFFIXES)}",
        )
    if path.stat().st_size > MAX_BYTES:
        raise DocumentError(
            f"{name} は大きすぎます（{MAX_BYTES // 1024 // 1024} MB まで）。分割してから追加してください。",
            f"{name} exceeds {MAX_BYTES} bytes.",
        )
    if not read_file_pages(path, "check"):  # raises DocumentError for empty, encrypted, corrupt, over-limit files
        raise DocumentError(f"{name} には文字がありません。", f"{name} has no text.")


def describe(path: Path, corpus_dir: Path) -> Source:
    """Manifest metadata read from the document (and editable in sources.toml afterwards)."""
    relative = path.relative_to(corpus_dir).as_posix()
    first_page, title, created, landscape = _first_page(path)
    lines = [normalize(line) for line in first_page.split("\n") if line.strip()]
    title = title or next((line for line in lines if 4 <= len(line) <= 80), path.stem)
    date, label = _date(first_page) or created or ("", "日付不明")
    return Source(
        doc_id=doc_id_for(relative),
        title=title,
        publisher="",
        date=date,
        date_label=label,
        kind="slides" if landscape else "manual",
        path=relative,
    )


def _first_page(path: Path) -> tuple[str, str, tuple[str, str] | None, bool]:
    """(first page text, metadata title, metadata creation date, landscape?)."""
    if path.suffix.lower() != ".pdf":
        return read_text_pages(path, "x")[0].text[:2000], "", None, False
    reader = PdfReader(path)
    if reader.is_encrypted:
        reader.decrypt("")
    page = reader.pages[0]
    meta = reader.metadata or {}
    title = normalize(str(meta.get("/Title") or ""))
    created = None
    raw = str(meta.get("/CreationDate") or "")
    if re.match(r"D:\d{8}", raw):
        created = (
            f"{raw[2:6]}-{raw[6:8]}-{raw[8:10]}",
            f"{raw[2:6]}年{int(raw[6:8])}月{int(raw[8:10])}日（PDF作成日）",
        )
    landscape = float(page.mediabox.width) > float(page.mediabox.height)
    return page.extract_text() or "", "" if _GENERIC_TITLE.match(title) else title, created, landscape


def _date(text: str) -> tuple[str, str] | None:
    """The first date written on the page, as (ISO, as written)."""
    text = normalize(text)
    if match := JP_DATE.search(text):
        era, year, month, day = match.groups()
        western = ERA_YEARS[era] + (1 if year == "元" else int(year))
        return f"{western}-{int(month):02d}-{int(day):02d}", match.group(0)
    if match := _ISO_DATE.search(text):
        year, month, day = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}", match.group(0)
    return None


def _free_name(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target, n = folder / name, 2
    while target.exists():
        target, n = folder / f"{Path(name).stem} ({n}){Path(name).suffix}", n + 1
    return target


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
