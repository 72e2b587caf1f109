"""Footnotes: a quoted sentence that refers to a note brings the note along.

The 手順書 defines many terms only in footnotes: 「…いわゆるBPR(注6)により…」 and, at the foot
of the page, 「(注6)Business Process Re-engineering: 業務プロセスを…」. Ingest keeps the
reference as 「(注6)」 (core/text.py); here the note is found in the same document — the
nearest note of that number at or after the quoting passage, since numbering may restart —
and quoted after the sentence that refers to it, with its own citation.

Slides mark their notes with ※: a row 「…次に掲げるもの(※2)」 brings the line 「※2 …対象上限は
3名分」. Such a note qualifies the row it is marked on (a cap, a period), so it always comes along;
a numbered footnote only when the caller wants it (it may be a long aside).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from assistant.answer import Quote
from assistant.models import Hit
from core.japanese import NOTE_LINE, NOTE_MARK, SLIDE_NOTE_LINE, SLIDE_NOTE_MARK
from core.models import Chunk, Source

_REFERENCE = re.compile("(?<!^)" + NOTE_MARK, re.M)  # not the note line's own number
_SLIDE_REFERENCE = re.compile("(?<!^)" + SLIDE_NOTE_MARK, re.M)


@dataclass(frozen=True)
class Note:
    """One footnote line and the passage that holds it (position: the passage's place in the index)."""

    position: int
    chunk: Chunk
    text: str


NoteIndex = Mapping[tuple[str, str], tuple[Note, ...]]


def note_index(chunks: Sequence[Chunk]) -> NoteIndex:
    """Every footnote line of the index by (document, number), in index order."""
    notes: dict[tuple[str, str], list[Note]] = defaultdict(list)
    for position, chunk in enumerate(chunks):
        for line in chunk.text.split("\n"):
            if match := NOTE_LINE.match(line.strip()):
                notes[(chunk.doc_id, match.group(1))].append(Note(position, chunk, line.strip()))
            elif match := SLIDE_NOTE_LINE.match(line.strip()):
                notes[(chunk.doc_id, "※" + match.group(1))].append(Note(position, chunk, line.strip()))
    return {key: tuple(value) for key, value in notes.items()}


def with_notes(
    quotes: list[Quote],
    notes: NoteIndex,
    positions: Mapping[str, int],
    sources: Mapping[str, Source],
    wanted=lambda note: True,
) -> list[Quote]:
    """The quotes, each followed by the notes its text refers to (those `wanted` accepts), once each."""
    out: list[Quote] = []
    shown = {quote.text for quote in quotes}
    for quote in quotes:
        out.append(quote)
        here = positions.get(quote.hit.chunk.chunk_id, 0)
        references = _REFERENCE.findall(quote.text) + ["※" + n for n in _SLIDE_REFERENCE.findall(quote.text)]
        for number in references:
            candidates = notes.get((quote.hit.chunk.doc_id, number), ())
            after = [note for note in candidates if note.position >= here]
            note = min(after, key=lambda n: n.position, default=None) or (candidates[-1] if candidates else None)
            if note is None or note.text in shown or not (number.startswith("※") or wanted(note)):
                continue
            shown.add(note.text)
            hit = Hit(note.chunk, sources[note.chunk.doc_id], quote.hit.rank, 0.0)
            out.append(Quote(hit=hit, text=note.text, score=quote.score))
    return out


def defining_note(
    notes: NoteIndex,
    defines: Callable[[str], bool],
    sources: Mapping[str, Source],
    documents: frozenset[str],
    rank: int,
) -> Quote | None:
    """The first numbered footnote that defines what was asked (`defines`), as a quote: the 手順書
    defines BPR only in its note 6, which no passage found for 「BPRってどう定義されてる？」 refers to
    when the question's few words find other passages first. Within the `documents` named, if any."""
    for (doc_id, number), found in notes.items():
        if number.startswith("※") or (documents and doc_id not in documents):
            continue
        for note in found:
            if defines(note.text):
                return Quote(hit=Hit(note.chunk, sources[doc_id], rank, 0.0), text=note.text, score=0.0)
    return None
