"""Case studies (事例): which municipality did what, its size and theme, and where the text says so.

Found in the chunks after structure is known, from the shapes the guidance uses:
    事例:とよなかデジタル・ガバメント宣言【大阪府豊中市】         (heading with 【place】)
    A)独立したDX推進担当課を設ける場合(奈良県橿原市)               (line ending in (place))
    外部デジタル人材の活躍例(福島県磐梯町人口:0.3万人)             (population stated)
    例えば、鹿児島県肝付町では、各課の係長級以上の…               (place + では/において/が/:)
    (北海道蘭越町・ニセコ町・倶知安町)                             (lists inherit the prefecture)
Any mention inside a section about examples (事例, 取組例, 活躍例, …の例) counts too. Place
names are recognised by shape (prefecture, then a name ending in 市/町/村/区), plus the 20
designated cities that the documents write without their prefecture.

A record is one initiative: what was done (description) and the figures it states. Places
named together on one line (「(北海道蘭越町・ニセコ町・倶知安町)」) or in a region's programme
(備後圏域連携中枢都市圏) make one 広域連携 record listing its members. A mention that says
nothing about what was done (a dispatched-expert table row with a company name, 「長崎県を支援中!」,
「目的:先進事例(広島県)に学び」) makes no record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from core.japanese import DESIGNATED_CITIES, MUNICIPALITY, PREFECTURES, REGIONAL, THEMES
from core.models import CaseStudy, Chunk, Source

# 「北海道 | 上土幌町 | 東日本電信電話株式会社」: a slide table row keeps its cells apart.
_PLACE = re.compile(rf"({'|'.join(PREFECTURES)})(?:\s*\|\s*|\s*)({MUNICIPALITY})?|({'|'.join(DESIGNATED_CITIES)})")
_CONTINUED = re.compile(rf"^[・、]\s*({MUNICIPALITY})")
_NOT_A_NAME = re.compile(
    rf"^(内|全|各|及び|等|下|同|他|当|本|一部|{'|'.join(PREFECTURES)})|^(市町|市町村|市区町村|町村|県内.*)$"
)
_POPULATION = re.compile(r"人口\s*[:：]?\s*([\d.]+)\s*万人")
_CASE_SECTION = re.compile(r"事例|取組例|活躍例|の例|例\)|派遣先")
_ACTS = re.compile(r"^\s*(では|において|が|は|:|を支援|の事例|など)")
_COMPANY = re.compile(r"株式会社|合同会社|ホールディングス|\(株\)")
_SEPARATORS = re.compile(r"[\s・、()（）※]|など")
# 「長野県共創推進パートナー(R4~)」: a heading naming a body's own programme and its start year.
_INITIATIVE = re.compile(r"^\S{4,40}[(（](R|令和|H|平成)\s*\d{1,2}\s*年?度?\s*[~～〜]?[)）]$")
_NOT_AN_INITIATIVE = re.compile(r"(先進事例|目的\s*[:：]).*[(（]$|を支援中|探択")
_REGION = re.compile(r"[^\s、。]{0,12}(連携中枢都市圏|広域連合|事務組合|定住自立圏)")


@dataclass(frozen=True)
class _Mention:
    prefecture: str
    municipality: str
    start: int
    end: int


def extract_cases(chunks: list[Chunk], sources: list[Source] = ()) -> list[CaseStudy]:
    """Every initiative found in the chunks: one record per municipality and section (the most
    specific line wins), places named together merged into one 広域連携 record, and the subject
    of a deck a municipality or prefecture published about its own scheme."""
    populations = _stated_populations(chunks)
    found: dict[tuple[str, str, str], tuple[int, CaseStudy]] = {}
    for n, chunk in enumerate(chunks):
        lines = chunk.text.split("\n")
        context = lines + _following_lines(chunks, n)
        for i, line in enumerate(lines):
            mentions = _mentions(line)
            for mention in mentions:
                strength = _case_strength(line, mention, chunk, mentions)
                case = _case(chunk, context, i, mention, populations, strength) if strength else None
                if case and case.description:
                    key = (case.name, case.doc_id, case.section)
                    if key not in found or strength > found[key][0]:
                        found[key] = (strength, case)
    best: dict[tuple[str, str], int] = {}
    for (name, doc_id, _), (strength, _) in found.items():
        best[name, doc_id] = max(best.get((name, doc_id), 0), strength)
    # A bare list entry (「1. 大阪府豊中市」) is dropped when the same document describes the case.
    cases = [case for (name, doc_id, _), (strength, case) in found.items() if strength > 1 or best[name, doc_id] == 1]
    once = {(c.name, c.doc_id, c.title): c for c in reversed(cases)}  # a case slide shown twice (神戸市 p.17, p.21)
    return merge_regions([c for c in cases if once[c.name, c.doc_id, c.title] is c]) + own_schemes(chunks, sources)


def _following_lines(chunks: list[Chunk], n: int, limit: int = 2) -> list[str]:
    """Lines of the next chunks of the same slide or section, where a heading's body continues
    (「長野県共創推進パートナー(R4~)」 ends one chunk, its 「概要」 box starts the next)."""
    head = chunks[n].section_path[:1]
    out = []
    for chunk in chunks[n + 1 : n + 1 + limit]:
        if chunk.doc_id != chunks[n].doc_id or chunk.section_path[:1] != head:
            break
        out += chunk.text.split("\n")
    return out


def _mentions(line: str) -> list[_Mention]:
    """Places named in a line; names after 「・」 or 「、」 inherit the last prefecture."""
    out: list[_Mention] = []
    for match in _PLACE.finditer(line):
        if match.group(3):
            city = match.group(3)
            out.append(_Mention(DESIGNATED_CITIES[city], city, match.start(), match.end()))
            continue
        prefecture, municipality = match.group(1), match.group(2)
        if municipality and _NOT_A_NAME.match(municipality):
            municipality = None
        end = match.end() if municipality else match.start(1) + len(prefecture)
        out.append(_Mention(prefecture, municipality or prefecture, match.start(), end))
        while municipality and (more := _CONTINUED.match(line[end:])):
            municipality = more.group(1)
            if _NOT_A_NAME.match(municipality):
                break  # 「広島県福山市、愛知県…」: the next place has its own prefecture
            out.append(_Mention(prefecture, municipality, end + more.start(1), end + more.end()))
            end += more.end()
    if _INITIATIVE.match(line.strip()):
        return [m for m in out if m.start == 0]
    return [m for m in out if not _inside_name(line, m)]


def _inside_name(line: str, mention: _Mention) -> bool:
    """「愛媛県・市町DX推進会議」「広島県情報システム人材育成プラン」: the prefecture is part of a proper noun."""
    if mention.municipality != mention.prefecture:
        return False
    after = line[mention.end : mention.end + 8]
    return (
        bool(re.match(r"・市町|[^\s、。:(（【】)）と及びはがでにのを・]{2,}", after))
        and not _ACTS.match(after)
        and not after.startswith("人口")
    )


def _case_strength(line: str, mention: _Mention, chunk: Chunk, mentions: list[_Mention]) -> int:
    """How clearly the line presents the place as doing something (0 = just a mention)."""
    after = line[mention.end :]
    before = line[: mention.start]
    if re.match(r"\s*[】\]]", after) and "【" in before:
        return 5  # 事例:…【大阪府豊中市】
    if re.match(r"[^()（）]*[)）]", after) and re.search(r"[(（][^()（）]*$", before):
        return 4 if len(mentions) == 1 else 2  # …を設ける場合(奈良県橿原市) / (北海道蘭越町・ニセコ町・倶知安町)
    if _ACTS.match(after):
        return 3  # 鹿児島県肝付町では / 愛媛県:「チーム愛媛」…
    if _COMPANY.search(line) or _NOT_AN_INITIATIVE.search(before):
        return 0  # 派遣先 table rows (「北海道 | 上土幌町 | 東日本電信電話株式会社」), 「目的:先進事例(広島県)」
    if mention.start == 0 and _INITIATIVE.match(line.strip()):
        return 3  # 長野県共創推進パートナー(R4~)
    if _CASE_SECTION.search(chunk.section) and (
        mention.municipality != mention.prefecture or _only_places(line, mentions)
    ):
        return 1
    return 0


def _only_places(line: str, mentions: list[_Mention]) -> bool:
    """「※佐賀県、富山県、広島市」: a line that is nothing but a list of places."""
    rest = line
    for mention in sorted(mentions, key=lambda m: -m.start):
        rest = rest[: mention.start] + rest[mention.end :]
    return len(_SEPARATORS.sub("", rest)) <= 2


def _case(
    chunk: Chunk, lines: list[str], i: int, mention: _Mention, populations: dict[str, int], strength: int
) -> CaseStudy:
    line = lines[i].strip()
    if strength == 3 and mention.start > 0:  # 「…。例えば、鹿児島県肝付町では、…。」: the sentence is the case
        line = _sentence(lines[i], mention.start)
        mention = _Mention(mention.prefecture, mention.municipality, 0, 0)
    title = _title(lines, i, mention, line)
    region = _REGION.search(line[mention.start :])
    municipality = mention.municipality
    name = municipality if municipality == mention.prefecture else f"{mention.prefecture}{municipality}"
    description = _description(lines, i, line, title)
    population = _population_in(line[mention.start :]) or populations.get(name) or populations.get(municipality)
    themes = tuple(
        theme for theme, pattern in THEMES.items() if re.search(pattern, f"{title}\n{description}\n{chunk.section}")
    )
    if region and "など" in line[mention.end : region.start() + mention.start + 1]:
        themes = (*themes, REGIONAL) if REGIONAL not in themes else themes
    return CaseStudy(
        municipality=municipality,
        prefecture=mention.prefecture,
        kind=_kind(mention),
        population=population,
        themes=themes,
        title=title,
        summary=line[:300],
        doc_id=chunk.doc_id,
        chunk_id=chunk.chunk_id,
        section=chunk.section,
        pages=chunk.pages,
        description=description,
        figures=figures_in(description),
    )


def _title(lines: list[str], i: int, mention: _Mention, line: str) -> str:
    """The case's heading: the text before the place without brackets and numbering, or the
    line before a bare 「(place)」 or 「※place、place」."""
    own = re.sub(r"[【(（][^【(（]*$", "", line[: mention.start]).strip()
    own = re.sub(r"^(事例\s*[:：]\s*|\d+\.?\s*|[①-⑳]\s*|[A-Z](-\d)?\)\s*|・)", "", own).strip(" :：・")
    if len(own) >= 4 and not own.startswith(("例えば", "※")):
        return own
    if i > 0 and (re.fullmatch(r"[(（].*[)）]", line) or line.startswith("※")):
        return lines[i - 1].strip()
    return line[:120]


def _description(lines: list[str], i: int, line: str, title: str) -> str:
    """What was done, in the document's words, or "" when the text does not say.

    A heading (「事例:…【place】」, 「長野県共創推進パートナー(R4~)」) is described by the body lines
    under it (「➤…」, 「・…」); a sentence or a labelled line describes itself.
    """
    own = _unnumbered(line if len(_without_places(line)) >= len(_without_places(title)) else title)
    label = next((text for text in reversed(lines[:i]) if _LABEL.fullmatch(text)), "")
    if len(_without_places(own)) < SHORT_DESCRIPTION and label:
        own = f"{label}: {own}"  # 「対象部門の例: 総務部局の職員(新潟市など)」
    body = _body_under(lines, i) if _is_heading(line) else []
    text = "。".join(part.strip("。 ") for part in [own, *body] if part)
    return text[:400] if _says_what_was_done(text) else ""


# A description with less content than this is prefixed with the label of the list it is in.
SHORT_DESCRIPTION = 10
_LABEL = re.compile(r"[^。、・(（]{2,14}の?例")


def _unnumbered(text: str) -> str:
    """Without the case number, 「事例:」 or bullet the line starts with."""
    return re.sub(r"^(事例\s*[:：]\s*|\d{1,2}\s*(?=\D)|[①-⑳]\s*|[A-Z](-\d)?\)\s*|・|➤)", "", text.strip()).strip()


def _is_heading(line: str) -> bool:
    return bool(re.search(r"【[^】]+】(参考資料)?$", line) or _INITIATIVE.match(line.strip()))


def _body_under(lines: list[str], i: int, limit: int = 3) -> list[str]:
    """The first lines of text under a heading, skipping labels (概要, 実績, 事業の概要)."""
    out = []
    for text in lines[i + 1 :]:
        text = text.strip()
        if _is_heading(text) or len(out) >= limit:
            break
        if len(text) > 8 and not re.fullmatch(r"(事業の?概要|概要|実績|ポイント|参考資料|事業効果)", text):
            out.append(re.sub(r"^[・➤✓\s]+", "", text))
    return out


def _without_places(text: str) -> str:
    """The text with place names, case numbers and brackets around them removed."""
    text = _PLACE.sub("", text).replace("など", "")
    text = re.sub(
        r"[【(（][\s・、]*[)）】]|^(事例\s*[:：]\s*|\d{1,2}\s*|[①-⑳]\s*|[A-Z](-\d)?\)\s*|・|➤)", "", text.strip()
    )
    return text.strip(" :：・、")


def _says_what_was_done(text: str) -> bool:
    """At least a phrase of content beyond the place, and not a bare pointer to other material."""
    content = re.sub(r"[\s()（）【】「」・、。:：※]", "", text)
    return len(_without_places(content)) >= 8 and not re.search(r"参考となり得る事例|^目的|を支援中|^【参考", text)


_FIGURE = re.compile(
    r"(?:約|計|延べ|年間|毎年)?[\d,.]+\s*(?:万人|人|名|件|万時間|時間|万円|億円|%|団体|業務|市町村|市町|回|事例)"
)


def figures_in(text: str) -> tuple[str, ...]:
    """The figures a description states, in order, once each: 「約1.8万時間」「5件」「450人」."""
    return tuple(dict.fromkeys(m.group(0).strip() for m in _FIGURE.finditer(text)))


_PLACES_CLOSING = re.compile(r"[(（][^()（）]+・[^()（）]+[)）]$")


def merge_regions(cases: list[CaseStudy]) -> list[CaseStudy]:
    """Cases that share one initiative (same line, or a region's programme such as
    備後圏域連携中枢都市圏) become one 広域連携 record listing its members."""
    groups: dict[tuple[str, str], list[CaseStudy]] = {}
    for case in cases:
        region = _REGION.search(case.title)
        # 「…情報発信強化(北海道蘭越町・ニセコ町・倶知安町)」: the places a slide writes under one caption
        together = re.fullmatch(r"[(（※].*", case.summary) or _PLACES_CLOSING.search(case.summary)
        key = (
            case.doc_id,
            region.group(0) if region else case.chunk_id + case.summary if together else case.name + case.chunk_id,
        )
        groups.setdefault(key, []).append(case)
    out = []
    for (_, label), group in groups.items():
        if len(group) == 1 and not _REGION.fullmatch(label):
            out.extend(group)
            continue
        lead = group[0]
        region = _REGION.fullmatch(label)
        members = tuple(dict.fromkeys(c.name for c in group))
        municipality = re.sub(r"^.*など", "", region.group(0)) if region else "・".join(c.municipality for c in group)
        out.append(
            replace(
                lead,
                municipality=municipality,
                kind=REGIONAL,
                members=members,
                population=None,
                themes=tuple(dict.fromkeys([t for c in group for t in c.themes] + [REGIONAL])),
            )
        )
    return out


def own_schemes(chunks: list[Chunk], sources: list[Source]) -> list[CaseStudy]:
    """A deck a prefecture or municipality published about its own scheme (長野県 「県・市町村共同による
    デジタル人材の確保について」) is itself a case: the publisher did what the title says."""
    out = []
    for source in sources:
        mention = next(iter(_mentions(source.publisher)), None)
        first = next((c for c in chunks if c.doc_id == source.doc_id), None)
        if not mention or mention.start != 0 or first is None:
            continue
        lines = first.text.split("\n")
        body = [re.sub(r"^[・\s]+", "", text) for text in lines[1:] if text.startswith("・")][:2]
        description = "。".join([source.title.removesuffix("について"), *body])
        themes = tuple(theme for theme, pattern in THEMES.items() if re.search(pattern, description)) + (REGIONAL,)
        out.append(
            CaseStudy(
                municipality=mention.municipality,
                prefecture=mention.prefecture,
                kind=_kind(mention),
                population=None,
                themes=themes,
                title=source.title,
                summary=lines[0],
                doc_id=source.doc_id,
                chunk_id=first.chunk_id,
                section=first.section,
                pages=first.pages,
                description=description[:400],
                figures=figures_in(description),
            )
        )
    return out


def _sentence(line: str, at: int) -> str:
    """The sentence of `line` around position `at`, without a leading 「例えば、」."""
    start = line.rfind("。", 0, at) + 1
    end = line.find("。", at)
    sentence = line[start : end + 1 if end >= 0 else len(line)].strip()
    return re.sub(r"^(例えば|また|さらに)、", "", sentence)


def _kind(mention: _Mention) -> str:
    if mention.municipality == mention.prefecture:
        return "都道府県"
    last = mention.municipality[-1]
    return {"市": "市", "区": "市", "町": "町", "村": "村"}[last]


def _population_in(text: str) -> int | None:
    match = _POPULATION.match(re.sub(r"^[^人()（）]{0,12}", "", text))
    return round(float(match.group(1)) * 10_000) if match else None


def _stated_populations(chunks: list[Chunk]) -> dict[str, int]:
    """「【参考情報】神戸市人口:151.8万人」 anywhere in the documents: place name -> population."""
    out: dict[str, int] = {}
    for chunk in chunks:
        for mention_line in chunk.text.split("\n"):
            for mention in _mentions(mention_line):
                population = _population_in(mention_line[mention.end :])
                if population:
                    name = (
                        mention.municipality
                        if mention.municipality == mention.prefecture
                        else f"{mention.prefecture}{mention.municipality}"
                    )
                    out[name] = out[mention.municipality] = population
    return out
