"""Case studies: every municipality the documents name as doing something is found, filtered and ranked."""

import csv
import io
import json

import pytest

from assistant.cases import comparable, filter_cases
from assistant.faq import FaqItem, item_from_answer, to_csv, to_markdown
from dxqa.errors import ConfigError
from tests.test_cli import _run

# Written by reading the five documents: each of these is named as doing something
# (a 事例 box, an example in a 参考 box, a dispatched-expert table row, a slide example).
EXPECTED = {
    "大阪府豊中市", "千葉県市川市", "奈良県橿原市", "福島県西会津町", "山形県舟形町", "山形県酒田市", "鹿児島県肝付町",
    "兵庫県神戸市", "鹿児島県鹿屋市", "栃木県", "石川県金沢市", "愛知県豊橋市", "茨城県つくば市", "福島県磐梯町",
    "愛媛県", "広島県福山市", "広島県三原市", "広島県尾道市", "広島県府中市", "広島県世羅町", "広島県神石高原町",
    "岡山県笠岡市", "岡山県井原市", "大阪府", "広島県", "滋賀県", "新潟県長岡市", "佐賀県", "福岡県古賀市",
    "岐阜県岐阜市", "長野県伊那市", "北海道蘭越町", "北海道ニセコ町", "北海道倶知安町", "高知県宿毛市", "石川県七尾市",
    "群馬県", "青森県十和田市", "静岡県焼津市", "石川県加賀市", "石川県白山市", "京都府亀岡市", "福島県福島市",
    "長野県上田市", "奈良県天理市", "山口県宇部市", "宮崎県宮崎市", "長野県",
}


@pytest.fixture(scope="module")
def cases(loaded_index):
    return loaded_index.cases


def test_case_extractor_finds_the_municipalities_named_in_the_documents(cases):
    found = {case.name for case in cases}
    missing = EXPECTED - found
    assert not missing, f"not found: {sorted(missing)}"
    assert len(EXPECTED) >= 25


def test_case_extractor_does_not_take_organisations_or_proper_nouns_for_places(cases):
    names = {case.name for case in cases}
    for wrong in ("長野県企画振興部", "愛媛県・市町", "広島県情報システム人材育成プラン", "石川県愛知県豊橋市", "愛媛県市町"):
        assert wrong not in names


def test_every_case_quotes_its_passage_and_names_its_source(cases, loaded_index):
    chunks = {chunk.chunk_id: chunk for chunk in loaded_index.chunks}
    for case in cases:
        assert case.summary in chunks[case.chunk_id].text
        assert case.doc_id in loaded_index.sources and case.pages


def test_stated_populations_are_read(cases):
    population = {case.name: case.population for case in cases if case.population}
    assert population["福島県磐梯町"] == 3_000
    assert population["山形県酒田市"] == 100_000
    assert population["兵庫県神戸市"] == 1_518_000
    assert population["愛媛県"] == 1_327_000


def test_filters_by_prefecture_theme_and_stated_population(cases):
    ehime = filter_cases(cases, prefecture="愛媛県")
    assert ehime and {c.prefecture for c in ehime} == {"愛媛県"}
    sharing = {c.name for c in filter_cases(cases, theme="人材シェアリング")}
    assert {"愛媛県", "広島県福山市"} <= sharing
    small = filter_cases(cases, max_population=50_000)
    assert {c.name for c in small} == {"福島県磐梯町"}
    assert len(filter_cases(cases, max_population=50_000, include_unknown=True)) > len(small)
    with pytest.raises(ConfigError, match="テーマ"):
        filter_cases(cases, theme="存在しないテーマ")


def test_comparable_cases_rank_theme_match_first_then_size(cases):
    ranked = comparable(cases, ("外部人材",), 5_000)
    assert ranked[0].case.name == "福島県磐梯町"  # theme matches and the stated size is nearest
    first_without_theme = next(i for i, r in enumerate(ranked) if "外部人材" not in r.case.themes)
    assert all("外部人材" in r.case.themes for r in ranked[:first_without_theme])
    big = comparable(cases, ("人材育成",), 1_500_000)
    assert big[0].case.name == "兵庫県神戸市"


def test_case_question_in_chat_lists_cited_cases(assistant):
    answer = assistant.ask("人口が少ない町で外部人材を活用した例は？")
    assert not answer.abstained
    assert "参考になる事例" in answer.text and "福島県磐梯町" in answer.text
    cited = {c.chunk_id for c in answer.citations}
    assert cited <= {hit.chunk.chunk_id for hit in answer.hits}


def test_case_question_about_something_absent_still_abstains(assistant):
    assert assistant.ask("ブロックチェーンの活用事例は？").abstained


def test_cli_cases_lists_filtered_cases_as_json(index_dir):
    result = _run(["cases", "--prefecture", "愛媛県", "--theme", "人材シェアリング", "--json"], index_dir)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all(r["prefecture"] == "愛媛県" and "人材シェアリング" in r["themes"] for r in rows)
    assert all(r["source_title"] and r["pages"] for r in rows)
    refused = _run(["cases", "--theme", "宇宙開発"], index_dir)
    assert refused.returncode == 2 and "テーマ" in refused.stderr


def test_faq_csv_is_utf8_with_bom_and_keeps_commas_and_newlines():
    items = [FaqItem("質問, その1", "回答1行目\n回答2行目[1]", ("[1] 手順書（令和4年9月2日）4.4, p.24",)), FaqItem("未回答？", "記載なし", (), True)]
    data = to_csv(items)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["番号", "質問", "回答", "出典", "要確認"]
    assert rows[1][1] == "質問, その1" and rows[1][2] == "回答1行目\n回答2行目[1]"
    assert rows[2][4] == "要確認"


def test_faq_markdown_writes_sources_out_and_escapes_document_text(assistant):
    item = item_from_answer(assistant.ask("CIO補佐官の募集経費の上限は？"))
    markdown = to_markdown([item, FaqItem("<script>x</script>", "令和6~7年度", ())])
    assert "## Q1. CIO補佐官の募集経費の上限は？" in markdown
    assert "出典:" in markdown and "p.9" in markdown and "2026年頃" in markdown
    assert "<script>" not in markdown and "\\~" in markdown


def test_cli_faq_builds_markdown_and_flags_abstentions(index_dir, tmp_path):
    questions = tmp_path / "questions.txt"
    questions.write_text("CIO補佐官の募集経費の上限は？\n\n東京スカイツリーの高さは？\n", encoding="cp932")
    out = tmp_path / "faq.md"
    result = _run(["faq", str(questions), "-o", str(out), "--quiet"], index_dir)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.count("## Q") == 2
    assert "東京スカイツリーの高さは？（要確認）" in text
    assert "要確認（資料に記載なし）: 東京スカイツリーの高さは？" in result.stderr
