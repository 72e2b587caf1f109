"""Plain data the assistant hands to its callers (CLI, UI, eval)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.models import Chunk, Source


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk: its fused rank and score, and where each retriever placed it (None = not in its list)."""

    chunk: Chunk
    source: Source
    rank: int
    score: float
    bm25_rank: int | None = None
    dense_rank: int | None = None
    dense_similarity: float | None = None


@dataclass(frozen=True)
class Citation:
    """One numbered source of an answer; quote is the exact text taken from the chunk."""

    n: int
    chunk_id: str
    doc_id: str
    title: str
    date: str
    section: str
    page: str
    quote: str


@dataclass(frozen=True)
class Answer:
    """What `ask` returns: the answer text with [n] markers, its citations and the ranked sources."""

    question: str
    text: str
    abstained: bool
    citations: tuple[Citation, ...]
    hits: tuple[Hit, ...]
    timing_ms: dict[str, float] = field(default_factory=dict)
    resolved: str = ""  # the question as searched (a follow-up with its topic filled in)
    mode: str = "extractive"  # which composer answered: "extractive" or "llm"
    # answered | related (the documents discuss the topic, not the asked thing) | not_found
    status: str = ""
    slot: str = ""  # what kind of thing was asked (assistant/question.py SLOTS)
    interpreted: str = ""  # a follow-up as a whole question, shown to the user
