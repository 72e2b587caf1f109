"""Plain data the assistant hands to its callers (CLI, UI, eval)."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.models import Chunk, Source


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
    """What `ask` returns, as data: callers render it (assistant/formats.py, ui/render.py) or read
    its fields (FAQ export, eval); nothing parses a rendered answer back.

    `lines` is the body as people read it, one string a line, with [n] markers that refer to
    `citations`; the source list is not part of it. A not-found answer has no citations; its
    nearest passages are the first `hits`. `composer` says who wrote the body (extractive or
    llm); `generation` names the index generation every part of the answer came from.
    """

    question: str
    status: str  # answered | related (the documents discuss the topic, not the asked thing) | not_found
    lines: tuple[str, ...]
    citations: tuple[Citation, ...]
    hits: tuple[Hit, ...]
    composer: str = "extractive"  # "extractive" or "llm"
    timing_ms: dict[str, float] = field(default_factory=dict)
    resolved: str = ""  # the question as searched (a follow-up with its topic filled in)
    slot: str = ""  # what kind of thing was asked (assistant/question.py SLOTS)
    interpreted: str = ""  # a follow-up as a whole question, shown to the user
    generation: str = ""

    @property
    def abstained(self) -> bool:
        """Only "not found" is an abstention; a related answer quotes what the documents say."""
        return self.status == "not_found"

    @property
    def first_line(self) -> str:
        return self.lines[0] if self.lines else ""

    @property
    def body(self) -> str:
        return "\n".join(self.lines)
