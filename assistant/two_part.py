"""One answer for a question typed as two (「年に何回まで来てもらえる？お金かかる？」): each part answered
on its own, the second as a follow-up of the first, then put together under one numbering of sources."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.models import Answer


def both_answered(question: str, first: Answer, second: Answer, asked: str) -> Answer:
    """The first part's answer, then the second's under the words it answers (「（お金かかる？）」), their
    sources numbered once (a passage both cite keeps one number). The outcome is the first part's: the
    second part adds to an answer, it never turns a 「近い記載」 into an answer; a second part the
    documents do not answer says so in one line."""
    citations = list(first.citations)  # numbered 1..k; the second's new sources follow in order
    numbers: dict[int, int] = {}
    by_chunk = {c.chunk_id: c.n for c in citations}
    for c in second.citations:
        if c.chunk_id not in by_chunk:
            by_chunk[c.chunk_id] = len(citations) + 1
            citations.append(replace(c, n=by_chunk[c.chunk_id]))
        numbers[c.n] = by_chunk[c.chunk_id]

    def renumbered(line: str) -> str:
        return _MARK.sub(lambda m: f"[{numbers.get(int(m.group(1)), int(m.group(1)))}]", line)

    if second.status == "not_found":
        added = [f"（{asked}）については、資料に記載が見つかりませんでした。"]
    else:
        added = [f"（{asked}）", *(renumbered(line) for line in second.lines)]
    seen = {hit.chunk.chunk_id for hit in first.hits}
    hits = (*first.hits, *(hit for hit in second.hits if hit.chunk.chunk_id not in seen))
    timing = {key: round(first.timing_ms.get(key, 0) + second.timing_ms.get(key, 0), 1) for key in first.timing_ms}
    status = second.status if first.status == "not_found" else first.status
    return replace(
        first,
        question=question,
        status=status,
        lines=(*first.lines, "", *added),
        citations=tuple(citations),
        hits=hits,
        timing_ms=timing,
    )


_MARK = re.compile(r"\[(\d+)\]")
