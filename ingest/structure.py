"""Section paths: which chapter, section, 参考 box, 事例 or slide each line belongs to.

The 手順書 numbers its outline (`4.`, `4.4`, `(5)`), but 参考 boxes restart their own
numbering (`1. 応募条件等`, `(1) 専門性`) inside. When the document has a table of
contents, an outline heading is accepted only when it is the next entry of that table
(number and title alike); without one, only when it continues the outline's sequence
(chapter 5 after 4, section 4.5 after 4.4, (6) after (5)). Anything else is text of the
current box. Lines of the table of contents are grouped under 目次 and never open sections.

A manual's box has no end mark in the text (the PDF drew a frame), so the manual's own text
is recognised where it resumes: a paragraph opening with a connective (「また、」「さらに、」) that
no list item follows, a paragraph of sentences right after a table row, caption or source
line, or the manual's next circled sub-item (「②都道府県過疎地域等政策支援員…」 after ① was read
outside any box). Body text after a box is then filed under the section, not the box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from core.japanese import BULLETS, LIST_ITEM, TOC_TITLE, circled_number
from core.models import Block, Line
from core.text import has_letter_gap
from ingest.slides import is_box_label, is_value, opens_panel, opens_slide

_CHAPTER = re.compile(r"^([1-9]\d?)\. (\S.{0,40})$")
_SECTION = re.compile(r"^([1-9]\d?)\.(\d{1,2}) (\S.{0,40})$")
_SUBSECTION = re.compile(r"^\((\d{1,2})\) (\S.{0,40})$")
_REFERENCE_BOX = re.compile(r"^【参考\s*[^】]{1,20}】.{0,60}$")
_CASE_STUDY = re.compile(r"^事例\s*[:：].{1,80}$")
_TOC_ENTRY = re.compile(r"(\.{2,}\s*\d{1,3}|\D\s?\d{1,3})$")
_TOC_PAGE = re.compile(r"(\.{2,})?\s*\d{1,3}$")
MAX_STRAY_OUTLINE_GAP = 2
# A panel showing how the panel before it is used: 「DX推進課の活用例」 under 「長野県共創推進パートナー(R4~)」.
_EXAMPLE_PANEL = re.compile(r"の(?:活用|取組|導入)?例$")
# How the manual carries its own text on after a box: 「また、市区町村に対し、…」「さらに、」.
_CONNECTIVE = re.compile(r"^(?:また|さらに|このため|一方|併せて|加えて)、")
# The manual's circled sub-items of a subsection: 「①CIO補佐官等としての任用等に要する経費に対する特別交付税措置」.
_BODY_ITEM = re.compile(r"^([①-⑳])\s?[^\s。、]{2,40}$")
# A label inside a box: a bracketed name, a bullet, an item number (「1. 応募条件等」「b)入札制限」「1-1.」「第5章」).
_LABEL = re.compile(
    rf"^(?:[{BULLETS}\-※【<＜〈《(（]|\d{{1,2}}(?:-\d{{1,2}})*[.)]|[a-zア-ン□]\)|第\d{{1,2}}[章編条節])"
)
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
    panel: str = ""  # a programme or example inside a slide, between its title and its boxes
    example: str = ""  # an example of the panel's programme (「DX推進課の活用例」 under 「長野県共創推進パートナー」)
    since_slide: int = 0  # lines of content (not dates, counts, notes) read since the slide title
    toc: list[str] = field(default_factory=list)
    toc_next: int = 0
    item: tuple[tuple[str, ...], int] = ((), 0)  # the last circled sub-item read outside a box, and where

    def path(self) -> tuple[str, ...]:
        parts = [self.slide, *self.titles, self.panel, self.example, self.box]
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


def section_blocks(lines: list[Line], slides: bool) -> list[Block]:
    """Group lines into blocks of one section path each, in document order.

    Headings open their block and stay its first line, so each chunk of a section can say
    what it is about in its own text.
    """
    outline = _Outline(toc=table_of_contents(lines))
    if slides and lines:
        outline.slide = lines[0].text  # the deck's title page, until the first slide title
        outline.since_slide = -1
    blocks: list[Block] = []
    current: list[Line] = []
    current_path: tuple[str, ...] = ()
    for i, line in enumerate(lines):
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        previous = lines[i - 1].text if i else ""
        path = _advance(outline, line.text, previous, following, slides)
        if path != current_path and current and not (slides and _heading_alone(current, current_path)):
            blocks.append(Block(section_path=current_path, lines=tuple(current)))
            current = []
        current_path = path
        current.append(line)
    if current:
        blocks.append(Block(section_path=current_path, lines=tuple(current)))
    return blocks


def _heading_alone(current: list[Line], current_path: tuple[str, ...]) -> bool:
    """A slide's block holding nothing but its own heading (「DX推進リーダーの育成に係る主な研修」 right
    before its 「概要」 box, a divider 「テレワークについて」, a label right before another) joins the
    next block instead of becoming a chunk of one line; that block's path is the more specific one."""
    return len(current) == 1 and bool(current_path) and current[0].text == current_path[-1]


def _advance(outline: _Outline, text: str, previous: str, following: str, slides: bool) -> tuple[str, ...]:
    """Update the outline for one line and return the path that line belongs to."""
    if is_toc_entry(text) and not outline.titles[0]:
        return (TOC_TITLE,)
    outline.since_slide += 0 if slides and is_value(text) else 1
    if slides and opens_slide(text, previous, following, outline.slide, outline.since_slide - 1):
        outline.slide, outline.panel, outline.example, outline.box, outline.since_slide = text, "", "", "", 0
        outline.chapter, outline.section, outline.subsection = 0, 0, 0
        outline.titles = ["", "", ""]
        return outline.path()
    if outline.accept(text):
        return outline.path()
    if slides and opens_panel(text, following):
        if outline.panel and _EXAMPLE_PANEL.search(text):
            outline.example, outline.box = text, ""  # how the programme is used, not another programme
        else:
            outline.panel, outline.example, outline.box = text, "", ""
        return outline.path()
    if not slides:
        _close_box_where_body_resumes(outline, text, previous, following)
    if (
        (_REFERENCE_BOX.match(text) and not text.startswith("【参考情報】"))
        or _CASE_STUDY.match(text)
        or (slides and is_box_label(text))
    ):
        outline.box = text
    return outline.path()


def _close_box_where_body_resumes(outline: _Outline, text: str, previous: str, following: str) -> None:
    """Close the open box of a manual when `text` is the manual's own text again (see the module doc)."""
    item = _BODY_ITEM.match(text)
    number = circled_number(item.group(1)) if item else 0
    here = tuple(outline.titles)
    # a sub-item read outside a box, or the next one after it (which a box cannot hold)
    body_item = bool(number) and (not outline.box or outline.item == (here, number - 1))
    if outline.box and (body_item or _resumes_body(text, previous, following)):
        outline.box = ""
    if body_item:
        outline.item = (here, number)


def _resumes_body(text: str, previous: str, following: str) -> bool:
    """Whether a line inside a manual's box is the manual's prose again, not the box's content."""
    if _CONNECTIVE.match(text):
        # 「さらに、」 alone leads the manual's own list; 「また、国、…」 between two bullets is the box's
        return len(text) <= 5 or not (LIST_ITEM.match(following) or following.startswith("-"))
    sentences = text.endswith("。") and text.count("。") >= 2 and not has_letter_gap(text)  # no table row
    after_content = bool(previous) and not previous.endswith("。") and not _LABEL.match(previous)
    return sentences and not _LABEL.match(text) and after_content
