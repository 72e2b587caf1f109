"""Japanese text normalization shared by documents and questions.

Extraction leaves NFKC-unstable characters (Kangxi radicals such as U+2F45 ⽅ for 方,
full-width digits), stray spaces between Japanese and Latin text (「自治体 DX」), Markdown
and HTML debris (`**`, `<u>`), and lines broken mid-sentence by the page width.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from core.japanese import BULLETS, FOOTNOTE, ITEM_NUMBER
from ingest.models import Line, Page

# Circled numbers name 参考 boxes and steps (【参考 4.4-⑩】, ①②③); NFKC would turn ⑩ into
# "10" and lose that, so they are kept as written.
KEEP_AS_IS = "".join(chr(c) for c in range(0x2460, 0x2474))
_NFKC_RUNS = re.compile(f"[^{KEEP_AS_IS}]+")

_CJK_CLASS = "\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef々〆〇"
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_FOOTNOTE_AT_START = re.compile(r"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*")
_SUPERSCRIPT_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
# C0 controls other than tab/newline: some PDF text layers map glyphs to "\x00外\x00部".
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# 「ステップ^o（自治体DX全体手順書）」: a symbol the renderer wrote as caret + letter.
_CARET_DEBRIS = re.compile(r"\^[a-z](?![a-z])")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# `**bold**` from extraction, including a lone `*` left where a line break split the pair.
_BOLD = re.compile(rf"\*\*|__|\*(?=[「『{_CJK_CLASS}])|(?<=[」』{_CJK_CLASS}])\*")
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK_CLASS}])[ \t]+|[ \t]+(?=[{_CJK_CLASS}])")
_SPACES = re.compile(r"[ \t\u00a0]+")
# Outline numbers keep one space before their title: 「4.4 外部人材の活用」, 「(5) 外部人材の…」.
_OUTLINE_NUMBER = re.compile(r"^([1-9]\d?\.\d{1,2}(?=[^\d.\-])|\d{1,2}\.(?=[^\d])|\(\d{1,2}\)(?=\S))\s*")

# A new logical line starts with one of these, so it is never glued to the line before.
_ITEM_START = re.compile(
    rf"^\s*(?:[-{BULLETS}{FOOTNOTE}]|{ITEM_NUMBER}|\d{{1,2}}\.\d{{1,2}}\s"
    r"|【|<|＜|〈|事例\s*[:：]|\||[ア-ン][.)）]\s)"
)
_SENTENCE_END = re.compile(r"[。．！？!?]$")
# A line ending in a closing bracket ends a unit (a source note, a title's qualifier) unless the
# next line carries on the sentence with a particle or punctuation.
_CLOSED = re.compile(r"[)）」】]$")
_CARRIES_ON = re.compile(r"^\s*[をがのにはでとへもや、。,.]")
# Heading shapes that always start a line of their own, however full the line before them was:
# 「…について」, a numbered case title ending in its place 「4 DXを…構築【広島県】」.
_HEADING_LINE = re.compile(r"^[^。、]{4,70}について$|^\d{1,2}\s?[^\s。]{4,80}【[^】]{2,12}】(参考資料)?$")
# Marks that extraction moves into the first word of an item: 「IPA② が」 for 「② IPAが」,
# 「DX① アドバイザー」, 「DX✓ とは」. They go back in front, apart from the word.
_MARK_IN_WORD = re.compile(r"^(・?)([A-Za-z]{1,6})\s*([①-⑳✓◆➡])\s*")
# Numbered footnotes whose ※ slipped behind the number or first word: 「2 1※ 団体において」,
# 「1 CIO※ 補佐官等とは」, 「3 ※ 措置率」 are notes ※2, ※1, ※3.
_FOOTNOTE_NUMBER = re.compile(r"^(\d{1,2})\s+([0-9A-Za-z]{0,6})\s*※\s*")
_NOTE_LINE = re.compile(r"^\(注\d{1,3}\)")
# A line drawn at least this share of the widest lines was wrapped by the page, not by the author.
WRAP_RATIO = 0.82


def normalize(text: str) -> str:
    """Normalize one line (or a question) for display, quoting and indexing alike."""
    text = strip_controls(text)
    text = _FOOTNOTE_AT_START.sub(lambda m: f"(注{m.group(1).translate(_SUPERSCRIPT_DIGITS)})", text)
    text = _SUPERSCRIPT_RUN.sub("", text)
    text = _HTML_TAG.sub(" ", text)
    text = _CARET_DEBRIS.sub("", text)
    text = _BOLD.sub("", text)
    text = _NFKC_RUNS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = _tidy_list_marker(_SPACES.sub(" ", text).strip())
    text = _marks_out_of_words(text)
    text = _SPACE_NEAR_CJK.sub("", text)
    return _OUTLINE_NUMBER.sub(r"\1 ", text)


def _marks_out_of_words(text: str) -> str:
    """「・IPA②が実施する」 -> 「・②IPAが実施する」, 「2 1※団体」 -> 「※2 1団体」: a mark is not part of a word."""
    text = _MARK_IN_WORD.sub(lambda m: f"{m.group(1)}{m.group(3)}{m.group(2)}", text)
    return _FOOTNOTE_NUMBER.sub(lambda m: f"※{m.group(1)} {m.group(2)}", text)


def _tidy_list_marker(text: str) -> str:
    """`- ・ 項目` and `- 項目` (Markdown bullets from extraction) both become `・項目`."""
    text = re.sub(r"^-\s*・\s*", "・", text)
    text = re.sub(r"^[-*]\s+(?!\|)", "・", text)
    return re.sub(r"^・\s+", "・", text)


def compact(text: str) -> str:
    """Normalized text without any whitespace: the form in which quotes and phrases are compared."""
    return re.sub(r"\s+", "", normalize(text))


def strip_controls(text: str) -> str:
    """Remove control characters that extraction leaves between glyphs."""
    return _CONTROL.sub("", text)


def display_width(text: str) -> int:
    """Width in half-width cells: the unit in which a page's line length is bounded."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap_width(pages: Iterable[Page]) -> int:
    """The width at which this document's renderer wrapped lines (95th percentile of line widths)."""
    widths = sorted(display_width(line.rstrip()) for page in pages for line in strip_controls(page.text).split("\n"))
    if not widths:
        return 0
    return widths[int(len(widths) * 0.95) - 1 if len(widths) > 1 else 0]


def logical_lines(pages: list[Page], tables: bool = False) -> list[Line]:
    """Join lines the page width broke, keep authored breaks (list items, table rows) apart.

    A raw line is glued to the next when it ran to the page width (the renderer wrapped it)
    or when it is a table row missing its closing `|`; the next line must not itself start
    a list item, heading or row. Pages are crossed the same way, so a paragraph that runs
    over a page break stays whole and is cited by the page it starts on.

    With `tables` (slide decks: landscape pages of text boxes and tables), lines whose cells
    the PDF separates by spaces become `a | b | c` rows. Manuals are left alone: in the
    shipped 手順書 the same test split wrapped headings (「【参考 4.4-⑩】CIO 補佐官…」).
    """
    limit = wrap_width(pages) * WRAP_RATIO
    lines: list[Line] = []
    pending, pending_page, glue = "", 0, False
    for page in pages:
        raws = [raw for raw in strip_controls(page.text).split("\n") if raw.strip() or tables]
        for raw, row in zip(raws, _cell_rows(raws) if tables else [False] * len(raws)):
            if not raw.strip():  # slides: an empty line between text boxes ends a paragraph
                glue = False
                continue
            if row:
                _flush(pending, pending_page, lines)
                _flush("| " + " | ".join(_cells(raw)) + " |", page.number, lines)
                pending, glue = "", False
                continue
            if pending and glue and not _starts_line(raw, pending):
                pending += raw.rstrip()
            else:
                _flush(pending, pending_page, lines)
                pending, pending_page = raw.rstrip(), page.number
            glue = _continues(raw, limit)
    _flush(pending, pending_page, lines)
    return _rejoin_around_notes(lines)


def _starts_line(raw: str, pending: str) -> bool:
    """Whether `raw` begins a line of its own although the line before ran to the page width."""
    if _ITEM_START.match(raw) or _HEADING_LINE.match(normalize(raw)) or _HEADING_LINE.match(normalize(pending)):
        return True
    return bool(_CLOSED.search(pending.rstrip()) and not _CARRIES_ON.match(raw))


def _rejoin_around_notes(lines: list[Line]) -> list[Line]:
    """A sentence cut by the footnotes at a page's foot (「…設ける場合、企」 (注8)… 「画又は…」)
    is joined to its continuation; the notes follow it as lines of their own."""
    out = list(lines)
    i = 0
    while i < len(out) - 2:
        j = i + 1
        while j < len(out) and _NOTE_LINE.match(out[j].text):
            j += 1
        cut = j > i + 1 and j < len(out) and not _SENTENCE_END.search(out[i].text) and not _CLOSED.search(out[i].text)
        if cut and not _ITEM_START.match(out[j].text) and not _NOTE_LINE.match(out[i].text):
            out[i] = Line(text=out[i].text + out[j].text, page=out[i].page)
            del out[j]
        i += 1
    return out


# Cells of a table row drawn by Word/PowerPoint/fpdf come out as one line with a space between
# cells (「任用経費 報酬・委託料 0.7 100万円」). Rows are lines of ≥3 such cells next to a line
# with as many, without sentence punctuation: prose wrapped around 「令和 4 年」 is not a table.
MIN_CELLS = 3


_PROSE = re.compile(r"[、。「」]")  # sentences (and lines wrapped out of one) are not table rows
_PARTICLE_START = re.compile(r"^[をがのにはでとへもや、。]")
_ONE_CJK = re.compile(rf"^[{_CJK_CLASS}]$")


def _cells(raw: str) -> list[str]:
    """Space-separated cells, except where the space is typesetting inside prose: 「第 1 条」 and
    「参考 3-② を参考として」 stay one cell (a lone character or a particle joins its neighbour)."""
    cells: list[str] = []
    for token in re.split(r"[ \t\u3000]+", raw.strip()):
        if cells and token and (_PARTICLE_START.match(token) or _ONE_CJK.match(token) or _ONE_CJK.match(cells[-1])):
            cells[-1] += token
        elif token:
            cells.append(token)
    return cells


def _cell_rows(raws: list[str]) -> list[bool]:
    """Which lines are table rows: ≥3 space-separated cells, next to a line with as many cells."""
    counts = [len(_cells(raw)) if not (_ITEM_START.match(raw) or _PROSE.search(raw)) else 0 for raw in raws]

    def row(i: int) -> bool:
        same = [j for j in (i - 1, i + 1) if 0 <= j < len(counts) and counts[j] == counts[i]]
        return counts[i] >= MIN_CELLS and bool(same) and all(re.search(rf"[{_CJK_CLASS}]", cell) or re.search(r"\d", cell) for cell in _cells(raws[i]))

    return [row(i) for i in range(len(raws))]


def _continues(raw: str, limit: float) -> bool:
    stripped = raw.strip()
    if stripped.startswith("|") and not stripped.endswith("|"):
        return True
    return display_width(raw.rstrip()) >= limit and not _SENTENCE_END.search(stripped)


def _flush(text: str, page: int, lines: list[Line]) -> None:
    text = normalize(text)
    if text and not _is_debris(text):
        lines.append(Line(text=_table_row(text), page=page))


def _is_debris(text: str) -> bool:
    """Markdown table rules (`|---|---|`), empty header rows and lone markers carry no text."""
    return not re.search(rf"[{_CJK_CLASS}A-Za-z0-9]", text)


def _table_row(text: str) -> str:
    """`| a | b |` -> `a | b`: one row per line, cells kept apart for BM25 and quoting."""
    if not text.startswith("|") and not text.startswith("・|"):
        return text
    cells = [c.strip() for c in text.lstrip("・").strip("|").split("|")]
    return " | ".join(c for c in cells if c)
