"""BM25 tokens: lemmas of content words, particles and symbols dropped."""

from core.japanese import western_years
from core.tokenize_ja import noun_compounds, tokenize


def test_lemmas_unify_inflections_and_drop_particles():
    assert tokenize("CIO補佐官を外部から任用した") == tokenize("CIO補佐官の外部からの任用する")
    assert "を" not in tokenize("外部人材を任用する")
    assert "任用" in tokenize("外部人材を任用する")


def test_fullwidth_and_spacing_variants_give_the_same_tokens():
    assert tokenize("ＣＩＯ 補佐官") == tokenize("CIO補佐官")


def test_question_words_carry_no_weight():
    assert tokenize("教えてください、いくらですか？") == []


def test_a_katakana_word_the_dictionary_cuts_into_other_words_stays_one_word():
    """MeCab reads コンサル as こん + 猿 before に and コンサ + ル before 企業: neither meets the other."""
    assert tokenize("コンサルに委託する") == ["コンサル", "委託"]
    assert "コンサル" in tokenize("ICT系コンサル企業")
    # words the dictionary knows keep their parts (オンライン is オン + ライン everywhere)
    assert tokenize("オンライン申請") == ["オン", "ライン", "申請"]


def test_seirei_shi_reads_as_the_documents_shitei_toshi():
    """「政令市も使える？」 meets 「市町村(指定都市除く)」."""
    assert tokenize("政令市も使える？")[:2] == tokenize("政令指定都市")[:2] == tokenize("指定都市除く")[:2]


def test_the_polite_prefix_is_no_word_and_money_is_cost():
    assert tokenize("お金かかる？") == ["費用"]
    assert tokenize("ご利用ください") == tokenize("利用ください")


def test_a_line_break_inside_a_word_is_told_from_one_between_words():
    from core.tokenize_ja import splits_word

    assert splits_word("④システム共同調達など推進体", "制下での取組テーマを設定")
    assert not splits_word("【参考4.4-①】外部デジタル人材の活躍例", "外部デジタル人材の活躍例(福島県磐梯町)")
    assert not splits_word("推進体制に必要な4つの機能", "①市町村との会議体設置")


def test_an_adjectival_noun_before_a_noun_opens_a_compound():
    """特別 of 特別職非常勤職員 is tagged an adjectival noun; the compound had been 「職非常勤職員」."""
    assert [c for c, _ in noun_compounds("特別職非常勤職員の違い")] == ["特別職非常勤職員"]
    assert [c for c, _ in noun_compounds("4人分とも特別交付税の対象")][-1] == "特別交付税"
    assert noun_compounds("特別な場合に必要な経費") == []


def test_nouns_joined_by_a_middle_dot_are_one_name():
    """「経営・財務マネジメント強化事業」 is one programme: a follow-up carries it whole, not as
    「財務マネジメント強化事業の経営」."""
    name = "経営・財務マネジメント強化事業"
    assert noun_compounds(f"{name}って予算規模どれくらい")[0][0] == name
    assert noun_compounds("人材育成・確保基本方針策定指針っていつ改正")[0][0] == "人材育成・確保基本方針策定指針"
    assert noun_compounds("・研修の実施") == []  # a bullet opens no compound


def test_abbreviations_staff_type_read_as_the_documents_words():
    """The documents always write ガバメントクラウド and マイナンバーカード out."""
    assert tokenize("ガバクラ使うのって義務？")[:2] == tokenize("ガバメントクラウド")
    assert tokenize("マイナカードの交付") == tokenize("マイナンバーカードの交付")


def test_a_hedge_is_no_word():
    """「集まる場みたいなのはある？」: みたい weighed as an unknown word had outweighed the rest."""
    assert tokenize("集まる場みたいなの") == tokenize("集まる場")
    assert tokenize("研修っぽいもの") == tokenize("研修もの")


def test_the_number_of_municipalities_meets_the_municipalities_counted():
    """「市町村数いくつ？」 meets 「77市町村ある」: the dictionary reads 市町村数 as one word."""
    assert set(tokenize("77市町村")) - {"77"} <= set(tokenize("市町村数"))
    assert set(tokenize("市区町村")) <= set(tokenize("市区町村数"))


def test_a_noun_before_tte_stays_one_word():
    """The dictionary reads 「人材派遣って」 as 派 + 遣う and 「上限って」 as 上 + 限る."""
    assert tokenize("デジタル専門人材派遣って何団体？")[-2:] == ["派遣", "団体"]
    assert tokenize("上限っていくら？") == ["上限"]


def test_a_word_is_found_as_written_from_its_token():
    """What is shown to users is what they typed: a verb's token is its dictionary form."""
    from core.tokenize_ja import written_as

    assert written_as("出す", "人を出してる会社") == "出し"
    assert written_as("出す", "人を送ってる会社") is None


def test_a_proper_noun_is_one_token_as_written_whatever_the_context():
    """The dictionary's lemma of a place name is a reading guessed from context: 豊田 was トヨタ before
    「市日本電気」 and トヨダ before 「市に」, so the question's town never met the table's."""
    assert tokenize("愛知県 豊田市日本電気株式会社")[2] == tokenize("豊田市に人を出してる会社")[0] == "豊田"
    assert "長崎" in tokenize("長崎でやった")


def test_a_year_is_compared_as_its_western_year():
    assert western_years("令和7年度まで") == western_years("2025年度まで") == "2025年度まで"
    assert western_years("令和元年度") == "2019年度"
    assert western_years("2,000時間") == "2,000時間"


def test_what_is_not_done_is_read_in_questions_and_documents_alike():
    """Staff type 「入れてない団体」 where the documents write 未導入団体 or 「活用はしていない」; an obligation,
    a clause ending in a negation and 少ない/必ず/未満 are none."""
    from core.japanese import negates, qualifies_by_negation

    assert qualifies_by_negation("テレワーク入れてない市区町村の理由")
    assert qualifies_by_negation("まだ入ってないところは何団体？")
    assert not qualifies_by_negation("うちまだ作ってない。国はいつまでに？")
    assert not qualifies_by_negation("何しないといけませんか")
    assert not qualifies_by_negation("人口が少ない市町村")
    assert negates("未整備は192団体") and negates("外部デジタル人材の活用はしていない") and negates("設置しておらず")
    assert not any(map(negates, ("しなければならない", "10万人未満", "必ず実施", "まずは", "導入団体")))
