"""Finding case studies: filters for `dxqa cases` and the UI, comparable-case ranking, case questions in chat.

Records come from ingest/cases.py. Population is used only where a document states it;
for ranking by size, a case without one is placed at the typical population of its kind
of body (町 ≈ 1.2万人, 村 ≈ 0.4万人, 市 ≈ 6万人, 都道府県 ≈ 160万人: medians of Japan's
municipalities) and the UI says that the size is an estimate.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from dxqa.errors import ConfigError
from ingest.cases import DESIGNATED_CITIES, KINDS, PREFECTURES, THEMES, CaseStudy

TYPICAL_POPULATION = {"町": 12_000, "村": 4_000, "市": 60_000, "都道府県": 1_600_000, "広域連携": 300_000}
SIZE_BANDS = {
    "1万人未満": (0, 10_000),
    "1万〜5万人": (10_000, 50_000),
    "5万〜20万人": (50_000, 200_000),
    "20万人以上": (200_000, 10**9),
}
_CASE_QUESTION = re.compile(r"事例|取組例|取り組み例|活用例|活躍例|先進|例(は|を|が)|やっている|取り組んでいる|どこの|どこが|自治体は|団体は")
_SMALL = re.compile(r"小規模|小さい|少ない|人口が少|過疎|町村|小さな")
_LARGE = re.compile(r"大規模|大きい|政令|大都市|中核市")
_STATED = re.compile(r"(?:人口|規模)\s*(?:が|は)?\s*(\d+(?:\.\d+)?)\s*万")


@dataclass(frozen=True)
class RankedCase:
    case: CaseStudy
    score: float
    population: int  # stated, or the typical population of its kind
    estimated: bool  # True when `population` is the typical value, not stated


def check_choice(value: str | None, valid: tuple[str, ...] | list[str], label: str) -> None:
    """Reject unknown filter values with the valid list (never silently match nothing)."""
    if value and value not in valid:
        raise ConfigError(f"{label}「{value}」はありません。次から選んでください: {'、'.join(valid)}", f"Unknown {label} {value!r}")


def filter_cases(
    cases: list[CaseStudy],
    prefecture: str | None = None,
    theme: str | None = None,
    kind: str | None = None,
    max_population: int | None = None,
    min_population: int | None = None,
    include_unknown: bool = False,
) -> list[CaseStudy]:
    """Cases matching every given filter. Population filters use stated populations only,
    unless `include_unknown` also keeps cases whose population the documents do not give."""
    check_choice(prefecture, PREFECTURES, "都道府県")
    check_choice(theme, list(THEMES) + ["広域連携"], "テーマ")
    check_choice(kind, KINDS, "団体区分")
    out = []
    for case in cases:
        if prefecture and case.prefecture != prefecture:
            continue
        if theme and theme not in case.themes:
            continue
        if kind and case.kind != kind:
            continue
        if max_population is not None or min_population is not None:
            if case.population is None:
                if not include_unknown:
                    continue
            elif not (min_population or 0) <= case.population <= (max_population or 10**9):
                continue
        out.append(case)
    return sorted(out, key=lambda c: (PREFECTURES.index(c.prefecture), c.name, c.doc_id, c.pages))


def sized(cases: list[CaseStudy]) -> list[RankedCase]:
    """The cases in their order, each with the size to show: stated, or the typical one of its kind."""
    return [
        RankedCase(case, 0.0, case.population, False) if case.population else RankedCase(case, 0.0, TYPICAL_POPULATION[case.kind], True)
        for case in cases
    ]


def comparable(cases: list[CaseStudy], themes: tuple[str, ...] = (), population: int | None = None) -> list[RankedCase]:
    """Cases ranked by theme match first, then by closeness of size (log scale) to `population`."""
    ranked = []
    for r in sized(cases):
        matched = sum(theme in r.case.themes for theme in themes)
        distance = abs(math.log10(r.population) - math.log10(population)) if population else 0.0
        ranked.append(RankedCase(r.case, matched - 0.1 * distance - (0.05 if r.estimated and population else 0), r.population, r.estimated))
    return sorted(ranked, key=lambda r: (-r.score, r.case.name))


def one_per_municipality(ranked: list[RankedCase]) -> list[RankedCase]:
    seen, out = set(), []
    for r in ranked:
        if r.case.name not in seen:
            seen.add(r.case.name)
            out.append(r)
    return out


def is_case_question(question: str) -> bool:
    return bool(_CASE_QUESTION.search(question))


def question_filters(question: str) -> tuple[str | None, tuple[str, ...], int | None]:
    """(prefecture named, themes asked about, target population) read from a question."""
    prefecture = next((p for p in PREFECTURES if p in question or p[:-1] + "の" in question), None)
    prefecture = prefecture or next((DESIGNATED_CITIES[c] for c in DESIGNATED_CITIES if c in question), None)
    themes = tuple(theme for theme, pattern in THEMES.items() if re.search(pattern, question))
    population = None
    if match := _STATED.search(question):
        population = round(float(match.group(1)) * 10_000)
    elif _SMALL.search(question):
        population = 10_000
    elif _LARGE.search(question):
        population = 1_000_000
    return prefecture, themes, population


def cases_for_question(question: str, cases: list[CaseStudy], hit_chunks: dict[str, int], limit: int = 5) -> list[RankedCase]:
    """The cases a case question asks for: its prefecture and themes, nearest in size, and
    those in passages retrieval ranked high; empty when nothing in the question points at a case."""
    prefecture, themes, population = question_filters(question)
    pool = [c for c in cases if not prefecture or c.prefecture == prefecture]
    pool = [c for c in pool if any(t in c.themes for t in themes)] if themes else (pool if prefecture else [])
    ranked = []
    for r in comparable(pool, themes, population):
        rank = hit_chunks.get(r.case.chunk_id)
        bonus = 0.5 / (1 + rank) if rank is not None else 0.0  # retrieval breaks ties between equal matches
        ranked.append(RankedCase(r.case, r.score + bonus, r.population, r.estimated))
    ranked.sort(key=lambda r: (-r.score, r.case.name))
    return _varied(one_per_municipality(ranked), limit)


def _varied(ranked: list[RankedCase], limit: int) -> list[RankedCase]:
    """The best `limit`, taking at most two bodies from one initiative (the eight members of
    備後圏域 share a line) before repeating it, so the list shows different ways of doing it."""
    first, rest, used = [], [], {}
    for r in ranked:
        key = (r.case.chunk_id, r.case.title)
        (first if used.get(key, 0) < 2 else rest).append(r)
        used[key] = used.get(key, 0) + 1
    return (first + rest)[:limit]


def size_label(r: RankedCase) -> str:
    people = f"{r.population / 10_000:.1f}万人"
    return f"人口{people}" if not r.estimated else f"人口記載なし・{r.case.kind}の目安{people}"
