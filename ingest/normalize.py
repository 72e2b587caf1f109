"""Page text -> logical lines: wrapped lines rejoined, list items and headings kept apart, tables as rows.

Extraction breaks lines mid-sentence at the page width; this module puts the author's lines
back. The per-line text rules (NFKC, debris, spaces) are core/text.py, shared with questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.japanese import BULLETS, DATED_NOTE, FOOTNOTE, ITEM_NUMBER, NOTE_LINE, PLACE_NOTE
from core.models import Line, Page
from core.text import CJK_CLASS, display_width, normalize, strip_markup
from core.tokenize_ja import splits_word

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
# …nor does a field label that opens its paragraph and waits for its value on the next line
# (「<p>【派遣期間】」 / 「同一テーマについて年間最大5回」): cut there, the value lost the scheme it belongs to.
_LABEL_AWAITS = re.compile(r"(?:^|<p>|[。>]\s*)【[^】]{1,10}】$")
# A line that opens with a particle continues the line before it, however short that was: slide
# text boxes break 「②ヒアリング等を通じ市町村」 / 「の現状・課題を把握」. Words that open with the same
# kana (はじめに, について, でも, へき地, とりまとめ) are not particles; と, へ, も, や open too many words.
_PARTICLE_OPENS = re.compile(r"^\s*(?:[をがの、]|に(?!つ|おい|よ)|は(?!じめ)|で(?!も|き|は))")
# …and a line that ends in one (「…仕様書作成等を支援令和6年度は」 / 「長崎県を支援中!」) goes on in the next.
_PARTICLE_ENDS = re.compile(r"[一-龥ァ-ヶー0-9A-Za-z)）](?:は|が|を|に|の|と|で|も|へ|や)\s*$")
# Heading shapes that always start a line of their own, however full the line before them was:
# 「…について」, a numbered case title ending in its place 「4 DXを…構築【広島県】」.
_HEADING_LINE = re.compile(r"^[^。、]{4,70}について$|^\d{1,2}\s?[^\s。]{4,80}【[^】]{2,12}】(参考資料)?$")

# A table cell the page width broke between a label and its figure (「…※定員」 / 「200名（うちオンライン50名）」,
# 「5月30日～」 / 「6月1日（3日間）」): the figure goes on the label's line, however short that line ran.
_LABEL_BEFORE_FIGURE = re.compile(r"(?:定員|[～~〜])\s*$")
_FIGURE_START = re.compile(r"^\s*[0-9０-９]+(?:名|人|日|月|年|件|回|団体|時間)")

# A line drawn at least this share of the widest lines was wrapped by the page, not by the author.
WRAP_RATIO = 0.82


def wrap_width(pages: Iterable[Page]) -> int:
    """The width at which this document's renderer wrapped lines (95th percentile of line widths)."""
    widths = sorted(display_width(line.rstrip()) for page in pages for line in strip_markup(page.text).split("\n"))
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
        raws = [_note_in_its_gap(raw) for raw in strip_markup(page.text).split("\n") if raw.strip() or tables]
        rows = _cell_rows(raws) if tables else [False] * len(raws)
        for i, (raw, row) in enumerate(zip(raws, rows, strict=True)):
            if not raw.strip():  # slides: an empty line between text boxes ends a paragraph
                glue = False
                continue
            if pending and _heads_list(raw, pending, raws[i + 1 : i + 3]):
                _flush(pending, pending_page, lines)
                pending, pending_page, glue = raw.rstrip(), page.number, False
                continue
            if row:
                _flush(pending, pending_page, lines)
                _flush("| " + " | ".join(_cells(raw)) + " |", page.number, lines)
                pending, glue = "", False
                continue
            normal = normalize(raw)
            carries_on = (
                (_PARTICLE_OPENS.match(raw) or _PARTICLE_ENDS.search(pending) or _mid_word(pending, raw))
                and not _SENTENCE_END.search(pending.rstrip())
                and not NOTE_LINE.match(normal)  # a footnote at the page's foot is no continuation
            )
            # a case's place under its caption (「(群馬県)」), a figure under its label and a slide's dated
            # note under its item (「【令和2年12月~令和3年3月:約8,000万枚配布予定】」) belong to that line
            belongs = (
                PLACE_NOTE.match(normal)
                or (tables and DATED_NOTE.match(normal))
                or (_LABEL_BEFORE_FIGURE.search(pending) and _FIGURE_START.match(raw))
            )
            if pending and (belongs or ((glue or carries_on) and not _starts_line(raw, pending))):
                pending += raw.rstrip()
            else:
                _flush(pending, pending_page, lines)
                pending, pending_page = raw.rstrip(), page.number
            glue = _continues(raw, limit)
    _flush(pending, pending_page, lines)
    lines = _rejoin_around_notes(lines)
    return _rejoin_wrapped_items(lines) if tables else lines


# A label over a list is a noun phrase of four to sixteen characters: 「協定締結済み企業」 above
# 「・丸紅(株)」 (a wrapped line's tail has particles, brackets or is short: 「区町村)」「化」「目標を設定」).
_LIST_LABEL = re.compile(r"^[一-龥ア-ヶA-Za-z0-9](?<![ンッヶ])[一-龥ァ-ヶーA-Za-z0-9・のみ]{3,15}$")


# A note number the PDF put at the end of its line (「…デジタル3原則 が…国の行政手続のオンラ⁵」) and the one
# gap it left between two letters, where it stood.
_TRAILING_NOTE = re.compile(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*$")
_NOTE_HOLE = re.compile(r"(?<=[一-龥ぁ-んァ-ヶー0-9A-Za-z]) (?=[一-龥ぁ-んァ-ヶー])")


def _note_in_its_gap(raw: str) -> str:
    """A note number extracted at the end of its line goes back into the line's only gap between
    letters (「デジタル3原則⁵が」, not 「オンラ(注5)イン化」), so the sentence that names the term brings its
    note; with no gap or several, it stays where it is."""
    note = _TRAILING_NOTE.search(raw)
    gaps = list(_NOTE_HOLE.finditer(raw[: note.start()])) if note else []
    if len(gaps) != 1:
        return raw
    return raw[: gaps[0].start()] + note.group(1) + raw[gaps[0].end() : note.start()]


def _heads_list(raw: str, pending: str, following: list[str]) -> bool:
    """Whether `raw` is the label of the list that follows it (「協定締結済み企業」 over 「- 丸紅(株)」),
    a line of its own however full the line before it ran: glued on, the label ended the previous
    item (「…企画提案等を実施中協定締結済み企業」) and the list lost what it lists."""
    text = normalize(raw).strip()
    return (
        len(following) >= 2
        and all(_ITEM_START.match(line) for line in following)
        and bool(_ITEM_START.match(pending))  # the label closes a list and opens the next
        and bool(_LIST_LABEL.match(text))
        and not re.search(r"[ぁ-ん]\s*$", pending)  # 「…ことができる」 goes on into its noun 「キャリアパスの提示」
        and not _mid_word(pending, raw)
    )


def _mid_word(pending: str, raw: str) -> bool:
    """A text box broke a word (「…推進体」 / 「制下での…」); table cells (tabs) are never joined so."""
    return "\t" not in pending + raw and splits_word(pending.rstrip(), raw.strip())


def _starts_line(raw: str, pending: str) -> bool:
    """Whether `raw` begins a line of its own although the line before ran to the page width. A 「・」
    inside a bracket the line before left open is a name's middle dot (「デジタル」 / 「・ガバメント推進
    標準ガイドライン」), not a list item."""
    if raw.lstrip().startswith("・") and pending.count("「") > pending.count("」"):
        return False
    if _ITEM_START.match(raw) or _HEADING_LINE.match(normalize(raw)) or _HEADING_LINE.match(normalize(pending)):
        return True
    tail = pending.rstrip()
    return bool(_CLOSED.search(tail) and not _CARRIES_ON.match(raw) and not _LABEL_AWAITS.search(tail))


def _rejoin_around_notes(lines: list[Line]) -> list[Line]:
    """A sentence cut by the footnotes at a page's foot (「…設ける場合、企」 (注8)… 「画又は…」)
    is joined to its continuation; the notes follow it as lines of their own."""
    out = list(lines)
    i = 0
    while i < len(out) - 2:
        j = i + 1
        while j < len(out) and NOTE_LINE.match(out[j].text):
            j += 1
        cut = j > i + 1 and j < len(out) and not _SENTENCE_END.search(out[i].text) and not _CLOSED.search(out[i].text)
        if cut and not _ITEM_START.match(out[j].text) and not NOTE_LINE.match(out[i].text):
            out[i] = Line(text=out[i].text + out[j].text, page=out[i].page)
            del out[j]
        i += 1
    return out


# The last item of a line, left open (「…措置(措置率0.5(…))・ICT機器導入に係」), and the items of a line.
_OPEN_ITEM = re.compile(r"・([^|。・]+)$")
_ITEMS = re.compile(r"・([^|。・]+?)(?=\s*(?:\||$))")
# What a text box wrapped off an item: a short head without a mark, then the row's next items or 等.
_ITEM_TAIL = re.compile(r"^([^・|\s\-<【(（※■●○]{1,10}?)(?:\s*等)?(?=\s*(?:\| ・|$))")


def _rejoin_wrapped_items(lines: list[Line]) -> list[Line]:
    """Items of a cost table wrapped inside their text box (「・ICT機器導入に係」 / 「る費用 | ・外部接続…
    | ・ライセン」 / 「ス費用 | ・シンクライアント化…」) are made whole again. Every item of such a row
    opens with ・, so a first cell without one ends the item the line above left open — when it ends
    as the row's other items end (…費用), which a row's label (「RPA導入」) does not."""
    out: list[Line] = []
    for line in lines:
        open_item = _OPEN_ITEM.search(out[-1].text) if out else None
        tail = _ITEM_TAIL.match(line.text)
        if open_item and tail and _ends_like_its_siblings(tail.group(1), out[-1].text + " | " + line.text):
            out[-1] = Line(text=out[-1].text + line.text, page=out[-1].page)
        else:
            out.append(line)
    return out


def _ends_like_its_siblings(tail: str, text: str) -> bool:
    """Whether `tail` ends with the two characters most items of `text` end with (費用), another one
    ending so besides."""
    endings = [item[-2:] for item in _ITEMS.findall(text) if len(item) >= 2] + [tail[-2:]]
    count = endings.count(tail[-2:])
    return count >= 2 and count == max(map(endings.count, endings))


# Cells of a table row drawn by Word/PowerPoint/fpdf come out as one line with a space between
# cells (「任用経費 報酬・委託料 0.7 100万円」). Rows are lines of ≥3 such cells next to a line
# with as many, without sentence punctuation: prose wrapped around 「令和 4 年」 is not a table.
MIN_CELLS = 3


_PROSE = re.compile(r"[、。「」]")  # sentences (and lines wrapped out of one) are not table rows
_PARTICLE_START = re.compile(r"^[をがのにはでとへもや、。]")
_ONE_CJK = re.compile(rf"^[{CJK_CLASS}]$")


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
        return (
            counts[i] >= MIN_CELLS
            and bool(same)
            and all(re.search(rf"[{CJK_CLASS}]", cell) or re.search(r"\d", cell) for cell in _cells(raws[i]))
        )

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
    return not re.search(rf"[{CJK_CLASS}A-Za-z0-9]", text)


def _table_row(text: str) -> str:
    """`| a | b |` -> `a | b`: one row per line, cells kept apart for BM25 and quoting."""
    if not text.startswith("|") and not text.startswith("・|"):
        return text
    cells = [c.strip() for c in text.lstrip("・").strip("|").split("|")]
    return " | ".join(c for c in cells if c)
