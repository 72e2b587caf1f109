"""Section paths on the real documents: the outline, 参考 boxes and 事例."""

import re

from ingest.structure import is_toc_entry


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
