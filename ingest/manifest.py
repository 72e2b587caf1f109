"""The corpus manifest: which documents to index and how to cite them."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from pathlib import Path

from dxqa.errors import ConfigError
from ingest.models import Source

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
        if _supported(path) and path.relative_to(corpus_dir).as_posix() not in known
    ]
    return listed + others


def _supported(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES


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
    """Add a [[source]] entry for a new document to sources.toml (created if missing), for people to edit."""
    fields = {"id": source.doc_id, "title": source.title, "publisher": source.publisher, "date": source.date,
              "date_label": source.date_label, "kind": source.kind, "path": source.path}
    lines = ["", "[[source]]", *(f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items())]
    with open(corpus_dir / MANIFEST_NAME, "a", encoding="utf-8") as manifest:
        manifest.write("\n".join(lines) + "\n")


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
