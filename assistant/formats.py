"""An Answer written out: as plain text (CLI, chat transcript) and as the JSON contract.

The answer itself is data (assistant/models.py); these are its only text renderings besides
the chat HTML (ui/render.py) and the FAQ handout (assistant/faq.py), which read the same fields.
"""

from __future__ import annotations

from dataclasses import asdict

from assistant.models import Answer, Citation, Hit

SOURCES_HEADING = "出典:"
NOT_AN_ANSWER = "関連しそうな箇所（回答ではありません。原文をご確認ください）:"
# Nearest passages listed under a not-found answer, clearly marked as not an answer.
NEAREST_SHOWN = 3


def source_line(n: int | str, title: str, date: str, section: str, page: str) -> str:
    """`[n] title（date）section, p.X` — how every source is written out."""
    where = ", ".join(part for part in (section, page) if part)
    return f"[{n}] {title}（{date}）{where}"


def citation_line(c: Citation) -> str:
    return source_line(c.n, c.title, c.date, c.section, c.page)


def nearest_line(hit: Hit) -> str:
    return source_line(hit.rank, hit.source.title, hit.source.date_label, hit.chunk.section, hit.chunk.page_label)


def as_text(answer: Answer) -> str:
    """The answer as people read it: the body, then the numbered sources (or, when nothing was
    found, the nearest passages labelled as not an answer)."""
    if answer.abstained:
        near = [nearest_line(hit) for hit in answer.hits[:NEAREST_SHOWN]]
        return "\n".join([*answer.lines, "", NOT_AN_ANSWER, *near]) if near else answer.body
    return "\n".join([*answer.lines, "", SOURCES_HEADING, *map(citation_line, answer.citations)])


def as_dict(answer: Answer) -> dict:
    """The stable JSON contract of `dxqa ask --json` (README): new keys may be added, none removed.

    `mode` is kept for callers written before `composer` existed; both name who wrote the body.
    """
    return {
        "question": answer.question,
        "resolved_question": answer.resolved,
        "mode": answer.composer,
        "composer": answer.composer,
        "answer": as_text(answer),
        "abstained": answer.abstained,
        "status": answer.status,
        "slot": answer.slot,
        "interpreted": answer.interpreted,
        "lines": list(answer.lines),
        "generation": answer.generation,
        "citations": [{k: v for k, v in asdict(c).items() if k != "chunk_id"} for c in answer.citations],
        "sources": [_source(hit) for hit in answer.hits],
        "timing_ms": answer.timing_ms,
    }


def _source(hit: Hit) -> dict:
    return {
        "rank": hit.rank,
        "doc_id": hit.chunk.doc_id,
        "title": hit.source.title,
        "section": hit.chunk.section,
        "page": hit.chunk.page_label,
        "text": hit.chunk.text,
        "score": round(hit.score, 6),
    }
