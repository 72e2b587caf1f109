"""Real Japanese PDFs made on the spot, with an embedded Noto CJK font (Debian's fonts-noto-cjk)."""

from __future__ import annotations

from pathlib import Path

NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def make_pdf(path: Path, pages: list[str]) -> Path:
    """A real PDF with an embedded Japanese font (fpdf2 + Noto CJK), one string per page.

    Under pytest, a missing font skips the test (`make test` installs it).
    """
    import pytest
    from fpdf import FPDF

    if not NOTO_CJK.exists():
        pytest.skip("fonts-noto-cjk is not installed (make test installs it)")
    pdf = FPDF()
    pdf.add_font("noto", fname=str(NOTO_CJK))
    pdf.set_font("noto", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 7, text)
    pdf.output(str(path))
    return path
