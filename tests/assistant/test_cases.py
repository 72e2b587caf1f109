"""Case studies: every municipality the documents name as doing something is found, filtered and ranked."""

import csv
import io
import json
import re
import shutil

import pytest

from assistant.cases import comparable, filter_cases, offered_kinds, offered_themes, prefecture_named, size_label
from assistant.faq import FaqItem, item_from_answer, to_csv, to_markdown
from core.errors import ConfigError, DocumentError
from core.japanese import KINDS
from store.population import read_population_csv
from tests.dxqa.test_cli import _run

# Written by reading the five documents: each of these is named as doing something
# (a 事例 box, an example in a 参考 box, a slide example), alone or as a member of a 広域連携.
# The 派遣先 table rows of 2020 (a town and a company name, nothing said of what was done) are not cases.
EXPECTED = {
    "大阪府豊中市",
    "千葉県市川市",
    "奈良県橿原市",
    "福島県西会津町",
    "山形県舟形町",
    "山形県酒田市",
    "鹿児島県肝付町",
    "兵庫県神戸市",
    "鹿児島県鹿屋市",
    "栃木県",
    "石川県金沢市",
    "愛知県豊橋市",
    "茨城県つくば市",
    "福島県磐梯町",
    "愛媛県",
    "広島県福山市",
    "広島県三原市",
    "広島県尾道市",
    "広島県府中市",
    "広島県世羅町",
    "広島県神石高原町",
    "岡山県笠岡市",
    "岡山県井原市",
    "大阪府",
    "広島県",
    "滋賀県",
    "新潟県長岡市",
    "佐賀県",
    "福岡県古賀市",
    "岐阜県岐阜市",
    "長野県伊那市",
    "北海道蘭越町",
    "北海道ニセコ町",
    "北海道倶知安町",
    "高知県宿毛市",
    "石川県七尾市",
    "群馬県",
    "長野県",
}
DISPATCH_TABLE_ROWS = {
    "青森県十和田市",
    "静岡県焼津市",
    "石川県白山市",
    "京都府亀岡市",
    "奈良県天理市",
    "山口県宇部市",
    "宮崎県宮崎市",
}


@pytest.fixture(scope="module")
def cases(loaded_index):
    return loaded_index.cases


@pytest.fixture(scope="module")
def records():
    """Case records of the shipped corpus, from the chunks as `dxqa ingest` cuts them (no embedding needed)."""
    from ingest.cases import extract_cases
    from ingest.pipeline import document_chunks, read_pages
    from store.manifest import load_sources
    from tests.conftest import CORPUS

    sources = load_sources(CORPUS)
    chunks = [chunk for source in sources for chunk in document_chunks(source, read_pages(CORPUS, source))]
    return extract_cases(chunks, sources)


def _names(cases) -> set[str]:
    return {case.name for case in cases} | {member for case in cases for member in case.members}


def test_case_extractor_finds_the_municipalities_named_in_the_documents(records):
    missing = EXPECTED - _names(records)
    assert not missing, f"not found: {sorted(missing)}"
    assert not DISPATCH_TABLE_ROWS & _names(records)


def test_every_record_says_what_was_done_and_where(records):
    for case in records:
        assert len(case.description) >= 8, case
        assert not re.search(r"株式会社|参考となり得る事例|^目的|を支援中", case.description), case.description
        assert case.doc_id and case.pages and case.prefecture


def test_a_regional_initiative_is_one_record_listing_its_members(records):
    bingo = [c for c in records if "広島県三原市" in c.members]
    assert len(bingo) == 1 and bingo[0].kind == "広域連携" and bingo[0].name == "備後圏域連携中枢都市圏"
    assert {"広島県福山市", "岡山県笠岡市", "広島県神石高原町"} <= set(bingo[0].members)
    assert not [c for c in records if c.name == "広島県三原市"]  # no row per member city
    niseko = next(c for c in records if "北海道ニセコ町" in c.members)
    assert niseko.kind == "広域連携" and len(niseko.members) == 3 and "チャットボット" in niseko.description


def test_nagano_schemes_are_records_with_their_figures(records):
    nagano = [c for c in records if c.prefecture == "長野県" and c.kind == "都道府県"]
    agreement = next(c for c in nagano if "DX戦略推進パートナー連携協定" in c.title)
    assert "5件" in agreement.figures and "連携協定" in agreement.description
    joint = next(c for c in nagano if c.title == "県・市町村共同によるデジタル人材の確保について")
    assert "広域連携" in joint.themes and joint.doc_id == "nagano-kyodo-2023"
    nagaoka = next(c for c in records if c.name == "新潟県長岡市")
    assert "約1.8万時間" in nagaoka.figures


def test_every_kind_and_theme_offered_finds_records(records):
    kinds, themes = offered_kinds(records), offered_themes(records)
    assert "広域連携" in kinds and "広域連携" in themes
    for kind in kinds:
        assert filter_cases(records, kind=kind), kind
    for theme in themes:
        assert filter_cases(records, theme=theme), theme
    for value in set(KINDS) - set(kinds):
        with pytest.raises(ConfigError, match="団体区分"):
            filter_cases(records, kind=value)  # refused with the valid list, never a silent []


def test_prefectures_are_accepted_with_or_without_their_suffix(records):
    assert filter_cases(records, prefecture="長野") == filter_cases(records, prefecture="長野県") != []
    assert (
        prefecture_named("東京") == "東京都"
        and prefecture_named("大阪") == "大阪府"
        and prefecture_named("北海道") == "北海道"
    )
    with pytest.raises(ConfigError, match="都道府県"):
        filter_cases(records, prefecture="長野市")


def test_without_a_table_unknown_sizes_are_labelled_and_ranked_last(records):
    ranked = comparable(records, ("外部人材",), 10_000)
    labels = [size_label(r) for r in ranked]
    first_unknown = labels.index("人口不明")
    assert all(label != "人口不明" for label in labels[:first_unknown]) and set(labels[first_unknown:]) == {"人口不明"}
    assert not any("目安" in label for label in labels)
    assert size_label(next(r for r in ranked if r.case.name == "福島県磐梯町")) == "人口3,000人（資料記載）"


def _published_csv(path, encoding):
    """A small table in the layout of 住民基本台帳に基づく人口 (title lines, then the header row)."""
    rows = [
        "住民基本台帳に基づく人口、人口動態及び世帯数,,,,",
        "令和6年1月1日現在,,,,",
        "団体コード,都道府県名,市区町村名,性別,人口",
        '010006,北海道,,計,"5,092,000"',
        '013951,北海道,ニセコ町,計,"5,100"',
        '013935,北海道,蘭越町,計,"4,500"',
        '013986,北海道,倶知安町,計,"15,000"',
        '064629,山形県,舟形町,計,"5,000"',
        '074217,福島県,西会津町,計,"5,900"',
        '072265,福島県,磐梯町,計,"3,300"',
        '292052,奈良県,橿原市,計,"120,000"',
    ]
    path.write_bytes("\r\n".join(rows).encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["cp932", "utf-8"])
def test_population_table_is_read_in_the_published_layout(tmp_path, encoding):
    table = read_population_csv(_published_csv(tmp_path / "jinko.csv", encoding))
    assert table.lookup("北海道", "ニセコ町") == 5_100 and table.lookup("北海道", "北海道") == 5_092_000
    assert table.date == "令和6年1月1日" and "jinko.csv" in table.citation
    (tmp_path / "bad.csv").write_text("名前,数\nA,1\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="見出し行"):
        read_population_csv(tmp_path / "bad.csv")


def test_with_a_table_small_towns_are_compared_by_real_size(records, tmp_path):
    table = read_population_csv(_published_csv(tmp_path / "jinko.csv", "cp932"))
    small = _names(filter_cases(records, max_population=9_999, table=table))
    assert {"山形県舟形町", "福島県西会津町", "北海道ニセコ町", "福島県磐梯町"} <= small
    ranked = comparable(records, (), 5_000, table)
    assert ranked[0].population is not None and "jinko.csv" in ranked[0].population_source
    assert "住民基本台帳に基づく人口（jinko.csv、令和6年1月1日）" in size_label(ranked[0])


def test_case_extractor_does_not_take_organisations_or_proper_nouns_for_places(records):
    names = _names(records)
    for wrong in (
        "長野県企画振興部",
        "愛媛県・市町",
        "広島県情報システム人材育成プラン",
        "石川県愛知県豊橋市",
        "愛媛県市町",
    ):
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
    sharing = _names(filter_cases(cases, theme="人材シェアリング"))
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
    assert "参考になる事例" in answer.body and "福島県磐梯町" in answer.body
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
    regional = json.loads(_run(["cases", "--kind", "広域連携", "--prefecture", "北海道", "--json"], index_dir).stdout)
    assert regional and all(len(r["members"]) >= 2 for r in regional)


def test_cli_population_import_ranks_cases_by_real_sizes(index_dir, tmp_path):
    index = tmp_path / "index"
    shutil.copytree(index_dir, index)  # the table is stored next to the index: keep the shared one clean
    csv_file = _published_csv(tmp_path / "jinko.csv", "cp932")
    imported = _run(["population", "import", str(csv_file)], index)
    assert imported.returncode == 0, imported.stderr
    assert (tmp_path / "population.json").is_file()
    rows = json.loads(_run(["cases", "--population", "10000", "--json"], index).stdout)
    sized = [r for r in rows if r["population_used"] is not None]
    assert sized and rows[: len(sized)] == sized  # real sizes first, 人口不明 after
    assert any("jinko.csv" in r["population_source"] and "令和6年1月1日" in r["size"] for r in sized)
    missing = _run(["population", "import", str(tmp_path / "none.csv")], index)
    assert missing.returncode == 2


def test_faq_csv_is_utf8_with_bom_and_keeps_commas_and_newlines():
    items = [
        FaqItem("質問, その1", "回答1行目\n回答2行目[1]", ("[1] 手順書（令和4年9月2日）4.4, p.24",)),
        FaqItem("未回答？", "記載なし", (), True),
    ]
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


def test_a_size_ceiling_or_floor_keeps_cases_outside_it_last():
    from assistant.cases import question_filters, size_bounds

    assert size_bounds("人口1万人切るような小さい自治体の事例") == (0, 10_000)
    assert size_bounds("人口5千人未満の町の例") == (0, 5_000)
    assert size_bounds("20万人以上の市の事例")[0] == 200_000
    assert question_filters("うちの町（人口8千人）に近い事例")[2] == 8_000
