"""The sides of a comparison, so that an answer reads and quotes each of them.

「金沢市と滋賀県の職員育成のやりかた、どう違う？」 or 「手順書と2024年の資料で書いてあること違う？」
asks for two things side by side. Searched as a whole, the question's passages fill up with the
side named more strongly (金沢市's box, five times over) and the answer states one side only. So
each side is searched on its own (the question without the other side's name, or within the one
document), and its best passage is read when none of the question's passages holds it; the answer
then quotes a line on each side (assistant/answer.py `choose_quotes`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.models import Hit
from assistant.question import Reading
from core.text import compact


@dataclass(frozen=True)
class Side:
    """One side: the text searched for it, the documents searched within, and whether a line is on it."""

    query: str
    documents: frozenset[str]
    holds: Callable[[Hit, str], bool]  # (the line's passage, the line)
    term: str = ""  # the thing compared as typed; "" for a document


def names_term(term: str, text: str) -> bool:
    """Whether a text names a term as typed (case and spacing aside)."""
    return compact(term).lower() in compact(text).lower()


def sides_of(reading: Reading, documents: frozenset[str]) -> list[Side]:
    """The two things compared (a line names one in its text or its passage's heading), else each of
    two or more documents the question names, or the one it names and the rest when it asks what
    changed since; [] when the question compares nothing."""
    if len(reading.compared) == 2:
        a, b = reading.compared
        return [_term_side(reading, term, other, documents) for term, other in ((a, b), (b, a))]
    if len(documents) >= 2:
        return [_document_side(reading, doc_id) for doc_id in sorted(documents)]
    if len(documents) == 1 and reading.asks_change:
        # 「2024年の資料の額からいくらになったの？」: the one named, and what the others say since
        others = Side(reading.searched, frozenset(), lambda hit, line: hit.chunk.doc_id not in documents)
        return [_document_side(reading, next(iter(documents))), others]
    return []


def _term_side(reading: Reading, term: str, other: str, documents: frozenset[str]) -> Side:
    def holds(hit: Hit, line: str) -> bool:
        # a heading naming both (「取組例(愛媛県、広島県福山市など)」) tells nothing of the line's side
        heading = " ".join(hit.chunk.section_path)
        return names_term(term, line) or (names_term(term, heading) and not names_term(other, heading))

    return Side(reading.searched.replace(other, ""), documents, holds, term)


def _document_side(reading: Reading, doc_id: str) -> Side:
    return Side(reading.searched, frozenset({doc_id}), lambda hit, line: hit.chunk.doc_id == doc_id)


def with_each_side(hits: list[Hit], sides: list[Side], search: Callable[[Side], list[Hit]], read: int) -> list[Hit]:
    """`hits` with, for each side none of the first `read` holds, that side's best passage second
    (the question's own best stays first); ranks renumbered."""
    for side in sides:
        if any(side.holds(hit, hit.chunk.text) for hit in hits[:read]):
            continue
        best = next((hit for hit in search(side) if side.holds(hit, hit.chunk.text)), None)
        if best is not None:
            rest = [hit for hit in hits if hit.chunk.chunk_id != best.chunk.chunk_id]
            hits = [*rest[:1], best, *rest[1:]]
    return [replace(hit, rank=rank) for rank, hit in enumerate(hits, start=1)]
