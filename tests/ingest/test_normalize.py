"""Japanese normalization: what extraction breaks, normalize() repairs."""

import pytest

from core.models import Page
from core.text import normalize
from ingest.normalize import logical_lines


def test_nfkc_turns_kangxi_radicals_and_fullwidth_digits_into_plain_text():
    assert normalize("⽅針と⼀体的に ２０２４年度") == "方針と一体的に2024年度"


def test_circled_numbers_of_reference_boxes_are_kept():
    assert normalize("【参考 4.4-⑩】CIO 補佐官") == "【参考4.4-⑩】CIO補佐官"


def test_spaces_between_japanese_and_latin_are_removed():
    assert normalize("自治体 DX 全体手順書と CIO 補佐官") == "自治体DX全体手順書とCIO補佐官"


def test_table_cells_stay_apart():
    """A gap between two Japanese words in a PDF line, or a tab, separates table cells: kept as one space."""
    assert normalize("営利企業の従事   任命権者の許可が必要 制限なし") == "営利企業の従事 任命権者の許可が必要 制限なし"
    assert normalize("課目名：委託管理\t3") == "課目名:委託管理 3"


def test_markdown_and_html_debris_is_dropped_but_japanese_brackets_stay():
    text = normalize('**外部人材**の<u>募集</u>を<ul style="list-style-type: none">行う <規定例①>')
    assert text == "外部人材の募集を行う<規定例①>"


def test_an_html_tag_broken_over_two_lines_or_glued_to_its_attribute_leaves_no_debris():
    """The shipped 2024 slides print table cells' <ul style=…> as text; the page width breaks it."""
    page = Page(
        "d",
        1,
        '中級研修 なし 対面<ul style="list-style-type:\nnone"> ・初級研修の復習\n<ulstyle="x">・演習 <https://a.jp/>',
    )
    text = "\n".join(line.text for line in logical_lines([page]))
    assert "<ul" not in text and "none" not in text and "style" not in text
    assert "初級研修の復習" in text and "<https://a.jp/>" in text


def test_extraction_control_characters_are_removed():
    assert normalize("\x00外\x00部\x00人\x00材") == "外部人材"


def test_footnote_markers_become_readable():
    assert normalize("¹⁵ 情報サービスに従事する人材") == "(注15)情報サービスに従事する人材"
    assert normalize("IT スキル標準(ITSS)¹⁵のコンサルタント") == "ITスキル標準(ITSS)(注15)のコンサルタント"


def test_a_note_number_with_gaps_between_its_digits_is_one_number():
    """The manual's PDF writes note 10 as 「¹  ⁰ 全体手順書では…」: read as notes 1 and 0, the
    definition of デジタルリテラシー(注10) could not be brought with the line that refers to it."""
    assert normalize("¹  ⁰ 全体手順書では、職員が") == "(注10)全体手順書では、職員が"


def test_lines_wrapped_by_the_page_are_joined_without_spaces_and_list_items_stay_apart():
    wide = "デジタル化は" + "あ" * 44
    page = Page("d", 1, "\n".join([wide, "喫緊の課題である。", "- 項目その一", "- 項目その二", "| 表 | 行 |"]))
    texts = [line.text for line in logical_lines([page, Page("d", 2, "\n".join(["あ" * 47, "い" * 47]))])]
    assert texts[0] == wide + "喫緊の課題である。"
    assert texts[1:4] == ["・項目その一", "・項目その二", "表 | 行"]


def test_a_short_line_opening_with_a_particle_carries_on_the_line_before():
    """A slide's text box breaks an item anywhere: 「② ヒアリング等を通じ市町村」 / 「の現状・課題を把握」."""
    raw = ["必要な4つの機能", "① 市町村との会議体設置", "② ヒアリング等を通じ市町村", "の現状・課題を把握"]
    raw += ["はじめに", "でも可"]
    page = Page("d", 1, "\n".join(raw))
    texts = [line.text for line in logical_lines([page], tables=True)]
    assert texts[2] == "②ヒアリング等を通じ市町村の現状・課題を把握"
    assert texts[3:] == ["はじめに", "でも可"]  # words that open with a particle's kana stay apart


def test_a_line_ending_in_a_particle_goes_on_in_the_next_but_never_into_a_footnote():
    lead = "・事業者の調達のための仕様書作成等を支援令和6年度は"
    raw = [lead, "長崎県を支援中!", "導入や", "⁴ 所謂「デジタル手続法」"]
    texts = [line.text for line in logical_lines([Page("d", 1, "\n".join(raw))], tables=True)]
    assert texts == [lead + "長崎県を支援中!", "導入や", "(注4)所謂「デジタル手続法」"]


def test_a_paragraph_running_over_a_page_break_keeps_its_first_page():
    first = Page("d", 3, "前置き。\n" + "う" * 48)
    second = Page("d", 4, "続きの文。\n次の段落。")
    lines = logical_lines([first, second])
    assert [(line.text, line.page) for line in lines][1] == ("う" * 48 + "続きの文。", 3)


def test_search_reads_a_cell_broken_over_two_lines_as_one_word():
    from core.text import unspaced
    from core.tokenize_ja import tokenize

    assert unspaced(normalize("②募集 経費 市町村が")) == "②募集経費市町村が"
    assert tokenize("外部人材の 募集を行うための経費") == tokenize("外部人材の募集を行うための経費")


def test_a_word_a_text_box_broke_over_two_lines_is_joined():
    """「…推進体」 / 「制下での…」 is 体制 broken by the box; 「…の活躍例」 / 「外部デジタル…」 is two lines
    (the dictionary would read 例外 across the break, but 外部 is a word of its own)."""
    text = "④システム共同調達など推進体\n制下での取組テーマを設定\n\n【参考4.4-①】外部デジタル人材の活躍例\n"
    wide = "\n\n" + "・" + "あ" * 60 + "。"  # the page's width: none of the lines above was wrapped by it
    page = Page("d", 1, text + "外部デジタル人材の活躍例(福島県磐梯町 人口:0.3万人)" + wide)
    texts = [line.text for line in logical_lines([page], tables=True)]
    assert "④システム共同調達など推進体制下での取組テーマを設定" in texts
    assert "外部デジタル人材の活躍例(福島県磐梯町 人口:0.3万人)" in texts


def test_a_label_over_a_list_is_a_line_of_its_own_after_a_full_width_item():
    """長野県's slide: the item 「…企画提案等を実施中」 ran to the page width and its next line is the label
    of the company list below; glued on, the list lost what it lists. A wrapped item's tail
    (「…ことができる」 / 「キャリアパスの提示」) still carries on."""
    wide = "・✓各企業から県に人材を派遣していただき、関係部局とも連携してDX推進のための企画提案等を実施中"
    tail = "・デジタル分野の専門性・行政官の専門性を合わせて向上させながらキャリアアップを図ることができる"
    raw = [wide, "協定締結済み企業", "- 丸紅(株)", "- コニカミノルタ(株)", "", tail, "キャリアパスの提示", "- ①", "- ②"]
    texts = [line.text for line in logical_lines([Page("d", 1, "\n".join(raw))], tables=True)]
    assert texts[:3] == [wide, "協定締結済み企業", "・丸紅(株)"]
    assert tail + "キャリアパスの提示" in texts


def test_items_of_a_cost_table_wrapped_in_their_text_box_are_made_whole():
    """The 2020 deck's 特交 table wraps its cost items inside the box (as pypdf reads it below):
    「・ICT機器導入に係」 / 「る費用 …」. Every item of such a row opens with ・ and ends in 費用, so
    the unmarked head of the next row is the rest of the open item."""
    text = (
        "地方公務員向けテレワーク導入<p>テレワーク環境の構築に要する以下の経費に対する特別交付税措置（措\n"
        "置率 0.5（財政力補正あり））</p> <ul> ・ICT機器導入に係\n"
        "る費用 ・外部接続情報システム・コミュニケーションツールに係る費用 ・ソフトウェア費用 ・ライセン\n"
        "ス費用 ・シンクライアント化等のセキュリティ対策に係る費用 ・サーバ設置費用 ・導入にあたってのサ\n"
        "ポート費用 等\n"
        "※この他、インフラ点検に必要なドローン等の導入に対する措置がある。\n"
    )
    joined = "\n".join(line.text for line in logical_lines([Page("d", 1, text)], tables=True))
    items = ("・ICT機器導入に係る費用", "・ライセンス費用", "・導入にあたってのサポート費用 等", "・シンクライアント化")
    assert all(item in joined for item in items)


def test_a_case_place_under_its_caption_and_a_figure_under_its_label_join_their_line():
    """Slides put a case's place on a line of its own under the caption (「(群馬県)」), and the page width
    breaks a table cell between 「※定員」 and 「200名」: both belong to the line above, however short it
    ran; a numbered heading after a line ending in 「~」 stays a line of its own."""
    raw = [
        "高精細映像のリアルタイム伝送による自動運転バスの安全性向上",
        "（群馬県）",
        "AIチャットボットを活用した外国人への情報発信強化",
        "（北海道蘭越町・ニセコ町・倶知安町）",
        "第2回市町村議会議員特別セミナー 8月1日～8月2日（2日間） 市区町村議会議員 ※定員",
        "200名（うちオンライン50名）",
        "・市区町村間の連携の強化～デジタル人材の確保・育成の推進～",
        "3. デジタル人材の育成・確保に関する留意点",
    ]
    texts = [line.text for line in logical_lines([Page("d", 1, "\n".join(raw))], tables=True)]
    assert texts[:3] == [
        "高精細映像のリアルタイム伝送による自動運転バスの安全性向上(群馬県)",
        "AIチャットボットを活用した外国人への情報発信強化(北海道蘭越町・ニセコ町・倶知安町)",
        "第2回市町村議会議員特別セミナー8月1日~8月2日(2日間)市区町村議会議員※定員200名(うちオンライン50名)",
    ]
    assert texts[-1] == "3. デジタル人材の育成・確保に関する留意点"


def test_a_note_number_put_at_the_end_of_its_line_goes_back_into_the_gap_it_left():
    """pypdf may write a superscript at the end of its line and leave a space where it stood: the
    term it annotates (デジタル3原則) then brings its note, and オンライン stays one word."""
    raw = ["不可欠なデジタル3原則 が基本原則として明確化され、国の行政手続のオンラ⁵", "イン化実施が原則とされる。"]
    texts = [line.text for line in logical_lines([Page("d", 1, "\n".join(raw))])]
    assert texts == [
        "不可欠なデジタル3原則(注5)が基本原則として明確化され、国の行政手続のオンライン化実施が原則とされる。"
    ]
    two_gaps = "表の 左 と右⁵"
    assert [line.text for line in logical_lines([Page("d", 1, two_gaps)])] == ["表の 左 と右(注5)"]


@pytest.mark.parametrize("typed", ["アクセラレ―タ", "アクセラレ—タ", "アクセラレ－タ", "アクセラレ-タ"])
def test_a_dash_typed_between_katakana_is_the_long_vowel_mark(typed):
    """「自治体DXアクセラレ―タの任期って何年？」 was read as アクセラレ + 誰 (タ), and the question lost its
    subject: a dash between two katakana is ー. Between Latin letters or digits it stays (Wi-Fi, R4-R7)."""
    assert normalize(typed) == "アクセラレータ"
    assert normalize("Wi-Fi") == "Wi-Fi" and normalize("R4-R7") == "R4-R7"


def test_a_middle_dot_inside_an_open_bracket_is_no_list_item():
    """「デジタル」 / 「・ガバメント推進標準ガイドライン」: the page wrapped a name at its 「・」."""
    pages = [
        Page(
            doc_id="m",
            number=1,
            text="その詳細については、「情報システムの整備及び管理の基本的な方針」、「デジタル\n"
            "・ガバメント推進標準ガイドライン」を参照されたい。\n・次の項目\n",
        )
    ]
    texts = [line.text for line in logical_lines(pages)]
    assert any("「デジタル・ガバメント推進標準ガイドライン」" in t for t in texts)
    assert "・次の項目" in texts


def test_a_field_label_that_ends_its_line_waits_for_its_value_on_the_next():
    """A table cell of the 手順書 opens a paragraph with 「【派遣期間】」 at the page's edge and gives the value
    on the next line; cut there, J-LIS's 「年間最大5回」 lost the scheme it belongs to and was read as another's.
    A title that ends in its place (「…構築【広島県】」) still ends its line."""
    raw = [
        "③ 地方支援アドバイザー (J-LIS) <p>自治体からの情報システムの導入及び運用管理の課題等に関す",
        "る相談に対し、J-LISの委嘱を受けた有識者（地方支援アドバイザー）を派遣し、アドバイスや課題解決",
        "のノウハウを提供。各団体の情報化に関する実務上の課題解決を主眼に置いている</p> <p>【派遣期間】",
        "同一テーマについて年間最大5回</p> <p>【派遣人材】J-LISの委嘱を受けたアドバイザー（基本的に自",
        "治体職員OBで構成）</p>",
        "4 DXを推進するための全庁的な体制を構築した事例の紹介と解説【広島県】",
        "県内市町のデジタル化の取組を支援する体制を構築し、市町の取組を後押ししている事例である。",
    ]
    texts = [line.text for line in logical_lines([Page("d", 1, "\n".join(raw))])]
    assert any("【派遣期間】同一テーマについて年間最大5回" in text and text.startswith("③") for text in texts)
    assert texts[-2].endswith("事例の紹介と解説【広島県】") and texts[-1].startswith("県内市町")
