"""Reading a question: topic terms, the asked slot, and the asker's own words set aside."""

import pytest

from assistant.question import (
    asked_attribute,
    asked_predicate,
    counter_words,
    is_follow_up,
    is_planned,
    item_asked_of,
    listed_kind,
    names_little,
    per_what,
    places_in,
    read,
    read_in_context,
    same_unit,
    starts_new_topic,
    strip_asker,
    two_questions,
    value_near_topic,
    values_in,
)


@pytest.mark.parametrize(
    ("plain", "with_asker"),
    [
        ("OODAループって何？", "OODAループって何？新人向けの説明に使いたい"),
        (
            "CIO補佐官を外部から任用するときの財政措置は？",
            "研修で使いたいので、CIO補佐官を外部から任用するときの財政措置は？",
        ),
        ("DX推進リーダーの定義は？", "DX推進リーダーの定義を資料の文言どおりに知りたい"),
        ("自治体DXアクセラレータの要件は？", "自治体DXアクセラレータの要件を正確な文言で知りたい"),
        ("自治体DXの進め方は？", "自治体DXの進め方について教えていただけますか？"),
        ("CIO補佐官の募集経費の上限は？", "うちの町（人口8千人）の者ですが、CIO補佐官の募集経費の上限は？"),
        (
            "外部人材の給料、国が何割か持ってくれる？",
            "課長に説明する必要があって、外部人材の給料、国が何割か持ってくれる？",
        ),
        ("OODAループって何？", "OODAループって何？朝礼用にまとめたい"),
        # whatever the asker will do with the answer, said after it: 注釈つけたい names nothing asked
        ("PMOって手順書だとどういう意味？", "PMOって手順書だとどういう意味？研修スライドに注釈つけたい"),
        ("地域力創造アドバイザーって呼べる？", "うちでも地域力創造アドバイザーって呼べる？"),
        # how typical an answer is wanted: 普通 (idf of 普通交付税) had outweighed CIO and the answer abstained
        ("CIOって誰がなってるの？", "CIOって普通は誰がなってるの？"),
        ("CIOって誰がなる？", "CIOって一般的には誰がなる？"),
    ],
)
def test_words_about_the_asker_are_not_topic_terms(plain, with_asker):
    assert read(with_asker).terms == read(plain).terms
    assert read(with_asker).slot == read(plain).slot
    assert read(with_asker).asker


def test_a_wish_to_know_more_after_the_question_still_asks():
    """「…も知りたい」 after the question asks one more thing: it is not the asker's purpose."""
    assert "過疎" in read("CIO補佐官の措置率は？過疎地域の場合も知りたい").core


def test_a_question_made_only_of_asker_words_keeps_its_words():
    assert read("研修について知りたい").terms == ("研修",)


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("CIO補佐官の任用経費の特別交付税の措置率は？", "rate"),
        ("それっていつまで？", "deadline"),
        ("標準化の目標時期は？", "when"),
        ("工程表って何年分？", "period"),
        ("自治体DXアクセラレータは誰が任命する？", "actor"),
        ("サービス設計12箇条の第8条", "article"),
        ("受験料って特交でみてもらえる？", "yesno"),
        ("ガバメントクラウドの月額料金は？", "amount"),
        ("アドバイザーの派遣件数は？", "count"),
        ("OODAループとは？", "definition"),
        ("DXを進める手順は？", "steps"),
        # whether it costs (yes/no) and which costs are covered (a list) ask no amount; a cost's cap does
        ("DXアドバイザー呼んだら費用はかかる？", "yesno"),
        ("CIO補佐官の募集経費は？", "amount"),
        ("その育成経費の特交、対象になる経費は？", "list"),
        ("対象外になる経費は？", "list"),
        ("DX推進リーダーの育成経費の上限は？", "amount"),
    ],
)
def test_the_asked_slot(question, slot):
    assert read(question).slot == slot


def test_abbreviations_read_as_the_documents_terms():
    assert {"特別", "交付", "税"} <= set(read("受験料って特交でみてもらえる？").terms)


def test_follow_up_reads_as_a_whole_question():
    previous = read("CIO補佐官の募集経費の上限は？")
    follow = read_in_context("それはいつまで？", previous)
    assert follow.interpreted == "CIO補佐官の募集経費について、いつまで?"
    assert follow.slot == "deadline"
    assert read_in_context("OODAループとは？", previous).interpreted == ""


def test_values_of_the_asked_kind_not_section_numbers():
    assert values_in("rate", "(参考4.4-⑩を参照)") == []
    assert values_in("rate", "合計額に0.7を乗じて得た額") == ["0.7"]
    assert values_in("period", "令和3年度から令和7年度までの5年間とする") == ["令和3年度から令和7年度までの5年間"]
    assert values_in("deadline", "100万円R4~ R7年度") == ["R7年度"]


def test_the_value_nearest_the_topic_and_its_replacement_are_taken():
    row = "人件費相当額: 2,100万円/人募集経費: 100万円/団体→ 300万円/団体"
    assert value_near_topic(read("募集経費の上限は？"), row) == "300万円/団体"
    assert value_near_topic(read("人件費相当額の上限は？"), row) == "2,100万円/人"
    assert value_near_topic(read("措置率は？"), "措置率について0.5(~令和4年度)から0.7(令和5~7年度)に拡充") == "0.7"


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("CIO補佐官の業務委託で、計画策定の委託も特交対象になりますか？", "yesno"),
        ("J-LISの地方支援アドバイザーってタダで来てもらえるんですか？", "yesno"),
        ("RPA入れるとき、職員研修の費用も特交の対象になるんでしたっけ？", "yesno"),
        ("豊中市はDXで何を宣言した？", "other"),  # a question word: not yes/no
        ("BPRって何の略？", "definition"),
        ("ICT化ってDXとどう違う？", "definition"),
        ("DX推進専任部署って、どういう部署のことを指すの？", "definition"),
        ("令和6年度に伴走支援を受けてる県は？", "place"),
        ("共創推進パートナーは月何時間まで働く？", "number"),
        ("DX推進リーダー育成の特交、令和7年度で打ち切り？", "deadline"),
        ("今年度以降も使える？", "deadline"),
        ("事例集って何事例載ってる？", "count"),
    ],
)
def test_the_asked_slot_as_staff_type_it(question, slot):
    assert read(question).slot == slot


def test_reason_clauses_and_verbs_are_optional_terms_not_the_topic():
    reading = read("BPRって何の略で、どういう意味？研修資料に書きたいので")
    assert not {"研修", "資料", "書く"} & (set(reading.terms) - reading.optional)
    assert "bpr" not in reading.optional and "bpr" in reading.terms
    # 「ことになって」 inside the question is not an asker clause
    assert "作る" in read("連携体制って、いつまでに全県で作ることになってたっけ？").terms


def test_a_value_is_stated_with_the_words_that_bound_or_open_it():
    """「令和5年度～」 says since when, 「年間原則10回」 and 「上限は3名分」 how far, 「219団体(12.6%)」 the
    share beside the count: the first line states them as written, not the bare figure."""
    assert value_near_topic(read("県の人材の特交っていつから？"), "(令和5年度~)。") == "令和5年度~"
    since = value_near_topic(read("普通交付税になったのはいつから？"), "令和7年度から、アクセラレータの")
    assert since == "令和7年度から"
    # a date right after makes a range, stated as one
    assert value_near_topic(read("いつ？"), "令和7年度から令和9年度までの間") != "令和7年度から"
    assert value_near_topic(read("何人分まで？"), "上限は3名分") == "上限は3名分"
    assert value_near_topic(read("何団体？"), "策定済み 219団体(12.6%)") == "219団体(12.6%)"
    assert value_near_topic(read("どれくらい応募あったの？"), "R5は延べ119人が応募") == "延べ119人"
    rate = value_near_topic(read("措置率なんぼ？"), "特別交付税措置(措置率0.5(財政力補正あり))")
    assert rate == "0.5(財政力補正あり)"
    assert value_near_topic(read("職員の何割？"), "職員の10%～15%にあたる450人") == "10%～15%"
    assert value_near_topic(read("何円分？"), "マイナポイント5,000円分を付与") == "5,000円分"
    assert value_near_topic(read("いつまで？"), "措置(~R11)") == "~R11"
    assert value_near_topic(read("情報主管課が5人以下のところってどれくらい？"), "市区町村の約3分の2") == "約3分の2"


def test_a_period_may_open_without_its_year_word_and_when_it_began_is_not_a_period():
    assert values_in("period", "得た額100万円R4~ R7年度") == ["R4~ R7年度"]
    assert values_in("period", "R5から10年") == []  # no range of years
    assert read("それ何年度から？").slot == "when"
    assert read("募集経費の特交、何年度から何年度まで？").slot == "period"


def test_the_counted_noun_or_years_give_the_unit_asked():
    """「市町村っていくつ？」 counts municipalities (77市町村, not 1回); 「最長何年？」 asks years, which
    「年560万円」 is not."""
    assert value_near_topic(read("県内に市町村っていくつある？"), "派遣は1回。77市町村ある") == "77市町村"
    assert value_near_topic(read("企業人って最長何年まで？"), "特別交付税措置(年560万円/人)") is None


def test_bodies_counted_as_the_theme_are_counted_in_団体_not_in_people():
    """「…使ってる団体って、令和6年度にはどのくらい？」 counts 団体 (not 「上限は3名分」); 「…団体の数字ってある？」
    asks that count (not a course's 「定員40名」); 「1団体において…」 says of one body, it counts none."""
    grown = read("外部デジタル人材を使ってる団体って、令和6年度にはどのくらいに増えた？")
    assert value_near_topic(grown, "対象上限は3名分(令和6~11年度)。活用は200団体程度") == "200団体程度"
    figure = read("テレワーク導入してる団体の数字ってある？")
    assert figure.slot == "count" and value_near_topic(figure, "テレワーク研修 定員40名") is None
    assert values_in("count", "1団体においてCIO補佐官等として複数の任用") == []
    assert values_in("period", "契約完了後2年間において入札に参加できない") == ["2年間"]


def test_the_attribute_a_value_is_asked_of_is_the_noun_before_the_question_word():
    assert asked_attribute(read("自治体DXアクセラレータって任期何年？")) == "任期"
    assert asked_attribute(read("DXアドバイザーの令和7年度の実績って何団体？")) == "実績"
    # a bound or a date names no attribute
    assert asked_attribute(read("特定任期付職員って最長何年？")) is None
    assert asked_attribute(read("R6年度は何団体が使ったの？")) is None


def test_an_intent_asks_the_target():
    assert read("アクセラレータって全国で最終的に何人くらい確保するつもり？").asks_target


def test_made_after_a_counter_bounds_a_count_not_a_date():
    assert read("DXアドバイザーって年何回まで使える？").slot == "count"
    assert read("この特交、令和7年度まで使える？").slot == "deadline"


def test_a_question_word_asks_for_something_not_yes_or_no():
    assert read("要綱とか誓約書に何を書いとけばいい？").slot == "list"
    assert read("サービスデザイナーのスキルってなんて書いてある？").slot == "other"
    assert read("うちの肩書『DX推進監』なんだけど、名前が違っても対象になる？").slot == "yesno"
    assert read("首長がDX宣言した自治体の例って何かある？").slot != "other"
    assert read("職員みんなに受けさせる研修、リーダー育成の特交って使えるの？").slot == "yesno"


def test_a_year_written_three_ways_is_one_year():
    assert read("令和4年4月1日時点の割合は？").years == read("R4の割合は？").years == {2022}
    assert read("2022年の割合は？").years == {2022}


def test_a_denominator_or_the_year_of_a_date_is_not_the_asked_value():
    bound = value_near_topic(read("派遣は年に何回まで？"), "派遣人数は1回につき原則1名。年間原則10回以内")
    assert bound == "年間原則10回以内"
    assert values_in("number", "地方公務員法(昭和25年法律第261号)") == []
    assert values_in("count", "CIO補佐官を外部から任用している市区町村は「37」", unit="団体|市町村|自治体") == ["37"]


def test_a_value_keeps_the_words_that_bound_it():
    assert value_near_topic(read("カードが届くまで何日？"), "カードの発送は、最長18日であるが") == "最長18日"
    assert values_in("when", "第2期12月2日~12月6日(5日間)") == ["12月2日~12月6日"]


def test_a_follow_up_carries_the_previous_topic_without_its_verbs_or_slot_words():
    previous = read("DXアドバイザーって年に何回来てもらえるの？")
    follow = read_in_context("1回あたり何時間くらい？", previous, joined=True)
    assert follow.interpreted.startswith("DXアドバイザーについて、")
    assert "来る" not in follow.searched and "何回" not in follow.searched


def test_a_value_is_stated_with_the_other_end_of_its_range():
    assert value_near_topic(read("研修はどのくらいの期間？"), "期間:5月~11月(約100~150時間)") == "約100~150時間"
    assert value_near_topic(read("1回あたり何時間？"), "アドバイスの時間は2時間以上7時間以内。") == "2時間以上7時間以内"
    assert (
        value_near_topic(read("上限引上げはいつまで？"), "令和7年度から令和9年度までの間")
        == "令和7年度から令和9年度まで"
    )
    assert value_near_topic(read("計画期間はいつまで？"), "(計画期間:令和3年1月~令和8年3月)") == "令和3年1月~令和8年3月"
    assert value_near_topic(read("書簡はいつ出た？"), "・令和6年1月19日、総務大臣書簡を発出し") == "令和6年1月19日"


def test_a_month_or_a_year_is_not_a_quantity():
    assert value_near_topic(read("策定済みはどれくらい？"), "令和4年4月1日時点で、ほぼすべて(95.7%)が策定") == "95.7%"
    assert values_in("number", "2022年に50人") == ["50人"]


def test_a_follow_up_states_the_value_of_what_it_names_itself():
    previous = read("地域情報化アドバイザーって年に何回呼べる？")
    follow = read_in_context("オンライン会議だと？", previous, joined=True)
    row = "地域情報化アドバイザーを派遣(現地派遣は年3回まで、オンライン会議は年2回まで)"
    assert value_near_topic(follow, row) == "年2回まで"


def test_an_older_value_counts_in_the_same_unit():
    assert not same_unit("132.7万人", "20市町")
    assert same_unit("令和11年度まで", "R4~R7年度") and same_unit("10回以内", "最大5回")
    assert same_unit("100万円", "5,600千円") and same_unit("約250名", "6人")


def test_which_municipality_is_asked_only_by_where_with_a_kind_of_place():
    assert read("RPAで6,509時間減らした自治体ってどこ？").asks_municipality
    assert read("それってどこの自治体？").asks_municipality and read("どの県がやってる？").asks_municipality
    assert not read("どこに相談すればいい？").asks_municipality


def test_pay_asked_how_much_is_an_amount():
    assert read("採用したデジタル人材の年収ってどのくらい？").slot == "amount"
    assert read("CIO補佐官の報酬は？").slot == "amount"
    assert read("報酬の支払い方法は？").slot != "amount"


def test_a_municipality_is_read_apart_from_its_prefecture():
    assert places_in("外部人材の例(愛知県豊橋市)") == ("愛知県", "豊橋市")
    assert places_in("データ利活用研修(茨城県つくば市)") == ("茨城県", "つくば市")
    assert places_in("大阪府の市町村支援") == ("大阪府",)
    assert places_in("・✓域内市区町村との連絡調整や情報交換の場の開催") == ()  # a class of bodies names none


def test_a_stated_figure_comes_before_a_target_and_the_question_s_own_figure_is_no_answer():
    line = "年間約660時間の削減、将来的には更なる削減(年間約7,300時間)を目指す。"
    assert value_near_topic(read("0申告の自動化でどれくらい時間削れた？"), line) == "年間約660時間"
    assert value_near_topic(read("0申告の削減目標は何時間？"), line) == "年間約7,300時間"
    row = "人口5万人以下の団体のうち、該当する団体は189団体"
    assert value_near_topic(read("人口5万人以下の団体でそういうところってどのくらい？"), row) == "189団体"


def test_of_values_dated_in_one_line_the_asked_year_s_else_the_newest_answers():
    line = "・H30年度に25業務で2,000時間が、R4年度に100業務で約18,603時間の作業時間削減。"
    assert value_near_topic(read("RPAで何時間減らした？"), line) == "約18,603時間"
    assert value_near_topic(read("H30年度は何時間減らした？"), line) == "2,000時間"
    assert value_near_topic(read("長岡市はRPAで何業務・何時間減らした？"), line) == "約18,603時間"


def test_a_question_word_asked_first_is_read_in_the_usual_order():
    assert read("何時限？業務改革の研修は").core == read("業務改革の研修は何時限？").core
    assert read("どこ？DX憲章を作った自治体は").slot == "place"
    assert read("CIO補佐官って何？").core == "CIO補佐官って何?"


def test_a_particle_typed_twice_at_the_end_is_read_once():
    assert read("基幹系の標準化対象はは？").core == read("基幹系の標準化対象は？").core


@pytest.mark.parametrize(
    "question, slot, also",
    [
        ("募集経費の特交、上限いくらで対象期間いつまで？", "deadline", ("amount",)),
        ("人材シェアの例ってどこ？登録って何人くらい？", "count", ("place",)),
        ("0申告、何時間削減で、費用いくら？", "amount", ("number",)),
        ("CIO補佐官の措置率は？", "rate", ()),
        ("対象期間っていつまで？", "deadline", ()),  # one family of time: one thing asked
    ],
)
def test_a_question_asking_two_things_asks_both(question, slot, also):
    reading = read(question)
    assert (reading.slot, reading.also) == (slot, also)


@pytest.mark.parametrize(
    "question, compared",
    [
        ("フロントヤード改革とバックヤード改革の違いを教えて", ("フロントヤード改革", "バックヤード改革")),
        ("OODAループってPDCAと何が違うの？", ("OODAループ", "PDCA")),
        ("特定任期付職員と特別職非常勤職員、兼業の扱いの違いは？", ("特定任期付職員", "特別職非常勤職員")),
        ("CIO補佐官の措置率は？", ()),
    ],
)
def test_a_comparison_names_both_things(question, compared):
    reading = read(question)
    assert reading.compared == compared
    assert reading.slot == ("definition" if compared else "rate")


@pytest.mark.parametrize(
    "question, compared",
    [
        (
            "CIO補佐官で外部人材入れるとき、特定任期付と特別職非常勤って兼業の扱いどう違うの？",
            ("特定任期付", "特別職非常勤"),
        ),
        ("金沢市と滋賀県の職員育成のやりかた比べるとどう違う？", ("金沢市", "滋賀県")),
        ("OODAループって何？PDCAとどう違うの？", ()),  # どう is the question word, not a side
    ],
)
def test_more_ways_staff_set_two_things_side_by_side(question, compared):
    assert read(question).compared == compared


def test_two_documents_named_together_are_both_where_to_look():
    reading = read("金沢市のリーダー研修の時間、手順書と2024年の資料で書いてあること違う？")
    assert reading.documents == ("手順書と", "2024年の資料で")
    assert "手順書" not in reading.core


def test_a_polite_verb_after_a_kanji_noun_stays_a_verb():
    """「特交出ますか」 had lost its ますか and left 「特交出」, whose 出 read as a noun: a term the documents
    never write, at the maximum weight. Asked politely or plainly, the question has the same terms."""
    assert read("RPAの費用って特交出ますか？").terms == read("RPAの費用って特交出る？").terms
    assert read("RPAの費用って特交出ますか？").slot == "yesno"


def test_the_noun_of_a_typical_answer_word_stays_a_topic_term():
    """Only 普通 said of the answer (「普通は」) is the asker's: 普通交付税 is a measure."""
    assert "普通" in read("普通交付税の対象は？").terms


def test_words_asking_how_to_set_out_the_answer_count_only_where_found():
    """「違い」「表」 say how to answer, not what about: a passage without them answers all the same
    (they had been reported as 「「違い」・「表」に当たる記載は見つかりませんでした」)."""
    reading = read("地域情報化アドバイザーとDXアドバイザーの違いを表にして")
    assert {"違い", "表"} <= reading.optional


@pytest.mark.parametrize(
    "question, slot",
    [
        ("アクセラレータの任命って県がやるの？国がやるの？", "actor"),
        ("工程表は何年度から何年度まで？", "period"),
        ("JMOOCって無料で受けられるやつだっけ？", "yesno"),
        ("最初の構築費はどれくらい？", "amount"),  # a noun in 費 is a sum of money, as 費用 is
        ("地方支援アドバイザーの申し込みしめきりっていつ？", "deadline"),  # not when: 令和3年度から starts something
    ],
)
def test_more_ways_staff_ask_a_slot(question, slot):
    assert read(question).slot == slot


def test_how_many_kinds_or_parts_is_asked_as_their_list_and_the_counter_is_no_topic():
    """「何段階」 is answered by ステップ0〜3, which no 段階 names: the counter neither counts against the
    passage (it had made the answer 「「何段階」に当たる記載は資料に見つかりませんでした」) nor asks a figure."""
    reading = read("全体手順書のステップって何段階あるんでしたっけ？")
    assert reading.slot == "list" and "段階" in reading.optional
    assert read("サービス設計12箇条って何項目？").slot == "list"
    assert read("DX推進リーダーって何人育てるの？").slot == "count"


def test_a_rate_and_a_count_asked_together_are_read_in_their_own_units():
    from assistant.question import asked_slots

    reading = read("R3.4時点でDX推進専任部署おいてる市区町村って何団体？割合も")
    rate, count = asked_slots(reading)
    assert (rate.slot, count.slot) == ("rate", "count")
    line = "市区町村では438団体(25.2%)が設置"
    assert rate.values(line) == ["25.2%"] and count.values(line) == ["438団体"]


def test_no_cap_answers_a_question_for_the_cap_only():
    row = "・受講料、資格取得のための受験料等(上限なし)"
    assert read("DX推進リーダー育成の特交の上限は？").values(row) == ["上限なし"]
    assert read("研修の受講料はいくら？").values(row) == []


def test_a_noun_of_the_askers_setting_is_not_what_is_asked_about():
    from assistant.question import setting_words

    assert setting_words(read("電子申請システムを近隣と共同利用で入れる場合の措置率は？").core) == {"近隣"}
    assert setting_words(read("OODAとPDCAの違いは？").core) == frozenset()
    # the survey a figure comes from is where it was counted, not what was counted
    assert setting_words(read("電子申請を入れてる市区町村、R2.4の調査だと何団体？").core) == {"調査"}
    assert setting_words(read("実態調査では何が一番多い課題？").core) == {"実態", "調査"}


@pytest.mark.parametrize(
    "question",
    [
        "デジタル人材の育成方針って、もうほとんどの自治体が作ってるって認識で合ってる？",
        "アクセラレータは県が任命するって認識であってる？",
        "CIO補佐官は非常勤でもいいって理解で合ってますか？",
        "措置率は0.7という理解で正しいでしょうか",
    ],
)
def test_a_belief_put_up_for_checking_asks_yes_or_no(question):
    """「…って認識で合ってる？」 asks whether the statement holds, whatever it names (a place, an actor);
    the checking words are the asker's, not the topic's."""
    reading = read(question)
    assert reading.slot == "yesno"
    assert not {"認識", "理解", "合う"} & set(reading.terms)


def test_a_table_row_value_without_its_unit_answers_when_the_question_gives_the_unit():
    assert read("BPRの課目は何時限？").values("課目名:業務改革(BPR) 3") == ["3"]
    assert read("BPRの課目は何時限？").values("業務改革(BPR)の研修を3回実施") == []


def test_a_count_in_a_noun_of_the_question_is_read_in_that_noun():
    line = "動画研修(29セミナー)、ライブ研修(定員40名)、178事例、20分野"
    assert read("J-LISの動画研修っていくつセミナーある？").values(line) == ["29セミナー"]
    assert read("事例集って何事例載ってる？").values(line) == ["178事例"]


@pytest.mark.parametrize(
    "question, line, value",
    [
        ("現地に年何回まで来てもらえる？", "現地派遣は年3回まで、オンラインは10時間", "年3回まで"),
        ("同じテーマで年何回まで？", "同一テーマについて年間最大5回", "年間最大5回"),
        ("定員何人？", "定員60名(5日間)", "定員60名"),
        ("企業人の特交いくら？", "年560万円/人", "年560万円/人"),
    ],
)
def test_a_value_is_stated_with_the_words_that_say_per_what_and_how_far(question, line, value):
    from assistant.question import value_near_topic

    assert value_near_topic(read(question), line) == value


def test_a_sentence_about_the_asker_before_the_question_counts_only_where_found():
    reading = read("人口8千人の町でひとり情シスやってます。CIO補佐官を外部から雇うと特交の措置率っていくつ？")
    assert {"人口", "町", "シス"} <= reading.optional
    assert not {"cio", "補佐", "措置"} & reading.optional


def test_a_sentence_after_the_question_saying_what_the_answer_is_for_is_the_askers():
    """「上司に採用の難しさを説明したい」: what they will explain is theirs, not a topic of the question."""
    typed = read("デジタル人材の転職求人倍率ってどのくらい？上司に採用の難しさを説明したい")
    assert typed.terms == read("デジタル人材の転職求人倍率ってどのくらい？").terms


def test_a_name_in_brackets_the_asker_wants_to_use_is_topic_not_purpose():
    """「『DX推進監』にしたいんだけど」 names the post; only 「FAQにしたい」 says what the answer is for."""
    assert "監" in read("補佐官のポスト名を「DX推進監」にしたいんだけど、特交の対象でOK？").terms
    assert "faq" not in read("FAQにしたいので、CIO補佐官の募集経費の上限は？").terms


def test_the_content_of_what_was_just_named_is_a_follow_up():
    """「中身は何をやるの？」 asks about the programme the previous turn named, not about 中身."""
    previous = read("自治体DX推進体制強化支援事業の予算ってどれくらい？")
    joined = read_in_context("中身は何をやるの？", previous)
    assert joined.follows and "強化" in joined.terms and "中身" not in joined.terms


def test_a_pointing_word_inside_a_question_with_its_own_topic_points_within_it():
    """「…紹介会社使いたいんだけど、その費用って特交の対象？」: その is the question's own 紹介会社."""
    previous = read("DXアドバイザーって年に何回来てもらえるの？")
    typed = "CIO補佐官の募集で民間の人材紹介会社使いたいんだけど、その費用って特交の対象になる？"
    assert not read_in_context(typed, previous).follows
    assert read_in_context("その費用は？", previous).follows


def test_a_carried_topic_keeps_its_words_apart():
    """「マイナポータル」 and 「オンライン申請」 carried together are not one katakana word."""
    previous = read("マイナポータルからオンライン申請できるようにする手続って何手続だっけ？")
    joined = read_in_context("期限は？", previous)
    assert {"マイナ", "ポータル", "申請"} <= set(joined.terms)
    assert not any(t.startswith("マイナポータルオン") for t in joined.terms)


def test_a_share_written_as_a_fraction_answers_a_question_for_a_proportion():
    reading = read("情報主管課の職員が5人以下の市区町村ってどのくらいの割合？")
    assert reading.values("・現在、情報主管課職員が5人以下の団体が約3分の2を占める状況。") == ["3分の2"]


@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        (
            "デジタル人材の転職求人倍率ってどのくらい？",
            "・全体の転職求人倍率が2.15倍なのにに対し、デジタル人材の転職求人倍率は9.17倍。",
            "9.17倍",
        ),
        (
            "CIOやCIO補佐官を外部から任用してる市区町村はいくつ？",
            "・CIO/CIO補佐官を外部から任用している自治体数は都道府県は「8」、市区町村は「37」。",
            "37",
        ),
    ],
)
def test_of_two_values_in_a_line_the_one_said_of_the_asked_subject_is_stated(question, text, value):
    assert value_near_topic(read(question), text) == value


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("兼業してる外部人材をCIO補佐官にするとき、入札の公平性ってどう担保すればいい？", "steps"),
        ("情報処理安全確保支援士の合格率ってどのくらい？", "rate"),
        ("デジタル人材の転職求人倍率ってどのくらい？", "number"),
        ("長岡市って人口何万人くらい？RPAの事例と比べたくて", "count"),
        ("そこの人口は？", "number"),
        # a sum of money named before どのくらい asks an amount, not any number (「3年」 of the same line)
        ("情報処理安全確保支援士って、受講料とか講習の費用どれくらいかかるの？", "amount"),
        ("その事業の予算ってどれぐらい？", "amount"),
        # 「どのくらいついてる」 is くらい + ついてる: no 「いつ」 is asked
        ("その事業、予算ってどのくらいついてる？", "amount"),
        ("研修のテーマって何か思いつく？", "yesno"),
        ("それっていつ頃？", "when"),
        # 「人口10万人以下の団体だと費用どれくらい？」 asks a sum; 「削減時間と費用ってどのくらい？」 two things
        ("人口10万人以下くらいの団体だと費用どれくらいかかってた？", "amount"),
    ],
)
def test_the_slot_of_how_questions_rates_and_populations(question, slot):
    assert read(question).slot == slot


def test_a_population_asked_in_man_nin_is_not_answered_by_a_headcount():
    reading = read("長岡市って人口何万人くらい？")
    assert reading.values("操作スキルアップ研修(年2回、計10名)") == []
    assert reading.values("外部デジタル人材の活躍例(山形県酒田市 人口:10.0万人)") == ["10.0万人"]


def test_there_after_a_question_about_a_place_is_the_place():
    """「そこの人口は？」 after 神戸市's 0申告 asks 神戸市's population, not the 0申告's."""
    joined = read_in_context("そこの人口は？", read("神戸市の0申告の自動化ってどんな取り組み？"))
    assert joined.topic == ("神戸市",) and joined.interpreted == "神戸市について、人口は?"


def test_two_places_compared_on_one_shared_thing():
    """「愛媛と広島の人材シェア」 compares 愛媛's and 広島's 人材シェア."""
    assert read("愛媛と広島の人材シェアってなにが違うの？比較したい").compared == ("愛媛", "広島")


@pytest.mark.parametrize(
    ("question", "slot"),
    [("CIO補佐官等ってそもそも何？", "definition"), ("そもそも県内に市町村っていくつあるんだっけ", "count")],
)
def test_somosomo_asks_a_definition_only_with_what(question, slot):
    assert read(question).slot == slot


@pytest.mark.parametrize(
    "question",
    [
        "話かわるけど、テレワーク入れてない自治体の理由で一番多いのは？",
        "あ、それとは関係なくて、電子申請システムをまだ整備してない市区町村ってどのくらいあった？",
        "あと、ひとり情シス状態の団体ってどれくらいあるの？",
        "それはそうと、地域情報化アドバイザーって1つのテーマで何日来てもらえる？",
    ],
)
def test_a_question_that_leaves_the_topic_is_read_on_its_own(question):
    """The asker says so (「話かわるけど」「それとは関係なくて」, whose それ points nowhere), or opens
    with 「あと、」 and names a topic of its own: the previous CIO補佐官 topic is not carried."""
    previous = read("CIO補佐官の任用経費の特交って措置率いくつだっけ")
    reading = read_in_context(question, previous)
    assert reading.follows == "" and "CIO" not in reading.searched
    assert "かわる" not in reading.core and "関係なく" not in reading.core


def test_and_then_with_nothing_of_its_own_still_follows_up():
    previous = read("CIO補佐官の任用経費の特交って措置率いくつだっけ")
    assert read_in_context("あと上限は？", previous).follows


@pytest.mark.parametrize(
    ("question", "text", "value"),
    [
        ("広島県の人口は？", "DXShipひろしま:県と7市町に配属。広島県 人口:276.0万人", "276.0万人"),
        ("ひとり情シス状態の団体ってどれくらいあるの？", "189団体が「1人情シス」状態(担当者が1人以下)", "189団体"),
    ],
)
def test_a_population_is_counted_in_persons_and_bodies_in_bodies(question, text, value):
    """「そこの人口は？」 had been answered 「7市町」, 「…団体ってどれくらい」 「1人以下」."""
    assert read(question).values(text) == [value]


@pytest.mark.parametrize(
    ("question", "line", "value"),
    [
        ("長岡市のRPA研修、中級って年何回で何人受けてる？", "中級:年2回、計12名(R4)", "年2回、計12名"),
        (
            "1人情シス状態の小規模自治体って全国でどのくらい？",
            "・小規模団体(人口5万人以下) 189団体が「1人情シス」状態",
            "189団体",
        ),
    ],
)
def test_the_value_asked_in_two_units_gives_both_and_a_bracketed_gloss_is_no_answer(question, line, value):
    """「年何回で何人」 had been answered 「年2回」 alone; the bracket saying which 団体 had been read as
    the count (「5万人以下」)."""
    assert value_near_topic(read(question), line) == value


def test_a_value_right_before_the_word_that_names_it_is_the_answer():
    """No question word before either value: 「総勢207名に委嘱」 answers 「委嘱されてるのは何人？」, not
    the 5名 added first."""
    line = "令和2年度は、有識者5名を追加し、先進自治体職員、大学教員等の有識者総勢207名に委嘱。"
    assert value_near_topic(read("アドバイザーとして委嘱されてるのは何人？"), line) == "総勢207名"


def test_a_rate_named_before_a_comma_is_asked():
    assert read("H30年度のｵﾝﾗｲﾝ利用率、図書館の貸出予約ってどのくらいだった？").slot == "rate"


def test_a_prefecture_level_follow_up_names_one_thing_not_four():
    """The dictionary reads 都道府県 as 都 + 道 + 府 + 県: counted as four nouns, 「都道府県だと？」 had
    been read as a question of its own."""
    assert names_little(read("都道府県だと？"))


def test_wanting_to_compare_two_things_compares_them():
    """「比べたい」 is the asker's wording, and still says what is compared."""
    assert read("金沢市と滋賀県のデジタル人材育成、規模感を比べたい").compared == ("金沢市", "滋賀県")
    assert "原文" not in read("手順書でのBPRの定義、原文どおりに").core


def test_how_many_people_is_the_question_not_its_topic():
    """「今何人？」「応募は何人いた？」: the dictionary reads 何人 as one word, which had weighed the
    most of all topic terms (no document uses it) and pulled the evidence under the line."""
    assert read("アクセラレータは今何人？").terms == ("アクセラレーター",)
    assert read("応募は何人いた？").unit == "人|名"


@pytest.mark.parametrize("question", ["4人委託したら全員分特別交付税でる？", "受講料もでますか？"])
def test_will_money_come_out_in_kana_is_a_yes_no(question):
    """「でる？」 typed in kana asks yes or no like 「出る？」 (it had been read as asking nothing)."""
    assert read(question).slot == "yesno"


@pytest.mark.parametrize(
    "question",
    ["委託の中身が計画策定でも特交って出ますか", "県がやる研修の経費も特交の対象になりますか", "兼業もOKでしたっけ"],
)
def test_a_question_particle_asks_yes_or_no_without_a_question_mark(question):
    """Staff end a polite question with か and no 「？」: it asks yes or no all the same (it had been
    read as asking nothing, so no line settling it led)."""
    assert read(question).slot == "yesno"
    assert read(question.removesuffix("か").removesuffix("でしたっけ") + "。").slot != "yesno"


def test_places_include_katakana_towns_in_a_list_and_bodies_of_several_municipalities():
    """「北海道蘭越町・ニセコ町・倶知安町」 names three towns (ニセコ町 in katakana); 「福井坂井地区広域市町村圏
    事務組合」 is one body, not 福井県 and a city called 地区広域市."""
    assert places_in("北海道蘭越町・ニセコ町・倶知安町") == ("北海道", "蘭越町", "ニセコ町", "倶知安町")
    assert places_in("福井坂井地区広域市町村圏事務組合では、PMOを設置") == ("福井坂井地区広域市町村圏事務組合",)


def test_a_self_introduction_before_the_question_is_the_askers_not_the_topic():
    """「小さい町のひとり情シスです。」 says who asks: its words (町, 情シス) must not steer the search or
    count against the evidence; 「ひとり情シスって何？」 still asks about ひとり情シス."""
    introduced = read("小さい町のひとり情シスです。CIO補佐官の特交って措置率いくつ？")
    plain = read("CIO補佐官の特交って措置率いくつ？")
    assert introduced.terms == plain.terms and introduced.slot == plain.slot == "rate"
    assert "シス" in read("ひとり情シスって何？").terms


def test_a_mistyped_please_is_politeness_not_a_term():
    assert read("CIO補佐官等ってそもそも何？定義をおしえてくだささい").terms == ("cio", "補佐", "官")


def test_words_for_the_form_of_the_answer_count_neither_for_nor_against():
    """「どういう流れ？」「文言を正確に」「町の例ある？」 say how to answer, not what about: the documents
    never write 流れ or 文言 beside the steps or the definition asked for."""
    assert {"流れ"} <= read("ガイドブックの手順ってどういう流れ？").optional
    assert {"例"} <= read("DX担当と原課の連携、うまくやってる町の例ある？").optional
    assert {"正確"} <= read("12箇条の最初の条文を正確に知りたい").optional


def test_a_follow_up_naming_a_thing_and_what_of_it_asks_its_own_thing():
    """「プロデューサーに望ましい資格は？」 after 「人材像って何種類？」 asks the qualifications, not a count
    again; 「募集経費の方は？」 and 「…を募集する場合は？」 ask what the previous turn asked."""
    before = read("外部人材スキル標準の人材像って何種類？")
    assert read_in_context("プロデューサーに望ましい資格は？", before, joined=True).slot != "count"
    amount = read("人件費の上限っていくら？")
    assert read_in_context("募集経費の方は？", amount, joined=True).slot == "amount"
    assert read_in_context("都道府県がアクセラレータを募集する場合は？", amount, joined=True).slot == "amount"
    assert read_in_context("HPで周知しただけだと？", read("求人サイトだと応募って何人？"), joined=True).slot == "count"


def test_a_follow_up_restates_the_previous_topic_as_written_without_its_asking_words():
    """The interpretation shown to the user reads as a question: J-LIS whole (not 「JのLIS」), no
    counted 人 (「人の委嘱」), no scoping word (「…の最終的について」), and 「そこで」 after a
    programme keeps the programme, not only its prefecture."""
    assert read_in_context("それって定員ある？", read("J-LISの研修ってどんなのがある？")).interpreted.startswith(
        "J-LISの研修について"
    )
    there = read_in_context("そこで何人委嘱されたの？", read("長野県の共創推進パートナーって何？"))
    assert there.interpreted.startswith("長野県の共創推進パートナーについて")
    after = read_in_context("それってどこの企業？", read("長野県の共創推進パートナーについて、そこで何人委嘱されたの?"))
    assert "人の" not in after.interpreted
    target = read("自治体DXアクセラレータの任命について、最終的には何人目指してるの?")
    joined = read_in_context("あとアクセラレータの人件費の上限っていくら？", target, joined=True)
    assert "最終的" not in joined.interpreted.split("、")[0]
    # 「そこの人口は？」 still asks of the place
    assert read_in_context("そこの人口は？", read("神戸市の0申告の自動化って何時間削減？")).interpreted.startswith(
        "神戸市"
    )


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("長野県のDX戦略推進パートナー協定を結んでる企業ってどこ？", "list"),
        ("長野県DX戦略推進パートナー連携協定って、どこの企業と結んでる？", "list"),
        ("愛知の豊田市にはどこの会社が行ったの？", "place"),
    ],
)
def test_which_companies_asks_for_the_list_unless_asked_of_where_one_went(question, slot):
    """「企業ってどこ？」 asks the companies a scheme lists (a place question had led with none of them);
    「豊田市にはどこの会社が…」 asks the one in that city's row."""
    assert read(question).slot == slot


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("協定を結んでる企業ってどこ？", "企業"),
        ("どこの企業と結んでる？", "企業"),
        ("どんな支援がある？", "支援"),
        ("どんな流れ？", None),
    ],
)
def test_a_list_question_names_the_kind_of_thing_it_lists(question, kind):
    assert listed_kind(read(question)) == kind


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        # 何+counter+か is "some", not "how many": the question asks yes or no
        ("県がまとめて何市町村かで人材をシェアするやり方って認められてる？", "yesno"),
        ("何人かで兼務するのもアリ？", "yesno"),
        # a question word with でも is "any": 「どこの市町村でも」 asks no place
        ("地域力創造アドバイザーってどこの市町村でも呼べるの？", "yesno"),
        ("誰でも受けられる研修ってある？", "yesno"),
        # the question is the sentence that ends in 「？」, not a statement before it
        ("RPAの入れ方がどうしたらいいかさっぱり。総務省ってどんな人を派遣してくれるの？", "actor"),
        # X は/って Y？ with the copula left out asks yes or no
        ("アドバイザーの旅費って自治体持ち？", "yesno"),
        ("アクセラレータの財政措置って、民間企業への補助金の仕組み？", "yesno"),
        # a noun of a list (要件) or of steps (やり方) does not turn a yes/no into a list
        ("アクセラレータの要件の実務経験って、ユーザー側の経験でもカウントされる？", "yesno"),
        ("原課の仕事をDX担当に兼務させるやり方ってあり？", "yesno"),
        # which office, and how many prefectures
        ("この制度、総務省のどこの部局が担当？", "actor"),
        ("CIOってどの役職の人がなるのがいい？", "actor"),
        ("テーマ1つにつき年間の上限回数は？", "count"),  # the most times, not money
        ("総務省が示してる「重点テーマ」を全部挙げて", "list"),
        ("特定任期付職員の根拠条文って何法の何条？", "article"),  # which provision, of which law
        ("R6だと何都道府県で体制ができてた？", "count"),
        # still questions with a question word
        ("研修って何日かかる？", "number"),
        ("理由ってなんだった？", "other"),
        ("何から始めればいい？", "steps"),
    ],
)
def test_the_slot_is_read_from_what_the_question_asks(question, slot):
    assert read(question).slot == slot


def test_a_row_of_values_by_year_gives_the_asked_years_value():
    row = "R5 38団体→ R6 43団体→ R7 47団体"
    assert value_near_topic(read("R6時点だと何都道府県？"), row) == "43団体"
    assert value_near_topic(read("R5は何団体だった？"), row) == "38団体"
    assert value_near_topic(read("何団体？"), row) == "47団体"  # no year asked: the value it became


def test_a_case_book_is_a_document_and_an_office_asks_who():
    assert read("参考事例集の人材確保の章って、どういう分類？").slot == "list"  # not a place for 事例
    assert read("その取組の担当部署ってどこ？").slot == "actor"


def test_a_follow_up_carries_the_thing_asked_about_before_bodies_in_general():
    previous = read("DXアドバイザーって、よその自治体の活用事例集みたいなのある？")
    follow = read_in_context("それってどんな内容が載ってるの？", previous)
    assert follow.interpreted.startswith("DXアドバイザーの")
    assert "事例集" in follow.interpreted.split("について")[0]


def test_a_count_in_the_questions_own_noun_before_ikutsu():
    """「人材像いくつ」 counts 人材像 (a noun that begins with 人 is no 人 count), and 「13 の人材像ごとに」
    states it: ごと after the noun is no rate per one."""
    reading = read("UISSって、人材像いくつに分けてるんだっけ")
    assert reading.unit == "人材像"
    assert value_near_topic(reading, "プログラムマネージャなど 13 の人材像ごとに、ミッション") == "13 の人材像"
    assert value_near_topic(read("1回あたり何人？"), "1回につき3人") == "3人"


@pytest.mark.parametrize(
    ("question", "compared"),
    [
        ("DX推進専任部署って、都道府県と市区町村で設置率どれくらい開きがある？", ("都道府県", "市区町村")),
        ("2020年3月の時点だと政令市って都道府県より遅れてた？", ("政令市", "都道府県")),
        ("全体方針、『策定済み』と『策定予定まで含めた数』だとどれくらい違う？", ("策定済み", "策定予定まで含めた数")),
    ],
)
def test_more_ways_of_comparing_two_things(question, compared):
    assert read(question).compared == compared


def test_a_follow_up_naming_another_place_leaves_the_previous_place_and_asks_the_same():
    previous = read("愛媛県って県と何市町で人材シェアしてる？")
    follow = read_in_context("広島はどうなってる？", previous, joined=True)
    assert "愛媛" not in follow.interpreted and "愛媛県" in follow.avoid
    assert follow.slot == previous.slot == "count"


def test_a_count_scoped_by_year_carries_no_year_into_a_follow_up():
    previous = read("DXアドバイザーって年何回まで来てもらえる？")
    follow = read_in_context("それっていつから？", previous)
    assert follow.interpreted.startswith("DXアドバイザーについて")


@pytest.mark.parametrize(
    ("text", "slot", "values"),
    [
        ("地方六団体と総務大臣との意見交換会(10/13開催)", "when", ["10/13"]),
        ("・H31. 1「介護ワンストップ」について、ガイドラインを公開。", "when", ["H31. 1"]),
        ("■自治体DX推進手順書(2021.7策定)", "when", ["2021.7"]),
        ("第8回個人情報保護制度の見直しに関する検討会 R2.10.8", "when", ["R2.10.8"]),
        ("アクセラレータ数65名(25団体)(※任命状況(2/5時点 速報値))", "when", []),  # when a count was taken
        ("検討を行い、年内を目途に結論を得る。", "deadline", ["年内"]),
        ("過去2年内に属していた企業", "deadline", []),
        ("【派遣期間】年度内に延べ10日以上又は5回以上", "deadline", []),  # how long, not until when
        ("派遣期間 半年以上2年以下(原則)", "period", ["半年以上2年以下"]),
        ("任期は5年以内", "period", ["5年以内"]),
        ("民間企業への派遣(1週間程度)", "period", ["1週間"]),
        ("DX推進計画では、令和4年度末を目指して、原則、全自治体で", "deadline", ["令和4年度末"]),
        ("令和7年度中を目処に数値目標を設定", "deadline", ["令和7年度中"]),
        ("※令和7年度末時点", "deadline", []),  # the date a figure is taken, not a target
    ],
)
def test_dates_as_slides_write_them_short_are_dates(text, slot, values):
    assert values_in(slot, text) == values


def test_a_follow_up_naming_no_unit_counts_in_the_previous_turns():
    """「リーダーシップ研修のほうは？」 after 「委託管理って何時限？」 asks 時限 too, and the table row
    「課目名:リーダーシップ研修2」 (no space before its last cell) holds it."""
    before = read("自治大のDX推進リーダー育成特別研修のカリキュラムで、委託管理って何時限ありました？")
    reading = read_in_context("リーダーシップ研修のほうは？", before, joined=True)
    assert reading.unit == "時限"
    assert reading.values("課目名:リーダーシップ研修2") == ["2"]
    assert reading.values("課目名:業務改革(BPR) 3") == ["3"]


@pytest.mark.parametrize(
    "question", ["総務省に問い合わせたいんだけど、担当どこ？", "問い合わせ先はどこ？", "連絡先ってどこ？"]
)
def test_where_to_ask_asks_who(question):
    """The office to ask is who, not a place (a municipality's name had answered it)."""
    assert read(question).slot == "actor"


def test_a_count_in_ten_thousands_is_a_count_and_a_population_answers_only_a_population():
    assert values_in("count", "現在の申請(約7万件/日)が倍増", "件") == ["7万件"]
    population = "【参考情報】愛媛県人口:132.7万人(令和5年1月1日現在)"
    assert read("愛媛県のDX推進専門官って今何人いるの？").values(population) == []
    assert read("愛媛県は何市町とデジタル人材をシェアしてる？").values(population) == []
    assert read("愛媛県の人口規模ってどれくらい？").values(population) == ["132.7万人"]


def test_what_the_asker_is_in_the_middle_of_is_set_aside():
    reading = read("研修のネタ探し中。地域社会のデジタル化の事例集って、今何事例くらい載ってるの？")
    assert reading.asker == ("研修のネタ探し中。",) and "ねた探し" not in reading.terms


def test_which_prefecture_asked_in_a_question_of_its_own_must_be_named():
    reading = read("R8年度の推進体制強化支援事業で伴走支援を受ける県って、もう決まってる？どこ？")
    assert reading.asks_municipality
    assert not read("県が出してる資料って、どこで見られる？").asks_municipality


def test_a_target_does_not_answer_what_was_done():
    """「今後…を計100人育成し、…を目指す」 is a target: it answers 「何人育てる予定？」, not
    「これまでに何人育成できた？」."""
    line = "今後「デジタル行政推進リーダー」を計100人育成し、約100ある全課への配置を目指す。"
    assert read("金沢市のデジタル行政推進リーダーって、これまでに累計で何人育成できたの？").answering_values(line) == []
    assert read("金沢市のデジタル行政推進リーダーは何人育成する予定？").answering_values(line) == ["100人"]


@pytest.mark.parametrize(
    ("question", "breakdown"),
    [
        ("1人情シスの189団体って、県ごとの内訳わかる？うちの県に何団体あるか知りたい", True),
        ("アクセラレータ65名って、常勤と非常勤それぞれ何人ずつなの？", True),
        ("事例集の178事例、分野別の件数ってわかりますか？", True),
        ("愛媛と広島の人材共同の取組、参加してる市町の数はそれぞれいくつ？", False),  # two sides compared
        ("1人情シスの団体って何団体？", False),
        ("長崎県の伴走支援、総務省から長崎県分としていくら出てるの？", True),  # one member's share
        ("市町村分の措置率っていくつ？", False),
    ],
)
def test_a_figure_asked_broken_down(question, breakdown):
    """A breakdown is not answered by the total: one quote must hold several values."""
    assert read(question).asks_breakdown is breakdown


@pytest.mark.parametrize(
    ("question", "kept", "set_aside"),
    [
        # with を left out, 「特交使いたい」 wants the 特交: only the verb describes the asker
        (
            "うちの村（人口3千人）でもDX推進リーダー育成の特交使いたいんですが、まず何しないといけませんか？",
            "特交",
            "使いたいんですが、",
        ),
        (
            "人口8千人の村で、DXまだ何も手を付けてないんだけど、手順書的にはどこから始めればいい？",
            "DX",
            "人口8千人の村で、",
        ),
        ("デジタル3原則ってなんだっけ、研修で聞かれそうで", "デジタル3原則", "聞かれそうで"),
        ("BPRってなに？研修資料用にちゃんとした定義がほしいです", "BPR", "研修資料用に"),
        (
            "CIO補佐官、分野別に4人くらい外部から入れたいんだけど、特交って何人分まで見てくれる？",
            "分野別",
            "入れたいんだけど、",
        ),
    ],
)
def test_the_askers_situation_is_set_aside_and_the_topic_kept(question, kept, set_aside):
    reading = read(question)
    assert kept in reading.core and set_aside in reading.asker


def test_what_is_it_again_asks_a_definition():
    assert read("デジタル3原則ってなんだっけ、研修で聞かれそうで").slot == "definition"
    assert read("BPRってなんで必要？").slot != "definition"


def test_a_qualified_figure_is_answered_only_by_a_text_stating_the_qualifier():
    """平均, 1人あたり and 累計 qualify the asked figure: 「5人以下の団体が約3分の2」 is no average and
    「毎年20名」 no total; the documents state the ones they give (「1団体平均: 6人」「一人当たり840万円」)."""
    average = read("市区町村の情報主管課って、平均すると職員何人くらい？")
    assert average.answering_values("情報主管課職員が5人以下の団体が約3分の2を占める") == []
    assert average.answering_values("1団体平均: 6人") == ["6人"]
    total = read("これまでに累計で何人育成できたの？")
    assert total.answering_values("受講者:毎年20名") == [] and total.answering_values("延べ119人が応募") == ["119人"]
    each = read("常勤アクセラレータの普通交付税、1人あたりいくら？")
    assert each.answering_values("普通交付税措置 一人当たり840万円程度") == ["840万円"]
    assert each.answering_values("事業規模 約6.5億円") == []


def test_hearsay_ending_in_tte_asks_no_definition():
    """「…どのくらいあるって？」 asks what the documents say; 「DX推進リーダーって？」 asks what it is."""
    assert read("実際に外から人を入れてる自治体ってどのくらいあるって？").slot == "number"
    assert read("DX推進リーダーって？").slot == "definition"


def test_a_rate_noun_before_how_much_asks_a_rate():
    assert read("図書館の本の予約ってオンライン利用率どのくらいだった？").slot == "rate"
    assert read("転職求人倍率どのくらい？").slot != "rate"


def test_a_kind_of_city_names_no_place():
    assert places_in("政令市なんだけど、内閣府の派遣って受けられる？") == ()
    assert places_in("中核市でも使える？") == ()
    assert places_in("鹿屋市の事例は？") == ("鹿屋市",)


@pytest.mark.parametrize(
    ("question", "act"),
    [
        ("長野県の共創推進パートナー、R4は何人に委嘱してたの？", "委嘱"),
        ("つくば市の研修って、今までに何人くらい受講したの？", "受講"),
        ("全体方針って何団体が策定済み？", "策定"),
        ("情報主管課って職員何人？", None),
        ("何人の職員が参加した？", None),
    ],
)
def test_the_act_a_count_counts_is_read_after_its_question_word(question, act):
    assert asked_predicate(read(question)) == act


def test_a_follow_up_naming_another_level_of_government_replaces_the_previous_one():
    """「国のほうは？」 after what 都道府県 are expected to do asks the same of 国, not of both."""
    before = read("長野県の資料で、CIO補佐官等の確保について都道府県に期待されてることって何？")
    reading = read_in_context("国のほうは？", before, joined=True)
    assert "CIO補佐官" in reading.searched and "都道府県" not in reading.searched


def test_a_course_start_answers_since_when_and_nothing_else():
    """「※平成18年度~」 says since when a course runs; its days answer when it is held."""
    row = "全国地域情報化推進協会(APPLIC)自治体CIO育成研修※平成18年度~IT投資評価・ガバナンス局 (令和3年度:8月23日~27日)"
    assert value_near_topic(read("APPLICの自治体CIO育成研修って、いつからやってる？"), row) == "平成18年度~"
    assert "平成18年度" not in value_near_topic(read("APPLICの自治体CIO育成研修って、いつやってる？"), row)
    days = "Society5.0時代への対応~スマートシティの実現に向けて~ ※令和2年度~ 5月30日~6月1日(3日間)"
    assert value_near_topic(read("JIAMのスマートシティの研修って日程どうなってる？"), days) == "5月30日~6月1日"


def test_the_askers_own_size_opening_the_question_is_set_aside():
    core, asker = strip_asker("うち人口7千人の町で、今度RPA入れるんだけど、業務フローのまま自動化しちゃえばいいよね？")
    assert core.startswith("今度RPA入れる") and asker == ("うち人口7千人の町で、",)


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("新人向けの用語集を作ってて、『標準準拠システム』ってどう説明すればいい？", "definition"),
        ("手順書に出てくる『サービスデザイン思考』って、ひとことで言うとどういう考え方？", "definition"),
        ("観光向けのAIチャットボット、何か国語に対応してるの？", "count"),  # か of 何か国 is a counter
        ("何かの補助ある？", "yesno"),  # 何か is "some"
    ],
)
def test_explaining_a_term_asks_what_it_is_and_a_counter_ka_asks_how_many(question, slot):
    assert read(question).slot == slot


def test_a_question_naming_only_what_kind_of_answer_it_wants_names_no_topic():
    """「費用はどれくらい？」 after 神戸市's case asks the case's cost: 費用 says an amount is wanted (the
    answer had been the アクセラレータ人件費 cap of another programme)."""
    assert is_follow_up(read("費用はどれくらい？"))
    assert is_follow_up(read("定員は？"))
    # nor do verbs and words of the answer's form (a summing-up of what was just asked about)
    assert is_follow_up(read("何枚くらい撒くって？"))
    assert is_follow_up(read("まとめとしては何て言ってる？"))
    assert not is_follow_up(read("神戸市の0申告の費用はどれくらい？"))


def test_a_clause_on_what_the_asker_is_making_is_context_but_one_that_asks_or_names_the_topic_is_not():
    reading = read("新人向けの用語集を作ってて、『標準準拠システム』ってどう説明すればいい？")
    assert {"用語", "新人"} <= reading.optional
    assert {"標準", "準拠", "システム"}.isdisjoint(reading.optional)
    assert "補佐" not in read("うちCIO補佐官を4人入れようか迷ってて、全員分特交で措置されるの？").optional
    # a clause with a question word asks (「どこの市に行ってて」), 「何も」「なんだけど」 do not
    assert "市" not in read("長野県だとどこの市に行ってて、相手の企業はどこ？").optional
    assert "手" in read("DXまだ何も手を付けてないんだけど、手順書的にはどこから始めればいい？").optional
    # the asker's intention names nothing (つもり, which no document writes, had weighed the most)
    assert "積り" not in read("運用ルールも作るつもり。その作成費用も特交に入ってた？").terms


_GUIDELINE = "「オンライン利用促進指針」(平成30年5月31日策定、令和2年3月4日最終改正)において"
_EXAM = "・毎年4月・10月に試験実施・資格取得後1年に1回のオンライン講習 制度が2016年10月に創設され"


@pytest.mark.parametrize(
    ("question", "text", "date"),
    [
        ("オンライン利用促進指針って最後に改正されたのいつ？", _GUIDELINE, "令和2年3月4日"),
        ("オンライン利用促進指針っていつ策定された？", _GUIDELINE, "平成30年5月31日"),
        ("登録セキスペの試験って毎年何月にある？", _EXAM, "毎年4月・10月"),
        ("登録セキスペの制度っていつ創設された？", _EXAM, "2016年10月"),
    ],
)
def test_a_date_is_chosen_by_what_happened_then_the_words_after_it(question, text, date):
    assert value_near_topic(read(question), text) == date


def test_the_act_counted_may_stand_in_a_clause_before_the_question_word():
    assert asked_predicate(read("DXアドバイザーって、登録されてる専門家は全部で何人くらいいるの？")) == "登録"


def test_the_counter_a_count_is_asked_in_is_no_topic_term_to_find():
    """「何枚くらい？」: 枚 is found wherever the number is (「約3,300万枚」 reads 万枚), so it never makes the
    documents silent (the answer had said 「お尋ねの「何枚」に当たる記載は…見つかりませんでした」)."""
    assert counter_words(read("何枚くらい撒くって？")) == {"枚"}
    assert counter_words(read("どういう人が任命されるの？")) == set()  # 人 of an actor question is no counter


def test_a_cap_on_a_count_is_a_count_and_no_cap_answers_it():
    """「人数の上限ってある？」 asks a count's cap, which 「原則、定員設定なし」 states (the answer had read
    an amount and said no amount was stated)."""
    reading = read("J-LISの動画研修、人数の上限ってある？")
    assert reading.slot == "count"
    assert reading.answering_values("(動画研修)…市区町村職員 原則、定員設定なし") == ["原則、定員設定なし"]
    assert read("DX推進リーダー育成経費の特交って上限いくら？").slot == "amount"


def test_a_clause_naming_its_topic_with_mo_is_no_purpose_clause():
    """「AI-OCRも一緒に入れたいんだけど」 asks about AI-OCR: only the wish is the asker's (the clause had
    gone whole, and the answer read 「その費用ってRPAの特交で出る？」 alone)."""
    assert "AI-OCR" in read("AI-OCRも一緒に入れたいんだけど、その費用ってRPAの特交で出る？").core
    assert read("研修資料に入れたいんだけど、CIOって何？").core == "CIOって何?"


@pytest.mark.parametrize(
    "question",
    [
        "普通交付税とは別に特交も使えたりする？",  # 「とは別に」 defines nothing
        "外部の人ならDXのことは何でもやってくれるって考えていい？",  # nor 「ことは」
        "兼業しながらでも大丈夫なもの？",
    ],
)
def test_more_ways_staff_ask_yes_or_no(question):
    """「とは」 inside 「とは別に」 or 「…のことは」 asks no definition (the answer had quoted the first
    line found instead of the line that settles it); 「…たりする？」「大丈夫なもの？」 ask yes or no."""
    assert read(question).slot == "yesno"


def test_a_follow_up_names_the_previous_topic_as_the_asker_wrote_it_in_place_of_its_pointer():
    """「それが倍になったら…」 reads 「…の申請が倍になったら…」; 「そのころ」 points back as a whole (it had
    left 「ころ申請」 as a topic); a place is shown as typed (長崎, never its reading ナガサキ)."""
    previous = read("マイナンバーカードの申請って1日何件くらい来てる？")
    doubled = read_in_context("それが倍になったら市町村は何をするの？", previous)
    assert doubled.interpreted == "マイナンバーカードの申請が倍になったら市町村は何をするの?"
    assert "ころ" not in read_in_context("そのころ交付は何枚だった？", previous).interpreted
    elsewhere = read_in_context("ほかの県でもやるの？", read("長崎でやった横展開イベントっていつ？"))
    assert "ナガサキ" not in elsewhere.interpreted and "長崎" in elsewhere.interpreted


def test_a_noun_counted_with_a_particle_before_ikutsu_counts_in_itself_or_any_counter():
    """「人材像をいくつに」 is answered by 「13の人材像」 (the answer had said no count was stated);
    「都道府県はいくつ？」 by 29団体; 人 of 人材像 is no count of people."""
    assert read("UISSって人材像をいくつに分けてる？").values("ストラテジストなど13の人材像ごとに整理") == ["13の人材像"]
    assert read("策定済みの都道府県はいくつ？").values("都道府県では29団体(61.7%)") == ["29団体"]
    assert read("キャリアレベルはいくつ？").values("13の人材像ごとに") == []


def test_the_count_the_asked_act_follows_is_the_one_stated():
    """「何人に委嘱してる？」: 「総勢207名に委嘱」, not the 5名 added earlier in the line; 「応募あった」 is an act
    counted too."""
    line = "令和2年度は、5Gに知見のある有識者5名を追加し、有識者総勢207名に委嘱。"
    assert value_near_topic(read("R2年度は何人に委嘱してる？"), line) == "総勢207名"
    assert asked_predicate(read("何人くらい応募あった？")) == "応募"


def test_the_act_a_deadline_is_asked_of_is_read():
    """「いつまでに実績を報告すれば？」 asks when a report is due, which 「R11年度まで」 closing the measure does
    not state (it had been answered with that); 「いつまで使える？」 names no act."""
    assert asked_predicate(read("CIO補佐官の特交って、毎年いつまでに実績を報告すればいいの？")) == "報告"
    assert asked_predicate(read("CIO補佐官の特交はいつまで使える？")) is None


def test_a_follow_up_asking_a_capacity_counts_people_not_the_previous_turns_unit():
    """「ライブ研修の定員は？」 after 「動画研修ってセミナーいくつ？」 asks people (「定員40名」), not セミナー:
    the answer had repeated the previous turn's 「数: 29セミナー」."""
    follow = read_in_context("ライブ研修の定員は？", read("J-LISの動画研修ってセミナーいくつあるの？"))
    assert follow.unit == "人|名"
    assert follow.values("動画研修(29セミナー)、ライブ研修(定員40名)") == ["40名"]


def test_an_occasion_is_dated_by_the_day_named_with_what_the_question_names():
    """A course row gives its years (令和4年度~令和6年度) and each session's day and venue: 「京都の会場の
    回っていつ？」 is the day written before 京都 (a place's token is its reading, キョウト; the question's
    own spelling is what the row holds), not the first day nor the years."""
    row = (
        "地方自治研究機構(RILG)自治体DX基礎セミナー※令和4年度~令和6年度(予定) "
        "7月21日(木)全国都市会館7月29日(金)京都テルサ8月10日(水)福岡県中小企業振興センター"
    )
    assert value_near_topic(read("RILGの自治体DXのセミナー、京都の会場でやる回っていつ？"), row) == "7月29日(金)"
    assert value_near_topic(read("RILGの自治体DXのセミナーって何年度から？"), row).startswith("令和4年度")


def test_a_counted_set_whose_members_are_asked_by_name():
    """「23市町って具体的にどこ？」 asks 23 names (one place or the count answers nothing); 「それぞれ何事例？」
    asks a value of each, and 「4つの機能、どれが進んでた？」 one of them."""
    assert read("DXShipに入ってる23市町って具体的にどこの市と町？").asked_members == 23
    assert read("マイナポータルでできるようにする31手続、全部の名前を一覧で知りたい").asked_members == 31
    assert read("事例集2つって、それぞれ何事例載ってる？").asked_members == 0
    assert read("推進体制の4つの機能、いちばん進んでたのってどれ？").asked_members == 0
    assert read("CIO補佐官の募集経費の上限は？").asked_members == 0


@pytest.mark.parametrize(
    "question",
    ["じゃあ話変わって、KPIってなに？", "それとは別件で、SNS広告の飛び先に何が載る？", "話それるけど、工程表は？"],
)
def test_an_opening_word_and_a_drifting_topic_still_say_a_new_topic_begins(question):
    """「じゃあ話変わって」「それとは別件で」「話それるけど」 open a new topic: the previous one is not glued to it."""
    assert starts_new_topic(question)
    assert not starts_new_topic("じゃあそれはいつまで？")


def test_the_document_a_question_points_into_and_how_exactly_it_asks_are_not_its_topic():
    """「国の資料に出てくる」 names where to look (the ministry's documents) and 「厳密には」 how exactly to
    answer: neither is a word the answering line must hold, and the question still asks a definition."""
    reading = read("国の資料に出てくる「1人情シス」状態って、厳密にはどういう状態のこと？")
    assert reading.slot == "definition" and reading.documents == ("国の資料に出てくる",)
    assert not {"国", "資料", "厳密", "出る"} & set(reading.terms)
    assert read("長野県の資料にある人材像の表、エンジニアって何をやる人？").documents == ("長野県の資料にある",)
    # before the predicate the verb is the question's own: 「手順書に書いてある？」 still asks yes or no
    assert read("「BPR」って手順書に書いてある？").slot == "yesno"


def test_counted_places_asked_by_name_are_answered_by_places():
    """「7つの市町って、どこどこ？」 asks seven places: bullets about the programme name none of them."""
    reading = read("DXShipひろしまで最初に人材を配属した7つの市町って、どこどこ？")
    assert reading.asked_members == 7 and reading.asks_member_places
    assert not read("マイナポータルでできるようにする31手続、全部の名前を一覧で知りたい").asks_member_places


def test_the_side_a_count_is_asked_of_is_the_label_before_it_not_the_counted_unit():
    """「都道府県では43団体、市区町村では529団体」: 「市区町村で何団体？」 is 529団体; 団体, the unit every
    count of the line ends in, names no side (it had tipped the choice to the first figure)."""
    line = (
        "令和3年度に全体方針を策定済み又は策定予定の団体数は、都道府県では43団体(91.5%)、"
        "市区町村では529団体(30.4%)となっている"
    )
    question = read("全体方針、R3年度中に作る予定のとこまで含めると市区町村で何団体くらい？")
    assert value_near_topic(question, line) == "529団体(30.4%)"


def test_a_figure_per_person_is_money_like_the_figure_it_became():
    """「2,000万円/人」 was money before it became 「2,100万円」: the older value of the same figure."""
    assert same_unit("2,000万円/人", "2,100万円")
    assert not same_unit("2,000万円/人", "20市町")


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("2024年の資料の額からいくらになったの？", True),
        ("2024年の資料の頃とR8以降で、年に呼べる回数ってどう変わった？", True),
        ("2024年の資料だと人件費の上限いくら？", False),
    ],
)
def test_a_question_asking_what_a_figure_became_is_read(question, asks):
    assert read(question).asks_change is asks


def test_the_dates_a_change_is_asked_between_count_only_where_found():
    """「R5とR6で…どう変わった？」「2024年の説明のときと最新版とで」: the dates name the sides, which the
    documents date in their own words (令和6年度実績): a passage without them is not short of the topic."""
    assert {"r", "5", "6"} <= read("研修会にDXアドバイザーを呼ぶ類型、R5とR6で使った団体数ってどう変わった？").optional
    assert {"2024", "最新", "版"} <= read("DXアドバイザーの条件、2024年の説明のときと最新版とでどう変わった？").optional
    assert "5" not in read("R5の実績は？").optional


def test_how_a_count_went_is_answered_by_its_run_of_values():
    """「年度ごとにどう増えた？」 asks a figure, and its answer is the run 「R5 38団体→ R6 43団体→ R7 47団体」
    as the line writes it (the last value alone had been the answer, or a list of the slide's items)."""
    question = read("ヒアリングで市町村の課題を把握できてる県って、年度ごとにどう増えた？")
    assert question.wants_value
    line = "②ヒアリング等を通じ市町村の現状・課題を把握 R5 38団体→ R6 43団体→ R7 47団体"
    assert value_near_topic(question, line) == "R5 38団体→ R6 43団体→ R7 47団体"
    changed = "・申請1件あたりの派遣回数を年間原則5回から年間原則10回に拡充"
    assert value_near_topic(read("DXアドバイザーの回数ってどう変わった？"), changed) == "年間原則5回から年間原則10回"
    assert value_near_topic(read("DXアドバイザーの派遣回数って今は何回？"), changed) == "年間原則10回"


def test_the_other_side_added_after_the_question_is_compared():
    question = read("DXの全体方針をもう作ってる市区町村ってどれくらい？都道府県と比べて")
    assert question.compared == ("市区町村", "都道府県")


def test_a_daily_figure_is_stated_per_day():
    """「申請って1日何件くらい？」 is answered by 「約7万件/日」, not by a total of 約80,000件."""
    reading = read("申請って1日何件くらい来てた？")
    assert reading.answering_values("現在の申請(約7万件/日)が倍増することを前提") == ["7万件"]
    assert reading.answering_values("国民健康保険等における手続き(約80,000件)") == []


def test_among_is_no_asker():
    """「未導入のうち検討中は？」: after の, うち is "among", part of what is asked."""
    assert "内" in read("政令市で導入してないところのうち、検討中は？").terms


@pytest.mark.parametrize(
    "variant",
    [
        "DXアドバイザーの活用事例集ってどこで見られる？研修資料にリンク貼りたいについて教えていただけますか？",
        "DXアドバイザーの活用事例集ってどこで見られる？研修資料にリンク貼りたいってこと？ざっくりでいいので",
        "DXアドバイザーの活用事例集ってどこで見られる？研修資料にリンク貼りたい？新人向けの説明に使いたいです。",
        "DXアドバイザーの活用事例集ってどこで見られる？研修資料にリンク貼りたいい",
    ],
)
def test_a_purpose_after_the_question_goes_however_the_question_is_dressed(variant):
    """What one rule leaves may end as another reads: the purpose goes once the politeness, a second
    purpose or a doubled い after it has gone."""
    plain = read("DXアドバイザーの活用事例集ってどこで見られる？研修資料にリンク貼りたい")
    assert read(variant).terms == plain.terms and read(variant).slot == plain.slot


@pytest.mark.parametrize(
    ("question", "compared"),
    [
        # a particle closing the second side says how it is compared (「市区町村で比べる」), no part of it
        ("テレワーク導入率を都道府県と市区町村で比べるとどれくらい違う？", ("都道府県", "市区町村")),
        ("CIO補佐官と特定任期付職員だと比べてどう？", ("CIO補佐官", "特定任期付職員")),
    ],
)
def test_a_side_keeps_its_name_when_a_particle_follows_it(question, compared):
    assert read(question).compared == compared


def test_what_a_value_is_counted_per_is_read_after_a_slash_or_before_it():
    assert per_what("人件費相当額については2,000万円/人、募集経費", "2,000万円") == "人"
    assert per_what("上限額を1団体あたり300万円に引き上げ", "300万円") == "団体"
    assert per_what("募集経費については100万円/団体を上限とする", "100万円") == "団体"
    assert per_what("年560万円", "560万円") == ""


def test_a_bare_how_much_follow_up_asks_the_previous_kind_of_value():
    previous = read("CIO補佐官の特交の措置率っていくつ？")
    follow = read_in_context("前はいくつだったの？", previous)
    assert follow.slot == "rate"
    # a follow-up naming its own kind of value keeps it
    assert read_in_context("何人分まで出る？", previous).slot == "count"


def test_a_value_after_another_class_of_bodies_does_not_answer_for_the_asked_one():
    line = "策定済み又は策定予定の団体数は、都道府県では43団体(91.5%)、市区町村では529団体(30.4%)となっている"
    assert value_near_topic(read("全体方針を策定済みの市区町村ってどのくらい？"), line).startswith("529団体")
    assert value_near_topic(read("全体方針を策定済みの都道府県って何団体？"), line).startswith("43団体")


def test_two_asked_years_get_each_year_value_as_the_line_dates_it():
    line = "・H30年度に25業務で2,000時間が、R4年度に100業務で約18,603時間※の作業時間削減。"
    assert value_near_topic(read("長岡市のRPA、H30とR4で削減時間どれくらい変わった？"), line) == (
        "H30年度 2,000時間、R4年度 約18,603時間"
    )


def test_a_longest_time_is_stated_as_one():
    reading = read("マイナンバーカードって申請から届くまで最長何日？")
    assert reading.states_qualifier("申請から市区町村へのカードの発送は、最長18日である")
    assert not reading.states_qualifier("8月29日~9月2日(5日間)市区町村情報政策担当職員")


def test_how_far_is_no_place_asked():
    assert read("金沢のリーダー、100人目標のうち今どこまで配置が進んでるか分かる？").slot != "place"
    assert read("この特交ってどこまで対象？").slot != "place"
    assert read("どこの県でやってる？").slot == "place"


def test_a_figure_asked_per_one_thing_is_stated_per_that_thing():
    reading = read("J-LISの動画研修って、1本あたり何分くらい？")
    assert reading.slot == "number"
    assert reading.states_qualifier("動画は1本あたり約10分") and reading.states_qualifier("約10分/本")
    assert not reading.states_qualifier("全10本、計約100分")


def test_a_number_asked_of_one_body_is_stated_of_one_body():
    """「1団体で何人まで指定できる？」 is not answered by a course's 「50名程度」 (a new user took it for the limit)."""
    reading = read("DX推進リーダーって1団体で何人まで指定できるの？")
    assert not reading.states_qualifier("DX推進リーダーの指定を受けた職員(市町村) 50名程度")
    assert reading.states_qualifier("1団体において複数の外部人材の任用等を行った場合、対象上限は3名分")
    # a year's figure is written 年間, a session's per 回: 「1年で何回呼べる？」 keeps 「年間原則10回以内」
    assert read("DXアドバイザーって1年で何回呼べる？").states_qualifier("年間原則10回以内")


@pytest.mark.parametrize(
    ("question", "documents"),
    [
        ("人件費の上限って2024の資料と最新のやつで違う？", ("2024の資料と", "最新のやつで")),
        ("人件費相当額のキャップって2024年8月版から最新版で何万円動いた？", ("2024年8月版から", "最新版で")),
        ("CIO補佐官の特交の措置率、手順書と最近の資料で数字違う？", ("手順書と", "最近の資料で")),
    ],
)
def test_versions_of_a_document_are_where_to_look_not_things_compared(question, documents):
    reading = read(question)
    assert reading.documents == documents
    assert reading.compared == ()


def test_the_next_year_is_the_year_after_the_one_asked_before():
    previous = read("推進体制の専門人材の確保、R5で揃えてた県は何団体？")
    follow = read_in_context("翌年度は？", previous, joined=True)
    assert 2024 in follow.years and 2023 not in follow.years
    assert "R5" not in follow.interpreted
    assert read_in_context("その前の年は？", previous, joined=True).years == frozenset({2022})


def test_a_bound_on_age_or_visits_is_no_amount():
    assert read("国の政府CIO補佐官の募集って、年齢の上限とかあったの？").slot != "amount"
    assert read("地域情報化アドバイザーの現地派遣の上限、どうなってる？").slot != "amount"
    assert read("CIO補佐官の募集経費の上限は？").slot == "amount"


def test_a_schedule_asked_with_a_noun_is_no_topic_word():
    reading = read("「ICTによる情報政策」って日程と定員どうなってた？")
    assert "日程" not in reading.terms and reading.slot == "when"


def test_a_question_typed_as_two_is_split_where_the_first_ends():
    assert two_questions("J-LISの地方支援アドバイザーって年に何回まで来てもらえる？お金かかる？") == (
        "J-LISの地方支援アドバイザーって年に何回まで来てもらえる?",
        "お金かかる?",
    )
    assert two_questions("自治大のICT人材育成特別研修って対象だれ？定員は？") is not None


@pytest.mark.parametrize(
    "question",
    [
        "自治体DXアクセラレータって誰が任命するの？県？",  # a guess at the first part's answer
        "CIO補佐官の特交っていつまで？R7で終わり？",
        "DXアドバイザーのプッシュ型の支援先、R5とR6で増えた？減った？",  # the same asked twice
        "課長に「デジタル人材ってそんなに採りにくいの？」って聞かれて。求人倍率の数字って手順書に載ってた？",
        "CIO補佐官の募集経費の上限は？",
    ],
)
def test_a_guess_or_a_reported_question_is_no_second_question(question):
    assert two_questions(question) is None


def test_what_was_done_is_not_answered_by_what_was_planned():
    text = "令和4年度から令和6年度までの3年間で、職員の10%にあたる450人のDX推進チャレンジャーを育成し、DXを進めていく。"
    assert is_planned(text, "450人")
    assert is_planned("【目標】内製化したシステム数 100件(マクロを含む)", "100件")
    assert not is_planned("延べ119人が応募し、5名の民間人材に委嘱(R5)", "5名")
    reading = read("研修で滋賀県の事例を紹介する予定です。DX推進チャレンジャーって実際には何人育成できたんでしょうか？")
    assert reading.asks_done and not reading.asks_target  # 「紹介する予定です。」 asks for no plan
    # the asker's own plan asks for none (「何人確保するの？」 would: an act in the plain non-past is planned)
    assert read("来年度の計画を立てたいので、アクセラレータって今何人いるの？").asks_target is False
    assert read("アクセラレータの確保目標って何人？").asks_target


def test_a_total_the_asker_names_is_not_the_part_asked():
    reading = read("外部デジタル人材を使ってる200団体くらいって、そのうち町村はいくつ？")
    assert "そのうち町村" in reading.core  # "of which", not the asker's own うちの町
    assert reading.answering_values("活用している団体は200団体程度に留まる") == []
    assert read("外部デジタル人材を使ってる団体っていくつ？").answering_values("活用している団体は200団体程度") == [
        "200団体"
    ]


@pytest.mark.parametrize(
    "question, text",
    [
        (
            "アクセラレータ常勤の普通交付税、R8は840万くらいって書いてあるけどR7はいくらだった？",
            "令和8年度は一人当たり840万円程度",
        ),
        ("アクセラレータって今65人いるらしいけど、常勤は何人？", "任命状況…65名(25都道府県)"),
    ],
)
def test_a_figure_the_asker_gives_before_asking_is_not_the_value_asked(question, text):
    assert read(question).answering_values(text) == []


@pytest.mark.parametrize(
    "question, text, value",
    [
        ("CIO補佐官の募集経費の上限は100万円？", "上限額100万円", "100万円"),  # checks the figure it gives
        ("じゃあ1回の派遣で何人来てくれるもの？", "1回につき原則1名", "1名"),  # 1 of a unit is no figure given
    ],
)
def test_a_figure_checked_or_counted_per_one_is_still_an_answer(question, text, value):
    assert value in read(question).answering_values(text)


def test_which_member_has_how_many_asks_a_breakdown():
    assert read("アクセラレータって、どこの県に何人いるか一覧ってある？").asks_breakdown
    assert not read("アクセラレータって全国に何人いる？").asks_breakdown


def test_a_rate_asked_with_ikutsu_is_a_rate():
    assert read("RPA入れたときの特交って率いくつだっけ？").slot == "rate"
    assert read("RPA入れたときの特交って何件？").slot == "count"


def test_a_latin_name_opening_the_question_is_its_topic_not_an_interjection():
    reading = read("RPA入れたときの特交って率いくつだっけ？")
    assert "rpa" in reading.terms and "rpa" not in reading.optional
    assert "ok" not in read("兼業ってOK？").terms  # 「OK？」 still only asks yes or no


def test_a_municipality_written_in_kana_is_a_place():
    assert read("つくば市のデータ利活用研修、何人受けた？").places == ("つくば市",)
    assert read("そこって人口どれくらいの町？").places == ()  # no いの町 inside 「くらいの町」


def test_what_was_done_is_asked_with_jissai_before_any_particle():
    assert read("滋賀のDX推進チャレンジャー、実際いま何人まで育ったかわかる？").asks_done


@pytest.mark.parametrize(
    "question, compared",
    [
        (
            "CIO補佐官を特定任期付職員で雇うのと特別職非常勤で雇うの、兼業できるのはどっち？",
            ("特定任期付職員", "特別職非常勤"),
        ),
        (
            "CIO補佐官を特定任期付で採るのと特別職非常勤で採るのとで、給料の決め方ってどう違う？",
            ("特定任期付", "特別職非常勤"),
        ),
        ("特定任期付と特別職非常勤、兼業できるのはどっち？", ("特定任期付", "特別職非常勤")),
        (
            "CIO補佐官を特定任期付で雇う場合と特別職非常勤で雇う場合、給与の決め方ってどう違う？",
            ("特定任期付", "特別職非常勤"),
        ),
    ],
)
def test_two_ways_compared_by_one_verb_or_asked_which(question, compared):
    assert read(question).compared == compared


def test_a_sentence_about_what_the_asker_is_making_is_context():
    reading = read("FAQ作成中です。都道府県がやる研修の経費ってDX推進リーダー育成の特交の対象になりますか？")
    assert {"faq", "作成"} <= reading.optional  # counted only where a passage has them, never against it


def test_how_long_a_course_runs_is_asked_in_hours():
    reading = read("その研修ってどのくらいの時間やってるの？")
    assert reading.stated_values("概ね30代の職員20名が対象、約100~150時間") == ["約100~150時間"]  # not 20名


def test_the_kinds_asked_for_are_the_answer_s_form_not_its_topic():
    assert "種類" in read("アドバイザー派遣の種類って何があるんだっけ").optional


def test_a_noun_made_a_verb_by_suru_names_no_topic_of_a_follow_up_s_own():
    first = read("経営・財務マネジメント強化事業ってそもそもどれくらいの規模の事業？")
    assert read_in_context("何団体くらい想定してるの？", first).follows


def test_what_is_not_done_is_asked_but_names_no_topic():
    """「整備してない市区町村」 asks of 未整備; the negation, like a verb, names nothing a follow-up could own."""
    reading = read("電子申請システムをまだ整備してない市区町村ってどのくらい？")
    assert "未" in reading.terms and "未" in reading.verbal
    assert "未" not in read("電子申請システムを整備してる市区町村ってどのくらい？").terms


def test_an_act_in_the_plain_non_past_asks_the_plan():
    assert read("金沢市のデジタル行政推進リーダーって何人育成するの？").asks_target
    assert not read("金沢市のデジタル行政推進リーダーって何人育成した？").asks_target
    assert not read("デジタル行政推進リーダーって何人いるの？").asks_target


def test_a_yes_no_naming_a_number_of_people_asks_their_bound():
    assert read("CIO補佐官を4人入れたら4人とも特交の対象？").names_headcount
    assert read("専門家を2人まとめて呼べる？").names_headcount
    assert not read("CIO補佐官の特交って任用経費も対象？").names_headcount
    assert not read("CIO補佐官って何人まで？").names_headcount  # asks the count itself


@pytest.mark.parametrize(
    ("question", "item"),
    [
        ("県に負担金払ったら、その負担金も特交対象になる？", "負担金"),
        ("県が作るポータルサイトの設置費用も特交の対象に含まれてたっけ？", "設置費用"),
        ("CIO補佐官の募集経費って上限いくら？", None),
    ],
)
def test_the_thing_a_yes_no_asks_about_is_what_it_marks_with_mo(question, item):
    assert item_asked_of(read(question).core) == item


def test_the_askers_own_town_as_subject_leaves_no_particle_behind():
    assert "、が" not in read("うちの町が県に負担金払ったら、その負担金も特交対象になる？").core


def test_a_question_naming_only_a_document_leans_on_the_turn_before():
    """「2024年の資料だといくらになってた？」 names where to look and nothing to look for: it follows up
    on the previous turn's topic, with the document it names, whose year is no year asked."""
    alone = read("2024年の資料だといくらになってた？")
    assert alone.documents == ("2024年の資料だと",)
    assert "資料" not in alone.terms and not alone.years
    previous = read("県が市町村支援のデジタル人材を確保する特交、人件費の上限っていくら？")
    follow = read_in_context("2024年の資料だといくらになってた？", previous)
    assert follow.follows and "人件" in follow.terms and follow.documents == ("2024年の資料だと",)


def test_a_follow_up_asks_of_the_numbered_part_the_turn_before_named():
    """「定員は？」 after 「…第3期っていつやるんですか？」 asks 第3期's 定員, not 第1期's; a follow-up naming
    another thing of its own (「市町村アカデミーでやるほうの…」) asks of that, not of 第3期."""
    before = read("自治大のDX推進リーダー育成特別研修、第3期っていつやるんですか？")
    assert read_in_context("定員は？", before).ordinals == {"第3期"}
    assert read_in_context("定員何人くらい？", before, joined=True).ordinals == {"第3期"}
    assert not read_in_context("市町村アカデミーでやるほうの日程と定員は？", before, joined=True).ordinals


def test_a_follow_up_is_shown_with_the_topic_in_the_order_it_was_written():
    """「自治体の費用負担はあるの？」 then 「DXアドバイザーの場合は？」 reads 「自治体の費用負担について、…」,
    not 「費用負担の自治体について、…」: a reader checks the interpretation against what they typed."""
    before = read("自治体の費用負担はあるの？")
    follow = read_in_context("DXアドバイザーの場合は？", before, joined=True)
    assert follow.interpreted.startswith("自治体の費用負担について、")


def test_the_number_in_a_name_the_question_writes_in_words_is_not_the_answer():
    """「ひとり情シス」 is the documents' 「1人情シス」: its 1人 (and the 1人 of the line's gloss) is part of what
    was asked about, and the count asked of those 自治体 is 189団体."""
    text = "・小規模団体(人口5万人以下) 189団体が「1人情シス」状態 (DX推進部局の担当者が1人以下)"
    reading = read("ひとり情シス状態の小さい自治体って全国でどれくらいあるんですか？")
    assert value_near_topic(reading, text) == "189団体"


def test_a_question_within_the_prefecture_just_named_goes_on_with_its_topic():
    """「県内の何市町が参加してるの？」 after 愛媛県's デジタル人材シェアリング asks how many of 愛媛県's 市町 take
    part in it; after a turn naming no prefecture it is a question of its own. 県内 is no topic to carry."""
    before = read("愛媛県のデジタル人材シェアリングってどういう仕組みなんですか？")
    follow = read_in_context("県内の何市町が参加してるの？", before)
    assert follow.follows and "シェアリング" in follow.interpreted
    assert not read_in_context("県内の何市町が参加してるの？", read("OODAループって何？")).follows
    then = read_in_context("他の県の事例は？", follow)
    assert "県内" not in then.interpreted
