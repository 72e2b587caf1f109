"""Japanese text normalization shared by documents and questions.

Extraction leaves NFKC-unstable characters (Kangxi radicals such as U+2F45 ⽅ for 方,
full-width digits), stray spaces between Japanese and Latin text (「自治体 DX」), and
Markdown and HTML debris (`**`, `<u>`). A question goes through the same `normalize` as
the documents' lines, so both are compared in one form.
"""

from __future__ import annotations

import re
import unicodedata

from core.errors import DocumentError
from core.japanese import CIRCLED_NUMBERS, note_mark

# Tried in order. UTF-8 first (strict, so a CP932 file cannot pass as UTF-8), then the
# encodings Japanese Windows and older systems write.
ENCODINGS = ("utf-8-sig", "cp932", "euc_jp", "iso2022_jp")

# Circled numbers name 参考 boxes and steps (【参考 4.4-⑩】, ①②③); NFKC would turn ⑩ into
# "10" and lose that, so they are kept as written.
KEEP_AS_IS = CIRCLED_NUMBERS
_NFKC_RUNS = re.compile(f"[^{KEEP_AS_IS}]+")

CJK_CLASS = "\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef々〆〇"
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# a note's own number may come with gaps between its digits (「¹  ⁰ 全体手順書では」 is note 10)
_FOOTNOTE_AT_START = re.compile(r"^\s*((?:[⁰¹²³⁴⁵⁶⁷⁸⁹]\s*)+)")
# A footnote reference in the text (「BPR⁶により」) stays a readable reference, 「BPR(注6)により」, so an
# answer can bring the note that defines the term (assistant/footnotes.py).
_SUPERSCRIPT_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
# C0 controls other than tab/newline: some PDF text layers map glyphs to "\x00外\x00部".
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# 「ステップ^o（自治体DX全体手順書）」: a symbol the renderer wrote as caret + letter.
_CARET_DEBRIS = re.compile(r"\^[a-z](?![a-z])")
# HTML that documents carry as text (a PDF printed from Markdown shows 「<ul style="list-style-type: none">」),
# also broken over two lines by the page width or with its space dropped (「<ulstyle=…>」); never an
# autolink (<https://…>), whose address is kept.
_HTML_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"
    r"|<\s*/?\s*(?:ul|ol|li|p|u|br|span|div|table|tr|td|th|strong|em|sup|sub|font)(?=[\s=/>]|style|class)[^<>]{0,120}>"
)
# `**bold**` from extraction, including a lone `*` left where a line break split the pair.
_BOLD = re.compile(rf"\*\*|__|\*(?=[「『{CJK_CLASS}])|(?<=[」』{CJK_CLASS}])\*")
# 「ア 都道府県と…」: a one-letter item mark (ア, イ, ①) is not a cell of its own.
_LONE_MARK = re.compile(r"^(\S) (?=\S)")
# 「アクセラレ―タ」「サ-ビス」: a dash typed between two katakana is the long vowel mark (the tokenizer
# read アクセラレ + 誰, and the question lost its subject).
_DASH_IN_KATAKANA = re.compile(r"(?<=[ァ-ヶ])[―—‐‑‒–─━-](?=[ァ-ヶ])")
_CELL = "\u2003"  # stands for a tab until spaces are tidied, then becomes one space
_CELLS = re.compile(rf" ?{_CELL}[{_CELL} ]*")
# Kana and kanji, without punctuation: a space between two of them is a gap the page left on purpose.
_CJK_LETTER = "\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff\uf900-\ufaff々〆〇"
_LETTER_GAP = re.compile(rf"(?<=[{_CJK_LETTER}]) (?=[{_CJK_LETTER}])")
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{CJK_CLASS}])[ \t]+|[ \t]+(?=[{CJK_CLASS}])")
_IS_LETTER = re.compile(rf"[{_CJK_LETTER}]")
_SPACES = re.compile(r"[ \t\u00a0]+")
# Outline numbers keep one space before their title: 「4.4 外部人材の活用」, 「(5) 外部人材の…」.
_OUTLINE_NUMBER = re.compile(r"^([1-9]\d?\.\d{1,2}(?=[^\d.\-])|\d{1,2}\.(?=[^\d])|\(\d{1,2}\)(?=\S))\s*")

# Marks that extraction moves into the first word of an item: 「IPA② が」 for 「② IPAが」,
# 「DX① アドバイザー」, 「DX✓ とは」. They go back in front, apart from the word.
_MARK_IN_WORD = re.compile(r"^(・?)([A-Za-z]{1,6})\s*([①-⑳✓◆➡])\s*")
# Numbered footnotes whose ※ slipped behind the number or first word: 「2 1※ 団体において」,
# 「1 CIO※ 補佐官等とは」, 「3 ※ 措置率」 are notes ※2, ※1, ※3.
_FOOTNOTE_NUMBER = re.compile(r"^(\d{1,2})\s+([0-9A-Za-z]{0,6})\s*※\s*")


def _digits_of(superscripts: str) -> str:
    """「¹  ⁰」 -> 「10」."""
    return re.sub(r"\s", "", superscripts).translate(_SUPERSCRIPT_DIGITS)


def normalize(text: str) -> str:
    """Normalize one line (or a question) for display, quoting and indexing alike."""
    text = strip_controls(text)
    text = _FOOTNOTE_AT_START.sub(
        lambda m: note_mark(re.sub(r"\s", "", m.group(1)).translate(_SUPERSCRIPT_DIGITS)), text
    )
    text = _SUPERSCRIPT_RUN.sub(lambda m: note_mark(m.group(0).translate(_SUPERSCRIPT_DIGITS)), text)
    text = _HTML_TAG.sub(_tag_gap, text)
    text = _CARET_DEBRIS.sub("", text)
    text = _BOLD.sub("", text)
    text = _NFKC_RUNS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = _DASH_IN_KATAKANA.sub("ー", text)
    text = text.strip().replace("\t", _CELL)  # a tab always separates cells (text and Markdown tables)
    text = _tidy_list_marker(_SPACES.sub(" ", text).strip())
    text = _marks_out_of_words(text)
    text = _SPACE_NEAR_CJK.sub(_cjk_gap, text)
    text = _LONE_MARK.sub(r"\1", _CELLS.sub(" ", text).strip())
    return _OUTLINE_NUMBER.sub(r"\1 ", text)


def has_letter_gap(text: str) -> bool:
    """Whether the page left a gap between two Japanese letters (table cells: 「給与 国の特定任期付職員を
    参考に」); prose never has one."""
    return bool(_LETTER_GAP.search(text))


def unspaced(text: str) -> str:
    """Normalized text without the gaps kept between two Japanese letters: how search reads it.
    The gaps help a reader see table cells, but a cell broken over two lines (「募集 経費」) is
    one word to the tokenizer and the embedder."""
    return _LETTER_GAP.sub("", text)


def _cjk_gap(match: re.Match) -> str:
    """A space next to Japanese goes (「自治体 DX」 is 自治体DX), except between two Japanese letters:
    there the PDF separates table cells or title parts (「制度 概要」「営利企業の従事 任命権者の許可が必要」),
    and the answer keeps them apart, as one space."""
    before, after = match.string[match.start() - 1 : match.start()], match.string[match.end() : match.end() + 1]
    return " " if _IS_LETTER.match(before) and _IS_LETTER.match(after) else ""


def _tag_gap(match: re.Match) -> str:
    """What a dropped HTML tag leaves: a space between Latin words (「<b>CIO</b> <i>PM</i>」), nothing in Japanese."""
    before, after = match.string[match.start() - 1 : match.start()], match.string[match.end() : match.end() + 1]
    return " " if before.isascii() and after.isascii() else ""


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


def strip_markup(page_text: str) -> str:
    """A page's text without control characters, with each HTML tag the page width broke over two
    lines put back on one line, before it is cut into lines (`normalize` then drops the tag)."""
    return _HTML_TAG.sub(lambda m: m.group(0).replace("\n", " "), strip_controls(page_text))


def display_width(text: str) -> int:
    """Width in half-width cells: the unit in which a page's line length is bounded."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def decode(data: bytes, name: str) -> str:
    """Decode with the first encoding that fits; say so when none does."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(
        f"{name} の文字コードを判別できません（UTF-8 または Shift_JIS で保存してください）。",
        f"Cannot decode {name} as any of {', '.join(ENCODINGS)}.",
    )
