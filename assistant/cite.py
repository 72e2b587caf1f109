"""Numbered citations and the answer text that carries them."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer import ABSTAIN_TEXT, Quote, has_number
from assistant.models import Citation, Hit

NOT_AN_ANSWER = "関連しそうな箇所（回答ではありません。原文をご確認ください）:"
SOURCES_HEADING = "出典:"


def cite(quotes: list[Quote]) -> tuple[str, list[Citation]]:
    """Answer lines `quote[n]` (dated when they state a figure) and their citations.

    Quotes from the same passage share a number; the number order is the order of first use.
    """
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    lines = []
    for quote in quotes:
        chunk_id = quote.hit.chunk.chunk_id
        if chunk_id not in numbers:
            numbers[chunk_id] = len(numbers) + 1
            citations.append(_citation(numbers[chunk_id], quote))
        else:
            first = citations[numbers[chunk_id] - 1]
            citations[numbers[chunk_id] - 1] = _with_more_quote(first, quote.text)
        date = f"（{quote.hit.source.date_label}の資料）" if has_number(quote.text) else ""
        lines.append(f"{quote.text}[{numbers[chunk_id]}]{date}")
    return "\n".join(lines), citations


def _citation(n: int, quote: Quote) -> Citation:
    chunk, source = quote.hit.chunk, quote.hit.source
    return Citation(
        n=n,
        chunk_id=chunk.chunk_id,
        doc_id=chunk.doc_id,
        title=source.title,
        date=source.date_label,
        section=chunk.section,
        page=chunk.page_label,
        quote=quote.text,
    )


def _with_more_quote(citation: Citation, text: str) -> Citation:
    return replace(citation, quote=f"{citation.quote}\n{text}")


def source_line(n: int, title: str, date: str, section: str, page: str) -> str:
    """`[n] title（date）section, p.X` — how every source is written out."""
    where = ", ".join(part for part in (section, page) if part)
    return f"[{n}] {title}（{date}）{where}"


def answer_text(body: str, citations: list[Citation]) -> str:
    """The answer as people read it: quoted sentences, then the numbered source list."""
    sources = [source_line(c.n, c.title, c.date, c.section, c.page) for c in citations]
    return "\n".join([body, "", SOURCES_HEADING, *sources])


def abstention_text(hits: list[Hit], shown: int = 3) -> str:
    """The abstention, with the nearest passages clearly marked as not an answer."""
    near = [
        source_line(hit.rank, hit.source.title, hit.source.date_label, hit.chunk.section, hit.chunk.page_label)
        for hit in hits[:shown]
    ]
    return "\n".join([ABSTAIN_TEXT, "", NOT_AN_ANSWER, *near]) if near else ABSTAIN_TEXT
