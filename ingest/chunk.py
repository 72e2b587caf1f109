"""Blocks -> chunks sized for retrieval, never straddling two sections or 参考 boxes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from core.japanese import BULLETS, FOOTNOTE, is_title_line
from core.models import Block, Chunk, Line

# Measured on the eval set (README, design notes): ~500 characters keeps a 参考 box's
# point and its numbers together while staying specific enough for BM25 and e5-small.
MAX_CHARS = 500
# The last line of a chunk is repeated at the start of the next when it is this short,
# so a sentence that leads into a list is found with the list.
OVERLAP_MAX_CHARS = 120
# Past this share of a chunk, a short title-like line (「外部デジタル人材の活躍例(山形県酒田市…)」)
# starts the next chunk instead of ending this one, so a sub-topic keeps its name.
TITLE_BREAK_RATIO = 0.6
# A list open in a chunk may grow the chunk up to this size rather than be cut.
LIST_MAX_CHARS = 900
_ITEM_MARK = re.compile(rf"^(・✓|[{BULLETS}{FOOTNOTE}])")
_SENTENCE = re.compile(r"[^。]+。?")


def chunk_blocks(doc_id: str, blocks: list[Block], max_chars: int = MAX_CHARS) -> list[Chunk]:
    """Number chunks in document order: `<doc_id>:0000`, `<doc_id>:0001`, …"""
    chunks: list[Chunk] = []
    for block in blocks:
        for lines in _pieces(_split_long(block.lines, max_chars), max_chars):
            chunks.append(
                Chunk(
                    chunk_id=f"{doc_id}:{len(chunks):04d}",
                    doc_id=doc_id,
                    text="\n".join(line.text for line in lines),
                    section_path=block.section_path,
                    pages=tuple(sorted({line.page for line in lines})),
                )
            )
    return chunks


def _split_long(lines: tuple[Line, ...], max_chars: int) -> list[Line]:
    """Lines longer than a chunk are cut at sentence ends (。), keeping their page."""
    out: list[Line] = []
    for line in lines:
        if len(line.text) <= max_chars:
            out.append(line)
            continue
        piece = ""
        for sentence in _SENTENCE.findall(line.text):
            if piece and len(piece) + len(sentence) > max_chars:
                out.extend(Line(part, line.page) for part in _hard_split(piece, max_chars))
                piece = ""
            piece += sentence
        if piece:
            out.extend(Line(part, line.page) for part in _hard_split(piece, max_chars))
    return out


def _hard_split(text: str, max_chars: int) -> list[str]:
    """A run with no 。 (a long table row or list) is cut after its last 、 | or ・ that fits."""
    parts = []
    while len(text) > max_chars:
        cut = max(text.rfind(mark, 0, max_chars) for mark in ("、", " | ", "・", " "))
        cut = cut + 1 if cut > max_chars // 3 else max_chars
        parts.append(text[:cut].strip())
        text = text[cut:]
    return parts + [text.strip()] if text.strip() else parts


def _pieces(lines: list[Line], max_chars: int) -> Iterator[list[Line]]:
    """Greedy packing of whole lines, with a one-line overlap when that line is short.

    A list (a checklist, steps) that began in the chunk is kept whole up to LIST_MAX_CHARS,
    so an answer never quotes half of it; explanation lines between its items stay too.
    """
    current: list[Line] = []
    size = 0
    for i, line in enumerate(lines):
        full = size + len(line.text) > max_chars
        if current and full and _continues_list(current, lines, i) and size + len(line.text) <= LIST_MAX_CHARS:
            full = False
        if current and (full or (size > max_chars * TITLE_BREAK_RATIO and is_title_line(line.text))):
            yield current
            carry = current[-1] if len(current[-1].text) <= OVERLAP_MAX_CHARS and len(current) > 1 else None
            current = [carry] if carry else []
            size = len(carry.text) if carry else 0
        current.append(line)
        size += len(line.text) + 1
    if current:
        yield current


def _marker(text: str) -> str:
    """The bullet a list item starts with (・✓ counts as one kind), or "" for other lines."""
    match = _ITEM_MARK.match(text)
    return match.group(0) if match else ""


def _continues_list(current: list[Line], lines: list[Line], i: int) -> bool:
    """Line i is an item of a list open in `current`, or an explanation right before its next item."""
    open_markers = {_marker(line.text) for line in current} - {""}
    if not open_markers:
        return False
    here = _marker(lines[i].text)
    after = _marker(lines[i + 1].text) if i + 1 < len(lines) else ""
    return here in open_markers or (not here and after in open_markers)
