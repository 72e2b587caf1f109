"""Section paths on the real documents: the outline, 参考 boxes and 事例.

tests/data/manual_boxes.jsonl says, for every 参考 and 事例 box of the 手順書, its last line and
the line after it, and whether that line is the manual's own text again, written by reading the
document. The measure is the share of those boundaries the section paths get right: the last
line still in its box, and the manual's text after it filed under its section, not the box.
"""

import json
import re
from pathlib import Path

import pytest

from core.settings import ROOT
from core.text import normalize
from ingest.headers import strip_running_lines
from ingest.normalize import logical_lines
from ingest.pipeline import read_pages
from ingest.structure import is_toc_entry, section_blocks
from store.manifest import load_sources

BOX_LABELS = Path(__file__).parent.parent / "data" / "manual_boxes.jsonl"
REQUIRED_BOUNDARY_ACCURACY = 0.95


def _chunk_with(index, text):
    return next(c for c in index.chunks if text in c.text)


def test_chunk_carries_full_section_path_down_to_its_reference_box(loaded_index):
    chunk = _chunk_with(loaded_index, "合計額に0.5を乗じて得た額")
    assert chunk.section_path[:3] == (
        "4. 推進体制の整備(ステップ2)",
        "4.4 外部人材の活用",
        "(5) 外部人材の確保に係る財政措置",
    )
    assert chunk.section_path[3].startswith("【参考4.4-⑩】")


def test_numbering_inside_a_reference_box_does_not_open_chapters(loaded_index):
    chunk = _chunk_with(loaded_index, "政府CIO補佐官に期待する条件は次のいずれか")
    assert chunk.section_path[1] == "4.4 外部人材の活用"
    assert chunk.section_path[-1].startswith("【参考4.4-③】")


def test_case_studies_get_their_own_section(loaded_index):
    heading = "事例:県と市町が協働して進める「チーム愛媛」のDX【愛媛県】"
    chunk = _chunk_with(loaded_index, heading)
    assert chunk.section_path == ("6. 都道府県による市区町村支援", heading)


def test_chunks_never_straddle_two_reference_boxes(loaded_index):
    for chunk in loaded_index.chunks:
        box_titles = [line for line in chunk.text.split("\n") if re.match(r"【参考\s*\d", line)]
        assert len(box_titles) <= 1, chunk.chunk_id
        if box_titles:
            assert box_titles[0] in chunk.section_path or not chunk.text.startswith(box_titles[0])


def test_table_of_contents_lines_are_recognised():
    assert is_toc_entry("4.4 外部人材の活用30")
    assert is_toc_entry("(2) 部門間の連携..... 20")
    assert not is_toc_entry("4.4 外部人材の活用")


def test_every_chunk_is_cited_with_document_pages_and_a_size_for_retrieval(loaded_index):
    sizes = [len(c.text) for c in loaded_index.chunks]
    assert all(c.pages for c in loaded_index.chunks)
    assert max(sizes) <= 1000  # 500 as a rule; a list stays whole up to 900
    assert sum(sizes) / len(sizes) > 150


def _key(text: str) -> str:
    return re.sub(r"[\s*#\-・|]", "", normalize(text.replace("\t", " ")))


@pytest.fixture(scope="module")
def manual_lines() -> list[tuple[str, tuple[str, ...]]]:
    """The 手順書's lines in order, each with the section path ingest files it under."""
    corpus = ROOT / "corpus"
    source = next(s for s in load_sources(corpus) if s.doc_id == "tejunsho-v2")
    lines = logical_lines(strip_running_lines(read_pages(corpus, source)))
    blocks = section_blocks(lines, slides=False)
    return [(_key(line.text), block.section_path) for block in blocks for line in block.lines]


def box_boundary_accuracy(manual_lines) -> tuple[float, list[str]]:
    """Share of labelled box boundaries the section paths respect (nested boxes are left out of the
    last-line check: one path names one box)."""

    def find(text: str, start: int) -> int | None:
        key = _key(text)[:20]
        return next((i for i in range(start, len(manual_lines)) if key and key in manual_lines[i][0]), None)

    def in_box(i: int | None, box: str) -> bool:
        return i is not None and any(box in _key(part) for part in manual_lines[i][1])

    checked, wrong, start = 0, [], 0
    for row in map(json.loads, BOX_LABELS.read_text(encoding="utf-8").splitlines()):
        box, opened = _key(row["box"])[:12], find(row["box"], start)
        assert opened is not None, row["box"]
        start = opened
        last = find(row["last_box_line"], opened)
        if not re.search(r"nested|parent|inner title", row["note"]):
            checked += 1
            if not in_box(last, box):
                wrong.append(f"{row['box'][:30]}: {row['last_box_line']!r} left the box")
        if row["next_is"] in ("body", "heading") and not row["next_line"].startswith("<連絡先>"):
            checked += 1
            if in_box(find(row["next_line"], last or opened), box):
                wrong.append(f"{row['box'][:30]}: {row['next_line']!r} filed under the box")
    return 1 - len(wrong) / checked, wrong


def test_the_manuals_text_after_a_box_is_filed_under_its_section_not_the_box(manual_lines):
    accuracy, wrong = box_boundary_accuracy(manual_lines)
    print(f"box boundary accuracy: {accuracy:.3f} ({len(wrong)} wrong)")
    assert accuracy >= REQUIRED_BOUNDARY_ACCURACY, "\n".join(wrong)


def test_a_circled_sub_item_of_the_manual_closes_the_box_before_it(loaded_index):
    chunk = _chunk_with(loaded_index, "③地域活性化起業人(特別交付税措置)")
    assert chunk.section_path[-1] == "(5) 外部人材の確保に係る財政措置"
    body = _chunk_with(loaded_index, "常勤職員が行うべき業務に従事する場合には")
    assert body.section_path[-1] == "(3) CIO補佐官等の任用形態"
