"""Finding case studies: filters for `dxqa cases` and the UI, comparable-case ranking, case questions in chat.

Records come from ingest/cases.py. A size is a real figure or none: the official table the
user imported (store/population.py), else the figure the document states; each is shown
with its source. A case of unknown size is labelled 「人口不明」 and ranked after the known
ones; nothing is estimated. A 広域連携 record is as near as its nearest member.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from core.errors import ConfigError
from core.japanese import DESIGNATED_CITIES, KINDS, PREFECTURES, REGIONAL, THEMES
from core.models import CaseStudy
from core.tuning import current
from store.population import PopulationTable

UNKNOWN = "人口不明"
STATED = "資料記載"
SIZE_BANDS = {
    "1万人未満": (0, 10_000),
    "1万〜5万人": (10_000, 50_000),
    "5万〜20万人": (50_000, 200_000),
    "20万人以上": (200_000, 10**9),
}
_CASE_QUESTION = re.compile(
    r"事例(?!集)|取組例|取り組み例|活用例|活躍例|先進|例(は|を|が)|やっている|取り組んでいる|どこの|どこが|自治体は|団体は"
)
_SMALL = re.compile(r"小規模|小さい|少ない|人口が少|過疎|町村|小さな")
_LARGE = re.compile(r"大規模|大きい|政令|大都市|中核市")
_STATED = re.compile(r"(?:人口|規模)\s*(?:が|は)?\s*(\d+(?:\.\d+)?)\s*(万|千)")
# 「1万人切る」「5万人未満」「10万人以下」: the asked size is a ceiling; 「20万人以上」 a floor.
_CEILING = re.compile(r"(\d+(?:\.\d+)?)\s*(万|千)人?\s*(?:を)?(?:切る|切って|未満|以下|より(?:小さ|少な)|に満たない)")
_FLOOR = re.compile(r"(\d+(?:\.\d+)?)\s*(万|千)人?\s*(?:以上|超|より(?:大き|多))")
_UNITS = {"万": 10_000, "千": 1_000}


@dataclass(frozen=True)
class RankedCase:
    case: CaseStudy
    score: float
    population: int | None  # real: from the imported table or as the document states; None = unknown
    population_source: str = ""  # 「住民基本台帳に基づく人口（…）」 or 資料記載; "" when unknown


def check_choice(value: str | None, valid: tuple[str, ...] | list[str], label: str) -> None:
    """Reject unknown filter values with the valid list (never silently match nothing)."""
    if value and value not in valid:
        raise ConfigError(
            f"{label}「{value}」はありません。次から選んでください: {'、'.join(valid)}", f"Unknown {label} {value!r}"
        )


def prefecture_named(value: str | None) -> str | None:
    """「長野」 or 「長野県」 -> 長野県 (東京 -> 東京都, 大阪 -> 大阪府, 北海道 as is); unknown names are refused."""
    if not value:
        return None
    for prefecture in PREFECTURES:
        if value in (prefecture, prefecture.removesuffix(prefecture[-1]) if prefecture != "北海道" else "北海道"):
            return prefecture
    check_choice(value, PREFECTURES, "都道府県")
    return value


def offered_kinds(cases: list[CaseStudy]) -> list[str]:
    """The 団体区分 that records carry, in the order of KINDS: only values that can match something."""
    present = {case.kind for case in cases}
    return [kind for kind in KINDS if kind in present]


def offered_themes(cases: list[CaseStudy]) -> list[str]:
    """The テーマ that records carry, in the order of THEMES (広域連携 last)."""
    present = {theme for case in cases for theme in case.themes}
    return [theme for theme in [*THEMES, REGIONAL] if theme in present]


def filter_cases(
    cases: list[CaseStudy],
    prefecture: str | None = None,
    theme: str | None = None,
    kind: str | None = None,
    max_population: int | None = None,
    min_population: int | None = None,
    include_unknown: bool = False,
    table: PopulationTable | None = None,
) -> list[CaseStudy]:
    """Cases matching every given filter. Population filters use real sizes only (the imported
    table, else the documents); `include_unknown` also keeps cases whose size is unknown."""
    prefecture = prefecture_named(prefecture)
    check_choice(theme, offered_themes(cases), "テーマ")
    check_choice(kind, offered_kinds(cases), "団体区分")
    out = []
    for case in cases:
        if prefecture and case.prefecture != prefecture and not any(m.startswith(prefecture) for m in case.members):
            continue
        if theme and theme not in case.themes:
            continue
        if kind and case.kind != kind:
            continue
        if max_population is not None or min_population is not None:
            sizes = [n for n in member_sizes(case, table).values() if n is not None]
            if not sizes:
                if not include_unknown:
                    continue
            elif not any((min_population or 0) <= n <= (max_population or 10**9) for n in sizes):
                continue
        out.append(case)
    return sorted(out, key=lambda c: (PREFECTURES.index(c.prefecture), c.name, c.doc_id, c.pages))


def member_sizes(case: CaseStudy, table: PopulationTable | None = None) -> dict[str, int | None]:
    """Population of each body the case is about (the members of a 広域連携, else the body)."""
    if not case.members:
        return {case.name: size_of(case, table)[0]}
    sizes = {}
    for member in case.members:
        prefecture = next((p for p in PREFECTURES if member.startswith(p)), case.prefecture)
        municipality = member.removeprefix(prefecture) or prefecture
        sizes[member] = table.lookup(prefecture, municipality) if table else None
    return sizes


def size_of(case: CaseStudy, table: PopulationTable | None = None, near: int | None = None) -> tuple[int | None, str]:
    """(population, where it comes from): the imported table first, then the document; (None, "") when unknown.
    For a 広域連携 the member nearest to `near` (or the smallest) stands for the record."""
    if case.members:
        known = [n for n in member_sizes(case, table).values() if n is not None]
        if not known:
            return None, ""
        best = min(known, key=lambda n: abs(math.log10(n) - math.log10(near))) if near else min(known)
        return best, table.citation if table else ""
    if table and (people := table.lookup(case.prefecture, case.municipality)) is not None:
        return people, table.citation
    return (case.population, STATED) if case.population else (None, "")


def sized(cases: list[CaseStudy], table: PopulationTable | None = None) -> list[RankedCase]:
    """The cases in their order, each with its real size (or none)."""
    return [RankedCase(case, 0.0, *size_of(case, table)) for case in cases]


def comparable(
    cases: list[CaseStudy],
    themes: tuple[str, ...] = (),
    population: int | None = None,
    table: PopulationTable | None = None,
) -> list[RankedCase]:
    """Cases ranked by theme match first, then by closeness of real size (log scale, Tuning.case_size_weight
    per decade) to `population`; with a target size, cases of unknown size come after all cases of known size."""
    ranked = []
    size_weight = current().case_size_weight
    for case in cases:
        people, source = size_of(case, table, population)
        matched = sum(theme in case.themes for theme in themes)
        distance = abs(math.log10(people) - math.log10(population)) if population and people else 0.0
        ranked.append(RankedCase(case, matched - size_weight * distance, people, source))
    unknown_last = bool(population)
    return sorted(ranked, key=lambda r: (unknown_last and r.population is None, -r.score, r.case.name))


def band_target(band: str) -> int:
    """The size a band's cases are ranked towards: its middle
    (the open band 20万人以上 ends at Tuning.open_band_top)."""
    low, high = SIZE_BANDS[band]
    return (low + min(high, current().open_band_top)) // 2


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
    if match := _STATED.search(question) or _CEILING.search(question) or _FLOOR.search(question):
        population = _people(match)
    elif _SMALL.search(question):
        population = 10_000
    elif _LARGE.search(question):
        population = 1_000_000
    return prefecture, themes, population


def cases_for_question(
    question: str, cases: list[CaseStudy], hit_chunks: dict[str, int], table: PopulationTable | None = None
) -> list[RankedCase]:
    """At most Tuning.max_cases cases a case question asks for: its prefecture and themes, nearest
    in size, and those in passages retrieval ranked high (Tuning.case_rank_bonus / (1 + rank), which
    breaks ties between equal matches); empty when nothing in the question points at a case."""
    tuning = current()
    prefecture, themes, population = question_filters(question)
    pool = [c for c in cases if not prefecture or c.prefecture == prefecture]
    pool = [c for c in pool if any(t in c.themes for t in themes)] if themes else (pool if prefecture else [])
    ranked = []
    for r in comparable(pool, themes, population, table):
        rank = hit_chunks.get(r.case.chunk_id)
        bonus = tuning.case_rank_bonus / (1 + rank) if rank is not None else 0.0
        ranked.append(RankedCase(r.case, r.score + bonus, r.population, r.population_source))
    low, high = size_bounds(question)
    outside = lambda r: r.population is not None and not low <= r.population < high  # noqa: E731
    ranked.sort(key=lambda r: (outside(r), bool(population) and r.population is None, -r.score, r.case.name))
    return _varied(one_per_municipality(ranked), tuning.max_cases)


def size_bounds(question: str) -> tuple[int, float]:
    """[low, high) population a question allows: 「1万人切る」 → [0, 1万), 「20万人以上」 → [20万, ∞);
    cases outside come after those inside."""
    if match := _CEILING.search(question):
        return 0, _people(match)
    if match := _FLOOR.search(question):
        return _people(match), math.inf
    return 0, math.inf


def _people(match: re.Match) -> int:
    """The population a size match names: 「1.5万」 → 15,000, 「8千」 → 8,000."""
    return round(float(match.group(1)) * _UNITS[match.group(2)])


def _varied(ranked: list[RankedCase], limit: int) -> list[RankedCase]:
    """The best `limit`, taking at most two records from one passage and heading before
    repeating it, so the list shows different ways of doing it."""
    first, rest, used = [], [], {}
    for r in ranked:
        key = (r.case.chunk_id, r.case.title)
        (first if used.get(key, 0) < 2 else rest).append(r)
        used[key] = used.get(key, 0) + 1
    return (first + rest)[:limit]


def size_label(r: RankedCase) -> str:
    """「人口1.2万人（住民基本台帳に基づく人口（…））」, 「人口0.3万人（資料記載）」 or 「人口不明」."""
    if r.population is None:
        return UNKNOWN
    people = f"{r.population / 10_000:.1f}万人" if r.population >= 10_000 else f"{r.population:,}人"
    return f"人口{people}（{r.population_source}）"
