"""A quoted sentence that refers to a footnote brings the note, from hand-made passages."""

from assistant.answer import Quote, continued_lists
from assistant.footnotes import defining_note, note_index, with_notes
from tests.conftest import make_hit

TEXT = make_hit("guide:0001", "DX推進担当部門には、いわゆるPMO(注9)の役割を担うことも期待される。")
NOTES = make_hit("guide:0002", "次の段落。\n(注9)Project Management Office:支援を横断的に行う部門をいう。")
OTHER_DOC = make_hit("other:0001", "(注9)別の文書の注。")


def test_the_note_a_quote_refers_to_follows_it_with_its_own_passage():
    chunks = [TEXT.chunk, NOTES.chunk, OTHER_DOC.chunk]
    positions = {c.chunk_id: i for i, c in enumerate(chunks)}
    sources = {"guide": TEXT.source, "other": OTHER_DOC.source}
    quotes = with_notes([Quote(TEXT, TEXT.chunk.text, 1.0)], note_index(chunks), positions, sources)
    assert [q.text for q in quotes][1].startswith("(注9)Project Management Office")
    assert quotes[1].hit.chunk.chunk_id == "guide:0002"


def test_a_note_line_is_not_a_reference_to_itself_and_unwanted_notes_stay_out():
    chunks = [NOTES.chunk]
    sources = {"guide": NOTES.source}
    note = Quote(NOTES, "(注9)Project Management Office:支援を横断的に行う部門をいう。", 1.0)
    assert with_notes([note], note_index(chunks), {"guide:0002": 0}, sources) == [note]
    quote = Quote(TEXT, TEXT.chunk.text, 1.0)
    assert with_notes([quote], note_index(chunks), {}, sources, wanted=lambda n: False) == [quote]


def test_a_lead_in_at_the_end_of_its_passage_brings_the_list_that_opens_the_next():
    lead = make_hit("guide:0010", "前置き。\n次の12箇条を示す。")
    items = make_hit("guide:0011", "<12箇条>\n第1条利用者のニーズから出発する\n第2条事実を詳細に把握する\n本文。")
    quotes = continued_lists([Quote(lead, "次の12箇条を示す。", 1.0)], lambda c: items.chunk, {"guide": items.source})
    assert quotes[1].text == "<12箇条>\n第1条利用者のニーズから出発する\n第2条事実を詳細に把握する"
    assert quotes[1].hit.chunk.chunk_id == "guide:0011"


def test_a_slide_row_marked_with_a_note_brings_the_note_that_qualifies_it():
    row = "①任用等経費 外部人材の任用等を行うための経費として次に掲げるもの(※2)・報酬等"
    slide = make_hit("slides:0038", f"{row}\n※1 CIO補佐官等とは補佐する者。\n※2 対象上限は3名分(令和6~11年度)")
    quotes = with_notes(
        [Quote(slide, row, 1.0)],
        note_index([slide.chunk]),
        {"slides:0038": 0},
        {"slides": slide.source},
        wanted=lambda note: False,
    )
    assert [q.text for q in quotes] == [row, "※2 対象上限は3名分(令和6~11年度)"]


def test_a_lead_in_that_says_what_follows_brings_every_labelled_group_of_its_list():
    """「…次のようなものが想定されるところであり、…検討いただきたい。」 introduces the list in the next
    passage, whose items stand in groups under 【labels】: the groups asked about come too."""
    said = "具体的な支援として、次のようなものが想定されるところであり、各都道府県において検討いただきたい。"
    lead = make_hit("guide:0020", f"前置き。\n{said}")
    items = make_hit(
        "guide:0021",
        f"{said}\n【連絡調整】\n・✓連絡調整の場の開催\n【人的・技術的な支援】\n・✓専門家の派遣\n・✓共同任用の調整\n【】\n本文。",
    )
    quotes = continued_lists([Quote(lead, said, 1.0)], lambda c: items.chunk, {"guide": items.source})
    assert quotes[1].text.split("\n") == [
        "【連絡調整】",
        "・✓連絡調整の場の開催",
        "【人的・技術的な支援】",
        "・✓専門家の派遣",
        "・✓共同任用の調整",
    ]


def test_a_line_naming_a_list_brings_the_list_the_next_passage_opens_under_that_label():
    """「…「重点テーマ」を提示」 among other bullets, then 《重点テーマ》 and its themes in the next passage."""
    said = "・総務省が、県と市町村で連携して取り組むべき「重点テーマ」を提示"
    lead = make_hit("plan:0027", f"2. 人材確保・活用支援\n{said}\n・好事例を全国に展開")
    themes = make_hit("plan:0028", "《重点テーマ》\n・システムの共同調達\n・データ利活用\n・自治体のAIの利用促進")
    quotes = continued_lists([Quote(lead, said, 1.0)], lambda c: themes.chunk, {"plan": themes.source})
    assert quotes[1].text.split("\n")[-3:] == ["・システムの共同調達", "・データ利活用", "・自治体のAIの利用促進"]
    other = make_hit("plan:0028", "《その他》\n・システムの共同調達\n・データ利活用")
    assert len(continued_lists([Quote(lead, said, 1.0)], lambda c: other.chunk, {"plan": other.source})) == 1


def test_a_term_defined_only_in_a_footnote_is_found_in_the_notes_themselves():
    chunks = [TEXT.chunk, NOTES.chunk, OTHER_DOC.chunk]
    sources = {"guide": TEXT.source, "other": OTHER_DOC.source}
    notes = note_index(chunks)
    note = defining_note(notes, lambda text: "Project Management Office" in text, sources, frozenset(), 1)
    assert note is not None and note.hit.chunk.chunk_id == "guide:0002"
    # within the documents the question names only
    assert (
        defining_note(notes, lambda text: "Project Management Office" in text, sources, frozenset({"other"}), 1) is None
    )
