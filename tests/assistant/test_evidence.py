"""Evidence that asker words cannot move, and values that answer only about their subject (no index needed)."""

from assistant.answer import (
    Quote,
    choose_quotes,
    coverage,
    definition_first,
    question_weights,
    split_sentences,
    subject_of,
)
from assistant.cite import about_subject
from assistant.question import read
from tests.conftest import make_hit

IDF = {"cio": 2.0, "補佐": 2.0, "官": 1.0, "rpa": 4.0, "導入": 1.5, "特別": 1.0, "交付": 1.0, "税": 1.0, "措置": 1.0}


def _idf(term: str) -> float:
    return IDF.get(term, 0.0)


def test_a_verb_the_corpus_never_uses_weighs_little_and_an_unknown_noun_the_most():
    weights = question_weights(read("CIO補佐官って誰が払う？"), _idf, max_idf=6.0)
    assert weights["払う"] < weights["cio"]
    nouns = question_weights(read("CIO補佐官のWi-Fiは？"), _idf, max_idf=6.0)
    assert nouns["wi"] == 6.0


def test_an_optional_term_counts_where_found_and_never_against():
    weights = question_weights(read("研修資料に書きたいので、CIO補佐官って何？"), _idf, max_idf=6.0)
    assert coverage(weights, {"cio", "補佐", "官"}) == 1.0
    assert coverage(weights, {"cio", "補佐", "官", "研修"}) == 1.0


def test_a_value_about_another_programme_does_not_answer():
    reading = read("RPA導入の特交っていつまで？")
    weights = question_weights(reading, _idf, max_idf=6.0)
    subject = subject_of(reading, weights, _idf)
    assert subject.head == "rpa"
    cio = make_hit("plan:0001", "CIO補佐官導入の特別交付税措置を令和11年度まで延長。", section=("特別交付税措置",))
    rpa = make_hit(
        "plan:0002", "RPA導入に要する経費に対する特別交付税措置(令和7年度まで)。", section=("特別交付税措置",)
    )
    assert not about_subject(Quote(cio, cio.chunk.text, 1.0), subject)
    assert about_subject(Quote(rpa, rpa.chunk.text, 1.0), subject)


def test_a_programme_sharing_a_common_word_of_the_asked_name_is_another_programme():
    """共創推進パートナー shares 推進 with DX戦略推進パートナー, not 戦略: its 延べ119人 応募 is not what the asked
    partnership brought (a writer asked how many came from the partner companies)."""
    idf = {**IDF, "dx": 0.5, "戦略": 1.2, "推進": 0.5, "パートナー": 3.0, "協定": 1.0}
    reading = read("DX戦略推進パートナーの協定って何社と結んでる？")
    weights = question_weights(reading, idf.get, max_idf=6.0)
    subject = subject_of(reading, weights, idf.get)
    other = make_hit("nagano:0001", "実績\n・延べ119人が応募。", section=("長野県共創推進パートナー(R4~)", "実績"))
    asked = make_hit("nagano:0002", "・5件の協定を締結", section=("長野県DX戦略推進パートナー連携協定(R2~)",))
    assert not about_subject(Quote(other, "・延べ119人が応募。", 1.0), subject)
    assert about_subject(Quote(asked, "・5件の協定を締結", 1.0), subject)


def test_a_value_is_about_the_numbered_item_it_stands_in_not_an_earlier_one():
    """「⑤…伴走支援【R6当初:0.8億円(継続)】」 below ③'s DX推進リーダー育成 is no fee of that training; the
    list's lead-in above ① is about every item."""
    reading = read("RPA導入の経費っていくら？")
    weights = question_weights(reading, _idf, max_idf=6.0)
    subject = subject_of(reading, weights, _idf)
    text = "特別交付税措置の対象\n①RPA導入に要する経費\n対象経費:導入費用\n②CIO補佐官の任用【R6当初:0.8億円(継続)】"
    hit = make_hit("plan:0004", text, section=("特別交付税措置",))
    assert not about_subject(Quote(hit, "②CIO補佐官の任用【R6当初:0.8億円(継続)】", 1.0), subject)
    led = make_hit(
        "plan:0005", "RPA導入の経費の支援\n①ガイドブックの作成\n②研修の実施【R6当初:0.8億円(継続)】", section=("支援",)
    )
    assert about_subject(Quote(led, "②研修の実施【R6当初:0.8億円(継続)】", 1.0), subject)


def test_a_value_of_another_year_than_the_asked_one_does_not_answer():
    reading = read("R6年度のCIO補佐官の措置は？")
    weights = question_weights(reading, _idf, max_idf=6.0)
    subject = subject_of(reading, weights, _idf)
    old = make_hit("plan:0003", "令和2年度のCIO補佐官の措置は5名。")
    assert not about_subject(Quote(old, old.chunk.text, 1.0), subject)


def test_a_place_no_read_passage_names_makes_the_answer_related_not_answered():
    from assistant.cite import unnamed_places

    ehime = make_hit("plan:0004", "県と20市町によるデジタル人材シェアリング【愛媛県】")
    assert read("沖縄県で人材シェアリングやってる事例ある？").places == ("沖縄県",)
    assert read("市町村のDX事例は？").places == ()
    assert unnamed_places(read("沖縄県で人材シェアリングやってる？"), [ehime]) == ("沖縄県",)
    assert unnamed_places(read("愛媛の人材シェアリングは？"), [ehime]) == ()


def test_the_line_that_defines_the_asked_term_leads_a_definition():
    reading = read("DX推進専任部署ってどういう部署のこと？")
    stat = make_hit("plan:0003", "市区町村では438団体がDX推進専任部署を設置している。")
    term = make_hit("plan:0004", "DX※推進専任部署...DX推進の企画立案や部門間の総合調整を担う部署。")
    quotes = [Quote(stat, stat.chunk.text, 2.0), Quote(term, term.chunk.text, 1.0)]
    assert definition_first(reading, quotes)[0].hit is term
    # a footnote brought by the sentence that refers to it for the asked term
    refers = make_hit("plan:0005", "いわゆるPMO(注9)の役割を担うことも期待される。")
    note = make_hit("plan:0006", "(注9)Project Management Office:プロジェクトマネジメントの支援を横断的に行う部門")
    pmo = [Quote(refers, refers.chunk.text, 2.0), Quote(note, note.chunk.text, 2.0)]
    assert definition_first(read("PMOってなに？"), pmo)[0].hit is note
    # only for definitions
    assert definition_first(read("DX推進専任部署はいくつ？"), quotes)[0].hit is stat


def test_the_line_that_settles_a_yes_no_leads_though_it_repeats_the_question():
    reading = read("CIO補佐官の業務委託で計画策定を任せても対象になる？")
    idf = {"cio": 2.0, "補佐": 2.0, "官": 1.0, "業務": 1.0, "委託": 2.5, "計画": 1.5, "策定": 1.7, "対象": 2.0}
    weights = question_weights(reading, lambda t: idf.get(t, 0.0), max_idf=6.0)
    hit = make_hit(
        "plan:0007",
        "・措置対象となるCIO補佐官等の業務は、全庁的・横断的にDX推進を図る助言業務に相当するもの。\n"
        "・業務委託も対象となるものの、単なる各種計画策定の業務委託は対象外。",
    )
    assert choose_quotes(reading, weights, [hit])[0].text.endswith("計画策定の業務委託は対象外。")


def test_terms_nearly_as_rare_as_the_rarest_are_head_terms_too():
    idf = {"コウベ": 3.43, "申告": 3.5, "削減": 3.66, "自動": 3.5, "時間": 2.99}
    reading = read("神戸市の0申告自動化って何時間削減で、費用いくらかかってる？")
    subject = subject_of(reading, question_weights(reading, lambda t: idf.get(t, 0.0), 6.0), lambda t: idf.get(t, 0.0))
    # the theme (before って) is 0申告自動化: its rarest words are heads, not 削減 after it
    assert (
        subject.head == "申告"
        and "削減" not in subject.heads
        and subject.names("課税システム構築 約50万円(0申告の自動化)")
    )
    assert not subject.names("CIO補佐官の募集経費 100万円")


def test_a_question_asking_two_things_quotes_the_asked_value_too():
    reading = read("神戸市の0申告って何時間削減で、費用いくら？")
    idf = {"コウベ": 3.4, "申告": 3.5, "削減": 3.7, "時間": 3.0, "費用": 3.6}
    weights = question_weights(reading, lambda t: idf.get(t, 0.0), max_idf=6.0)
    hours = make_hit("case:0001", "・神戸市の0申告の審査自動化により年間約660時間の削減。")
    cost = make_hit("case:0002", "審査システム構築 約200万円", section=("神戸市", "コスト"))
    quotes = choose_quotes(reading, weights, [hours, cost])
    assert any("約200万円" in q.text for q in quotes)


def test_a_word_cut_short_that_the_documents_contain_is_no_evidence_of_silence():
    reading = read("外部人材を受け入れる前のチェックリスの項目をFAQにしたい")
    corpus = "外部人材の受入れに当たってのチェックリスト"
    weights = question_weights(reading, _idf, max_idf=6.0, written=lambda phrase: phrase in corpus)
    assert weights["チェックリス"] < 6.0 and "チェックリス" in weights.optional
    assert "faq" not in weights  # what the asker will make of the answer is not a term
    absent = question_weights(read("CIO補佐官のWi-Fiルーターは？"), _idf, max_idf=6.0, written=lambda p: p in corpus)
    assert absent["wi"] == 6.0


def test_a_table_heading_brings_its_rows():
    reading = read("DX推進リーダー育成研修のカリキュラムの課目と時限数は？")
    text = "○第3期以外の研修\n研修課目 時限数\n" + "\n".join(f"課目名:科目{i} {i}" for i in range(1, 6)) + "\n○第3期"
    hit = make_hit("slides:0066", text, section=("DX推進リーダーの育成に係る主な研修", "カリキュラム"))
    weights = question_weights(reading, lambda t: 2.0, max_idf=6.0)
    quoted = "\n".join(q.text for q in choose_quotes(reading, weights, [hit]))
    assert "課目名:科目1 1" in quoted and "課目名:科目5 5" in quoted and "○第3期\n" not in quoted + "\n"


def test_a_header_row_brings_its_numbered_items_with_their_sub_points_left_out():
    reading = read("スキル標準の人材像って何と何？")
    text = (
        "人材像役割 望ましい 主なスキル等\n(1) プロデューサー・全般的なデジタル変革を主導する。\n"
        "・国の政策動向に関する知見\n(2) プロジェクトマネージャー・企画・推進を行う。\n・企画構想\n"
        "(3) エンジニア・実装を担う。\n・RPA\n自治体向け解説書"
    )
    lead = make_hit(
        "guide:0109", "○人材像を分類し、それぞれが備えることが望ましいスキル等を記載。", section=("スキル標準",)
    )
    table = make_hit("guide:0110", text, section=("スキル標準",))
    weights = question_weights(reading, lambda t: 2.0, max_idf=6.0)
    quoted = "\n".join(q.text for q in choose_quotes(reading, weights, [lead, table]))
    assert "(1) プロデューサー" in quoted and "(3) エンジニア" in quoted
    assert "・企画構想" not in quoted and "自治体向け解説書" not in quoted


def test_an_abbreviation_is_answered_by_the_line_that_spells_it_out():
    reading = read("BPRって何の略？")
    assert reading.terms == ("bpr",)  # 略 says what kind of answer is wanted, it is not a topic
    usage = make_hit("guide:0038", "利用者目線でのBPRの取組が重要となる。\n「BPRの取組の徹底」を位置づけている。")
    note = make_hit(
        "guide:0037", "(注6)Business Process Reengineering(ビジネス・プロセス・リエンジニアリング):業務改革"
    )
    weights = question_weights(reading, lambda t: 2.8, max_idf=6.0)
    quotes = definition_first(reading, choose_quotes(reading, weights, [usage, note]))
    assert quotes[0].text.startswith("(注6)Business Process Reengineering")


def test_a_heading_line_right_above_items_is_quoted_with_them_for_any_question():
    reading = read("DX推進リーダーに指定する職員はなにを参考に選べばいいの？")
    text = "※指定にあたり、参考とすべき情報\n・これまでの職務経歴\n・民間IT企業での実務経験\n留意点"
    hit = make_hit("slides:0040", text, section=("DX推進リーダーの指定",))
    weights = question_weights(reading, lambda t: 2.0, max_idf=6.0)
    quoted = "\n".join(q.text for q in choose_quotes(reading, weights, [hit]))
    assert "・民間IT企業での実務経験" in quoted and "留意点" not in quoted


def test_part_of_a_corpus_word_and_the_words_for_a_list_do_not_make_the_documents_silent():
    reading = read("外部人材を受け入れる前のチェック項目、一覧で")
    assert "一覧" not in reading.terms
    corpus = "(7)外部人材の受入れ準備チェックリスト"
    weights = question_weights(reading, _idf, max_idf=6.0, written=lambda phrase: phrase in corpus)
    assert weights["チェック"] < 6.0 and "チェック" in weights.optional


def test_part_of_the_question_missing_is_related_and_names_the_missing_words_none_of_it_is_not_found():
    from assistant.answer import support
    from core.tuning import Tuning, applied

    reading = read("CIO補佐官の名刺って決まってる？")
    weights = question_weights(reading, {**IDF, "名刺": 3.0, "決まる": 1.0}.get, max_idf=6.0)
    named = make_hit("plan:0005", "CIO補佐官等とは、CIO等を専門的知見から補佐する者であり、役職の名称は問わない。")
    unrelated = make_hit("plan:0006", "マイナンバーカードの普及促進。")
    with applied(Tuning(min_coverage=0.9, related_coverage=0.3, yesno_coverage=0.9)):
        assert support(reading, weights, [named]) == ("related", ("名刺",))
        assert support(reading, weights, [unrelated]) == ("not_found", ())
    with applied(Tuning(min_coverage=0.5, related_coverage=0.3)):
        assert support(reading, weights, [named])[0] == "answered"
    # a yes/no is settled by words it need not use: answered from yesno_coverage up, the lacking word kept
    with applied(Tuning(min_coverage=0.9, related_coverage=0.3, yesno_coverage=0.3)):
        assert support(reading, weights, [named]) == ("answered", ("名刺",))
        assert support(reading, weights, [unrelated]) == ("not_found", ())


def test_missing_words_are_shown_as_typed():
    from assistant.answer import _as_typed

    reading = read("庁内Wi-Fiの整備に使える補助金は？")
    assert _as_typed(reading, ["wi", "fi", "整備"]) == ("庁内Wi-Fi", "整備")
    assert _as_typed(read("肩書きじゃないとダメ？"), ["肩書き", "駄目"]) == ("肩書き",)


def test_a_figure_on_the_line_below_the_answering_line_is_quoted_with_it():
    """A slide names the measure, then its period on a line of its own that shares no word with the question."""
    reading = read("QRコード付き申請書の送付っていつからいつ？")
    text = "○未取得者に、QRコード付き申請書を個別に送付予定。\n【令和2年12月~令和3年3月:約8,000万枚配布予定】"
    from assistant.answer import _with_value_below

    topic = Quote(make_hit("slides:0001", text), text.split("\n")[0], 1.0)
    assert [q.text for q in _with_value_below(reading, [topic])] == text.split("\n")
    assert _with_value_below(read("QRコード付き申請書って何？"), [topic]) == [topic]  # no value asked


def test_a_figure_said_of_another_place_does_not_answer_for_the_asked_one():
    reading = read("愛媛の専門人材は何人登録されてる？")
    weights = question_weights(reading, {**IDF, "専門": 2.0, "人材": 1.0, "登録": 2.0}.get, max_idf=6.0)
    subject = subject_of(reading, weights, {**IDF, "専門": 2.0, "人材": 1.0, "登録": 2.0}.get)
    section = ("シェアリングの取組例(愛媛県、広島県福山市など)",)
    bingo = make_hit("case:0003", "・専門人材計26名が登録されている。", section=section)
    ehime = make_hit("case:0004", "愛媛県:専門人材を登録、計12名が登録されている。", section=section)
    assert not about_subject(Quote(bingo, bingo.chunk.text, 1.0), subject)
    assert about_subject(Quote(ehime, ehime.chunk.text, 1.0), subject)


def test_a_line_in_brackets_right_below_a_quote_comes_with_it():
    from assistant.answer import _with_gloss

    text = "・小規模団体 189団体が「1人情シス」状態\n(DX推進部局の担当者が1人以下)\n次の話題。"
    quote = Quote(make_hit("slides:0002", text), text.split("\n")[0], 1.0)
    assert _with_gloss(quote).text == "\n".join(text.split("\n")[:2])


def test_the_subject_is_read_from_the_theme_and_never_a_bound_or_a_number():
    from assistant.answer import subject_of

    reading = read("2020年3月時点で、市区町村のテレワーク導入率ってどのくらい？")
    idf = {"2020": 5.0, "時点": 4.5, "テレワーク": 3.0, "導入": 1.0, "率": 1.5, "市": 0.5, "区": 0.5}.get
    assert subject_of(reading, {}, lambda t: idf(t) or 0.0).head == "テレワーク"
    reading = read("特定任期付職員って最長何年まで任用できる？")
    idf = {"最長": 5.0, "特定": 3.5, "任期": 3.0, "職員": 0.5, "任用": 2.0}.get
    assert subject_of(reading, {}, lambda t: idf(t) or 0.0).head == "特定"


def test_for_whom_closes_no_compound_of_the_question():
    """「部長級向け」 names 部長級: a passage writing 「部長級職員」 holds it whole."""
    from assistant.answer import question_compounds

    compounds = dict(question_compounds(read("部長級向けの研修の日程は？")))
    assert "部長級" in compounds and "部長級向け" not in compounds


def test_a_sentence_naming_what_a_thing_is_before_its_name_defines_it():
    """「…基準に適合したシステム(標準準拠システム)」 and 「…改革を進めるという、いわゆる「サービスデザイン
    思考」」 say what the named thing is; a heading naming an abbreviation in brackets does not (BPR is
    defined by its footnote)."""
    other = make_hit("plan:0010", "サービス設計12箇条はサービスデザイン思考を具体化したものである。")
    so_called = make_hit(
        "plan:0011", "利用者中心の行政サービス改革を進めるという、いわゆる「サービスデザイン思考」の共有も求められる。"
    )
    quotes = [Quote(other, other.chunk.text, 2.0), Quote(so_called, so_called.chunk.text, 1.0)]
    assert definition_first(read("サービスデザイン思考ってどういう考え方？"), quotes)[0].hit is so_called
    alias = make_hit(
        "plan:0012", "2025年度までに標準化のための基準に適合したシステム(標準準拠システム)への移行を目指す。"
    )
    plain = make_hit("plan:0013", "標準準拠システムへの移行までの工程を示す。")
    quotes = [Quote(plain, plain.chunk.text, 2.0), Quote(alias, alias.chunk.text, 1.0)]
    assert definition_first(read("標準準拠システムってどう説明すればいい？"), quotes)[0].hit is alias
    heading = make_hit("plan:0014", "1-1.サービスデザイン・業務改革(BPR)の徹底。")
    note = make_hit("plan:0015", "(注6)Business Process Reengineering(ビジネス・プロセス・リエンジニアリング)")
    quotes = [Quote(heading, heading.chunk.text, 2.0), Quote(note, note.chunk.text, 1.0)]
    assert definition_first(read("BPRって何の略？"), quotes)[0].hit is note


def test_coverage_does_not_depend_on_the_order_a_set_is_read_in():
    """A float sum in a set's order differed in the last bit between processes (the order follows the
    string hash seed), and sentences of equal score changed places from one run to the next."""
    import os
    import subprocess
    import sys

    program = (
        "from assistant.answer import coverage, question_weights; from assistant.question import read;"
        "q = read('外部人材を受け入れる前にチェックしとくことってリストある？');"
        "w = question_weights(q, lambda t: 1.0 + len(t) / 7, max_idf=6.0);"
        "print(repr(coverage(w, set(w) - {'リスト'})))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in range(1, 7)
    }
    assert len(runs) == 1


def test_a_sentence_listing_things_inline_is_a_list():
    """「…定めておくべき事項としては、…信用失墜行為の禁止、守秘義務、職務専念義務に関する事項がある。」
    answers 「何を書いとけばいい？」 though no bullet marks its items (the answer had opened with the
    sentence before it); a sentence of two clauses lists nothing."""
    from assistant.answer import _ENUMERATES

    assert _ENUMERATES.search(
        "定めておくべき事項としては、信用失墜行為の禁止、守秘義務、職務専念義務に関する事項がある。"
    )
    assert _ENUMERATES.search("(注5)①デジタルファースト:個々の手続、②ワンストップ:一度提出した情報、③コネクテッド")
    assert not _ENUMERATES.search("都道府県では29団体(61.7%)、市区町村では219団体(12.6%)が策定している。")


def test_a_line_saying_what_is_not_done_settles_a_yes_no():
    """「総務省が人を紹介してくれる？」 is settled by 「…紹介する職業紹介は行わない。」, not by a note that
    names 総務省 and 登録."""
    reading = read("総務省が人材を紹介してくれる？")
    weights = question_weights(reading, {"総務": 1.6, "省": 1.6, "人材": 0.6, "紹介": 3.1}.get, max_idf=6.0)
    note = make_hit("plan:0041", "※4 人材・企業等は事前に総務省に登録し、紹介を受ける準備をする")
    no = make_hit("plan:0042", "※2 総務省では、特定の人材を特定の市区町村に紹介する職業紹介は行わない。")
    assert choose_quotes(reading, weights, [note, no])[0].hit is no


def test_a_sentence_is_not_cut_at_a_full_stop_inside_brackets():
    row = "任用する場合→報酬等(期末手当等を含む。)・外部に業務委託する場合→委託料等 R11年度まで"
    assert split_sentences(row) == [row]
    assert split_sentences("「研修する。」と書く。次の文。") == ["「研修する。」と書く。", "次の文。"]
    # brackets the page left open: cut at every 。 as before
    assert split_sentences("経費(対象は人件費。旅費も。") == ["経費(対象は人件費。", "旅費も。"]


def test_a_word_outside_the_theme_that_no_read_passage_names_is_not_the_head():
    """「一緒に」 says how the asker pictures it, not what the passages would call the subject: with no
    passage naming it the head is the rarest word one does name; a word of the theme stays the head
    whatever the passages say (報告 of 「…の報告って何月まで？」, which none of them is about)."""
    idf = {**IDF, "一緒": 5.0, "県": 0.5, "市町": 1.5, "人材": 0.8, "採用": 2.5, "報告": 4.0}
    reading = read("県と市町が一緒に人材を採用してるの何市町？")
    weights = question_weights(reading, idf.get, max_idf=6.0)
    named = {"県", "市町", "人材", "採用"}
    assert subject_of(reading, weights, idf.get).head == "一緒"
    assert subject_of(reading, weights, idf.get, nearby=named.__contains__).head == "採用"
    themed = read("CIO補佐官の報告って何月まで？")
    weights = question_weights(themed, idf.get, max_idf=6.0)
    assert subject_of(themed, weights, idf.get, nearby=lambda term: term != "報告").head == "報告"


def test_a_word_naming_a_document_is_never_the_head():
    """「その資料だとテレワークの措置率は？」 asks of テレワーク; 資料 says where the asker read it."""
    idf = {**IDF, "資料": 5.0, "テレワーク": 3.0}
    reading = read("その資料だとテレワークの措置率は？")
    weights = question_weights(reading, idf.get, max_idf=6.0)
    assert subject_of(reading, weights, idf.get).head == "テレワーク"


def test_a_row_of_another_programme_under_a_box_titled_after_the_asked_one_does_not_answer():
    """「【参考4.4-⑯】地域情報化アドバイザー派遣制度等の概要」 names its box after the first of its schemes: the
    row of ②地域力創造アドバイザー, whose 5,600千円/年 is a 特交 cap, is no cost of 地域情報化アドバイザー (a new user
    asked 「費用は？」 after it and was given that figure)."""
    idf = {**IDF, "地域": 0.5, "情報": 1.0, "化": 0.3, "アドバイザー": 2.0, "費用": 1.5, "創造": 1.5}
    reading = read("地域情報化アドバイザーの費用は？")
    weights = question_weights(reading, idf.get, max_idf=6.0)
    subject = subject_of(reading, weights, idf.get, written=lambda word: True)
    box = ("(8) アドバイザー等の派遣", "【参考4.4-⑯】地域情報化アドバイザー派遣制度等の概要")
    other = "②地域力創造アドバイザー(総務省)招へいに必要な費用を支援。【財政措置】民間専門家等活用5,600千円/年"
    asked = "①地域情報化アドバイザー派遣制度(総務省)専門家を派遣。【自治体の負担】費用は無償"
    hit = make_hit("manual:0001", f"{asked}\n{other}", section=box)
    assert not about_subject(Quote(hit, other, 1.0), subject)
    assert about_subject(Quote(hit, asked, 1.0), subject)
