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

from core.settings import ROOT
from ingest.pipeline import document_chunks, read_pages
from ingest.slides import opens_panel, opens_slide
from store.manifest import load_sources

LABELS = Path(__file__).parent.parent / "data" / "slide_headings.jsonl"
REQUIRED_ACCURACY = 0.95
# Marks and numbering that are not part of what a heading says: bullets, case numbers, ※.
_MARKS = re.compile(r"[\s①-⑳※✓◆➤➢■●○・]")
_CASE_NUMBER = re.compile(r"^\d{1,2}(?=\D)")
# Labels a reader would never give a slide: values, dates, a population box, a table header.
_NOT_A_HEADING = re.compile(
    r"^(令和|平成|R\d|~|\d)|まで[(（]|【参考情報】|人口\s*[:：]|^\((?!参考)|^(対象経費|対象団体|措置額|類型内容)|上限額$"
)


def _is_value(title: str) -> bool:
    """A case title keeps its number (「4 DXを…【広島県】」) and a programme its year (「令和6年度…事業」)."""
    title = _CASE_NUMBER.sub("", title).strip()
    return bool(_NOT_A_HEADING.search(title)) and not re.match(r"^令和\d+年度.{10,}事業$", title)


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
    """Share of labelled passages whose chunk (where the passage first appears) carries the labelled slide title."""
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    wrong = []
    for row in rows:
        passage = key(row["passage"])
        found = [c for c in slide_chunks[row["doc_id"]] if passage in key(c.text)][:1]  # where it first appears
        labels = {key(c.section_path[0]) if c.section_path else "" for c in found}
        if not found or labels != {key(row["heading"])}:
            shown = (
                " / ".join(c.section_path[0] if c.section_path else "(なし)" for c in found) or "(passage not found)"
            )
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
        if not c.section_path or not c.section_path[0].strip() or _is_value(c.section_path[0])
    ]
    assert not bad, "\n".join(bad)


@pytest.fixture(scope="module")
def manual_chunks():
    corpus = ROOT / "corpus"
    source = next(s for s in load_sources(corpus) if s.doc_id == "tejunsho-v2")
    return document_chunks(source, read_pages(corpus, source))


def _lines(chunks) -> list[str]:
    return [line for c in chunks for line in c.text.split("\n")]


def test_a_sentence_cut_by_footnotes_at_a_page_foot_is_joined(manual_chunks):
    lines = _lines(manual_chunks)
    assert any("独立したDX推進担当課を設ける場合、企画又は総務担当課内に" in line for line in lines)
    assert not any(line.endswith("設ける場合、企") for line in lines)


def test_circled_marks_are_not_moved_into_words(slide_chunks):
    lines = _lines(slide_chunks["jinzai-taisei-2026"])
    assert any(line.startswith("・②IPAが実施する高度試験") for line in lines)
    assert any(line.startswith("・①DXアドバイザー") for line in lines)
    assert not any("IPA②" in line or "DX①アドバイザー" in line for line in lines)


def test_footnote_numbers_stay_marks_of_their_own(slide_chunks):
    lines = _lines(slide_chunks["jinzai-shiensaku-2024"])
    assert any(line.startswith("※2 1団体において") for line in lines)
    assert any(line.startswith("※1 CIO補佐官等とは") for line in lines)
    assert not any("2 1※団体" in line for line in lines)


def test_a_heading_is_never_glued_to_the_line_before(slide_chunks):
    lines = _lines(slide_chunks["jinzai-shiensaku-2024"])
    assert not any(line.endswith("業務負担縮減事業の概要") for line in lines)
    assert "事業の概要" in lines
    assert "DX・情報化を推進するための職員育成に関する取組状況" in lines
    assert "都道府県と市町村が連携したDX推進体制の構築について" in lines


def test_no_slide_section_names_a_population_box(slide_chunks):
    assert not [c.section for chunks in slide_chunks.values() for c in chunks if "【参考情報】" in c.section]


def test_a_programme_inside_a_slide_heads_the_boxes_under_it(slide_chunks):
    """「延べ119人が応募」 under 実績 belongs to 長野県共創推進パートナー(R4~), the programme box it sits in:
    its section path names the programme, so 「共創推進パートナーの応募は何人？」 finds it; the next
    example 「DX推進課の活用例」 heads its own boxes instead of trailing the count."""
    chunks = slide_chunks["nagano-kyodo-2023"]
    result = next(c for c in chunks if "延べ119人が応募" in c.text)
    assert result.section_path[-2:] == ("長野県共創推進パートナー(R4~)", "実績")
    assert "DX推進課の活用例" not in result.text
    activity = next(c for c in chunks if "月10時間を上限に業務に従事" in c.text)
    assert "DX推進課の活用例" in activity.section_path


def test_a_table_cell_or_figure_item_heads_no_panel():
    """A company name above a ■ label, or the last item of a figure above a box word, is not a panel."""
    assert not opens_panel("株式会社日本総合研究所", "■令和2年度派遣先(21団体) ※令和2年8月時点")
    assert not opens_panel("デジタルデバインド対策", "人材プール")
    assert opens_panel("DX推進課の活用例", "<活動内容>")
    assert opens_panel("更なる活用に向けた改善(令和8年度~)", "・申請1件あたりの派遣回数を年間原則10回に拡充")


def test_a_table_row_whose_last_cell_repeats_below_opens_no_slide(slide_chunks):
    """「長野県 上田市東日本電信電話株式会社」 then 「東日本電信電話株式会社」 is a row and the town's second
    partner in the next, not a title and its subtitle: the rows after it stay under the table's label
    (安芸太田町's partners had become a slide of their own, titled by the row)."""
    row, above, below = "長野県 上田市東日本電信電話株式会社", "白山市株式会社NTTドコモ", "東日本電信電話株式会社"
    assert not opens_slide(row, above, below, "", 30)
    assert opens_slide("地方自治体のAIの導入状況~AIの機能別導入状況~", "", "AIの機能別導入状況", "", 30)
    chunk = next(c for c in slide_chunks["dx-suishin-2020"] if "安芸太田町" in c.text)
    assert chunk.section_path[-1] == "■令和2年度派遣先(21団体) ※令和2年8月時点"


def test_a_dated_note_stays_with_the_item_it_is_under(slide_chunks):
    """「【令和2年12月~令和3年3月:約8,000万枚配布予定】」 is the QR申請書 bullet's schedule, not a label
    of the next heading's passage (「2. 交付の円滑化について」)."""
    lines = [line for c in slide_chunks["dx-suishin-2020"] for line in c.text.split("\n")]
    assert any("QRコード付き申請書" in line and "約8,000万枚配布予定" in line for line in lines)
    assert not any(
        c.section_path and "8,000万枚" in c.section_path[-1] for chunks in slide_chunks.values() for c in chunks
    )


def test_an_example_of_a_programme_stays_under_the_programme(slide_chunks):
    """「DX推進課の活用例」 shows how 「長野県共創推進パートナー」 is used: its 「月10時間を上限に業務に従事」
    is filed under that programme, not as a programme of its own."""
    chunk = next(c for c in slide_chunks["nagano-kyodo-2023"] if "月10時間を上限" in c.text)
    assert chunk.section_path[1:3] == ("長野県共創推進パートナー(R4~)", "DX推進課の活用例")
