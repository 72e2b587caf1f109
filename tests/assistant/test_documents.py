"""A question that names its document (「2020年の資料で」「手順書に載ってた？」) is answered from it (no index)."""

from assistant.documents import named_documents, named_first
from assistant.question import read
from core.models import Source
from tests.conftest import make_hit


def _source(doc_id: str, title: str, publisher: str, date: str) -> Source:
    return Source(doc_id, title, publisher, date, date, "slides", f"{doc_id}.pdf")


SOURCES = {
    s.doc_id: s
    for s in (
        _source("manual", "自治体DX全体手順書【第2.0版】", "総務省", "2022-09-02"),
        _source("slides-2020", "自治体のDX推進について", "総務省 地域力創造グループ", "2020-11-02"),
        _source("nagano", "県・市町村共同によるデジタル人材の確保について", "長野県 企画振興部", "2023-10-24"),
    )
}


def test_the_span_naming_a_document_is_set_aside_and_its_year_is_no_asked_year():
    reading = read("標準準拠システムへの移行、いつまでって言ってた？2020年の資料で")
    assert reading.documents == ("2020年の資料で",)
    assert "2020" not in reading.core and not reading.years
    assert read("求人倍率の数字って手順書に載ってた？").documents == ("手順書に",)
    # the asker's own material and a bare 「手順書」 name no document
    assert read("研修資料に載せたいので、OODAって何？").documents == ()
    assert read("手順書って何？").documents == ()


def test_a_year_a_prefecture_or_a_kind_of_document_names_the_documents_that_fit():
    assert named_documents(("2020年の資料で",), SOURCES) == {"slides-2020"}
    assert named_documents(("R4の資料だと",), SOURCES) == {"manual"}
    assert named_documents(("長野の資料の",), SOURCES) == {"nagano"}
    assert named_documents(("手順書に",), SOURCES) == {"manual"}
    assert named_documents(("2019年の資料で",), SOURCES) == frozenset()  # none fits: none named
    assert named_documents(("総務省の資料では",), SOURCES) == {"manual", "slides-2020"}


def test_the_named_documents_passages_come_first_in_their_order():
    hits = [make_hit("slides-2020:1", rank=1), make_hit("manual:7", rank=2), make_hit("manual:3", rank=3)]
    ordered = named_first(hits, frozenset({"manual"}))
    assert [h.chunk.chunk_id for h in ordered] == ["manual:7", "manual:3", "slides-2020:1"]
    assert [h.rank for h in ordered] == [1, 2, 3]
    assert named_first(hits, frozenset()) == hits


def test_the_title_written_before_the_kind_of_document_goes_with_it():
    reading = read("自治体DX全体手順書のステップ順番におしえて")
    assert reading.documents == ("手順書の",) and reading.terms == ("ステップ",)


def test_the_newest_document_named_by_date_narrows_nothing():
    """「2024年8月の資料と最新の資料で」 names two documents, one of them by its date only: both spans are
    set aside (they say where to look, not what about), and no one document is preferred."""
    reading = read("DX推進リーダーの特交、いつまでって話が2024年8月の資料と最新の資料で違う？")
    assert reading.documents == ("2024年8月の資料と", "最新の資料で")
    assert not {"資料", "最新", "2024"} & set(reading.terms)
    assert named_documents(reading.documents, SOURCES) == frozenset()
