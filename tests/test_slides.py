"""Slide decks read as a person reads them: each passage is labelled with its slide's title.

tests/data/slide_headings.jsonl lists passages of the slide decks and the heading a reader gives
them, written by reading the documents (slides whose text carries no title at all are left out:
a reader cannot name them from the text either). The measure is the share of those passages
whose chunk carries that heading as its slide title (section_path[0]).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dxqa.settings import ROOT
from ingest.manifest import load_sources
from ingest.pipeline import document_chunks, read_pages

LABELS = Path(__file__).parent / "data" / "slide_headings.jsonl"
REQUIRED_ACCURACY = 0.95
# Marks and numbering that are not part of what a heading says: bullets, case numbers, ※.
_MARKS = re.compile(r"[\s①-⑳※✓◆➤➢■●○・]")
_CASE_NUMBER = re.compile(r"^\d{1,2}(?=\D)")
# Labels a reader would never give a slide: values, dates, a population box, a table header.
_NOT_A_HEADING = re.compile(
    r"^(令和|平成|R\d|~|\d)|まで[(（]|【参考情報】|人口\s*[:：]|^\(|^(対象経費|対象団体|措置額|類型内容)|上限額$"
)


def key(text: str) -> str:
    """The form in which a label and a heading are compared."""
    return _CASE_NUMBER.sub("", _MARKS.sub("", text))


@pytest.fixture(scope="module")
def slide_chunks():
    corpus = ROOT / "corpus"
    out = {}
    for source in load_sources(corpus):
        if source.is_slides:
            out[source.doc_id] = document_chunks(source, read_pages(corpus, source))
    return out


def slide_label_accuracy(slide_chunks) -> tuple[float, list[str]]:
    """Share of labelled passages whose every chunk carries the labelled slide title."""
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    wrong = []
    for row in rows:
        passage = key(row["passage"])
        found = [c for c in slide_chunks[row["doc_id"]] if passage in key(c.text)]
        labels = {key(c.section_path[0]) if c.section_path else "" for c in found}
        if not found or labels != {key(row["heading"])}:
            shown = " / ".join(c.section_path[0] if c.section_path else "(なし)" for c in found) or "(passage not found)"
            wrong.append(f"{row['doc_id']} {row['passage']!r}: want {row['heading']!r}, got {shown!r}")
    return 1 - len(wrong) / len(rows), wrong


def test_slide_passages_carry_their_slide_title(slide_chunks):
    accuracy, wrong = slide_label_accuracy(slide_chunks)
    print(f"slide label accuracy: {accuracy:.3f} ({len(wrong)} wrong)")
    assert accuracy >= REQUIRED_ACCURACY, "\n".join(wrong)


def test_no_slide_chunk_is_labelled_with_a_value_a_population_box_or_nothing(slide_chunks):
    bad = [
        f"{c.chunk_id}: {c.section!r}"
        for chunks in slide_chunks.values()
        for c in chunks
        if not c.section_path or not c.section_path[0].strip() or _NOT_A_HEADING.search(c.section_path[0])
    ]
    assert not bad, "\n".join(bad)
