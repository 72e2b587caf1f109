"""The corpus manifest: which documents to index and how to cite them."""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import tomllib
from dataclasses import replace
from pathlib import Path

import tomlkit

from core.errors import ConfigError
from core.models import Source

MANIFEST_NAME = "sources.toml"
SUPPORTED_SUFFIXES = (".pdf", ".md", ".txt")
KINDS = ("manual", "slides")


def load_sources(corpus_dir: Path) -> list[Source]:
    """Sources listed in `sources.toml`, then every other supported file in the folder.

    Files the manifest neither lists nor excludes (`exclude = [...]`, paths relative to the
    corpus) are indexed too, cited by file name until someone writes their entry, so a PDF
    dropped into the folder is never silently ignored.
    """
    manifest = corpus_dir / MANIFEST_NAME
    listed, excluded = _from_manifest(manifest) if manifest.exists() else ([], set())
    known = {source.path for source in listed} | excluded
    others = [
        _from_file(path, corpus_dir)
        for path in sorted(corpus_dir.rglob("*"))
        if _supported(path) and path.relative_to(corpus_dir).as_posix() not in known and not refusal(path, corpus_dir)
    ]
    return _unique_ids(listed + others)


def refused_files(corpus_dir: Path) -> list[str]:
    """Why each document file in the corpus that cannot be indexed safely is left out (for the ingest report)."""
    if not corpus_dir.is_dir():
        return []
    return [
        reason for path in sorted(corpus_dir.rglob("*")) if _supported(path) and (reason := refusal(path, corpus_dir))
    ]


def refusal(path: Path, corpus_dir: Path) -> str:
    """Why `path` must not be indexed ("" when it may be): a name that cannot be shown or stored,
    or a link out of the corpus.

    A CP932 name unzipped on Linux is not UTF-8 and crashed every ask and ingest; a control
    character made sources.toml invalid; a link to /etc/passwd made its content answerable.
    """
    relative = str(path.relative_to(corpus_dir))
    shown = os.fsencode(relative).decode("utf-8", "replace")
    if shown != relative:
        try:
            guess = f"（Shift_JIS なら「{os.fsencode(relative).decode('cp932')}」）"
        except UnicodeDecodeError:
            guess = ""
        return f"{shown}: ファイル名がUTF-8ではありません{guess}。名前を付け直すか、`dxqa add` で追加してください。"
    if _CONTROL.search(relative):
        return f"{relative!r}: ファイル名に制御文字が含まれています。名前を付け直してください。"
    if not path.resolve().is_relative_to(corpus_dir.resolve()):
        return (
            f"{relative}: コーパスの外（{path.resolve()}）を指すリンクなので読みません。"
            "ファイルそのものを置いてください。"
        )
    return ""


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _unique_ids(sources: list[Source]) -> list[Source]:
    """Sources with distinct ids: a later duplicate (x.md beside x.pdf, a copied entry) gets a suffix from its path.

    A duplicate id put two documents' chunks under one name and failed every later ingest.
    """
    seen: set[str] = set()
    unique = []
    for source in sources:
        if source.doc_id in seen:
            source = replace(source, doc_id=f"{source.doc_id}-{hashlib.sha1(source.path.encode()).hexdigest()[:6]}")
        seen.add(source.doc_id)
        unique.append(source)
    return unique


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES and path.is_file()


def _from_manifest(manifest: Path) -> tuple[list[Source], set[str]]:
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"コーパスの目録 {manifest} を読めません（TOML の書式を確認してください）: {exc}",
            f"Cannot parse corpus manifest {manifest}: {exc}",
        ) from exc
    return [_from_entry(entry, manifest) for entry in data.get("source", [])], set(data.get("exclude", []))


def _from_entry(entry: dict, manifest: Path) -> Source:
    kind = entry.get("kind", "manual")
    if kind not in KINDS:
        raise ConfigError(
            f"{manifest} の kind「{kind}」は使えません。次のいずれかを指定してください: {', '.join(KINDS)}",
            f"Unknown kind {kind!r} in {manifest}; valid: {', '.join(KINDS)}",
        )
    try:
        return Source(
            doc_id=entry["id"],
            title=entry["title"],
            publisher=entry.get("publisher", ""),
            date=str(entry.get("date", "")),
            date_label=entry.get("date_label", str(entry.get("date", ""))),
            kind=kind,
            path=entry["path"],
        )
    except KeyError as exc:
        raise ConfigError(
            f"{manifest} の項目に {exc.args[0]} がありません（id, title, path は必須です）。",
            f"Manifest entry in {manifest} lacks {exc.args[0]} (id, title and path are required).",
        ) from exc


def append_entry(corpus_dir: Path, source: Source) -> None:
    """Add a [[source]] entry for a new document to sources.toml (created if missing), for people to edit.

    Written by a TOML writer (tomlkit keeps people's comments and escapes any character),
    checked by parsing it back, and replaced atomically under a lock, so the manifest is
    valid TOML after any add, crash or two adds at once.
    """
    path = corpus_dir / MANIFEST_NAME
    entry = tomlkit.table()
    for key, value in {
        "id": source.doc_id,
        "title": source.title,
        "publisher": source.publisher,
        "date": source.date,
        "date_label": source.date_label,
        "kind": source.kind,
        "path": source.path,
    }.items():
        entry[key] = value
    with open(corpus_dir / f".{MANIFEST_NAME}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
        if "source" not in document:
            document["source"] = tomlkit.aot()
        document["source"].append(entry)
        text = tomlkit.dumps(document)
        tomllib.loads(text)  # never write what we could not read back
        tmp = path.with_name(f".{MANIFEST_NAME}.tmp-{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)


def _from_file(path: Path, corpus_dir: Path) -> Source:
    relative = path.relative_to(corpus_dir).as_posix()
    return Source(
        doc_id=doc_id_for(relative),
        title=path.stem,
        publisher="",
        date="",
        date_label="日付不明",
        kind="manual",
        path=relative,
    )


def doc_id_for(relative_path: str) -> str:
    """A stable, Chroma-safe id from a file path (non-ASCII names keep a hash, not the characters)."""
    stem = Path(relative_path).with_suffix("").as_posix()
    ascii_id = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-")
    if ascii_id and ascii_id.isascii() and ascii_id == stem.replace("/", "-"):
        return ascii_id
    return (ascii_id[:40] + "-" if ascii_id else "doc-") + hashlib.sha1(stem.encode()).hexdigest()[:8]
