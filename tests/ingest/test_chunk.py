"""Where chunks split: size limits, the one-line overlap, titles, lists and sections (no index needed)."""

from core.models import Block, Chunk, Line
from ingest.chunk import LIST_MAX_CHARS, MAX_CHARS, OVERLAP_MAX_CHARS, chunk_blocks
from ingest.pipeline import indexed_text

LONG = OVERLAP_MAX_CHARS + 30  # a paragraph too long to be repeated in the next chunk


def _sentence(tag: str, length: int) -> str:
    """A sentence of exactly `length` characters that starts with `tag` and ends with 。."""
    return tag + "文" * (length - len(tag) - 1) + "。"


def _block(texts: list[str], section=("第1章",), page: int = 1) -> Block:
    return Block(section_path=section, lines=tuple(Line(text, page) for text in texts))


def test_whole_lines_are_packed_up_to_the_size_limit_in_order():
    lines = [_sentence(f"段落{i}", LONG) for i in range(10)]
    chunks = chunk_blocks("doc", [_block(lines)])
    assert all(len(chunk.text) <= MAX_CHARS for chunk in chunks)
    assert [chunk.text.split("\n") for chunk in chunks] == [lines[0:3], lines[3:6], lines[6:9], lines[9:]]


def test_chunks_are_numbered_in_document_order_across_blocks():
    blocks = [_block([_sentence("甲", LONG)] * 4), _block(["短い段落です。"], section=("第2章",))]
    chunks = chunk_blocks("tejun", blocks)
    assert [chunk.chunk_id for chunk in chunks] == ["tejun:0000", "tejun:0001", "tejun:0002"]
    assert {chunk.doc_id for chunk in chunks} == {"tejun"}


def test_a_chunk_never_straddles_two_sections_and_keeps_its_headings():
    first = _block(["推進体制を整備する。"], section=("第2章 推進体制", "参考"), page=3)
    second = _block(["人材を確保する。"], section=("第3章 人材",), page=3)
    chunks = chunk_blocks("doc", [first, second])
    assert [(c.text, c.section_path) for c in chunks] == [
        ("推進体制を整備する。", ("第2章 推進体制", "参考")),
        ("人材を確保する。", ("第3章 人材",)),
    ]
    assert chunks[0].section == "第2章 推進体制 > 参考"


def test_a_chunk_lists_every_page_its_lines_come_from():
    block = Block(section_path=("第1章",), lines=(Line("前の頁の段落です。", 3), Line("次の頁の段落です。", 4)))
    (chunk,) = chunk_blocks("doc", [block])
    assert chunk.pages == (3, 4) and chunk.page_label == "pp.3-4"


def test_a_short_last_line_is_repeated_at_the_start_of_the_next_chunk():
    lead_in = _sentence("次の点に留意する", OVERLAP_MAX_CHARS - 20)
    lines = [_sentence("甲", LONG), _sentence("乙", LONG), lead_in, _sentence("丙", LONG)]
    first, second = chunk_blocks("doc", [_block(lines)])
    assert first.text.split("\n") == lines[:3]
    assert second.text.split("\n") == [lead_in, lines[3]]


def test_a_long_last_line_is_not_repeated():
    lines = [_sentence(tag, LONG) for tag in "甲乙丙丁"]
    first, second = chunk_blocks("doc", [_block(lines)])
    assert second.text.split("\n") == lines[3:]


def test_a_title_late_in_a_chunk_starts_the_next_one():
    title = "外部デジタル人材の活躍例"
    lines = [_sentence("甲", LONG), _sentence("乙", LONG + 50), title, _sentence("丙", 60)]
    first, second = chunk_blocks("doc", [_block(lines)])
    assert title not in first.text and second.text.startswith(title + "\n")
    assert len(first.text) + len(title) + 1 < MAX_CHARS  # it would have fitted: the split is for the title


def test_a_title_early_in_a_chunk_stays_with_what_came_before():
    lines = [_sentence("甲", LONG), "外部デジタル人材の活躍例", _sentence("丙", LONG)]
    assert len(chunk_blocks("doc", [_block(lines)])) == 1


def test_a_list_begun_in_a_chunk_is_kept_whole_up_to_the_list_limit():
    intro = _sentence("次の事項を確認する", 100)
    items = [_sentence(f"・確認事項{i}", 90) for i in range(8)]
    (chunk,) = chunk_blocks("doc", [_block([intro, *items])])
    assert MAX_CHARS < len(chunk.text) <= LIST_MAX_CHARS
    assert chunk.text.split("\n") == [intro, *items]
    unmarked = [_sentence(f"確認事項{i}", 90) for i in range(8)]  # the same lengths as paragraphs are cut
    assert len(chunk_blocks("doc", [_block([intro, *unmarked])])) == 2


def test_a_list_longer_than_the_list_limit_is_cut():
    items = [_sentence(f"・確認事項{i}", 90) for i in range(20)]
    chunks = chunk_blocks("doc", [_block(items)])
    assert len(chunks) > 1 and all(len(chunk.text) <= LIST_MAX_CHARS for chunk in chunks)


def test_a_line_longer_than_a_chunk_is_cut_at_sentence_ends():
    sentences = [_sentence(f"第{i}文", 60) for i in range(20)]
    chunks = chunk_blocks("doc", [_block(["".join(sentences)])])
    assert len(chunks) == 3
    assert all(len(chunk.text) <= MAX_CHARS and chunk.text.endswith("。") for chunk in chunks)
    assert "".join(chunk.text for chunk in chunks) == "".join(sentences)


def test_a_run_without_sentence_ends_is_cut_after_a_comma():
    row = "、".join(f"項目{i:03d}の内容" for i in range(100))
    chunks = chunk_blocks("doc", [_block([row])])
    assert len(chunks) > 1 and all(len(chunk.text) <= MAX_CHARS for chunk in chunks)
    assert all(chunk.text.endswith("、") for chunk in chunks[:-1])
    assert "".join(chunk.text for chunk in chunks) == row


def test_the_size_limit_can_be_chosen():
    lines = [_sentence(f"段落{i}", 50) for i in range(6)]
    assert len(chunk_blocks("doc", [_block(lines)], max_chars=1000)) == 1
    assert all(len(chunk.text) <= 120 for chunk in chunk_blocks("doc", [_block(lines)], max_chars=120))


def test_no_blocks_no_chunks():
    assert chunk_blocks("doc", []) == []


def test_what_is_indexed_names_the_topic_above_a_label_in_angle_brackets():
    """「<活動内容>」 labels a part of 長野県共創推進パートナー's box: the two titles indexed with the passage
    are the programme's and the part's heading, so 「共創推進パートナーは月何時間働く？」 finds
    「(月10時間を上限に業務に従事)」."""
    chunk = Chunk(
        "c1",
        "nagano",
        "(月10時間を上限に業務に従事)",
        ("(参考)県の外部人材活用例", "長野県共創推進パートナー(R4~)", "DX推進課の活用例", "<活動内容>"),
    )
    assert indexed_text(chunk).split("\n")[0] == "長野県共創推進パートナー(R4~) / DX推進課の活用例"
    plain = Chunk("c2", "d", "本文", ("第1章", "1.1 概要", "(1) 体制"))
    assert indexed_text(plain).split("\n")[0] == "1.1 概要 / (1) 体制"
