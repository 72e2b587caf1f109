"""PDF reading: page numbers, other PDF producers, and files we cannot read."""

import pytest
from pypdf import PdfReader, PdfWriter

from core.errors import DocumentError
from core.models import Source
from devtools.pdf import make_pdf
from ingest.pdf import read_pdf_pages
from ingest.pipeline import document_chunks
from tests.conftest import CORPUS


def test_ingest_pdf_keeps_page_numbers():
    pages = list(read_pdf_pages(CORPUS / "pdf/jichitai-dx-zentai-tejunsho-v2.pdf", "t"))
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    source = Source("t", "手順書", "総務省", "2022-09-02", "令和4年9月2日", "manual", "x.pdf")
    chunks = document_chunks(source, pages)
    rate = next(c for c in chunks if "合計額に0.5を乗じて得た額" in c.text)
    on_page = [p.number for p in pages if "0.5を乗じて得た額" in p.text.replace(" ", "")]
    assert len(on_page) == 1 and on_page[0] in rate.pages


def test_pdf_whose_text_layer_has_kangxi_radicals_is_normalized(tmp_path):
    path = make_pdf(tmp_path / "kangxi.pdf", ["外部人材の活用⽅針と⼀体的に進める。", "二ページ目の本文。"])
    pages = list(read_pdf_pages(path, "k"))
    assert "⽅" in pages[0].text.replace("\x00", "")
    chunks = document_chunks(Source("k", "k", "", "", "", "manual", "kangxi.pdf"), pages)
    assert chunks[0].text == "外部人材の活用方針と一体的に進める。\n二ページ目の本文。"
    assert chunks[0].pages == (1, 2)


def test_encrypted_pdf_with_empty_user_password_is_read(tmp_path):
    plain = make_pdf(tmp_path / "plain.pdf", ["暗号化された資料の本文。"])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="owner")
    writer.write(tmp_path / "locked.pdf")
    assert "暗号化された資料" in list(read_pdf_pages(tmp_path / "locked.pdf", "e"))[0].text.replace("\x00", "")


def test_pdf_with_a_password_is_refused_with_a_japanese_message(tmp_path):
    plain = make_pdf(tmp_path / "plain.pdf", ["秘密。"])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="secret")
    writer.write(tmp_path / "secret.pdf")
    with pytest.raises(DocumentError, match="暗号化"):
        list(read_pdf_pages(tmp_path / "secret.pdf", "s"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "空のファイル"),
        (b"this is not a pdf at all", "PDFとして読めません"),
        (b"%PDF-1.7\n1 0 obj\n<<", "PDFとして読めません"),
    ],
)
def test_unreadable_pdfs_get_a_clear_message(tmp_path, content, message):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=message):
        list(read_pdf_pages(path, "b"))


def test_running_headers_footers_and_page_numbers_are_stripped_but_pages_kept(tmp_path):
    body = [
        "はじめに、本書の目的を述べる。",
        "外部人材の活用について説明する。",
        "研修の進め方を示す。",
        "財政措置の概要をまとめる。",
        "おわりに、今後の課題を挙げる。",
    ]
    pages_text = [f"自治体DX推進マニュアル（令和6年版）\n{text}\n- {n} -" for n, text in enumerate(body, start=1)]
    path = make_pdf(tmp_path / "manual.pdf", pages_text)
    pages = list(read_pdf_pages(path, "m"))
    chunks = document_chunks(Source("m", "m", "", "", "", "manual", "manual.pdf"), pages)
    text = "\n".join(c.text for c in chunks)
    assert "推進マニュアル" not in text and "- 3 -" not in text
    assert all(line in text for line in body)
    assert sorted({p for c in chunks for p in c.pages}) == [1, 2, 3, 4, 5]


def test_pdf_without_a_text_layer_asks_for_ocr(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 100, 60)  # a drawing, like a scanned page: no text at all
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(DocumentError, match="OCR"):
        list(read_pdf_pages(tmp_path / "scan.pdf", "s"))
