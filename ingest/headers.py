"""Running headers, footers and page numbers: printed on every page, part of no section.

Word-made manuals repeat a title or a department name at the top of each page and a page
number at the bottom. Left in, they split paragraphs that cross a page and pollute every
chunk with the same words. A line among the first or last two of a page is dropped when,
with its digits masked, it recurs in that position on at least half the pages, or when it
is only a page number (「3」「- 3 -」「3 / 40」「p.3」). Page numbers of chunks come from
the PDF's page order, so nothing is lost.
"""

from __future__ import annotations

import re
from collections import Counter

from core.models import Page

EDGE_LINES = 2
MIN_PAGES = 3
MIN_SHARE = 0.5
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—‐]\s*)?(?:p\.?\s*)?\d{1,4}(?:\s*[/／]\s*\d{1,4})?(?:\s*[-–—‐])?\s*$", re.IGNORECASE
)


def strip_running_lines(pages: list[Page]) -> list[Page]:
    """Pages without their repeated headers/footers and bare page numbers."""
    if len(pages) < MIN_PAGES:
        return [Page(p.doc_id, p.number, "\n".join(_without_numbers(p.text.split("\n")))) for p in pages]
    counts = Counter(key for page in pages for key in set(map(_mask, _edges(page.text.split("\n")))))
    running = {key for key, n in counts.items() if key and n >= MIN_SHARE * len(pages)}
    return [Page(p.doc_id, p.number, "\n".join(_clean(p.text.split("\n"), running))) for p in pages]


def _edges(lines: list[str]) -> list[str]:
    content = [line for line in lines if line.strip()]
    return content[:EDGE_LINES] + content[-EDGE_LINES:]


def _mask(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def _clean(lines: list[str], running: set[str]) -> list[str]:
    """The page without its running lines — or unchanged, if that would leave nothing."""
    edges = set(_edges(lines))
    kept = [line for line in _without_numbers(lines) if not (line in edges and _mask(line) in running)]
    return kept if any(line.strip() for line in kept) else lines


def _without_numbers(lines: list[str]) -> list[str]:
    edges = set(_edges(lines))
    return [line for line in lines if not (line in edges and _PAGE_NUMBER.match(line))]
