"""Japanese text rules shared by ingest and the assistant, one copy of each, as data.

The documents write list items, footnotes, dates and places in a few fixed ways; every
module that recognizes them imports the rule from here, so a mark added for one purpose
(a bullet seen in a new PDF) reaches chunking, slide titles and answer lists alike.
"""

from __future__ import annotations

import re

# Marks that start a list item, as the documents write them (PDF extraction and Markdown).
BULLETS = "・○●■□◆◇◎▶►➢➤➡✓"
FOOTNOTE = "※"
# A numbered note as normalized text writes it, 「(注6)」: where the text refers to note 6
# (「いわゆるBPR(注6)により」) and at the start of the note itself (core/text.py writes both).
NOTE_MARK = r"\(注(\d{1,3})\)"
NOTE_LINE = re.compile("^" + NOTE_MARK)
# Slides mark notes with ※: 「…として次に掲げるもの(※2)」 refers to the line 「(※2)1団体において…」 or
# 「※2 1団体において…」 below it on the slide.
SLIDE_NOTE_MARK = r"\(※(\d{1,2})\)"
SLIDE_NOTE_LINE = re.compile(r"^\(?※(\d{1,2})\)?")


def note_mark(number: str) -> str:
    return f"(注{number})"


CIRCLED_NUMBERS = "".join(chr(c) for c in range(ord("①"), ord("⑳") + 1))


def circled_number(mark: str) -> int:
    """The number a circled mark writes: ① is 1, ⑳ is 20."""
    return CIRCLED_NUMBERS.index(mark) + 1


# An item number: ①, (1), （1）, or 1. / 1) / 1． followed by a space.
ITEM_NUMBER = r"[①-⑳]|\(\d{1,2}\)|（\d{1,2}）|\d{1,2}[.)．]\s"
# A line that is an item of a list: a bullet or item number, ステップ1, 第1条, ア. or a).
LIST_ITEM = re.compile(rf"^(?:[{BULLETS}]|{ITEM_NUMBER}|ステップ\s?\d|第\s?\d{{1,2}}\s?条|[ア-ン][.)]|[a-z]\))")

# A short line that names what follows (a slide's caption, 「未導入団体」 over its reasons): no sentence
# end, not a list item, a note or a table row.
TITLE_MAX_CHARS = 40
_NOT_TITLES = tuple("-" + BULLETS + FOOTNOTE + CIRCLED_NUMBERS)


def is_title_line(text: str) -> bool:
    """Whether a line names what follows (TITLE_MAX_CHARS at most, no 。, no list or note mark, no cells)."""
    return (
        len(text) <= TITLE_MAX_CHARS
        and not text.endswith("。")
        and not text.startswith(_NOT_TITLES)
        and "|" not in text
    )


# A table row that starts with its label, shared by the rows of one table: 「課目名:委託管理 3」.
ROW_LABEL = re.compile(r"^([^:：。]{1,8})[:：]")

# The section path of a table of contents (its lines name sections; they answer nothing).
TOC_TITLE = "目次"

# Japanese eras in dates and fiscal years (令和6年度, R6, H30), and the year before each era's first.
ERA_YEARS = {"令和": 2018, "平成": 1988}
ERA = r"(?:令和|平成|R|H)"
# A year as the documents and staff write it: 令和6年度, R6, 令和元年, H30, 2024年 (groups era, year, western).
YEAR = re.compile(
    rf"(?<![A-Za-z])({ERA})\s?(\d{{1,2}}|元)(?![\d.])\s?(?:年|~|〜|～)?|(?<!\d)(20\d{{2}}|19\d{{2}})\s?年"
)
_ERA_OF_LETTER = {"R": "令和", "H": "平成"}


def years_in(text: str) -> frozenset[int]:
    """Western years named in a text: 令和4年 and R4 and 2022年 are all 2022."""
    years = set()
    for era, year, western in YEAR.findall(text):
        if western:
            years.add(int(western))
        elif era:
            years.add(ERA_YEARS[_ERA_OF_LETTER.get(era, era)] + (1 if year == "元" else int(year)))
    return frozenset(years)


def numbers_in(text: str) -> list[str]:
    """The numbers a text writes, in order, commas dropped (「1,549団体(89.0%)」 → 1549, 89.0)."""
    return _NUMBER.findall(text.replace(",", ""))


_NUMBER = re.compile(r"\d+(?:\.\d+)?")

# A number of people written in words: 「ひとり情シス」 is the documents' 「1人情シス」.
_PEOPLE_IN_WORDS = {"ひとり": "1人", "一人": "1人", "ふたり": "2人", "二人": "2人"}
_PEOPLE_WORD = re.compile("|".join(_PEOPLE_IN_WORDS))


def people_as_figures(text: str) -> str:
    """A text with a number of people written in words (ひとり, 二人) written as a figure (1人, 2人)."""
    return _PEOPLE_WORD.sub(lambda m: _PEOPLE_IN_WORDS[m.group(0)], text)


def western_years(text: str) -> str:
    """The text with each year written as its western year (「令和7年度まで」 → 「2025年度まで」), so that
    two spellings of one year compare equal."""

    def western(match: re.Match[str]) -> str:
        return f"{min(years_in(match.group(0)))}年"

    return YEAR.sub(western, text)


# What is not (yet) done. The documents write it as 未X (未導入団体, 未整備は192団体, 未登録の自治体) or with a
# negated verb (「外部デジタル人材の活用はしていない」「設置しておらず」「記載の無い研修」); staff type it as a
# negated verb before what it qualifies (「テレワーク入れてない市区町村」「まだ作ってない団体」「カード持ってない人」).
# Both read as NOT_DONE, the token the tokenizer keeps of 未導入, so the question meets the documents' wording.
NOT_DONE = "未"
# A noun qualified by a negated predicate (「入れてない団体」 is a 未導入団体). A negation that ends a clause
# (「うちまだ作ってない。」「何か書いてないですかね」) or makes an obligation (「しないと」) qualifies nothing.
_NEGATED_NOUN = re.compile(r"(?<=[ぁ-ん])(?:てい|でい|て|で)?な(?:い|かった)(?=[一-龥ァ-ヶ]|とこ|ところ|ひと)")
# A text that says something is not: 未X (not 未満, 未来, 未だ), a negated verb or adjective, 無い/なし, 〜ず.
# 「しなければならない」「しないといけない」 oblige; 少ない and 必ず are no negation.
_NEGATION = re.compile(
    r"未(?![満来だ])[一-龥]|無い|無し|なし|ません"
    r"|(?<=[ぁ-ん])(?<!なければなら)(?<!なくてはなら)(?<!といけ)な(?:い|く|かっ)(?!ければ|くては|と)"
    r"|(?<=[さかがたならわせれけえてべ])ず(?![つれ])"
)


def qualifies_by_negation(text: str) -> bool:
    """Whether the text names a thing by what is not done to it (「テレワーク入れてない市区町村」)."""
    return bool(_NEGATED_NOUN.search(text))


def negates(text: str) -> bool:
    """Whether the text says something is not, or not yet, done (_NEGATION)."""
    return bool(_NEGATION.search(text))


def negations_at(text: str) -> list[int]:
    """Where the text says something is not done (the start of each _NEGATION)."""
    return [m.start() for m in _NEGATION.finditer(text)]


# 「令和4年9月2日」 (元年 = the first year): groups era, year, month, day.
JP_DATE = re.compile(r"(令和|平成)\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")

PREFECTURES = (
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 新潟県 富山県 "
    "石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 "
    "岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県"
).split()
# A question naming the document it means: 「2020年の資料で」「長野県の資料だと」「手順書に載ってた？」
# 「手順書でいう」「手順書の数字で」「長野の資料の…一覧」. The qualifier is a year, a prefecture (or its
# short name), the publisher 総務省, or which of them by date (「最新の資料」「今の資料」, naming no one
# document: the newest on a topic differs by topic); the noun a kind of document; what follows says the document is
# where to look. Groups: qualifier, noun. assistant/documents.py finds the documents meant.
# (「2024年8月版」「最新版」「最新のやつ」: a version of a document, named by its qualifier alone)
DOC_NOUNS = ("説明会資料", "説明資料", "資料", "スライド", "手順書", "通知", "版", "やつ")
# 「最新の資料」「最近のやつ」: a document named by its date alone (which one is the newest depends on the topic)
DOC_BY_DATE = ("最新", "最近", "今", "新しい", "直近", "古い")
_DOC_QUALIFIER = (
    rf"(?:{ERA}\s?(?:\d{{1,2}}|元)|20\d{{2}}|19\d{{2}})\s?(?:年度?)?(?:\d{{1,2}}月)?(?:頃|ごろ)?|総務省|国|"
    + "|".join(DOC_BY_DATE)
    + "|"
    + "|".join(sorted({*PREFECTURES, *(p[:-1] for p in PREFECTURES if p[-1] in "県府都")}, key=len, reverse=True))
)
DOC_NAME = re.compile(rf"(?:(?P<qualifier>{_DOC_QUALIFIER})の?)?(?P<noun>{'|'.join(DOC_NOUNS)})")
_ANOTHER_DOC = rf"(?:(?:{_DOC_QUALIFIER})の?)?(?:{'|'.join(DOC_NOUNS)})"
# 「手順書と2024年の資料で」 names two documents: the first ends in と before the second.
DOC_REFERENCE = re.compile(
    DOC_NAME.pattern + r"(?:の(?:数字|数値|表|文言|記載|中|方|段階|時点|頃)(?:で|だと|では)?|"
    r"の(?=[^、。?？]{2})|で(?:は|いう|言う)?|だと|では|には|"
    # 「…の資料に出てくる「1人情シス」」「長野県の資料にある人材像」: the verb that places a noun in the
    # document goes with it (before a predicate, 「手順書に書いてある？」, it is the question's own)
    r"に(?:載って(?:い)?る|載ってた|書いて(?:ある|あった|る|た)|出て(?:く|き)?(?:る|た)|ある|あった)"
    r"(?=[「『一-龥ァ-ヶーA-Za-z0-9])|"
    rf"に(?=載|書|あ|出|記)|によると|によれば|的には|上は|から|と(?={_ANOTHER_DOC}))"
)


def doc_references(text: str) -> list[re.Match[str]]:
    """The spans of `text` that name a document (DOC_REFERENCE)."""
    return [m for m in DOC_REFERENCE.finditer(text) if _names_one(m)]


def names_document(text: str) -> bool:
    """Whether a text names a document (DOC_NAME) whatever follows it: 「2024の資料」「最新のやつ」."""
    match = DOC_NAME.search(text)
    return bool(match) and _names_one(match)


def _names_one(match: re.Match[str]) -> bool:
    """A bare 「資料」「スライド」 names no document (「研修資料に載せたい」 is the asker's own material);
    「手順書」 or a qualified 「…の資料」 does."""
    return bool(match.group("qualifier") or match.group("noun") == "手順書")


# A municipality's name as the documents write it: kanji, kana or katakana before 市町村区.
MUNICIPALITY = r"(?:[一-龥ヶ]{1,5}|[ぁ-ん]{2,5}|[ァ-ヶー]{2,6})[市町村区]"
# A line that only names where (「(長野県伊那市)」「(北海道蘭越町・ニセコ町・倶知安町)」): on slides the
# place of a case stands on its own line under the case's caption.
# A slide's note of when something happens, under the item it is about: 「【令和2年12月~令和3年3月:約8,000万枚
# 配布予定】」 under the QR申請書 bullet, 「【R6当初:0.8億円(継続)】」 under its programme (who does it may
# follow: 「…】※内閣府実施」). It is not a label of what follows.
DATED_NOTE = re.compile(r"^【(?:令和|平成|[RH]\d|\d{1,2}月)[^】]*[:：][^】]*】(?:※\S*)?$")
PLACE_NOTE = re.compile(
    rf"^[(（](?:(?:{'|'.join(PREFECTURES)})(?:{MUNICIPALITY})?|{MUNICIPALITY})(?:[・、]{MUNICIPALITY})*[)）]$"
)

# 政令指定都市 are usually written without their prefecture (「神戸市では」).
DESIGNATED_CITIES = {
    "札幌市": "北海道",
    "仙台市": "宮城県",
    "さいたま市": "埼玉県",
    "千葉市": "千葉県",
    "横浜市": "神奈川県",
    "川崎市": "神奈川県",
    "相模原市": "神奈川県",
    "新潟市": "新潟県",
    "静岡市": "静岡県",
    "浜松市": "静岡県",
    "名古屋市": "愛知県",
    "京都市": "京都府",
    "大阪市": "大阪府",
    "堺市": "大阪府",
    "神戸市": "兵庫県",
    "岡山市": "岡山県",
    "広島市": "広島県",
    "北九州市": "福岡県",
    "福岡市": "福岡県",
    "熊本市": "熊本県",
}
# Municipalities whose names are written in kana, which no kanji pattern finds when a question names
# them without their prefecture (「つくば市の研修は？」); 政令指定都市 are above.
KANA_MUNICIPALITIES = (
    "むつ市", "つがる市", "にかほ市", "いわき市", "ひたちなか市", "つくば市", "かすみがうら市",
    "つくばみらい市", "さくら市", "みどり市", "ふじみ野市", "いすみ市", "あきる野市", "南アルプス市",
    "かほく市", "あわら市", "いなべ市", "あま市", "みよし市", "たつの市", "南あわじ市", "さぬき市",
    "東かがわ市", "うきは市", "みやま市", "えびの市", "いちき串木野市", "南さつま市",
    "むかわ町", "えりも町", "せたな町", "新ひだか町", "おいらせ町", "みなかみ町", "ときがわ町",
    "かつらぎ町", "みなべ町", "すさみ町", "つるぎ町", "いの町", "みやき町", "あさぎり町", "さつま町",
)  # fmt: skip
THEMES = {
    "推進体制": r"推進体制|体制|担当課|担当部門|推進担当|CIO|PMO|推進本部|組織",
    "人材育成": r"育成|人事戦略|スキル|リーダー|チャレンジャー",
    "研修": r"研修|セミナー|勉強会|カリキュラム",
    "外部人材": r"外部人材|外部デジタル人材|CIO補佐官|派遣|兼業|副業|複業"
    r"|アドバイザー|パートナー|委嘱|民間|専門官|企業",
    "人材シェアリング": r"シェアリング|シェア|共同で確保|人材を採用・育成する枠組み",
    "市町村支援": r"市町村支援|市町村DX支援|市町をサポート|県と(県内)?(\d+)?市町|協働|伴走支援",
    "標準化・共同化": r"標準化|共同化|共同調達",
    "オンライン化": r"オンライン|電子申請|マイナンバー|申告|キャッシュレス",
    "業務改革": r"RPA|AI|OCR|BPR|自動化|業務改革|テレワーク|削減",
    "機運醸成": r"宣言|憲章|機運|認識共有|ビジョン",
    "地域社会のデジタル化": r"ドローン|診療|自動運転|観光|チャットボット|防災|データドリブン|地域社会",
}
REGIONAL = "広域連携"  # both a kind of body (several municipalities together) and a theme
KINDS = ("都道府県", "市", "町", "村", REGIONAL)
