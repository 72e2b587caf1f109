"""Plain data shared by both sides: pages, lines, blocks and chunks made by ingest, document sources, case studies."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.japanese import REGIONAL

SECTION_SEPARATOR = " > "


@dataclass(frozen=True)
class Source:
    """One document of the corpus, as the manifest describes it.

    date is ISO (`2022-09-02`, or just `2026` when the document gives only a year) so that
    sources sort by recency; date_label is how the document itself states it.
    """

    doc_id: str
    title: str
    publisher: str
    date: str
    date_label: str
    kind: str
    path: str

    @property
    def is_slides(self) -> bool:
        """Slide decks (説明資料) have slide titles instead of a numbered outline."""
        return self.kind == "slides"


@dataclass(frozen=True)
class Page:
    """Text of one page as extracted; number is 1-based (text files are a single page 1)."""

    doc_id: str
    number: int
    text: str


@dataclass(frozen=True)
class Line:
    """One logical line after normalization: a paragraph, list item, table row or heading."""

    text: str
    page: int


@dataclass(frozen=True)
class Block:
    """Consecutive lines that share one section path (the unit chunks never straddle)."""

    section_path: tuple[str, ...]
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Chunk:
    """A retrievable, citable passage."""

    chunk_id: str
    doc_id: str
    text: str
    section_path: tuple[str, ...]
    pages: tuple[int, ...] = field(default_factory=tuple)

    @property
    def section(self) -> str:
        return SECTION_SEPARATOR.join(self.section_path)

    @property
    def page_label(self) -> str:
        return page_label(self.pages)


def page_label(pages: tuple[int, ...]) -> str:
    """`p.3` or `pp.3-4`; empty for sources without pages."""
    if not pages:
        return ""
    if len(pages) == 1:
        return f"p.{pages[0]}"
    return f"pp.{pages[0]}-{pages[-1]}"


@dataclass(frozen=True)
class CaseStudy:
    """One municipality's initiative as a document states it, with where it says so."""

    municipality: str  # 豊中市, 愛媛県 for a prefecture's own initiative, 備後圏域連携中枢都市圏 for a region
    prefecture: str
    kind: str  # one of KINDS
    population: int | None  # only where the document states it
    themes: tuple[str, ...]
    title: str  # the case's own heading, or the line that names it
    summary: str  # the line (or sentence) that names it, verbatim
    doc_id: str
    chunk_id: str
    section: str
    pages: tuple[int, ...]
    description: str = ""  # what was done, in the document's words
    figures: tuple[str, ...] = ()  # numbers the document states about it (「約6,509時間」「5件」)
    members: tuple[str, ...] = ()  # 広域連携: the member bodies, prefecture included (「広島県三原市」)

    @property
    def page_label(self) -> str:
        return page_label(self.pages)

    @property
    def name(self) -> str:
        if self.municipality == self.prefecture or (self.kind == REGIONAL and self.municipality[-1] not in "市町村区"):
            return self.municipality
        return f"{self.prefecture}{self.municipality}"

    @property
    def bodies(self) -> tuple[str, ...]:
        """The bodies whose size matters when comparing: the members of a region, else the body itself."""
        return self.members or (self.name,)
