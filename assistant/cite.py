"""Numbered citations and the answer lines that carry them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.answer import (
    Quote,
    Subject,
    asked_counts,
    coverage,
    has_number,
    headed,
    is_gloss,
    is_header_row,
    names_any,
    same_subject,
    sentence_tokens,
    split_sentences,
    terms_held,
    with_section,
)
from assistant.models import Citation, Hit
from assistant.question import (
    DATE_SLOTS,
    SLOT_LABELS,
    VENUE_WORDS,
    Reading,
    asked_attribute,
    asked_predicate,
    is_target,
    listed_kind,
    names_place,
    of_another_body,
    ordinals_in,
    own_words,
    per_what,
    places_in,
    same_unit,
    value_near_topic,
    values_in,
)
from assistant.synonyms import variants
from core.japanese import (
    BULLETS,
    ITEM_NUMBER,
    LIST_ITEM,
    NOTE_LINE,
    PREFECTURES,
    ROW_LABEL,
    circled_number,
    is_title_line,
    numbers_in,
    western_years,
    years_in,
)
from core.text import compact
from core.tuning import current

# Written after the date of the document a dated figure comes from: 「（2024年8月23日の資料）」.
DATE_NOTE = "の資料"


def cite(
    quotes: list[Quote],
    numbered: bool = False,
    compare_dates: bool = False,
    subject: Subject | None = None,
    values: Callable[[str], list[str]] | None = None,
) -> tuple[str, list[Citation]]:
    """Answer lines `quote[n]` (dated when they state a figure) and their citations.

    Quotes from the same passage share a number; the number order is the order of first use. A
    document's date note is written once, on its first line (a new user found 「（日付なし・2026年頃の
    資料・最新）」 on nearly every line noise); a line with another note of that document still says it.
    With `numbered`, a quoted list (a step list) is written as 1. 2. 3., each step cited.
    With `compare_dates` (the question asks for a figure), a figure says whether it is the
    newest only against a figure of another date about the same subject (`_one_figure`) and,
    with `values` (the asked slot's values in a text), in the same unit: a population is not a
    newer figure of a count of municipalities.
    """
    subject = subject or Subject({}, None, frozenset())
    dated = [q for q in quotes if has_number(q.text)] if compare_dates else []
    said: set[tuple[str, str]] = set()  # (document, date note) already written on a line
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
        n = numbers[chunk_id]
        in_unit = [q for q in dated if _same_units(q, quote, values)]
        peers = [q for q in in_unit if _one_figure(q, quote, subject)]
        # 最新 only when no figure of the answer in a unit this one shares is from a newer document
        # (two slides on one programme may sit under different section paths)
        newer = any(q.hit.source.date > quote.hit.source.date for q in in_unit)
        note = _date_note(quote, {q.hit.source.date for q in peers}, newest_possible=not newer)
        if (quote.hit.source.doc_id, note) in said:
            note = ""  # said on a line above of the same document: the [n] and the source list carry it
        said.add((quote.hit.source.doc_id, note))
        lines.append(_quote_lines(quote.text, n, numbered) + note)
    return "\n".join(lines), citations


# 「年間原則5回から年間原則10回に拡充」「0.5(~令和4年度)から0.7(令和5~7年度)に拡充」: a change, from its first value.
_CHANGE = re.compile(
    r"から[^。、]{0,30}?(?:に|へ|まで)(?:拡充|引き上げ|引上げ|延長|変更|増額|減額|引き下げ|引下げ|見直し)"
)


def _earlier_value(reading: Reading, quotes: list[Quote]) -> tuple[str, Quote] | None:
    """For 「前は何回だった？」: the value a quoted change started from, of the asked kind."""
    for quote in quotes:
        if match := _CHANGE.search(quote.text):
            values = reading.stated_values(quote.text[: match.start()])
            if values:
                return values[-1], quote
    return None


def _same_units(a: Quote, b: Quote, values: Callable[[str], list[str]] | None) -> bool:
    """Whether two quotes state values in a common unit (always, without a way to read values)."""
    if values is None or a is b:
        return True
    return any(same_unit(x, y) for x in values(a.text) for y in values(b.text))


# 「理由で一番多いのは？」「最も低いのは？」: the item a list ranks first or last by its figures.
_MOST = re.compile(r"(?:一番|いちばん|最も|もっとも)[^、。?？]{0,4}?(?:多|高|大き|長)|最多")
_LEAST = re.compile(r"(?:一番|いちばん|最も|もっとも)[^、。?？]{0,4}?(?:少な|低|小さ|短)|最少")
_SHARE = re.compile(r"(\d+(?:\.\d+)?)\s?%")
_RANKED_ITEM = re.compile(r"^(?:[・\s]|【[^】]{1,8}】)*[①-⑳]")


def _rank_asked(reading: Reading) -> str:
    """「最も多い」 or 「最も少ない」 for a question asking which item is most or least, else ""."""
    if _MOST.search(reading.core):
        return "最も多い"
    return "最も少ない" if _LEAST.search(reading.core) else ""


def ranked_lists(reading: Reading, quotes: list[Quote]) -> list[Quote]:
    """For a question asking which item is most or least (「一番多い理由は？」), a quoted item of a
    numbered list with a share each (「①労務管理…(78.8%)」) brings the whole list from its passage,
    so that the items it ranks can be read together (the list's order is not their rank)."""
    if not _rank_asked(reading):
        return quotes
    out = []
    for quote in quotes:
        run = _ranked_run(quote)
        out.append(replace(quote, text="\n".join(run)) if len(run) > len(quote.text.split("\n")) else quote)
    return out


def _ranked_run(quote: Quote) -> list[str]:
    """The run of numbered lines with one share each, in the quote's passage, that holds the quote's first line."""
    lines = quote.hit.chunk.text.split("\n")
    first = compact(quote.text.split("\n")[0])
    at = next((i for i, line in enumerate(lines) if first and first in compact(line)), None)
    if at is None or not _is_ranked(lines[at]):
        return []
    start = end = at
    while start > 0 and _is_ranked(lines[start - 1]):
        start -= 1
    while end + 1 < len(lines) and _is_ranked(lines[end + 1]):
        end += 1
    return lines[start : end + 1]


def _is_ranked(line: str) -> bool:
    return _rank_figure(line) is not None


def _rank_figure(line: str) -> float | None:
    """The figure a line is ranked by: the one share of a numbered item (「②…懸念(80.6%)」), or the
    figure a labelled table row ends in (「課目名:委託管理3」 under 「研修課目 時限数」); else None."""
    shares = _SHARE.findall(line)
    if _RANKED_ITEM.match(line) and len(shares) == 1:
        return float(shares[0])
    if not shares and ROW_LABEL.match(line) and (figure := _ROW_FIGURE.search(line)):
        return float(figure.group(1))
    return None


# The figure closing a table row whose cells the PDF glued (「…の活用3」「…意義・概要0.5」).
_ROW_FIGURE = re.compile(r"(?<![\d.,])\s?(\d{1,3}(?:\.\d+)?)$")


def ranked_line(reading: Reading, quotes: list[Quote], citations: list[Citation]) -> str:
    """「最も多い: ②情報セキュリティの確保に懸念(80.6%)[1]（令和2年11月2日の資料）」: of a quoted numbered
    list with a share per item, the item with the highest (or lowest) share; "" when none is quoted."""
    label = _rank_asked(reading)
    if not label:
        return ""
    numbers = {c.chunk_id: c.n for c in citations}
    for quote in quotes:
        items = [line for line in quote.text.split("\n") if _is_ranked(line)]
        if len(items) < 2:
            continue
        figure = {item: _rank_figure(item) for item in items}
        best = (max if label == "最も多い" else min)(figure.values())
        # every item at the top: four 課目 have 3 時限 each
        picked = [_shown_item(item) for item in items if figure[item] == best]
        return f"{label}: {'／'.join(picked)}{_cited(quote, numbers)}"
    return ""


def _shown_item(item: str) -> str:
    """A ranked item as shown: its number kept without the bullets before it (「②情報セキュリティ…」),
    a table row without the label every row repeats and its figure set apart (「委託管理 3」)."""
    item = _RANKED_ITEM.sub(lambda m: m.group(0)[-1], item.strip(), count=1)
    if ROW_LABEL.match(item):
        item = _ROW_FIGURE.sub(lambda m: f" {m.group(1)}", ROW_LABEL.sub("", item, count=1))
    return item


def _cited(quote: Quote, numbers: dict[str, int]) -> str:
    """A first line's mark for the quote it took its words from: 「[2]（令和4年9月2日の資料）」."""
    return f"[{numbers[quote.hit.chunk.chunk_id]}]（{quote.hit.source.date_label}{DATE_NOTE}）"


def value_line(reading: Reading, quotes: list[Quote], citations: list[Citation], subject: Subject) -> str:
    """The asked value first, composed only of values found verbatim in the cited quotes:
    「率: 0.7[1]（2026年頃の資料・最新）／以前は 0.5[2]（令和4年9月2日の資料）」."""
    numbers = {c.chunk_id: c.n for c in citations}
    slot = reading.slot
    found = [
        (value, q)
        for q in quotes
        if about_subject(q, subject)
        and reading.states_qualifier(q.text)  # 「1日何件？」 is not answered by a total (約80,000件)
        and (value := column_value(reading, q) or value_near_topic(reading, q.text))
    ]
    if slot in DATE_SLOTS:
        # a title page's 「令和2年11月2日」 dates the document, not what was asked
        found = [(v, q) for v, q in found if compact(v) != compact(q.hit.source.date_label)]
    # a follow-up asks of what it names itself (「RPAの方は？」 after テレワーク's 措置率): its lines first
    # (in any of the words that mean the same: 「お金がかかるからって答えたのは？」 finds 「導入コストがかかる」)
    own = [v.lower() for w in own_words(reading) for v in variants(w) if len(v) > 1]
    found = [(v, q) for v, q in found if any(w in headed(q).lower() for w in own)] or found
    # newest first; of one date, a line of the class of bodies asked before one of another (市区町村's
    # 1,549団体 before 都道府県's 47団体), a stated figure before a target (「500名程度の確保を目指す」), a target
    # first when one is asked (「最終的に何人育てる予定？」), then the row of the numbered part asked
    # (第3期), then a line naming what the question names (「③導入コストがかかる(62.8%)」 before
    # 「①労務管理のルール整備が困難(78.8%)」 for 「導入コストを挙げてるのは何％？」)
    found.sort(
        key=lambda vq: (
            vq[1].hit.source.date,
            not of_another_body(reading, vq[1].text),
            is_target(vq[1].text, vq[0]) == reading.asks_target,
            bool(reading.ordinals & ordinals_in(vq[1].text)),
            _names_asked(reading, vq[1]),
        ),
        reverse=True,
    )
    if not found:
        return ""
    lead_value, lead = found[0]
    lead_per = per_what(lead.text, lead_value)
    older = [
        (v, q)
        for v, q in found[1:]
        if q.hit.source.date < lead.hit.source.date
        and _figures(v) != _figures(lead_value)  # 「合計10時間以内」 then 「合計10時間まで」 is no change
        and same_unit(v, lead_value)
        # per 団体 is not what was per 人 (募集経費's 300万円 never replaced 人件費's 2,000万円/人)
        and _same_per(per_what(q.text, v), lead_per)
        and _one_figure(lead, q, subject)
        and not of_another_body(reading, q.text)
        # a row of one table about another programme: the lead's own lines name what was asked
        # (地域情報化アドバイザー), this one's do not (地域力創造アドバイザー's 5回以上)
        and (not _names_asked(reading, lead) or _names_asked(reading, q))
    ]
    label = lead.hit.source.date_label
    newest = older or any(
        q.hit.source.date < lead.hit.source.date and has_number(q.text) and _one_figure(lead, q, subject)
        for q in quotes
    )
    head = (
        f"{SLOT_LABELS[slot]}: {lead_value}[{numbers[lead.hit.chunk.chunk_id]}]"
        f"（{label}{DATE_NOTE}{'・最新' if newest else ''}）"
    )
    before = "、".join(f"{v}{_cited(q, numbers)}" for v, q in older)
    if reading.asks_past:  # 「前は何回だった？」: the earlier figure is the answer, the newest follows it
        # the value a quoted change started from (「5回から10回に拡充」), else the older documents' figures
        changed = _earlier_value(reading, [lead, *quotes])
        earlier = f"{changed[0]}[{numbers[changed[1].hit.chunk.chunk_id]}]" if changed else before
        if earlier:
            newest = f"{lead_value}{_cited(lead, numbers)}"
            return f"{SLOT_LABELS[slot]}（以前）: {earlier}／最新は {newest}"
    return f"{head}／以前は {before}" if before else head


def _figures(value: str) -> tuple[str, ...]:
    """The numbers a value states (「合計10時間以内」 → 10), whatever words bound them, a year as its
    western year (「令和7年度まで」 and 「2025年度まで」 are one deadline, not a change)."""
    return tuple(numbers_in(western_years(value)))


_CELL = " | "


def column_value(reading: Reading, quote: Quote) -> str | None:
    """The value a table row holds under the column the question names: in 「実施済:950団体 | (75.3%) |
    実施済:83団体 | (9.6%) | …」 below 「市区町村数 | (人口 | カバー率) | 子育て | 介護 | 被災者支援」,
    「介護は何団体？」 is 83団体. The row's values of the asked kind line up with the header's last
    cells (the first ones label the rows); None unless exactly one of those cells names a word of
    the question."""
    row = quote.text.split("\n")[0]
    if _CELL not in row:
        return None
    header = next((line for line in reversed(_lines_before(quote)[-_HEADER_REACH:]) if _CELL in line), None)
    if header is None:
        return None
    values = reading.stated_values(row)
    if len(values) < 2:
        return None
    cells = header.split(_CELL)
    if len(cells) < len(values):
        return None
    words = [w for w in (*reading.topic, *reading.terms) if len(w) > 1]
    named = [i for i, cell in enumerate(cells[-len(values) :]) if any(w in cell for w in words)]
    return values[named[0]] if len(named) == 1 else None


def _same_per(a: str, b: str) -> bool:
    """Whether two values can be one figure by what each is counted per (either may not say)."""
    return not (a and b and a != b)


def _one_figure(a: Quote, b: Quote, subject: Subject) -> bool:
    """Whether two quotes can state one figure at two dates: the same subject, the same place, and
    not the question's programme in one and another of its kind in the other (J-LIS's 地方支援
    アドバイザー's 「年間最大5回」 is no earlier statement of DXアドバイザー's 年間原則10回, however many words
    the two lines share: a new user read its 「以前の記載」 as a change of the one programme)."""
    if a is b:
        return True
    return (
        same_subject(a, b, subject.weights)
        and _same_place(a, b)
        and not subject.names_another(headed(a))
        and not subject.names_another(headed(b))
        # (and of a numbered item under a box titled after the asked programme: J-LIS's row of 参考4.4-⑯)
        and not _named_by_a_sibling(a, subject)
        and not _named_by_a_sibling(b, subject)
    )


def _same_place(a: Quote, b: Quote) -> bool:
    """Whether two quotes can state one figure by where they are about: 広島県's 23市町 never replaced
    愛媛県's 20市町 (each names its own place; a quote naming none fits any prefecture's). A city's or
    town's case is restated only where it is named: 金沢市's 毎年20名 受講者 has no earlier statement in
    an exam's 「年間2,000名程度」 that names no place."""
    here, there = set(_places_of(a)), set(_places_of(b))
    if here and there:
        return not here.isdisjoint(there)
    return not any(_is_municipality(place) for place in here | there)


def _is_municipality(place: str) -> bool:
    """A city, ward, town or village (金沢市, 石川県金沢市), not a prefecture alone."""
    return place not in PREFECTURES


def list_line(reading: Reading, quotes: list[Quote], citations: list[Citation]) -> str:
    """For a question asking for items or steps, the items of the first quoted list in one line,
    each its opening words: 「項目（4件）: プロデューサー／プロジェクトマネージャー／…[2]」. A list
    is two or more item lines under a lead-in (a sentence, a heading or a table's header row), or a
    run of two or more items quoted whole."""
    numbers = {c.chunk_id: c.n for c in citations}
    lists = [(quote, items) for quote in quotes if len(items := list_items(quote.text)) >= 2]
    if not lists:
        return ""
    # 「企業ってどこ？」: a list whose lead-in names the kind asked (「協定締結済み企業」) over one under the
    # scheme's own heading
    kind = listed_kind(reading)
    lists = [(q, items) for q, items in lists if kind and kind in q.text.split("\n")[0]] or lists
    counted = [(q, items) for q, items in lists if len(items) in asked_counts(reading.core)]
    # the list of the asked length (「4つ」); else, of those whose lead-in names about as much of the
    # question as the best (one term less at most), the longest (「人材像 役割…」's four kinds, not
    # the two remarks under the slide title)
    terms = set(reading.terms) - reading.verbal
    named = {id(q): len(terms & sentence_tokens(q.text.split("\n")[0])) for q, _ in lists}
    near = [(q, items) for q, items in lists if named[id(q)] >= max(named.values()) - 1]
    # a list a sentence introduces (「…以下のいずれかを満たす者。」) before a run of bullets quoted whole
    quote, items = (
        counted[0]
        if counted
        else max(near, key=lambda qi: (bool(_LEAD_IN.search(qi[0].text.split("\n")[0])), len(qi[1])))
    )
    heads = "／".join(_item_head(item) for item in items)
    label = "手順" if reading.slot == "steps" else "項目"
    return f"{label}（{len(items)}件）: {heads}[{numbers[quote.hit.chunk.chunk_id]}]"


def list_items(text: str) -> list[str]:
    """The item lines of a quoted list: those under its lead-in, or all of them when the quote is a
    run of items with no lead-in (「・ステップ1…」 to 「・ステップ4…」)."""
    lines = text.split("\n")
    body = lines if LIST_ITEM.match(lines[0]) else lines[1:]
    return [line for line in body if LIST_ITEM.match(line) or ROW_LABEL.match(line)]


_MARKER = re.compile(rf"^(?:[{BULLETS}]\s?)*(?:{ITEM_NUMBER}|[ア-ン][.)]|[a-z]\))?\s?(?:[{BULLETS}]\s?)*")
_HEAD_END = re.compile(r"[。(（]")
_HEAD_CHARS = 30


def _item_head(item: str) -> str:
    """An item's opening words, verbatim: without its marker, up to its first 。 or bracket, at most
    _HEAD_CHARS characters (then marked …)."""
    text = _MARKER.sub("", item, count=1).strip() or item
    if not LIST_ITEM.match(item) and (label := ROW_LABEL.match(text)):
        text = text[label.end() :].strip() or text  # a table row's label (「課目名:」) is every row's
    if end := _HEAD_END.search(text, 1):
        text = text[: end.start()]
    return _cut(text, _HEAD_CHARS)


def _cut(text: str, most: int) -> str:
    """Text at most `most` characters long, marked … where it was cut."""
    return text if len(text) <= most else text[:most] + "…"


def rule_line(reading: Reading, quotes: list[Quote], citations: list[Citation], subject: Subject) -> str:
    """For a yes/no question, the words that settle it, cut verbatim from the first quote about the
    subject that has them: 「判断の根拠: …幅広な職員を対象とした研修に係る経費は対象外[1]（…の資料）」.
    No はい／いいえ is composed: whether 「対象外」 answers yes or no depends on how the question was
    put, and a wrong verdict is worse than none."""
    if not quotes:
        return ""
    numbers = {c.chunk_id: c.n for c in citations}
    if reading.names_headcount and (bound := _headcount_bound(quotes, subject)):
        quote, clause = bound
        return f"{SLOT_LABELS['yesno']}: {clause}{_cited(quote, numbers)}"
    first = quotes[0].text.split("\n")[0]
    provided = bool(_ASKS_MEASURE.search(reading.core))
    # an opening rule in a passage about something else (「※…常勤のアクセラレータの人件費については…対象外。」
    # for 「その負担金も対象？」) settles nothing asked: the rule or item below that names the subject does
    opening_about = about_subject(quotes[0], subject)
    if _rule_in(first, provided) and opening_about:
        # the answer opens with the rule already; in a long row, the item asked about is shown first
        item = _listed_item(_of_opening(quotes), subject, enumerated=True) if len(first) > _READABLE else None
        if item is None:
            return ""
        quote, clause = item
        return f"{SLOT_LABELS['yesno']}: {clause}{_cited(quote, numbers)}"
    ruled = [
        (coverage(subject.weights, sentence_tokens(line)), quote, line, match)
        for quote in quotes
        if about_subject(quote, subject)
        for line in quote.text.split("\n")
        if (match := _rule_in(line, provided))
    ]
    # the rule on most of what was asked, of those whose words as shown name the subject — a footnote
    # too (「※1 CIO補佐官等とは、…役職の名称がCIO補佐官に限られるものではない。」); else the best line
    # of the text's own, or an item listed under the measure that names the subject
    shown = [(r, _clause(r[2], r[3])) for r in ruled]
    naming = [(r, clause) for r, clause in shown if subject.names(clause)]
    own = [(r, clause) for r, clause in shown if not NOTE_LINE.match(r[2])]
    if naming or own:
        (_, quote, _, _), clause = max(naming or own, key=lambda rc: rc[0][0])
        if not naming and (item := _listed_item(quotes, subject)):
            quote, clause = item
    elif item := _listed_item(_of_opening(quotes), subject, enumerated=True) or (
        None if opening_about else _listed_item(quotes, subject)
    ):
        # (below an opening quote about something else, the item that names the subject: 「・上記の経費の一部
        # につき市町村の負担金が生じる場合の当該負担金」 under 対象経費, for 「その負担金も対象？」)
        quote, clause = item
    else:
        return ""
    return f"{SLOT_LABELS['yesno']}: {clause}{_cited(quote, numbers)}"


def _of_opening(quotes: list[Quote]) -> list[Quote]:
    """The quotes cut from the passage the answer opens with: the rows of its table, whichever row
    came first (RPA's row of costs below 共同オンライン申請's, in one table of measures)."""
    return [quote for quote in quotes if quote.hit.chunk.chunk_id == quotes[0].hit.chunk.chunk_id]


def _headcount_bound(quotes: list[Quote], subject: Subject) -> tuple[Quote, str] | None:
    """The line about the subject that bounds how many people (「…対象上限は3名分」「派遣人数は1回に
    つき原則1名」), with its quote: what settles a yes/no asked of a number of people. Of the newest
    document first (the bound of 令和6~11年度, not the 2024 slides' 令和6~7年度), else in the quotes' order."""
    bounds = [
        (quote, _clause(line, match))
        for quote in quotes
        if about_subject(quote, subject)
        for line in quote.text.split("\n")
        if (match := _BOUNDED_HEADCOUNT.search(line))
    ]
    return max(bounds, key=lambda bound: bound[0].hit.source.date) if bounds else None


_BOUNDED_HEADCOUNT = re.compile(
    r"(?:上限|最大|以内|原則|限り)[^。、]{0,10}?\d+\s?[人名]|\d+\s?[人名]分?(?:まで|以内|を上限|が上限)"
)


# A passage listing what a measure pays for: 「…経費に対する特別交付税措置」「対象経費」.
_LISTS_COVERED = re.compile(r"対象経費|経費(?:に対する|に係る|について)[^。\n]{0,12}措置|措置の対象")


def _rule_in(line: str, provided: bool = False) -> re.Match[str] | None:
    """The first rule words of a line, but for what an item includes said in brackets: 「(ぴったり
    サービス含む)」 and 「報酬等(期末手当等を含む。)」 do not say whether the asked thing is covered
    (「(民間企業等に対する補助金ではありません)」 does). With `provided` (the question asks whether a
    measure exists), a line saying the measure is provided is a rule too."""
    for match in _RULES.finditer(line):
        before = line[: match.start()]
        inside = before.count("(") + before.count("（") > before.count(")") + before.count("）")
        if not (inside and _INCLUDES.match(match.group())):
            return match
    return _PROVIDES.search(line) if provided else None


# That a measure is provided: 「…確保に要する経費に係る特別交付税措置を引き続き措置」 settles 「…経費って特交
# 出ますか」 (a new user was shown its 留意点 「…市町村支援業務でないデジタル人材に係る経費は、対象外」 as the answer).
_PROVIDES = re.compile(r"(?:交付税|財政)措置を(?:講じ|引き続き措置|実施|行う)")
# A yes/no asking whether there is such a measure at all: 「特交出ますか」「国から財政支援ってある？」.
_ASKS_MEASURE = re.compile(
    r"(?:特交|特別交付税|交付税|財政措置|財政支援)(?:って|は|が|も)?(?:ある|あり|出る|出ま|でる|もらえ|受けられ)"
)


_INCLUDES = re.compile(r"含む|含まれ|除く")


def _listed_item(quotes: list[Quote], subject: Subject, enumerated: bool = False) -> tuple[Quote, str] | None:
    """An item of a list of what a measure pays for that names the subject (「・都道府県によるポータル
    サイト設置費用」 under 「…導入に要する経費に対する特別交付税措置」): being listed settles
    「ポータルサイト作る費用も対象？」 where the rule's words as shown name none of what was asked.
    An item names a cost; a sentence (「…研修に要する経費についても、…措置の対象。」) is a rule.
    `enumerated`: the items a long row runs together count too (_items_of)."""
    listed = [
        (_item_score(subject, item, head or lead), quote, shown)
        for quote in quotes
        if about_subject(quote, subject) and _LISTS_COVERED.search(with_section(quote.hit))
        for line, lead in _with_leads(quote.text.split("\n"))
        if not NOTE_LINE.match(line)
        for cell in line.split(_CELL)
        for item, head, shown in _items_of(cell, enumerated)
        if "。" not in item and not _RULES.search(item) and subject.names(head + item)
    ]
    if not listed:
        return None
    _, quote, shown = max(listed, key=lambda r: r[0])
    return quote, shown


def _item_score(subject: Subject, item: str, head: str) -> tuple[float, float]:
    """How well a listed item answers: first the share of the question its measure and it name
    together, then the share it adds to its measure's. 「研修費用」 under RPA's measure answers
    「RPA入れるときの職員研修の費用って対象？」 before 「システム導入時の運用テスト費用」 under the
    共同オンライン申請 measure, though the latter's own words (導入, 費用) share more with the question."""
    own, above = sentence_tokens(item), sentence_tokens(head)
    return coverage(subject.weights, own | above), coverage(subject.weights, own - above)


def _with_leads(lines: list[str]) -> list[tuple[str, str]]:
    """Each line with the line that leads its list: the nearest line above that is not an item
    (a bulleted cost's measure); "" for a line that is not an item or has none above it."""
    lead, led = "", []
    for line in lines:
        item = bool(LIST_ITEM.match(line.strip()))
        led.append((line, lead if item else ""))
        if not item:
            lead = line
    return led


def _items_of(cell: str, enumerated: bool) -> list[tuple[str, str, str]]:
    """The items of a cell as (item, the head that names its measure, how it is shown): a listed
    item (「・ポータルサイト設置費用」) has no head and is shown as long as a rule's cut; in a long row that
    runs its items together (「RPA導入に要する…経費に対する特別交付税措置(措置率0.3(…))・ソフトウェア費用・
    …・導入設定作業費用(シナリオ作成費用等)・…」) each item has the row's head, which names the measure
    (RPA), and is shown verbatim after it with the words between left out (…)."""
    most = _RULE_BEFORE + _RULE_AFTER
    if LIST_ITEM.match(cell.strip()):
        return [(cell, "", _cut(_MARKER.sub("", cell.strip()), most))]
    if not enumerated or len(cell) <= _READABLE:
        return []
    head, *items = _enumerated(cell)
    if not _COSTS.search(head):
        return []  # 「地方創生人材支援制度(…)国家公務員、大学研究者、…」 lists no costs
    shown_head = head if len(head) <= most else "…" + head[-most:]
    first_gap = cell[cell.index(head) + len(head)]  # the 「・」 or 「、」 before the first item, as written
    return [
        (
            item,
            head,
            shown_head + (first_gap if i == 0 else "…") + _cut(item, most) + ("…" if i < len(items) - 1 else ""),
        )
        for i, item in enumerate(items)
    ]


_COSTS = re.compile(r"経費|費用")


def _enumerated(text: str) -> list[str]:
    """`text` split at the 「・」 and 「、」 outside brackets: a row's head, then the items it runs together.
    Where the row bullets its items with 「・」, a 「、」 after the first bullet is inside an item:
    「・民間事業者、大学等の講座受講料」 is one item."""
    if len(_split_outside(text, "・")) > 2:
        head, *items = _split_outside(text, "・")
        return [*_split_outside(head, "・、"), *items]
    return _split_outside(text, "・、")


def _split_outside(text: str, separators: str) -> list[str]:
    """`text` split at the `separators` outside brackets, empty parts dropped."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += (char in "(（「") - (char in ")）」")
        if depth <= 0 and char in separators:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


# Words that state a rule (covered or not, allowed or not), narrower than answer.SETTLES, which also
# rewards 可能 and ただし in choosing sentences: 「持ち帰りが可能」 in a survey row is no rule.
# 「対象経費は、…民間事業者への業務委託…」 lists what is covered: it settles whether a thing it names is;
# 「業務委託により確保した場合も、引き続き特別交付税措置」 states that a case is covered.
_RULES = re.compile(
    r"対象外|対象とな(?:る|らない|り)|対象と(?:する|し(?:て|た))|対象に(?:含|な)|対象経費(?:は|として)|場合(?:も|でも)[、,]?[^。]{0,20}(?:措置|対象)|"
    r"含む|含まれ|除く|"
    # can or cannot, said of the act (「派遣を受けることができる」), not a word it qualifies (「採用できる確率」)
    r"できる(?=[。、)）]|$|こと|もの|ので|ため|よう|が|と)|できない|不可|"
    r"認められ|に限る|に限られ|限られるものではない|ものではない|ではありません|差し支えない|要しない|不要|制限(?:なし|はない|されない)|"
    r"ものとする|望ましい|"
    # what it costs the asker: 「【自治体の負担】無償」 (a 「負担はなし」 line states who pays instead less often
    # than the line beside it: 「派遣経費(謝金、旅費)は、地方公共団体金融機構が負担」)
    r"無償|無料|"
    r"適用されない|適用される(?=[。、]|こと|ので|ため|$)|該当しない|該当する(?=[。、]|こと|ので|ため|$)"
)
# How much of a long sentence the rule line keeps before and after the settling words.
_RULE_BEFORE, _RULE_AFTER = 40, 24
# A line longer than this is a table row or a run of items, not read at a glance: a yes/no answer
# opening with one states the part that settles it first.
_READABLE = 100


def _clause(line: str, match: re.Match) -> str:
    """The sentence of `line` holding `match`, cut to the words around it when long (「…」 marks a cut)."""
    start = line.rfind("。", 0, match.start()) + 1
    end = line.find("。", match.end())
    end = len(line) if end < 0 else end + 1
    sentence = _MARKER.sub("", line[start:end].strip())
    if len(sentence) <= _RULE_BEFORE + _RULE_AFTER:
        return sentence
    at = match.start() - start - (len(line[start:end].strip()) - len(sentence))
    head = max(0, at - _RULE_BEFORE)
    tail = min(len(sentence), at + (match.end() - match.start()) + _RULE_AFTER)
    return ("…" if head else "") + sentence[head:tail] + ("…" if tail < len(sentence) else "")


def place_line(reading: Reading, quotes: list[Quote], citations: list[Citation]) -> str:
    """For 「どこ？」「どの自治体？」, the places the quotes name first, each cited:
    「自治体名: 茨城県つくば市[1]」. A quote's own words name its place, else a section path naming
    only one; at most three. Nothing when the question names its place itself."""
    if reading.places:
        return ""  # 「鹿屋市の事例は？」 names its place; the answer is what was done there
    numbers = {c.chunk_id: c.n for c in citations}
    named: dict[str, int] = {}
    for quote in identified(reading, quotes):
        for place in _of_asked_clause(reading, quote, _places_of(quote)):
            if not any(avoided in place for avoided in reading.avoid):  # 「他の県は？」 after 愛媛県
                named.setdefault(place, numbers[quote.hit.chunk.chunk_id])
    # a municipality named alone after (or before) with its prefecture is one place: 広島県福山市
    named = {p: n for p, n in named.items() if not any(p != other and other.endswith(p) for other in named)}
    if not named:
        return ""
    shown = list(named.items())[:3]
    return f"{SLOT_LABELS['place']}: " + "、".join(f"{place}[{n}]" for place, n in shown)


def _of_asked_clause(reading: Reading, quote: Quote, places: list[str]) -> list[str]:
    """Of places a quote's sentence names one clause each (「鹿児島県肝付町では、…併任…ほか、宮崎県都城市では、
    DX推進担当部門に土木技師を配置…」), those whose clause holds most of the question's words: the asker
    of 「土木技師を置いてる市は？」 means 都城市. All of them when no clause holds more than another."""
    # (a quote whose places are those of the line above it: that line's clauses)
    text = "\n".join([*_lines_before(quote), quote.text])
    starts = sorted((text.rfind(place), place) for place in places)
    if len(places) < 2 or starts[0][0] < 0 or "\n" in text[starts[0][0] : starts[-1][0]]:
        return places  # (places on lines of their own, a case box's heading and its text, are no clauses)
    line_end = text.find("\n", starts[-1][0])
    ends = [start for start, _ in starts[1:]] + [len(text) if line_end < 0 else line_end]
    asked = frozenset(reading.terms)
    held = {
        place: len(terms_held(asked, sentence_tokens(text[start:end])))
        for (start, place), end in zip(starts, ends, strict=True)
    }
    most = max(held.values())
    return [p for p in places if held[p] == most] if most and min(held.values()) < most else places


def venue_line(quotes: list[Quote], citations: list[Citation]) -> str:
    """For 「どこで開催？」, the first quoted line that says where: 「開催場所: 開催地:長崎県(8月1日開催)…[1]」."""
    numbers = {c.chunk_id: c.n for c in citations}
    for quote in quotes:
        for line in quote.text.split("\n"):
            if VENUE_WORDS.search(line):
                said = re.sub(r"^[・\-\s]*(?:開催地|開催場所|会場)\s*[:：]\s*", "", line)
                said = said if len(said) <= _READABLE else said[:_READABLE] + "…"
                return f"{SLOT_LABELS['venue']}: {said}[{numbers[quote.hit.chunk.chunk_id]}]"
    return ""


def identified(reading: Reading, quotes: list[Quote]) -> list[Quote]:
    """The quotes stating the figure a question names its case by (「6,509時間減らした事例ってどこ？」):
    a place named elsewhere is another case's. All quotes when the question names no figure, or none
    states it."""
    given = {compact(v) for slot in _FIGURE_SLOTS for v in values_in(slot, reading.core)}
    holding = [q for q in quotes if given and any(g in compact(q.text) for g in given)]
    return holding or quotes


# The kinds of figure a question may give to say which case it means: 「6,509時間」「約1.8万時間」「26名」.
_FIGURE_SLOTS = ("count", "number", "amount", "rate")


def actor_line(reading: Reading, quotes: list[Quote], citations: list[Citation]) -> str:
    """For 「誰が任命するの？」, who does the asked act, as a quote writes it: 「主体: 総務省が任命[1]」.
    The act is a verbal noun of the question (任命 of 任命する); the actor is the noun right before
    が or により in front of it (not 「…を『アクセラレータ』に任命」, which names the role)."""
    acts = [m.group(1) for m in _ACT.finditer(reading.core)]
    numbers = {c.chunk_id: c.n for c in citations}
    for quote in quotes:
        for act in acts:
            if said := re.search(rf"{_ACTOR_NOUN}(?:が|により)\s?{re.escape(act)}", quote.text):
                return f"{SLOT_LABELS['actor']}: {said.group(0)}{_cited(quote, numbers)}"
    return ""


# A verbal noun the question does something with: 任命 of 「任命するの？」「任命した」.
_ACT = re.compile(r"([一-龥]{2,})(?:する|した|して|され|し(?:た|て|ま))")
# The actor: a noun of up to 16 characters, no punctuation or particle-free clause before it.
_ACTOR_NOUN = r"[^\s、。,，・「」『』()（）:：→※]{2,16}?"


def _places_of(quote: Quote) -> list[str]:
    """Where a quote is about: the places its own words name; else those of the nearest line before
    it in its passage that names one (a case box's heading, 「職員のデジタル技術習得支援(愛知県豊橋市)」), up
    to the line that titles the quote's bullets (「・開催地:長崎県」 of the event titled before is not where
    「ひとり情シス交流イベント」's 「・目的:…」 is held); else its section path's, when that names only one (a slide
    of several cases says nothing of this quote)."""
    before = _lines_before(quote)
    lines = [*before, quote.text.split("\n")[0]]
    titled = next((i for i in range(len(before) - 1, -1, -1) if _titles_block(lines, i)), 0)
    for text in (quote.text, *reversed(before[titled:])):
        if places := _with_prefecture(places_in(text), text):
            return places
    path = " ".join(quote.hit.chunk.section_path)
    headed = _with_prefecture(places_in(path), path)
    return headed if len(headed) == 1 else []


def _with_prefecture(places: list[str], text: str) -> list[str]:
    """Municipalities written with their prefecture (茨城県つくば市) and prefectures named alone."""
    # any prefecture with any municipality, in the order the text names them: places_in lists
    # prefectures first (宮崎県 before 鹿児島県), so 宮崎県都城市 was no neighbouring pair
    joined = sorted({f"{a}{b}" for a in places for b in places if a != b and f"{a}{b}" in text}, key=text.find)
    parts = {part for pair in joined for part in places if pair.startswith(part) or pair.endswith(part)}
    return _jointly(joined + [p for p in places if p not in parts], text)


def _jointly(places: list[str], text: str) -> list[str]:
    """Places the text runs together with 「・」 (「北海道蘭越町・ニセコ町・倶知安町」) acted together: one entry."""
    out: list[str] = []
    for place in places:
        if out and f"{out[-1]}・{place}" in text:
            out[-1] = f"{out[-1]}・{place}"
        else:
            out.append(place)
    return out


def states_asked_value(reading: Reading, quote: Quote, subject: Subject) -> bool:
    """Whether a quote states the value asked: a value of the asked kind (Reading.answering_values),
    about the subject (about_subject), of the noun the value is asked of (a 5年以上 of 実務経験 is no
    任期 of 「任期何年？」: its passage with its headings names 任期) and, for a count, of the act it
    counts (「延べ119人が応募」 answers no 「何人に委嘱した？」: the quote or the line above it names 委嘱)."""
    if not reading.answering_values(quote.text) or not about_subject(quote, subject):
        return False
    attribute, act = asked_attribute(reading), asked_predicate(reading)
    if attribute and not names_any(frozenset({attribute}), sentence_tokens(with_section(quote.hit))):
        return False
    return not act or names_any(frozenset({act}), sentence_tokens(with_line_above(quote)))


def about_subject(quote: Quote, subject: Subject) -> bool:
    """Whether a quote states something about the asked subject: its passage with its section path,
    down to the next numbered measure, holds Tuning.subject_coverage of the question's weight and
    names the subject's head term (RPA in 「RPA導入の特交はいつまで？」) and the places the question
    names (where the quote is about: _places_of); and when the question names a year, the years the
    quote names (else the line before it, else its table's header) include it, or there are none; no
    year it is bounded by (「R11年度まで」) comes before it; and a year after its document's date only
    a quote naming that year states. A value that is not about the subject answers nothing: the
    answer is 「近い記載」 (an R11 about CIO補佐官 is not RPA's deadline)."""
    passage = with_section(quote.hit)
    if coverage(subject.weights, sentence_tokens(passage)) < current().subject_coverage:
        return False
    if subject.head and not subject.names(_named_above(quote)):
        return False  # 「令和7年度まで」 closing CIO補佐官's measure, right above the heading of 過疎地域等政策支援員
    if _named_by_a_sibling(quote, subject):
        return False  # ②地域力創造アドバイザー's 5,600千円 in a box titled after ①地域情報化アドバイザー
    if subject.places:  # 備後圏域's 26名 is not 愛媛's, though one box shows both
        said = _places_of(quote)
        where = said or list(places_in(passage))
        asked = [w for w in where if any(names_place(p, w) for p in subject.places)]
        if not asked or (not said and len(asked) < len(where)):
            return False  # about somewhere else, or a figure on a page of several places said of none
    published = quote.hit.source.date[:4]
    if subject.years and published.isdigit() and min(subject.years) > int(published):
        if not subject.years & years_in(quote.text):
            return False  # a document of 2020 states no figure of 令和4年度 unless it names that year (a target)
    bounds = {year for m in _BOUND_YEAR.finditer(quote.text) for year in years_in(m.group(0))}
    if subject.years and bounds and min(subject.years) > max(bounds):
        return False  # 「R12年度以降も続く？」: a measure 「R11年度まで」 says nothing of R12
    # a line that dates itself (「5名の民間人材に委嘱(R5)」) is of its own year, whatever the line above says
    named = (
        years_in(_BOUND_YEAR.sub("", quote.text))
        or years_in(_BOUND_YEAR.sub("", subject_context(quote)))
        or _header_years(quote)
    )
    return not (subject.years and named and not subject.years & named)


# 「令和7年度までに標準化対応…」: a year a row is bounded by, not the year it reports
_BOUND_YEAR = re.compile(r"(?:令和|平成|R|H)\s?\d{1,2}\s?年度?末?まで")
# How far above a table row its header row (「類型 内容 具体例令和6年度実績」) is looked for.
_HEADER_REACH = 6


def _header_years(quote: Quote) -> set[int]:
    """The years a table's header row names (「…令和6年度実績」) for a row below it that names none."""
    for line in reversed(_lines_before(quote)[-_HEADER_REACH:]):
        if is_header_row(line) and (years := years_in(line)):
            return set(years)
    return set()


def _names_asked(reading: Reading, quote: Quote) -> bool:
    """Whether a quote's own lines (it and the line before, not its section path) name one of the
    question's compounds whole."""
    own = compact(subject_context(quote).split("\n", 1)[-1])
    return any(len(c) >= 4 and compact(c) in own for c in reading.topic)


def _named_above(quote: Quote) -> str:
    """A quote's passage with its section path, without the other items of the quote's own list: a
    value is about the measure it stands under, not about the next one its passage goes on to (「令和7年度
    まで」 closing CIO補佐官's measure, then 「②都道府県過疎地域等政策支援員…」), nor about an earlier one
    (「⑤都道府県等による人材確保伴走支援【R6当初:0.8億円(継続)】」 below ③'s DX推進リーダー育成 says nothing of
    that training's fee). The list's lead-in (「・【理由】①…」) is about every item."""
    scope, _ = _own_and_other_items(quote)
    return " ".join(quote.hit.chunk.section_path) + "\n" + "\n".join(scope)


def _named_by_a_sibling(quote: Quote, subject: Subject) -> bool:
    """Whether the subject is named by another item of the quote's list and not by the quote's own
    lines, or the quote's own lines name another programme of its kind: then the box's title that names
    it (「【参考4.4-⑯】地域情報化アドバイザー派遣制度等の概要」 over ①地域情報化アドバイザー, ②地域力創造
    アドバイザー, ③J-LIS) names the box after its first item, and ②'s 5,600千円/年 is no cost of ①'s.
    A subject with no head (nothing to name) is named by no item."""
    if not subject.head:
        return False
    scope, others = _own_and_other_items(quote)
    own, rest = "\n".join(scope), "\n".join(others)
    if subject.names(rest) and not subject.names(own):
        return True
    # the numbered item the quote is names another programme of the kind, only the box's title the asked
    # one (the programme a follow-up carries too: 「費用は？」 after 地域情報化アドバイザー)
    item = next((line for line in scope if _CIRCLED_ITEM.match(line) and quote.text.split("\n")[0] in line), "")
    # a head the item writes that names no programme of the kind (J-LIS, not アドバイザー) says the item is the
    # one asked of: 「J-LISのアドバイザーの方は？」 after DXアドバイザー asks of the item that names J-LIS
    own_heads = [
        h for h in subject.heads or {subject.head} - {None} if not any(c.endswith(h) for c, _ in subject.programmes)
    ]
    if not item or any(h in compact(item).lower() for h in own_heads):
        return False
    return subject.names_another(item)


def _own_and_other_items(quote: Quote) -> tuple[list[str], list[str]]:
    """The lines of a quote's passage that speak of what the quote speaks of (the quote, what leads its
    list, the lines above it that are no other item), and the lines of the other items of its list."""
    lines = quote.hit.chunk.text.split("\n")
    own = quote.text.split("\n")
    while len(own) > 1 and _NEXT_ITEM.match(own[-1]):
        own.pop()  # a quote may end on the next item's heading
    # the lines the quote is, or is a sentence of
    quoted = [i for i, line in enumerate(lines) if line in own or (own[0] and own[0] in line)]
    last = quoted[-1] if quoted else len(lines)
    below = next((i for i in range(last + 1, len(lines)) if _NEXT_ITEM.match(lines[i])), len(lines))
    siblings = _earlier_items(lines, quoted[0]) if quoted else set()
    scope = [line for i, line in enumerate(lines[:below]) if i not in siblings]
    others = [line for i, line in enumerate(lines) if i in siblings or (i >= below and _NEXT_ITEM.match(line))]
    return scope, others


def _titles_block(lines: list[str], i: int) -> bool:
    """Whether line i titles the bulleted lines right below it (「ひとり情シス交流イベント」 over 「・目的:…」)."""
    return is_title_line(lines[i]) and i + 1 < len(lines) and lines[i + 1].lstrip().startswith(tuple(BULLETS))


_CIRCLED_ITEM = re.compile(r"^\s*([①-⑳])")


def _earlier_items(lines: list[str], first: int) -> set[int]:
    """The lines of the items of the list the line `first` stands in that come before it (「④…」 and
    its 「対象経費:…」 line, then ③'s, …): each the next item line above, numbered one less, its lines
    holding no bullet or label (which belong to what leads the list: 「・【理由】①…」)."""
    items = [i for i in range(min(first + 1, len(lines))) if _NEXT_ITEM.match(lines[i])]
    if not items or not (own := _CIRCLED_ITEM.match(lines[items[-1]])):
        return set()
    number, end, out = circled_number(own.group(1)), items[-1], set()
    for start in reversed(items[:-1]):
        mark = _CIRCLED_ITEM.match(lines[start])
        block = range(start, end)
        if not mark or circled_number(mark.group(1)) != number - 1 or any(_LEADS.match(lines[i]) for i in block):
            break
        out.update(block)
        number, end = number - 1, start
    return out


# A bullet or a bracketed label: a line that leads a list rather than belonging to one of its items.
_LEADS = re.compile(rf"^\s*[{BULLETS}【<＜]")


# A line opening the next numbered item: 「②…」「(2) …」「2. …」.
_NEXT_ITEM = re.compile(rf"^\s*(?:{ITEM_NUMBER})")


def subject_context(quote: Quote) -> str:
    """A quote with what names its subject: its passage's section path and the line before it."""
    return " ".join(quote.hit.chunk.section_path) + "\n" + with_line_above(quote)


def with_line_above(quote: Quote) -> str:
    """A quote with the sentence of its passage right above it (a count's act may stand there)."""
    return "".join(_lines_before(quote)[-1:]) + "\n" + quote.text


def _lines_before(quote: Quote) -> list[str]:
    """The sentences of a quote's passage above its first line ([] when the quote is not one of them)."""
    sentences = split_sentences(quote.hit.chunk.text)
    first = quote.text.split("\n")[0]
    return sentences[: sentences.index(first)] if first in sentences else []


def related_lead(
    slot: str,
    places: tuple[str, ...] = (),
    lacking: tuple[str, ...] = (),
    values_of_others: bool = False,
    unwritten: tuple[str, ...] = (),
    planned: bool = False,
    beyond: str = "",
    untied: tuple[str, ...] = (),
) -> str:
    """First line of a 'related' answer: the asked value (or the asked place, or some of the asked
    words) is not in the documents, said first so that nobody takes what follows for the answer;
    then the nearby lines on the topic (「資料に近い記載があります。ただし…」 read as a yes before its ただし).
    `values_of_others`: the quotes hold values of the asked kind that are not said of what was asked
    (RPA's 措置率0.3 under 「業者に頼む費用も対象？措置率も」): the lead says it cannot tie them to the
    question, not that the documents state none — the trial's readers took 「明記されていません」 above
    「措置率0.3」 for a contradiction, and (twentieth round) 「…は確認できませんでした」 above the very 20市町 they
    had asked for as a refusal: it names the figures below and says only that they are not tied to the
    question. `unwritten`: those of `lacking` the documents never use. Only when all are is the asked
    thing said to be nowhere in the documents; a word written elsewhere (「標準化」) is said to be missing
    from the passages on this topic, which is what was measured (a new user read 「「標準化」…に当たる
    記載は資料に見つかりませんでした」 as a claim that the documents never speak of 標準化). `planned`: what
    was done is asked and the quotes give only what was planned (目標, 予定, 「3年間で…育成し」). `beyond`: the
    year a deadline question asks past, when every quoted date ends before it. `untied`: the words of the
    asked subject no quoted passage names, which a reader needs to judge the figures below (the trial's
    reader could not tell this lead above the very figure asked from one above none)."""
    if places:
        return f"{'・'.join(places)}についての記載は資料に見つかりませんでした。近い記載:"
    if lacking and set(lacking) <= set(unwritten):
        return f"お尋ねの{_named_words(lacking)}に当たる記載は資料に見つかりませんでした。近い記載:"
    if lacking:
        # of the words named, those that are words of the documents' kind: not 「何年度」, not 「R7年度中」
        absent = [w for w in lacking[:3] if w in unwritten and not re.search(r"\d|^(?:何|いつ|どこ|だれ|誰)", w)]
        note = f"（{_named_words(absent)}は資料にない語です）" if absent else ""
        return f"お尋ねの{_named_words(lacking)}に当たる記載は、この話題の箇所には見つかりませんでした{note}。近い記載:"
    asked = SLOT_LABELS.get(slot, "点")
    if beyond:  # 「令和12年度以降も続く？」 where every date quoted ends before it
        return f"{beyond}以降については資料に記載がありません。資料にある{asked}:"
    if planned:  # what was done is asked; the documents give what was planned
        return f"お尋ねの実績の{asked}は資料に明記されていません。資料にあるのは目標・予定の{asked}です:"
    if values_of_others:
        about = f"お尋ねの{_named_words(untied)}について" if untied else "お尋ねの対象"
        return f"近い記載の{asked}が{about}のものかは、資料からは確かめられませんでした{_MAYBE_OTHER}:"
    return f"お尋ねの{asked}そのものは資料に明記されていません。近い記載:"


_MAYBE_OTHER = "（別の対象のものかもしれません）"


def lacking_words_note(words: list[str], elsewhere: Sequence[str] = ()) -> str:
    """The words of a yes/no question the quoted passage lacks, said under the line that settles it:
    those the documents never use (「ふるさと納税」, 「ノートPC」) and those they use elsewhere only
    (「ガバメントクラウドの利用料って特交で補てんしてもらえる？」 answered by CIO補佐官's row, which names no
    ガバメントクラウド). That line is about the measure asked of; whether it reaches the thing named is
    for the reader to judge, and a reader in a hurry must not take it as covering it."""
    said = []
    if elsewhere:
        said.append(f"{_named_words(elsewhere)}はこの記載に{'なく' if words else 'ありません'}")
    if words:
        said.append(f"{_named_words(words)}という語は資料にありません")
    return f"（お尋ねの{'、'.join(said)}。上の記載から判断してください）"


def _named_words(words: Sequence[str]) -> str:
    """The question's words as a lead names them: at most three, quoted, 「「X」・「Y」」."""
    return "・".join(f"「{w}」" for w in words[:3])


def unnamed_places(reading: Reading, hits: list[Hit]) -> tuple[str, ...]:
    """The places the question names when none of them is named by the passages read (a prefecture
    also by its short name, 沖縄): the answer is then about somewhere else."""
    places = reading.places
    texts = [with_section(hit) for hit in hits]
    named = [p for p in places if any(names_place(p, t) for t in texts)]
    return places if places and not named else ()


def _quote_lines(text: str, n: int, numbered: bool) -> str:
    """`quote[n]`; a multi-line quote with `numbered` becomes its intro and 1. 2. … steps, each cited."""
    lines = text.split("\n")
    if _glossary_pair(lines):
        return f"{lines[0]}　{lines[1]}[{n}]"  # the term and what it is read as one line
    if not numbered and _labelled_points(lines):
        # 「※いわゆる「2000個問題」」 says nothing alone: its first point goes on its line
        return "\n".join([f"{lines[0]}　{lines[1]}", *lines[2:]]) + f"[{n}]"
    if not (numbered and len(lines) > 1):
        return f"{text}[{n}]"
    # a run of steps quoted whole (「・ステップ1…」 to 「・ステップ4…」) has no intro line
    intro = [] if LIST_ITEM.match(lines[0]) else [f"{lines[0]}[{n}]"]
    items = lines[len(intro) :]
    steps = [f"{i}. {item.lstrip(BULLETS + '- ')}[{n}]" for i, item in enumerate(items, start=1)]
    return "\n".join([*intro, *steps])


# A glossary box's term: a short label above the sentence that says what it is.
_MAX_LABEL = 20


def _glossary_pair(lines: list[str]) -> bool:
    """「DX推進リーダー」 above 「デジタル分野の専門的な知識・スキルを有し、DXの中核を担う職員。」: a term
    on its own line and its gloss, which the first line of an answer should show together."""
    if len(lines) != 2:
        return False
    label, gloss = lines
    return len(label) <= _MAX_LABEL and "。" not in label and not LIST_ITEM.match(label) and is_gloss(gloss)


def _labelled_points(lines: list[str]) -> bool:
    """A term's label on its own line (「※いわゆる「2000個問題」」「バックヤード改革」) above its points."""
    label = lines[0]
    return (
        len(lines) > 2
        # a table's header row (「人材像役割 望ましい 主なスキル等」: cells apart by spaces) is no label
        and (len(label) <= _MAX_LABEL and not re.search(r"[。:：、\s]", label) or _LEAD_IN.search(label) is not None)
        and not LIST_ITEM.match(label)
        and all(LIST_ITEM.match(line) for line in lines[1:])
    )


# A sentence that says the items below are what was asked: 「…以下のいずれかを満たす者。」
_LEAD_IN = re.compile(r"(?:以下|次)の(?:いずれか|とおり|通り)[^。]{0,20}。?$")


def _date_note(quote: Quote, dates: set[str], newest_possible: bool = True) -> str:
    """（date の資料）, marked 最新 / 以前の記載 when the answer's figures span several dates;
    never 最新 when `newest_possible` is false (a newer figure of that unit is in the answer)."""
    if not has_number(quote.text):
        return ""
    label = quote.hit.source.date_label
    if len(dates) < 2:
        return f"（{label}{DATE_NOTE}）"
    if quote.hit.source.date < max(dates):
        return f"（{label}{DATE_NOTE}・以前の記載）"
    return f"（{label}{DATE_NOTE}・最新）" if newest_possible else f"（{label}{DATE_NOTE}）"


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
