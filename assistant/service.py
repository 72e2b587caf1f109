"""The assistant as callers use it: load the index once, answer many questions."""

from __future__ import annotations

import math
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass

from assistant.answer import (
    asks_figure,
    best_sentence_score,
    choose_quotes,
    is_procedural,
    is_supported,
    question_weights,
)
from assistant.cases import cases_for_question, is_case_question, size_label
from assistant.cite import about_subject, abstention_text, answer_text, cite, related_lead, value_line
from assistant.question import VALUE_SLOTS, Reading, read, read_in_context
from assistant.llm import LlmError, check, generate, supported_answer
from assistant.models import Answer, Citation, Hit
from assistant.rerank import rerank
from assistant.retrieve import MODES, Retriever, split_mode
from dxqa.errors import QuestionError
from dxqa.settings import Settings
from dxqa.tuning import applied
from ingest.index import LoadedIndex, current_generation, load_index, stale_files
from ingest.population import load_population


@dataclass
class _Served:
    """One loaded generation and the questions being answered from it right now."""

    index: LoadedIndex
    retriever: Retriever
    max_idf: float
    chunks_by_id: dict
    users: int = 0
    retired: bool = False


class Assistant:
    """Holds the loaded index and models; `ask` is safe to call repeatedly and from many threads.

    A question is answered from one generation from start to end (the one served when it
    arrived); a switched-out generation's files are closed when its last question is done.
    """

    def __init__(self, settings: Settings, warn=lambda message: print(message, file=sys.stderr)) -> None:
        self.settings = settings
        self._reload_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._pinned = threading.local()
        self._current: _Served | None = None
        self._load()
        if self.stale:
            warn(stale_warning(self.stale))
        if self.index.meta.get("embedder") != settings.embedder:
            warn(embedder_warning(self.index.meta.get("embedder", "?"), settings.embedder))

    @property
    def _served(self) -> _Served:
        return getattr(self._pinned, "served", None) or self._current

    index = property(lambda self: self._served.index)
    retriever = property(lambda self: self._served.retriever)
    max_idf = property(lambda self: self._served.max_idf)
    chunks_by_id = property(lambda self: self._served.chunks_by_id)

    def _load(self) -> None:
        s = self.settings
        index = load_index(s.index_dir, vectors=s.vectors)
        try:
            served = _Served(index, Retriever(index), math.log(1 + len(index.chunks)),
                             {chunk.chunk_id: chunk for chunk in index.chunks})
            self.stale = stale_files(index, s.corpus_dir)
        except BaseException:
            index.close()
            raise
        self.population = load_population(s.index_dir)  # the official table the user imported, if any
        with self._state_lock:
            old, self._current = self._current, served
            if old is not None:
                old.retired = True
                if old.users == 0:
                    old.index.close()

    @contextmanager
    def _pin(self):
        """Answer this thread's question from the generation served now, even if a switch comes meanwhile."""
        if getattr(self._pinned, "served", None) is not None:
            yield
            return
        with self._state_lock:
            served = self._current
            served.users += 1
        self._pinned.served = served
        try:
            yield
        finally:
            self._pinned.served = None
            with self._state_lock:
                served.users -= 1
                if served.retired and served.users == 0:
                    served.index.close()

    def refresh(self) -> bool:
        """Load the newest generation if `dxqa ingest` (here or in another process) switched to one.

        Called before each question, so every `dxqa serve` sharing an index directory
        answers from a new index as soon as it is complete; True when it reloaded.
        """
        if current_generation(self.settings.index_dir) == self.index.path:
            return False
        with self._reload_lock:
            if current_generation(self.settings.index_dir) != self.index.path:
                self._load()
        return True

    def ask(self, question: str, mode: str = MODES[0], previous: str | None = None) -> Answer:
        """Retrieve (and rerank), then quote the answering sentences with citations, or abstain.

        `previous` is the last turn's resolved question, for follow-ups in a conversation.
        Every weight used on the way is the settings' tuning (dxqa/tuning.py).
        """
        retriever, reranked = split_mode(mode)
        check_question(question)
        self.refresh()
        with self._pin(), applied(self.settings.tuning):
            return self._ask(question, retriever, reranked, previous)

    def _ask(self, question: str, retriever: str, reranked: bool, previous: str | None) -> Answer:
        started = time.perf_counter()
        reading = read_in_context(question, read(previous) if previous else None)
        searched = reading.searched
        tuning = self.settings.tuning
        k = max(self.settings.top_k, tuning.min_passages)
        weights = question_weights(reading, self.index.bm25.idf, self.max_idf)
        hits = self.retriever.search(searched, k=k * tuning.rerank_pool if reranked else k, mode=retriever)
        if reranked:
            hits = rerank(hits, lambda hit: best_sentence_score(reading, weights, hit), tuning.rerank_weight)[:k]
        retrieved = time.perf_counter()
        text, citations, composer, status = self._compose(reading, weights, hits)
        hits = self._with_cited_chunks(hits, citations)
        done = time.perf_counter()
        timing = {
            "retrieve": round((retrieved - started) * 1000, 1),
            "answer": round((done - retrieved) * 1000, 1),
            "total": round((done - started) * 1000, 1),
        }
        return Answer(question, text, status == "not_found", tuple(citations), tuple(hits), timing, resolved=searched,
                      mode=composer, status=status, slot=reading.slot, interpreted=reading.interpreted)

    def _compose(self, reading: Reading, weights: dict[str, float], hits: list[Hit]):
        """(answer text, citations, composer, status): extractive, or a verified LLM answer when one is configured.

        not_found has no citations; related says the asked thing is not stated, then quotes what
        the documents do say; the LLM is asked only when the documents answer.
        """
        avoid = reading.avoid
        quotes = choose_quotes(reading, weights, hits, avoid) if is_supported(reading, weights, hits) else []
        if not quotes:
            cases, case_citations = self._case_block(reading, hits, {}, avoid)
            if case_citations:
                return answer_text(cases, case_citations), case_citations, "extractive", "answered"
            return abstention_text(hits), [], "extractive", "not_found"
        status = "answered"
        if reading.wants_value and not any(reading.values(q.text) and about_subject(q, weights) for q in quotes):
            status = "related"  # quote what the documents say about the subject, undated-compared
            quotes = [q for q in quotes if about_subject(q, weights)] or quotes
        compare = asks_figure(reading) and status == "answered"
        body, citations = cite(quotes, numbered=is_procedural(reading), compare_dates=compare, weights=weights)
        if status == "related":
            body = f"{related_lead(reading.slot)}\n{body}"
        elif reading.wants_value and (line := value_line(reading, quotes, citations, weights)):
            body = f"{line}\n{body}"
        body, citations = self._with_cases(body, citations, reading, hits, avoid)
        extractive = answer_text(body, citations)
        if not self.settings.llm_url or status != "answered":
            return extractive, citations, "extractive", status
        try:
            generated = self._generate(reading.interpreted or reading.asked, hits)
        except LlmError as exc:
            return f"（{exc.ja}）\n{extractive}", citations, "extractive", status
        if generated is None:
            return f"{LLM_UNSUPPORTED}\n{extractive}", citations, "extractive", status
        body, citations = self._with_cases(*generated, reading, hits, avoid)
        return answer_text(body, citations), citations, "llm", status

    def _with_cases(self, body: str, citations: list[Citation], question: Reading, hits: list[Hit], avoid: tuple[str, ...]):
        """The answer body and citations, followed by the case list when the question asks for examples."""
        cases, case_citations = self._case_block(question, hits, {c.chunk_id: c.n for c in citations}, avoid)
        return (f"{body}\n\n{cases}", citations + case_citations) if cases else (body, citations)

    def _case_block(self, question: Reading, hits: list[Hit], cited: dict[str, int], avoid: tuple[str, ...] = ()) -> tuple[str, list[Citation]]:
        """「参考になる事例:」 lines for a question about case studies, each cited; ("", []) otherwise.

        `cited` maps chunk ids the answer already cites to their numbers, which are reused;
        places in `avoid` (「他の県は？」 after 愛媛県) are left out.
        """
        if not asks_for_cases(question) or not self.index.cases:
            return "", []
        ranked = cases_for_question(question.asked, self.index.cases, {hit.chunk.chunk_id: hit.rank for hit in hits},
                                    table=self.population)
        ranked = [r for r in ranked if not any(place in r.case.name for place in avoid)]
        numbers, citations, lines = dict(cited), [], []
        for r in ranked:
            chunk = self.chunks_by_id.get(r.case.chunk_id)
            source = self.index.sources.get(r.case.doc_id)
            if chunk is None or source is None:
                continue
            if chunk.chunk_id not in numbers:
                numbers[chunk.chunk_id] = len(numbers) + 1
                citations.append(Citation(numbers[chunk.chunk_id], chunk.chunk_id, chunk.doc_id, source.title,
                                          source.date_label, chunk.section, chunk.page_label, r.case.summary))
            lines.append(f"・{r.case.name}（{size_label(r)}）: {r.case.title}[{numbers[chunk.chunk_id]}]")
        return ("参考になる事例:\n" + "\n".join(lines), citations) if lines else ("", [])

    def _with_cited_chunks(self, hits: list[Hit], citations: list[Citation]) -> list[Hit]:
        """Hits plus, after them, any cited chunk retrieval did not return (a case study's passage),
        so every citation's passage can be shown and checked."""
        present = {hit.chunk.chunk_id for hit in hits}
        extra = [self.chunks_by_id[c.chunk_id] for c in citations if c.chunk_id not in present and c.chunk_id in self.chunks_by_id]
        unique = list({chunk.chunk_id: chunk for chunk in extra}.values())
        return hits + [Hit(chunk, self.index.sources[chunk.doc_id], len(hits) + i, 0.0) for i, chunk in enumerate(unique, 1)]

    def _generate(self, question: str, hits: list[Hit]) -> tuple[str, list[Citation]] | None:
        """The verified LLM answer body and its citations, or None when no generated sentence held up."""
        checked = check(generate(self.settings.llm, question, hits), hits)
        if not any(c.supported for c in checked):
            return None
        body, citations = supported_answer(checked, hits)
        dropped = sum(not c.supported for c in checked)
        note = f"\n（出典で確認できなかった文を{dropped}件省きました）" if dropped else ""
        return body + note, citations


def asks_for_cases(reading: Reading) -> bool:
    """Case lists only for questions asking for examples or municipalities, not for a figure,
    a definition, steps or a date (「KPIって何？」 gets no 「参考になる事例」)."""
    no_cases = VALUE_SLOTS | {"definition", "article", "steps", "actor"}
    return reading.slot not in no_cases and is_case_question(reading.core)


# Longer than any real question; a pasted document would only slow every stage down.
MAX_QUESTION_CHARS = 500


def check_question(question: str) -> None:
    """Refuse empty and overlong questions with a message saying what to do."""
    if not question.strip():
        raise QuestionError("質問を入力してください。", "The question is empty.")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"質問が長すぎます（{len(question)}文字）。{MAX_QUESTION_CHARS}文字以内で、知りたいことを短く書いてください。",
            f"Question of {len(question)} characters exceeds {MAX_QUESTION_CHARS}.",
        )


LLM_UNSUPPORTED = "（LLMの回答を出典で確認できなかったため、資料から抜き出した回答を表示します）"


def stale_warning(files: list[str]) -> str:
    names = "、".join(files[:5]) + (" ほか" if len(files) > 5 else "")
    return (
        f"注意: インデックス作成後に資料が変更されています（{names}）。`dxqa ingest` で更新してください。\n"
        f"(Warning: the corpus changed since the index was built: {', '.join(files[:5])}. Run `dxqa ingest`.)"
    )


def embedder_warning(indexed: str, configured: str) -> str:
    """The index was embedded with another model than the one configured: questions use the index's."""
    return (
        f"注意: インデックスは埋め込みモデル {indexed} で作られています（設定は {configured}）。質問も {indexed} で検索します。"
        f"{configured} に切り替えるには `dxqa ingest` で作り直してください。\n"
        f"(Warning: the index was embedded with {indexed}, the setting is {configured}; questions use {indexed}. "
        f"Run `dxqa ingest` to re-embed.)"
    )


def answer_to_dict(answer: Answer) -> dict:
    """The stable JSON contract of `dxqa ask --json` (see README)."""
    return {
        "question": answer.question,
        "resolved_question": answer.resolved,
        "mode": answer.mode,
        "answer": answer.text,
        "abstained": answer.abstained,
        "status": answer.status,
        "slot": answer.slot,
        "interpreted": answer.interpreted,
        "citations": [
            {k: v for k, v in asdict(c).items() if k != "chunk_id"} for c in answer.citations
        ],
        "sources": [_source(hit) for hit in answer.hits],
        "timing_ms": answer.timing_ms,
    }


def _source(hit: Hit) -> dict:
    return {
        "rank": hit.rank,
        "doc_id": hit.chunk.doc_id,
        "title": hit.source.title,
        "section": hit.chunk.section,
        "page": hit.chunk.page_label,
        "text": hit.chunk.text,
        "score": round(hit.score, 6),
    }
