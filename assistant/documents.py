"""Which documents of the corpus a question names (「2020年の資料で」「長野県の資料だと」「手順書に」).

Staff often know where they read a thing and say so; the answer should then come from that
document, not from the newest one that mentions the topic. The question's reading keeps the
spans (assistant/question.py, rule in core/japanese.py); here they are matched against the
manifest: a year against the document's date, a prefecture or 総務省 against its publisher, a
kind of document (手順書) against its title. A span that matches no document, or every one,
names none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from assistant.models import Hit
from core.japanese import DOC_BY_DATE, DOC_NAME, PREFECTURES, years_in
from core.models import Source

# Nouns any document is: they narrow nothing by themselves.
_ANY_DOCUMENT = ("資料", "説明会資料", "説明資料", "スライド", "通知", "版", "やつ")


def named_documents(spans: tuple[str, ...], sources: Mapping[str, Source]) -> frozenset[str]:
    """The ids of the documents the spans name, among `sources`."""
    named: set[str] = set()
    for span in spans:
        match = DOC_NAME.search(span)
        if match is None:
            continue
        qualifier, noun = match.group("qualifier") or "", match.group("noun")
        if qualifier in DOC_BY_DATE:
            # 「2024年の資料と最新の資料で」: the newest on the topic may be any document, so the
            # question is not narrowed to the one it names by year
            return frozenset()
        chosen = [s for s in sources.values() if _fits(s, qualifier, noun)]
        if chosen and len(chosen) < len(sources):
            named.update(s.doc_id for s in chosen)
    return frozenset(named)


def _fits(source: Source, qualifier: str, noun: str) -> bool:
    if noun not in _ANY_DOCUMENT and noun not in source.title:
        return False
    if years := years_in(qualifier if re.search(r"年|度", qualifier) else qualifier + "年"):
        return source.date[:4].isdigit() and int(source.date[:4]) in years
    if qualifier in ("総務省", "国"):  # 「国の資料」: the ministry's, not a prefecture's
        return "総務省" in source.publisher
    if qualifier:
        place = next((p for p in PREFECTURES if p == qualifier or p[:-1] == qualifier), qualifier)
        return place in source.publisher or place in source.title
    return True


def named_first(hits: list[Hit], documents: frozenset[str]) -> list[Hit]:
    """The hits of the named documents first (each group in its order), ranks renumbered."""
    if not documents:
        return hits
    ordered = [h for h in hits if h.chunk.doc_id in documents] + [h for h in hits if h.chunk.doc_id not in documents]
    return [replace(hit, rank=rank) for rank, hit in enumerate(ordered, start=1)]
