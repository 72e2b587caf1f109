"""Slide titles found in the text of a slide deck, as a reader finds them.

Slide decks extracted to text keep no font sizes, and the shipped renderings put several
slides on a page, so a slide's start is recognised by the shape and place of its title line:
  - 「…について」, a numbered case title 「4 DXを…構築【広島県】」, 「◆…」 and 「(参考)…」 titles,
    「…【拡充】」 programme titles and 「令和6年度…事業」 always open a slide;
  - a lead line 「➤…」 opens one when no title came just before it (a case slide without title);
  - any other standalone heading-shaped line followed by the slide's body opens one;
  - a title right after a divider title (「テレワークについて」 then 「地方公共団体における
    テレワーク取組状況」) replaces it, unless it only repeats it (「別紙5…」「RPAの分野別導入状況」).
Values (「令和7年度まで(…)」「R5 43団体→…」), source notes, population boxes
(【参考情報】神戸市人口:…), table headers and sentences never open a slide. Generic words
(概要, 実績, ステップ1…) and ■/<…>/【…】 labels head boxes inside the open slide.
"""

from __future__ import annotations

import re

from core.japanese import BULLETS, CIRCLED_NUMBERS, FOOTNOTE

_STRONG = re.compile(
    r"^[^。、・※〔]{4,70}について$|^\d{1,2}\s?[^\s。]{4,80}【[^】]{2,12}】(参考資料)?$|^◆[^。]{6,60}$"
    r"|^[^。、]{4,40}\d{4}年\s?→\s?\d{4}年$|^[^。]{8,90}【(拡充|延長|継続|新規)】$|^\(参考\)[^。、]{4,30}$|^令和\d{1,2}年度[^。、]{10,60}事業$"
)
_LEAD = re.compile(r"^➤")
# How many lines under a title a lead line 「➤…」 still belongs to it (a 「参考資料」 tag may come between).
LEAD_DISTANCE = 2
_NUMBERED = re.compile(r"^(\d{1,2}\.\s|\(\d{1,2}\))")  # 「1. 新たな指針について」: the outline inside a slide
# Heading-shaped lines shorter than this are box labels (「フロントヤード改革」「総務省による取組支援」),
# unless they end in a word that names a whole slide's subject.
MIN_SHAPE_TITLE = 14
MIN_NAMED_TITLE = 9
_SUBJECT_END = re.compile(r"(現状|課題|概要|方向性|制度|事業|措置|事例集|工程|必要性)$")
_SHORT_SUBJECT = re.compile(r"(措置|課題)$")  # 「地方財政措置」「長野県の課題」
DIVIDER_DISTANCE = 1
# A panel title is a short line: 「DX推進課の活用例」 (8 characters) up to a programme with its years.
MIN_PANEL = 6
MAX_PANEL = 50
# The boxes a panel opens with; a ■ label or a generic word (人材プール) follows table cells and figure
# items as often as panel titles (「株式会社日本総合研究所」 then 「■令和2年度派遣先」).
_PANEL_BOX = re.compile(r"^(<|＜|〈|(事業の?)?概要$|実績$)")
# A heading within this many lines of the title that shares a phrase this long with it is a part of its slide.
PART_DISTANCE = 8
SHARED_PHRASE = 8
_STATEMENT = re.compile(
    r"、.*、|^[^、]{0,8}、|[くぐすつぬぶむる]$|^[をがのにはでとへもや約ンッーァィゥェォャュョ]|^「[^」]*」$|(ない|いる|する|多い|ある|掲載|実施|策定|支援|配置|対象)$"
)
_VALUE = re.compile(
    r"^(令和|平成|[RH]\d|~|〜|\d|第\d|[(（](?!参考)|※|出典|関連URL|開催地|目的|対象者|期間|受講者)|まで[(（]|人口\s*[:：]"
    r"|[:：]\s*\S|\d\.\d|%|万円|億円|\d+団体|\d+名|\d年度$|\d件$|[~～〜][)）]$|●|^総務省|(部|局|室|課|グループ)$|【参考情報】|閣議決定[)）]$|[(（][^()（）]*(策定|改定)[^()（）]*[)）]$|[(（]\d{4}年[)）]$"
)
# Column headers of a table run their short headings together: 「対象経費措置額対象経費の上限額対象期間」.
_TABLE_HEADER = re.compile(
    r"(対象経費|措置額|上限額|対象期間|対象団体|具体例|実績|内容|概要|日程|対象者|役割).*(対象経費|措置額|上限額|対象期間|具体例|実績|内容|概要|日程|人数|役割)$"
    r"|上限額$|^(制度|人材像|類型|年度|研修名)|事業.+事業.+事業$"
)
_BOX_WORD = re.compile(
    r"^(事業の?概要|概要|実績|目標|現状|留意点|背景・課題(意識)?|ポイント|類型と実績|研修計画|事業効果|研修内容|カリキュラム"
    r"|構成と目次|目指すべき姿|人材育成の方向性|DX推進体制(イメージ)?|特別交付税措置の概要|市町村支援業務の想定事例|取組措置内容"
    r"|派遣の仕組み|派遣団体数|想定する機能|推進体制|取り組むこと|重点取組事項|人材プール|素案|趣旨|市町村の声)$|^ステップ\s?\d"
)
_BOX_LABEL = re.compile(r"^(■|<|＜|〈|〔|【(?!参考情報)|《|問[①-⑳])")  # 問③: a survey question
_DOCUMENT_NAME = re.compile(r"[(（][^()（）]*(策定|改定)[^()（）]*[)）]$")
_ENUMERATION = re.compile(r"^[アイウエオ](?=[^\sァ-ヶー])")  # 「ア都道府県と…」: item ア of a list
_INITIATIVE = re.compile(
    r"[(（](R|令和|H|平成)\s*\d{1,2}\s*年?度?\s*[~～〜]"
)  # 「長野県共創推進パートナー(R4~)」: a programme in a slide
_NOT_A_START = "-" + BULLETS + FOOTNOTE + CIRCLED_NUMBERS + "<＜〈〔|【⇒→"
_BODY_START = (*BULLETS, "<", "＜", "【", "①", "1.", "(1)")
_PARENTHESISED = re.compile(r"[(（][^()（）]*[)）]")
_TITLE_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def opens_slide(text: str, previous: str, following: str, title: str, since_title: int) -> bool:
    """Whether line `text` starts a new slide. `title` is the open slide's title and
    `since_title` how many lines of content ago it opened (0: the line before was the title)."""
    if _LEAD.match(text):
        return since_title > LEAD_DISTANCE and 10 <= len(text) <= 120
    if _repeats(text, title):
        return False
    if _STRONG.match(text) and not _NUMBERED.match(text) and not (text[0] == "◆" and _VALUE.search(text[1:])):
        return True
    if (
        since_title <= DIVIDER_DISTANCE
        and title.endswith("について")
        and _heading_shaped(text, 6)
        and not _INITIATIVE.search(text)
    ):
        return True  # a divider title 「テレワークについて」 gives way to the slide's own title
    if _INITIATIVE.search(text) or previous == "等" or _names_part_of(text, title, since_title):
        return False  # a programme (「…(R4~)」), a sibling box after a list 「…等」, or a part of the open slide
    return _heading_shaped(text, _min_chars(text)) and _has_body(text, following)


def opens_panel(text: str, following: str) -> bool:
    """Whether a line that opens no slide heads a panel of the open slide: a programme
    「長野県共創推進パートナー(R4~)」 or an example 「DX推進課の活用例」 whose boxes (概要, 実績,
    <活動内容>) follow. Its boxes' lines then name it in their section path, so 「延べ119人が応募」
    under 実績 is found as the partner programme's figure, not a stray count."""
    if len(text) > MAX_PANEL or "。" in text or text[0] in _NOT_A_START:
        return False
    if _INITIATIVE.search(text):
        return True
    return _heading_shaped(text, MIN_PANEL) and bool(_PANEL_BOX.match(following))


def is_value(text: str) -> bool:
    """A date, count, amount, source note or organisation line: never a title, and not the body
    that would close a title page (「総務省」「2024年8月23日(金)」)."""
    return bool(_VALUE.search(text)) or len(text) <= 12 and not _TITLE_CHARS.search(text)


def _min_chars(text: str) -> int:
    if _SHORT_SUBJECT.search(text):
        return 6
    return MIN_NAMED_TITLE if _SUBJECT_END.search(text) else MIN_SHAPE_TITLE


def is_box_label(text: str) -> bool:
    """A label of a box or table inside a slide: 「■対象経費」「<議論のポイント①>」「概要」「ステップ1…」."""
    if _VALUE.search(text) and not _BOX_LABEL.match(text):
        return False
    return len(text) <= 40 and bool(_BOX_LABEL.match(text) or _BOX_WORD.match(text))


def _heading_shaped(text: str, min_chars: int) -> bool:
    """A standalone line that could name a slide: no sentence, value, item mark, row or header."""
    if not min_chars <= len(text) <= 70 or not _TITLE_CHARS.search(text) or "|" in text or "。" in text:
        return False
    if (
        text[0] in _NOT_A_START
        or _NUMBERED.match(text)
        or _ENUMERATION.match(text)
        or text.count("(") < text.count(")")
    ):
        return False
    if _STATEMENT.search(_PARENTHESISED.sub("", text)) or text.endswith((":", "：", ",")):
        return False
    return not (_VALUE.search(text) or _TABLE_HEADER.search(text) or _BOX_WORD.match(text) or _BOX_LABEL.match(text))


def _has_body(text: str, following: str) -> bool:
    """The next line is the slide's body: an item, a box, or a paragraph longer than a title."""
    if following.startswith(("※", "(※", "出典")):
        return False
    if re.search(r"[(（]\d{4}年[)）]$", following):
        return True  # 「現在の姿(2020年)」: the first panel of the slide
    if _DOCUMENT_NAME.search(following):
        return True  # 「外部デジタル人材の確保ガイドブック(R6.5月策定)」 under the title of the slide
    if following in text and text[: text.index(following)][-1:] in _SUBTITLE_MARKS:
        # 「地方自治体のAIの導入状況~AIの機能別導入状況~」 then its subtitle; not a table row whose last
        # cell is repeated below it (「長野県 上田市東日本電信電話株式会社」 then 「東日本電信電話株式会社」:
        # the town's second partner, in the next row)
        return True
    return (
        following.startswith(_BODY_START)
        or len(following) > len(text) + 20
        or bool(re.match(r"^R\d", following))
        or is_box_label(following)
    )


# What sets a subtitle off inside a title (or nothing: the subtitle is the whole title repeated).
_SUBTITLE_MARKS = ("", "~", "〜", "～", "-", "－", "―", "(", "（", "「", ":", "：", " ")


def _names_part_of(text: str, title: str, since_title: int) -> bool:
    """「都道府県と市町村が連携した地域DX推進体制」 a few lines under 「地域DX推進体制の構築や…」:
    a heading whose head phrase (its end) is in the title just opened names a part of that slide."""
    return bool(title) and since_title <= PART_DISTANCE and len(text) > SHARED_PHRASE and text[-SHARED_PHRASE:] in title


def _repeats(text: str, title: str) -> bool:
    """「別紙5地方公共団体が…手続」 under 「地方公共団体が…手続」, or a subtitle inside the title."""
    return bool(title) and len(text) >= 6 and (title in text or text in title)
