"""Does the assistant read a follow-up as one, and a new question as new?

A short question in a conversation is ambiguous: 「定員は？」 after a question about a training course
leans on it, 「BPRって何の略？」 after a question about 特別交付税 does not. This measures the
decision on pairs no label needs to be written for:

- follow-ups: the second turns of the casual splits' two-turn conversations that name a little of
  their own (a pointing word like それ always joins, so those are left out);
- new questions: answerable one-turn questions of dev and casual-dev that name as little, each asked
  after the first turn of a conversation drawn at random (seeded), about something else.

A follow-up is joined when the answer shows an interpretation (「（解釈: …）」). Run:
    .venv/bin/python -m eval.followups
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass

from assistant.question import names_little, read, read_in_context
from assistant.service import Assistant
from core.settings import Settings
from eval.metrics import in_conversation
from eval.run import load_questions

FOLLOW_UP_SPLITS = ("casual-dev", "casual", "casual2")
NEW_QUESTION_SPLITS = ("dev", "casual-dev")


@dataclass(frozen=True)
class Pair:
    first: str
    second: str
    follows: bool  # whether the second turn leans on the first


def pairs(seed: int = 1) -> list[Pair]:
    """Follow-ups and new questions that both name little of their own, as described above."""
    conversations = [q for split in FOLLOW_UP_SPLITS for q in load_questions(split=split) if in_conversation(q)]
    found = [Pair(q["turns"][0], q["question"], True) for q in conversations]
    rng = random.Random(seed)
    firsts = [q["turns"][0] for q in conversations]
    for split in NEW_QUESTION_SPLITS:
        for q in load_questions(split=split):
            if not in_conversation(q) and q["key_facts"] and _ambiguous(q["question"], None):
                found.append(Pair(rng.choice(firsts), q["question"], False))
    return [p for p in found if _ambiguous(p.second, p.first)]


def _ambiguous(question: str, first: str | None) -> bool:
    """Whether a question names a little of its own and no pointing word settles it."""
    reading = read_in_context(question, read(first)) if first else read(question)
    return not reading.follows and names_little(reading)


def measure(assistant: Assistant, chosen: list[Pair]) -> dict[str, tuple[int, int]]:
    """(joined, asked) for follow-ups and for new questions."""
    counts = {"follow-ups": [0, 0], "new questions": [0, 0]}
    for pair in chosen:
        previous = assistant.ask(pair.first).resolved
        joined = bool(assistant.ask(pair.second, previous=previous).interpreted)
        row = counts["follow-ups" if pair.follows else "new questions"]
        row[0] += joined
        row[1] += 1
    return {name: (joined, asked) for name, (joined, asked) in counts.items()}


def main() -> int:
    assistant = Assistant(Settings.from_env())
    result = measure(assistant, pairs())
    joined, asked = result["follow-ups"]
    print(f"follow-ups read as follow-ups:     {joined}/{asked}")
    joined, asked = result["new questions"]
    print(f"new questions read as follow-ups:  {joined}/{asked}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
