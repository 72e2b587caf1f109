"""Scores for one answered question, and their aggregation.

Supporting passages are matched by text (whitespace-insensitive, after the same
normalization as the index), not by chunk id, so the set survives re-chunking.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.cite import DATE_NOTE
from assistant.formats import citation_line
from assistant.models import Answer
from assistant.question import VALUE_PATTERNS
from core.text import compact, normalize

KS = (1, 5, 10)


@dataclass(frozen=True)
class Scored:
    """One question's outcome: passage rank (None = not in top 10), facts found, abstention."""

    qid: str
    qtype: str
    persona: str
    answerable: bool
    rank: int | None
    facts_found: int
    facts_total: int
    citations: int
    supporting_citations: int
    leads_with_dated_fact: bool
    abstained: bool
    grounded: bool
    latency_ms: float
    status: str = "answered"  # answered | related | not_found
    first_line_fact: bool = False  # a key fact stands whole in the answer's first line
    first_line_value: bool = False  # the asked value of a key fact stands in the answer's first line


def comparable(text: str) -> str:
    """The form in which expected text is looked for in passages and answers: each line normalized as
    the index normalizes lines (a source's 「- ・ 項目」 is the passage's 「・項目」), then whitespace and
    table cell bars dropped. Questions are written from the documents' text, where a table row's cells
    are tab-separated (「44(42)\t93.6%」), while a PDF table reaches the index and the answer as
    「44(42)|93.6%」: the bar separates cells as the tab does and is no part of the fact."""
    return "".join(compact(line) for line in text.split("\n")).replace("|", "")


def fact_in(fact: str, text: str) -> bool:
    """A key fact is found in `comparable` text when any of its `|`-separated spellings is (R11|令和11年度)."""
    return any(comparable(spelling) in text for spelling in fact.split("|"))


# The kinds of value a labelled slot asks for (a question's `slot` field), as the answer writes them.
_SLOT_KINDS = {
    "amount": ("amount",),
    "rate": ("rate",),
    "count": ("count",),
    "deadline": ("deadline", "when"),
    "period": ("period", "when"),
}


def values_of(fact: str, slot: str) -> list[str]:
    """The values of the asked slot's kind one spelling of a key fact writes, comparable, in order: 「R2.3月末時点で
    1,562団体（人口割合98.5%）」 asked for a count holds 1,562団体 (its date and share are context). Of
    overlapping matches of two kinds the earlier, then the longer, stays."""
    text = normalize(fact)  # spaces kept: 「R5 38団体」 is R5's 38団体, not 538団体
    found = sorted(
        (m.start(), -len(m.group()), m.group())
        for kind in _SLOT_KINDS.get(slot, ())
        for m in VALUE_PATTERNS[kind].finditer(text)
    )
    values, end = [], -1
    for start, negative_length, value in found:
        if start >= end:
            values.append(comparable(value))
            end = start - negative_length
    return values


def value_in(fact: str, slot: str, line: str) -> bool:
    """Whether a comparable first line states what a key fact answers for the asked slot: every value
    of the slot's kind the fact writes (「数: 1,562団体」 for the fact above); a fact holding none, or
    a slot with no value kind (actor, list, yes/no …), must stand whole as in `fact_in`."""
    for spelling in fact.split("|"):
        values = values_of(spelling, slot)
        if all(value in line for value in values) if values else comparable(spelling) in line:
            return True
    return False


def score(question: dict, answer: Answer) -> Scored:
    passages = [(p["doc_id"], comparable(p["text"])) for p in question["passages"]]
    rank = next(
        (
            hit.rank
            for hit in answer.hits[:10]
            if any(d == hit.chunk.doc_id and t in comparable(hit.chunk.text) for d, t in passages)
        ),
        None,
    )
    text = comparable("\n".join([*answer.lines, *map(citation_line, answer.citations)]))
    facts = question["key_facts"]
    chunks = {hit.chunk.chunk_id: compact(hit.chunk.text) for hit in answer.hits}
    grounded = all(
        all(compact(line) in chunks.get(c.chunk_id, "") for line in c.quote.split("\n")) for c in answer.citations
    )
    first_line = answer.first_line
    status = outcome(answer)
    leads = not answer.abstained and any(fact_in(f, comparable(first_line)) for f in facts) and DATE_NOTE in first_line
    supporting = sum(any(fact_in(f, comparable(c.quote)) for f in facts) for c in answer.citations)
    return Scored(
        qid=question["id"],
        qtype=question["type"],
        persona=question.get("persona", ""),
        answerable=question["type"] != "unanswerable",
        rank=rank,
        facts_found=sum(fact_in(f, text) for f in facts) if not answer.abstained else 0,
        facts_total=len(facts),
        citations=len(answer.citations) if facts else 0,
        supporting_citations=supporting if facts else 0,
        leads_with_dated_fact=leads,
        abstained=answer.abstained,
        grounded=grounded,
        latency_ms=answer.timing_ms.get("total", 0.0),
        status=status,
        first_line_fact=status == "answered" and any(fact_in(f, comparable(first_line)) for f in facts),
        first_line_value=status == "answered"
        and any(value_in(f, question.get("slot", ""), comparable(first_line)) for f in facts),
    )


def in_conversation(question: dict) -> bool:
    """Whether an evaluation question is the last turn of a conversation: it has earlier turns
    (a split may write `"turns": []` on single questions)."""
    return bool(question.get("turns"))


def outcome(answer: Answer) -> str:
    """answered / related / not_found; answers from before the three outcomes existed map to two."""
    return getattr(answer, "status", "") or ("not_found" if answer.abstained else "answered")


def summarize(results: list[Scored]) -> dict[str, float]:
    """hit@k and MRR@10 over answerable questions, key-fact recall, citation precision
    (share of citations whose quote contains a key fact), groundedness (every quote is in
    its cited passage), newest_figure_first (cross-document questions whose first answer line
    states the key fact — the newest figure — with its document's date), abstention, latency."""
    answerable = [r for r in results if r.answerable]
    silent = [r for r in results if not r.answerable]
    latencies = np.array([r.latency_ms for r in results]) if results else np.zeros(1)
    summary = {f"hit@{k}": _mean([r.rank is not None and r.rank <= k for r in answerable]) for k in KS}
    summary["mrr@10"] = _mean([1.0 / r.rank if r.rank else 0.0 for r in answerable])
    facts_total = sum(r.facts_total for r in answerable)
    summary["key_fact_recall"] = sum(r.facts_found for r in answerable) / facts_total if facts_total else 0.0
    cited = sum(r.citations for r in answerable)
    summary["citation_precision"] = sum(r.supporting_citations for r in answerable) / cited if cited else 0.0
    summary["groundedness"] = _mean([r.grounded for r in results])
    changed = [r for r in answerable if r.qtype == "cross-document"]
    summary["newest_figure_first"] = _mean([r.leads_with_dated_fact for r in changed])
    summary["abstention_on_unanswerable"] = _mean([r.abstained for r in silent])
    summary["false_abstention"] = _mean([r.abstained for r in answerable])
    # Not answered on the unanswerable: not found, or 「近い記載」 that says the asked thing is not stated.
    summary["not_answered_on_unanswerable"] = _mean([r.status != "answered" for r in silent])
    summary["related_on_answerable"] = _mean([r.status == "related" for r in answerable])
    with_facts = [r for r in answerable if r.facts_total]
    summary["slot_in_first_line"] = _mean([r.first_line_fact for r in with_facts])
    # the target: the asked value (a key fact's values of the labelled slot's kind) in line one
    summary["value_in_first_line"] = _mean([r.first_line_value for r in with_facts])
    follow_ups = [r for r in with_facts if r.qtype == "followup"]
    summary["follow_ups_correct"] = (
        _mean([r.facts_found == r.facts_total for r in follow_ups]) if follow_ups else float("nan")
    )
    summary["latency_p50_ms"] = float(np.percentile(latencies, 50))
    summary["latency_p95_ms"] = float(np.percentile(latencies, 95))
    summary["questions"] = float(len(results))
    return summary


def _mean(values: list) -> float:
    return float(np.mean(values)) if values else 0.0
