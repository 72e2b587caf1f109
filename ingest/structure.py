"""Section paths: which chapter, section, 参考 box, 事例 or slide each line belongs to.

The 手順書 numbers its outline (`4.`, `4.4`, `(5)`), but 参考 boxes restart their own
numbering (`1. 応募条件等`, `(1) 専門性`) inside. When the document has a table of
contents, an outline heading is accepted only when it is the next entry of that table
(number and title alike); without one, only when it continues the outline's sequence
(chapter 5 after 4, section 4.5 after 4.4, (6) after (5)). Anything else is text of the
current box. Lines of the table of contents are grouped under 目次 and never open sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ingest.models import Block, Line

_CHAPTER = re.compile(r"^([1-9]\d?)\. (\S.{0,40})$")
_SECTION = re.compile(r"^([1-9]\d?)\.(\d{1,2}) (\S.{0,40})$")
_SUBSECTION = re.compile(r"^\((\d{1,2})\) (\S.{0,40})$")
_REFERENCE_BOX = re.compile(r"^【参考\s*[^】]{1,20}】.{0,60}$")
_CASE_STUDY = re.compile(r"^事例\s*[:：].{1,80}$")
_TOC_ENTRY = re.compile(r"(\.{2,}\s*\d{1,3}|\D\s?\d{1,3})$")
_NOT_A_TITLE_END = re.compile(r"[。、,:：;]$")
_TITLE_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_TOC_PAGE = re.compile(r"(\.{2,})?\s*\d{1,3}$")
TOC_TITLE = "目次"
MAX_STRAY_OUTLINE_GAP = 2
# How alike a heading and its table-of-contents entry must be (they differ in 受け入れ/受入れ…).
TOC_MATCH_RATIO = 0.75


@dataclass
class _Outline:
    """Where we are in the numbered outline, plus the open box (参考/事例) and slide title."""

    chapter: int = 0
    section: int = 0
    subsection: int = 0
    titles: list[str] = field(default_factory=lambda: ["", "", ""])
    box: str = ""
    slide: str = ""
    toc: list[str] = field(default_factory=list)
    toc_next: int = 0

    def path(self) -> tuple[str, ...]:
        parts = [self.slide, *self.titles, self.box]
        return tuple(p for p in parts if p)

    def accept(self, text: str) -> bool:
        """Advance the outline if `text` is its next heading; say whether it was."""
        if self.toc:
            return self._from_toc(text)
        return self._chapter(text) or self._section(text) or self._subsection(text)

    def _from_toc(self, text: str) -> bool:
        if self.toc_next >= len(self.toc) or not _similar(text, self.toc[self.toc_next]):
            return False
        self.toc_next += 1
        if _CHAPTER.match(text):
            self.chapter, self.titles = int(_CHAPTER.match(text).group(1)), [text, "", ""]
        elif _SECTION.match(text):
            self.titles = [self.titles[0], text, ""]
        else:
            self.titles = [self.titles[0], self.titles[1], text]
        self.box = ""
        return True

    def _chapter(self, text: str) -> bool:
        match = _CHAPTER.match(text)
        if not match or int(match.group(1)) != self.chapter + 1:
            return False
        self.chapter, self.section, self.subsection = int(match.group(1)), 0, 0
        self.titles, self.box = [text, "", ""], ""
        return True

    def _section(self, text: str) -> bool:
        match = _SECTION.match(text)
        if not match:
            return False
        major, minor = int(match.group(1)), int(match.group(2))
        if major != self.chapter or not 0 < minor - self.section <= MAX_STRAY_OUTLINE_GAP:
            return False
        self.section, self.subsection = minor, 0
        self.titles, self.box = [self.titles[0], text, ""], ""
        return True

    def _subsection(self, text: str) -> bool:
        match = _SUBSECTION.match(text)
        if not match or not self.chapter or int(match.group(1)) != self.subsection + 1:
            return False
        self.subsection = int(match.group(1))
        self.titles, self.box = [self.titles[0], self.titles[1], text], ""
        return True


def is_toc_entry(text: str) -> bool:
    """`4.4 外部人材の活用30`, `(2) 部門間の連携..... 20`: an outline title ending in its page number."""
    return bool((_CHAPTER.match(text) or _SECTION.match(text) or _SUBSECTION.match(text)) and _TOC_ENTRY.search(text))


def _similar(heading: str, toc_title: str) -> bool:
    if heading.split(" ", 1)[0] != toc_title.split(" ", 1)[0]:
        return False
    return SequenceMatcher(None, heading, toc_title).ratio() >= TOC_MATCH_RATIO


def table_of_contents(lines: list[Line]) -> list[str]:
    """Titles of the table-of-contents entries at the start of a document, page numbers removed."""
    titles: list[str] = []
    for line in lines:
        if is_toc_entry(line.text):
            titles.append(_TOC_PAGE.sub("", line.text).strip())
        elif titles and _similar(line.text, titles[0]):
            break
    return titles


# Slide decks keep no font sizes, so a slide's title is recognised by its shape and place:
# 「…について」 and numbered case titles 「4 DXを…構築【広島県】」 always open a slide; so do
# 「◆…」 titles, a 「➤」 lead line that follows no title, and any short standalone line followed
# by the slide's body. Values (「令和7年度まで(…)」「R5 43団体→…」), source notes, population
# boxes (【参考情報】神戸市人口:…) and table headers never do. Generic words such as 概要, 実績,
# ■/<…>/【…】 labels head boxes inside the open slide instead.
_STRONG_TITLE = re.compile(
    r"^[^。、・]{4,70}について$|^\d{1,2}\s?[^\s。]{4,80}【[^】]{2,12}】(参考資料)?$|^◆[^。]{6,60}$"
    r"|^[^。]{8,90}【(拡充|延長|継続|新規)】$|^\(参考\)[^。、]{4,30}$"
)
_LEAD = re.compile(r"^➤")
_NUMBERED = re.compile(r"^(\d{1,2}\.\s|\(\d{1,2}\))")  # 「1. 新たな指針について」: the outline inside a slide
_FISCAL_YEAR_TITLE = re.compile(r"^令和\d{1,2}年度[^。、]{10,60}事業$")  # 「令和6年度…確保支援事業」
# Lines shorter than this are box labels (「フロントヤード改革」「総務省による取組支援」) unless their
# shape says title; sentences and clauses (「…はしていない」「を中心に取り組む」) never are.
MIN_SHAPE_TITLE = 11
_STATEMENT = re.compile(r"、|^[をがのにはでとへもや約]|(ない|いる|する|多い|ある)$")
_VALUE = re.compile(
    r"^(令和|平成|[RH]\d|~|〜|\d|[(（](?!参考)|※|出典|関連URL|開催地|目的|対象者|期間|受講者)|まで[(（]|人口\s*[:：]|→"
    r"|[:：]\s*\S|%|万円|億円|団体[)）]?$|件$|名$|【参考情報】"
)
# Column headers of a table run their short headings together: 「対象経費措置額対象経費の上限額対象期間」.
_TABLE_HEADER = re.compile(r"(対象経費|措置額|上限額|対象期間|対象団体|具体例|実績|内容|概要|日程|対象者|役割).*(対象経費|措置額|上限額|対象期間|具体例|実績|内容|概要|日程|人数|役割)$|上限額$|^(制度|人材像|類型|年度|研修名)")
_BOX_WORD = re.compile(
    r"^(事業の?概要|概要|実績|目標|現状|留意点|背景・課題(意識)?|ポイント|類型と実績|研修計画|事業効果|研修内容|カリキュラム"
    r"|構成と目次|目指すべき姿|人材育成の方向性|DX推進体制(イメージ)?|特別交付税措置の概要|市町村支援業務の想定事例|取組措置内容"
    r"|派遣の仕組み|派遣団体数|想定する機能|推進体制|取り組むこと|重点取組事項|人材プール|素案|趣旨|市町村の声)$"
)
_BOX_LABEL = re.compile(r"^(■|<|＜|〈|【(?!参考情報)|《)")
_BODY_START = ("・", "○", "●", "■", "◆", "<", "＜", "【", "✓", "➤", "①", "1.", "(1)")


def is_slide_title(text: str, previous: str, following: str, title_open: bool) -> bool:
    """Whether `text` opens a new slide (see the rules above); `title_open` says the line before
    was itself a slide title, so a lead line 「➤…」 right under it belongs to that slide."""
    if _LEAD.match(text):
        return not title_open and 10 <= len(text) <= 120
    if _STRONG_TITLE.match(text) and not _NUMBERED.match(text) and not (text[0] == "◆" and _VALUE.search(text[1:])):
        return True
    if _FISCAL_YEAR_TITLE.match(text):
        return True
    if not MIN_SHAPE_TITLE <= len(text) <= 60 or _STATEMENT.search(text) or text.count("(") < text.count(")") or _NOT_A_TITLE_END.search(text) or not _TITLE_CHARS.search(text) or "|" in text:
        return False
    if text[0] in "・-○●■□◆◇※<＜〈|【➡⇒→✓①②③④⑤⑥⑦⑧⑨⑩" or "。" in text:
        return False
    if _VALUE.search(text) or _TABLE_HEADER.search(text) or _BOX_WORD.match(text):
        return False
    body = following.startswith(_BODY_START) or len(following) > len(text) + 20 or bool(re.match(r"^R\d", following))
    return body and not following.startswith(("※", "(※", "出典"))


def is_box_label(text: str) -> bool:
    """A label of a box or table inside a slide: 「■対象経費」「<議論のポイント①>」「概要」「【拡充】」."""
    if _VALUE.search(text) and not _BOX_LABEL.match(text):
        return False
    return len(text) <= 40 and bool(_BOX_LABEL.match(text) or _BOX_WORD.match(text)) and "【参考情報】" not in text


def section_blocks(lines: list[Line], slides: bool) -> list[Block]:
    """Group lines into blocks of one section path each, in document order.

    Headings open their block and stay its first line, so each chunk of a section can say
    what it is about in its own text.
    """
    outline = _Outline(toc=table_of_contents(lines))
    if slides and lines:
        outline.slide = lines[0].text  # the deck's title page, until the first slide title
    blocks: list[Block] = []
    current: list[Line] = []
    current_path: tuple[str, ...] = ()
    for i, line in enumerate(lines):
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        path = _advance(outline, line.text, following, slides, title_open=bool(current) and current[-1].text == outline.slide)
        if path != current_path and current:
            blocks.append(Block(section_path=current_path, lines=tuple(current)))
            current = []
        current_path = path
        current.append(line)
    if current:
        blocks.append(Block(section_path=current_path, lines=tuple(current)))
    return blocks


def _advance(outline: _Outline, text: str, following: str, slides: bool, title_open: bool = False) -> tuple[str, ...]:
    """Update the outline for one line and return the path that line belongs to."""
    if is_toc_entry(text) and not outline.titles[0]:
        return (TOC_TITLE,)
    if slides and is_slide_title(text, "", following, title_open):
        outline.slide, outline.box = text, ""
        outline.chapter, outline.section, outline.subsection = 0, 0, 0
        outline.titles = ["", "", ""]
        return outline.path()
    if outline.accept(text):
        return outline.path()
    if _REFERENCE_BOX.match(text) or _CASE_STUDY.match(text) or (slides and is_box_label(text)):
        outline.box = text
    return outline.path()
