"""Metamorphic robustness: the same question typed differently must get the same answer.

No labels needed: for each answerable question, variants add what staff add — who is
asking and why, a polite or casual ending, half-width katakana, one slip of the keyboard,
the question word moved to the end — and a variant passes when its outcome (answered /
related / not found) equals the original's and its first citation is the same passage.
The variants are made by fixed rules from the question text, never written per question.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from eval.metrics import in_conversation, outcome

PURPOSE_PREFIXES = ("研修で使いたいので、", "課長に説明する必要があって、", "うちの町（人口8千人）の者ですが、")
PURPOSE_SUFFIXES = ("新人向けの説明に使いたいです。", "職員に紹介したいので。")
_END = re.compile(r"[?？。!！\s]*$")
_QUESTION_WORD = re.compile(
    r"^(?P<topic>.+?)(?P<particle>は|って)(?P<ask>(?:いつ|いくら|何|誰|だれ|どこ|どの|どう|どれ)[^?？]*)[?？]?$"
)
# Full-width katakana → half-width, as some keyboards and old systems type it.
_HALF = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF66, 0xFF9E)}


def _strip_end(question: str) -> str:
    return _END.sub("", question)


def _half_width(question: str) -> str:
    out = []
    for ch in question:
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        if base in _HALF:
            out.append(_HALF[base] + "".join({"\u3099": "ﾞ", "\u309a": "ﾟ"}.get(m, m) for m in marks))
        else:
            out.append(ch)
    return "".join(out)


def _typo(question: str) -> str:
    """One slip: the last hiragana before the end typed twice (「上限はは」)."""
    core = _strip_end(question)
    for i in range(len(core) - 1, 0, -1):
        if "\u3041" <= core[i] <= "\u309f":
            return core[: i + 1] + core[i] + core[i + 1 :] + question[len(core) :]
    return question


def _question_word_last(question: str) -> str:
    """「Xの上限はいくら？」 → 「いくら？Xの上限は」: people type the question word first, too."""
    match = _QUESTION_WORD.match(_strip_end(question) + "？")
    if not match:
        return question
    return f"{match['ask']}？{match['topic']}{match['particle']}"


VARIANTS: dict[str, Callable[[str], str]] = {
    "purpose_prefix": lambda q: PURPOSE_PREFIXES[len(q) % len(PURPOSE_PREFIXES)] + q,
    "purpose_suffix": lambda q: f"{_strip_end(q)}？{PURPOSE_SUFFIXES[len(q) % len(PURPOSE_SUFFIXES)]}",
    "polite": lambda q: f"{_strip_end(q)}について教えていただけますか？",
    "casual": lambda q: f"{_strip_end(q)}ってこと？ざっくりでいいので",
    "half_width": _half_width,
    "typo": _typo,
    "question_word_last": _question_word_last,
}


@dataclass(frozen=True)
class VariantResult:
    qid: str
    kind: str
    variant: str
    passed: bool
    original_status: str
    variant_status: str


def variants_of(question: str) -> dict[str, str]:
    """The variants that differ from the question (a rule that does not apply is skipped)."""
    made = {kind: rule(question) for kind, rule in VARIANTS.items()}
    return {kind: text for kind, text in made.items() if text != question}


def first_passage(answer) -> str | None:
    return answer.citations[0].chunk_id if answer.citations else None


def check(assistant, questions: list[dict], mode: str, progress=lambda items: items) -> list[VariantResult]:
    """Ask each answerable single-turn question and its variants; compare outcome and first passage."""
    results = []
    for question in progress([q for q in questions if q.get("key_facts") and not in_conversation(q)]):
        original = assistant.ask(question["question"], mode=mode)
        for kind, text in variants_of(question["question"]).items():
            answer = assistant.ask(text, mode=mode)
            same = outcome(answer) == outcome(original) and first_passage(answer) == first_passage(original)
            results.append(VariantResult(question["id"], kind, text, same, outcome(original), outcome(answer)))
    return results


def pass_rates(results: list[VariantResult]) -> dict[str, float]:
    """Share of variants passing, overall and per kind of variant."""
    rates = {"all": sum(r.passed for r in results) / len(results) if results else 0.0}
    for kind in VARIANTS:
        of_kind = [r for r in results if r.kind == kind]
        if of_kind:
            rates[kind] = sum(r.passed for r in of_kind) / len(of_kind)
    return rates
