"""Citation numbering and dating of quoted figures, from hand-made passages (no index needed)."""

import re

from assistant.answer import Quote, Subject, without_repeats
from assistant.cite import cite, column_value
from assistant.formats import source_line
from assistant.question import is_target, read
from tests.conftest import make_hit

GUIDE = make_hit("tejun:0003", section=("第3章 外部人材の確保", "参考"), pages=(3, 4))
PLAN = make_hit("keikaku:0010", date="2026", date_label="2026年頃")


def _about(weights: dict[str, float]) -> Subject:
    """The subject of a question that holds these weighted terms and nothing more."""
    return Subject(weights, None, frozenset())


def _quote(hit, text: str) -> Quote:
    return Quote(hit=hit, text=text, score=1.0)


def test_quotes_are_numbered_in_order_of_first_use_and_one_passage_keeps_one_number():
    body, citations = cite(
        [
            _quote(GUIDE, "外部人材の役割を明確にする。"),
            _quote(PLAN, "推進体制を整備する。"),
            _quote(GUIDE, "任用期間をあらかじめ定める。"),
        ]
    )
    assert body.split("\n") == [
        "外部人材の役割を明確にする。[1]",
        "推進体制を整備する。[2]",
        "任用期間をあらかじめ定める。[1]",
    ]
    assert [(c.n, c.chunk_id) for c in citations] == [(1, "tejun:0003"), (2, "keikaku:0010")]
    assert citations[0].quote == "外部人材の役割を明確にする。\n任用期間をあらかじめ定める。"


def test_every_marker_in_the_body_has_its_numbered_source():
    quotes = [_quote(make_hit(f"doc{i % 3}:0001"), f"記載{i}がある。") for i in range(7)]
    body, citations = cite(quotes)
    assert [c.n for c in citations] == [1, 2, 3]
    assert {int(n) for n in re.findall(r"\[(\d+)\]", body)} == {1, 2, 3}


def test_a_citation_says_where_the_quote_is():
    _, (citation,) = cite([_quote(GUIDE, "外部人材の役割を明確にする。")])
    assert citation.doc_id == "tejun" and citation.title == "tejunの資料" and citation.date == "令和4年9月2日"
    assert citation.section == "第3章 外部人材の確保 > 参考" and citation.page == "pp.3-4"
    line = source_line(citation.n, citation.title, citation.date, citation.section, citation.page)
    assert line == "[1] tejunの資料（令和4年9月2日）第3章 外部人材の確保 > 参考, pp.3-4"


def test_a_step_list_is_numbered_each_step_cited_when_asked():
    steps = "次の点を確認する。\n・役割を決める\n✓ 期間を決める"
    numbered, _ = cite([_quote(GUIDE, steps)], numbered=True)
    assert numbered.split("\n") == ["次の点を確認する。[1]", "1. 役割を決める[1]", "2. 期間を決める[1]"]
    plain, _ = cite([_quote(GUIDE, steps)])
    assert plain == steps + "[1]"


def test_a_figure_is_dated_by_its_document_and_other_sentences_are_not():
    body, _ = cite([_quote(PLAN, "募集経費の上限は100万円とする。"), _quote(GUIDE, "外部人材の役割を明確にする。")])
    assert body.split("\n") == [
        "募集経費の上限は100万円とする。[1]（2026年頃の資料）",
        "外部人材の役割を明確にする。[2]",
    ]


def test_figures_about_the_same_subject_from_two_dates_say_which_is_newest():
    newer = _quote(make_hit("new:0001", date="2026", date_label="2026年頃"), "募集経費の上限は100万円とする。")
    older = _quote(make_hit("old:0001"), "募集経費の上限は50万円とする。")
    body, _ = cite([newer, older], compare_dates=True, subject=_about({"募集": 1.0, "上限": 1.0}))
    assert body.split("\n") == [
        "募集経費の上限は100万円とする。[1]（2026年頃の資料・最新）",
        "募集経費の上限は50万円とする。[2]（令和4年9月2日の資料・以前の記載）",
    ]


def test_figures_about_different_subjects_are_not_compared():
    newer = _quote(make_hit("new:0001", date="2026", date_label="2026年頃"), "募集経費の上限は100万円とする。")
    training = _quote(make_hit("old:0001"), "職員研修は年2回実施する。")
    body, _ = cite([newer, training], compare_dates=True, subject=_about({"上限": 1.0, "研修": 1.0}))
    assert body.split("\n") == [
        "募集経費の上限は100万円とする。[1]（2026年頃の資料）",
        "職員研修は年2回実施する。[2]（令和4年9月2日の資料）",
    ]
    unasked, _ = cite(
        [newer, _quote(make_hit("old:0001"), "募集経費の上限は50万円とする。")], subject=_about({"上限": 1.0})
    )
    assert "最新" not in unasked and "以前の記載" not in unasked


def test_figures_about_different_places_are_not_compared():
    hiroshima = _quote(make_hit("new:0002", date="2024", date_label="2024年"), "DXShipひろしま: 広島県と7市町に配属。")
    ehime = _quote(make_hit("old:0002"), "愛媛県と20市町によるシェアリング。")
    body, _ = cite([hiroshima, ehime], compare_dates=True, subject=_about({"市": 1.0, "町": 1.0}))
    assert "最新" not in body and "以前の記載" not in body


def test_no_quotes_no_citations():
    assert cite([]) == ("", [])


def test_a_target_is_told_apart_from_a_stated_figure():
    target = "「自治体DXアクセラレータ」に任命→今後数年間で、全国で500名程度の確保を目指す"
    assert is_target(target, "500名程度")
    assert not is_target("・※任命状況(2/5時点速報値)... 65名(25都道府県)", "65名")


def test_figures_in_different_units_are_not_newer_and_older_statements_of_one_another():
    older = make_hit("guide:0001", section=("愛媛県",), date="2022-09-02", date_label="令和4年9月2日")
    newer = make_hit("slides:0001", section=("愛媛県",), date="2024-08-23", date_label="2024年8月23日")
    quotes = [_quote(newer, "愛媛県人口:132.7万人"), _quote(older, "愛媛県及び県内20市町で構成する会議")]
    counts = lambda text: re.findall(r"[\d.]+万人|\d+市町", text)  # noqa: E731
    body, _ = cite(quotes, compare_dates=True, subject=_about({"エヒメ": 1.0, "県": 1.0}), values=counts)
    assert "最新" not in body and "以前の記載" not in body
    body, _ = cite(quotes, compare_dates=True, subject=_about({"エヒメ": 1.0, "県": 1.0}))
    assert "最新" in body


def test_a_deadline_is_a_figure_to_date():
    older = make_hit("guide:0002", date="2024-08-23", date_label="2024年8月23日")
    newer = make_hit("slides:0002", date="2026", date_label="2026年頃")
    quotes = [_quote(newer, "特別交付税措置を令和11年度まで延長。"), _quote(older, "特別交付税措置 R4~R7年度")]
    body, _ = cite(quotes, compare_dates=True, subject=_about({"特別": 1.0}))
    assert body.split("\n")[0].endswith("（2026年頃の資料・最新）")


def test_a_where_question_names_the_place_of_the_case_box_a_quote_sits_in():
    from assistant.cite import place_line
    from assistant.question import read

    text = (
        "職員のデジタル技術習得支援(愛知県豊橋市)\n・庁内でICTに関心のある職員を募集し、チームを結成する。\n"
        "・セミナーの参加費・旅費は市が負担する方針。\nデータ利活用研修(茨城県つくば市)\n・つくば市では研修を実施。"
    )
    hit = make_hit("guide:0079", text, section=("研修の取組例(石川県金沢市、愛知県豊橋市、茨城県つくば市)",))
    quotes = [_quote(hit, "・セミナーの参加費・旅費は市が負担する方針。")]
    _, citations = cite(quotes)
    assert (
        place_line(read("セミナー参加費を市が出してる自治体ってどこ？"), quotes, citations)
        == "自治体名: 愛知県豊橋市[1]"
    )
    assert place_line(read("豊橋市の事例は？"), quotes, citations) == ""


def test_a_case_named_by_its_figure_is_placed_only_by_the_quote_stating_that_figure():
    """「6,509時間減らした事例ってどこ？」: the passage stating 6,509時間 names no place, and the 滋賀県
    case beside it, also about ローコードツール, is another case."""
    from assistant.cite import place_line
    from assistant.question import read

    figure = make_hit("guide:0101", "ローコードツールを活用し、RPAのシナリオも内製し6,509時間の業務負担縮減")
    shiga = make_hit(
        "guide:0100", "外部専門人材(RPA、ローコードツール等)を活用する。", section=("DX推進チャレンジャー【滋賀県】",)
    )
    quotes = [_quote(figure, figure.chunk.text), _quote(shiga, shiga.chunk.text)]
    _, citations = cite(quotes)
    assert place_line(read("ローコードで内製して6,509時間減らした事例ってどこの自治体？"), quotes, citations) == ""
    assert place_line(read("ローコードで内製した事例ってどこの自治体？"), quotes, citations) == "自治体名: 滋賀県[2]"


def test_a_list_question_leads_with_the_items_of_the_list_of_the_asked_length():
    from assistant.cite import list_line
    from assistant.question import read

    intro = _quote(GUIDE, "スキル標準の全体イメージ\n・外部人材のスキルを類型化。\n・参考資料として作成。")
    table = _quote(
        PLAN,
        "人材像 役割\n(1) プロデューサー(CIO補佐官等)・変革を主導する。\n(2) プロジェクトマネージャー\n"
        "(3) サービスデザイナー\n(4) エンジニア",
    )
    _, citations = cite([intro, table])
    line = list_line(read("人材像って4つあるんだっけ？何と何？"), [intro, table], citations)
    assert line == "項目（4件）: プロデューサー／プロジェクトマネージャー／サービスデザイナー／エンジニア[2]"
    steps = _quote(GUIDE, "手順は次のとおり。\n1. ステップ0:DXの認識共有・機運醸成\n2. ステップ1:全体方針の決定")
    _, citations = cite([steps])
    assert list_line(read("DXの手順は？"), [steps], citations).startswith(
        "手順（2件）: ステップ0:DXの認識共有・機運醸成／"
    )


def test_a_figure_is_not_the_newest_when_a_newer_one_of_its_unit_is_in_the_answer():
    newest = make_hit("slides:0009", section=("DXアドバイザー",), date="2026", date_label="2026年頃")
    middle = make_hit("slides24:0013", section=("CIO補佐官等",), date="2024-08-23", date_label="2024年8月23日")
    oldest = make_hit("guide:0037", section=("CIO補佐官等",), date="2022-09-02", date_label="令和4年9月2日")
    quotes = [
        _quote(newest, "アドバイスを年間原則10回以内受けられる"),
        _quote(oldest, "CIO補佐官等 派遣 5回以上"),
        _quote(middle, "CIO補佐官等 アドバイスを年間最大5回受けられる"),
    ]
    counts = lambda text: re.findall(r"\d+回", text)  # noqa: E731
    body, _ = cite(quotes, compare_dates=True, subject=_about({"cio": 1.0, "補佐": 1.0, "官": 1.0}), values=counts)
    assert "最新" not in body.split("\n")[2]


def test_without_an_asked_count_the_longest_list_about_the_question_leads():
    from assistant.cite import list_line
    from assistant.question import read

    intro = _quote(GUIDE, "スキル標準の全体イメージ\n・外部人材のスキルを類型化。\n・参考資料として作成。")
    table = _quote(PLAN, "人材像 役割\n(1) プロデューサー\n(2) プロジェクトマネージャー\n(3) エンジニア")
    _, citations = cite([intro, table])
    line = list_line(read("スキル標準の人材像って何と何？"), [intro, table], citations)
    assert line.startswith("項目（3件）: プロデューサー")


def test_a_line_already_shown_is_not_shown_again():
    """A list continued from the next passage, then that passage's own lead-in and items: each line
    once; a table header left without its row goes too."""
    shown = _quote(
        GUIDE, "大阪府では、次の業務を委託して実施。独自で確保が困難な市町村を後押し。\n・①状況の分析\n・②相談会の開催"
    )
    again = _quote(PLAN, "・大阪府では、次の業務を委託して実施。\n①状況の分析\n・③共同化の企画")
    header = _quote(PLAN, "制度名 制度の概要\n②相談会の開催")
    kept = without_repeats([shown, again, header])
    assert [q.text for q in kept] == [shown.text, "・③共同化の企画"]


def test_a_place_question_names_towns_that_acted_together_as_one_entry(assistant):
    first = assistant.ask("外国人観光客向けにAIチャットボットで発信してる自治体ってどこ？").lines[0]
    assert first.startswith("自治体名: 北海道蘭越町・ニセコ町・倶知安町")


def test_a_rows_value_is_the_one_under_the_column_the_question_names():
    row_text = "実施済:950団体 | (75.3%) | 実施済:83団体 | (9.6%) | 実施済:33団体 | (2.2%)"
    header = "市区町村数 | (人口 | カバー率) | 子育て | 介護 | 被災者支援"
    hit = make_hit("dx-suishin-2020:9", f"(R2.6.30時点)\n{header}\n{row_text}")
    row = Quote(hit=hit, text=row_text, score=1.0)
    assert column_value(read("被災者支援の電子申請は何団体？"), row) == "33団体"
    # a question naming no column (or two) is left to the nearest value
    assert column_value(read("電子申請できる団体は何団体？"), row) is None
    assert column_value(read("子育てと介護は何団体？"), row) is None


def test_a_figure_of_another_programme_of_the_kind_is_no_earlier_statement_of_the_asked_one():
    """J-LIS's 「年間最大5回」, under 地域情報化アドバイザー派遣制度等, is no earlier figure of DXアドバイザー's
    年間原則10回: a new user read its 「以前の記載」 as a change of the one programme."""
    subject = Subject(
        {"アドバイザー": 1.0, "年間": 1.0},
        "アドバイザー",
        frozenset(),
        heads=frozenset({"アドバイザー"}),
        programmes=frozenset({("DXアドバイザー", "アドバイザー")}),
    )
    newer = _quote(
        make_hit("new:0001", date="2026", date_label="2026年頃", section=("DXアドバイザー",)),
        "アドバイザーの派遣は年間原則10回以内",
    )
    other_hit = make_hit("old:0001", section=("地域情報化アドバイザー派遣制度等の概要",))
    other = _quote(other_hit, "アドバイザーは年間最大5回")
    body, _ = cite([newer, other], compare_dates=True, subject=subject)
    assert "以前の記載" not in body and "最新" not in body
    same = _quote(make_hit("old:0002", section=("DXアドバイザー",)), "アドバイザーの派遣は年間最大5回")
    body, _ = cite([newer, same], compare_dates=True, subject=subject)
    assert "（2026年頃の資料・最新）" in body and "以前の記載" in body
