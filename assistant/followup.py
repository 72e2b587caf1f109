"""Follow-up questions in a conversation: 「それはいつまで？」「他の県の例は？」.

A follow-up leans on the previous turn's topic: it points back (それ, その, 他の …) or names
too little to be searched on its own. It is resolved by putting the previous question's
topic — its noun compounds and content words the follow-up lacks — in front of it, so
retrieval and the answer's coverage test see the whole question. The previous question is
itself the resolved one, so chains of follow-ups keep their topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.tokenize_ja import noun_compounds, tokenize

_POINTS_BACK = re.compile(r"^(それ|その|これ|この|あれ|そこ|そっち|同じ|他の|ほかの|別の|では|じゃあ|じゃ|なら|で、|あと|また)|(それ|その|他の|ほかの)")
# 「他の県の例は？」 asks for places other than the one named before: its name is left out.
_ELSEWHERE = re.compile(r"他の|ほかの|別の|以外")
_PLACE_NAME = re.compile(r"[都道府県市区町村]$")
# A question with fewer content words than this cannot stand alone.
MIN_OWN_TERMS = 2


def is_follow_up(question: str) -> bool:
    """Whether the question needs the previous turn's topic to be understood."""
    return bool(_POINTS_BACK.search(question.strip())) or len(set(tokenize(question))) < MIN_OWN_TERMS


@dataclass(frozen=True)
class Resolved:
    """The question to search, and place names the answer should not quote (「他の県は？」)."""

    question: str
    avoid: tuple[str, ...] = ()


def resolve(question: str, previous: str | None) -> Resolved:
    """The question as it would be asked on its own (unchanged when it already stands alone)."""
    if not previous or not is_follow_up(question):
        return Resolved(question)
    own = set(tokenize(question))
    compounds = noun_compounds(previous)
    places = tuple(s for s, _ in compounds if _PLACE_NAME.search(s)) if _ELSEWHERE.search(question) else ()
    topic = [surface for surface, tokens in compounds if not own.issuperset(tokens) and surface not in places]
    covered = {t for _, tokens in compounds for t in tokens}
    topic += [t for t in dict.fromkeys(tokenize(previous)) if t not in covered and t not in own]
    return Resolved(f"{' '.join(topic)} {question}" if topic else question, places)
