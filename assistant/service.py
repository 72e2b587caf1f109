"""The assistant as callers use it: load the index once, answer many questions."""

from __future__ import annotations

import math
import sys
import threading
import time
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from types import MappingProxyType

from assistant.answer import (
    ABSTAIN_TEXT,
    Quote,
    Subject,
    asked_counts,
    asks_figure,
    asks_list,
    best_sentence_score,
    choose_quotes,
    continued_lists,
    defines_asked,
    defines_named,
    definition_first,
    evidence,
    is_procedural,
    joint_evidence,
    named_by_any,
    question_weights,
    subject_of,
    support,
    unnamed_heads,
    with_section,
    without_repeats,
)
from assistant.cases import cases_for_question, is_case_question, size_label
from assistant.cite import (
    about_subject,
    actor_line,
    cite,
    identified,
    lacking_words_note,
    list_items,
    list_line,
    place_line,
    ranked_line,
    ranked_lists,
    related_lead,
    rule_line,
    states_asked_value,
    unnamed_places,
    value_line,
    venue_line,
)
from assistant.documents import named_documents, named_first
from assistant.footnotes import NoteIndex, defining_note, note_index, with_notes
from assistant.llm import LlmError, check, generate, supported_answer
from assistant.models import Answer, Citation, Hit
from assistant.question import (
    VALUE_SLOTS,
    VENUE_WORDS,
    Reading,
    asked_slots,
    asks_if_a_list_exists,
    figures_in,
    is_planned,
    names_body,
    names_little,
    places_in,
    read,
    read_in_context,
    slot_pattern,
    stands_alone,
    starts_new_topic,
    two_questions,
    without_topic,
)
from assistant.rerank import rerank
from assistant.retrieve import MODES, Retriever, split_mode
from assistant.sides import Side, sides_of, with_each_side
from assistant.two_part import both_answered
from core.errors import QuestionError
from core.japanese import numbers_in, years_in
from core.models import Chunk
from core.settings import Settings
from core.text import compact
from core.tokenize_ja import TOKENIZER_VERSION
from core.tuning import applied
from store.generations import LoadedIndex, current_generation, load_index, stale_files
from store.population import PopulationTable, load_population


@dataclass(frozen=True)
class Snapshot:
    """One loaded generation and everything derived from it. Never changed: a reload builds a
    new one and swaps it in with a single assignment, and a question takes one snapshot at its
    start and answers wholly from it, so no answer mixes two generations."""

    index: LoadedIndex
    retriever: Retriever
    max_idf: float
    chunks_by_id: Mapping[str, Chunk]
    population: PopulationTable | None  # the official table the user imported, if any
    stale: tuple[str, ...]
    notes: NoteIndex  # footnote lines by (document, number)
    text: str = ""  # every passage, compact and lower-case, for `written`

    def written(self, phrase: str) -> bool:
        """Whether the documents contain `phrase` (compact, lower-case) as written, inside a longer word or not."""
        return phrase in self.text

    @property
    def positions(self) -> Mapping[str, int]:
        """Chunk id -> place in the index (the retriever's map), for the nearest note and the next passage."""
        return self.retriever.positions

    @property
    def generation(self) -> str:
        return self.index.path.name


class Assistant:
    """Holds the loaded index and models; `ask` is safe to call repeatedly and from many threads.

    A question is answered from one snapshot from start to end (the one served when it
    arrived); a switched-out generation's files are closed when its last question is done.
    """

    def __init__(self, settings: Settings, warn=lambda message: print(message, file=sys.stderr)) -> None:
        self.settings = settings
        self._reload_lock = threading.Lock()
        self._lease_lock = threading.Lock()
        self._in_flight: dict[int, int] = {}  # id(snapshot) -> questions being answered from it
        self._retired: dict[int, Snapshot] = {}  # switched out, closed when their last question is done
        self._snapshot: Snapshot = self._load()
        if self._snapshot.stale:
            warn(stale_warning(list(self._snapshot.stale)))
        if self._snapshot.index.meta.get("embedder") != settings.embedder:
            warn(embedder_warning(self._snapshot.index.meta.get("embedder", "?"), settings.embedder))
        if self._snapshot.index.meta.get("tokenizer", 1) != TOKENIZER_VERSION:
            warn(TOKENIZER_WARNING)

    @property
    def snapshot(self) -> Snapshot:
        """The generation served now; a caller that reads several things takes it once."""
        return self._snapshot

    def _load(self) -> Snapshot:
        s = self.settings
        index = load_index(s.index_dir, vectors=s.vectors)
        try:
            return Snapshot(
                index=index,
                retriever=Retriever(index),
                max_idf=math.log(1 + len(index.chunks)),
                chunks_by_id=MappingProxyType({chunk.chunk_id: chunk for chunk in index.chunks}),
                population=load_population(s.index_dir),
                stale=tuple(stale_files(index, s.corpus_dir)),
                notes=MappingProxyType(dict(note_index(index.chunks))),
                text="\n".join(compact(chunk.text).lower() for chunk in index.chunks),
            )
        except BaseException:
            index.close()
            raise

    def _swap(self, new: Snapshot) -> None:
        old, self._snapshot = self._snapshot, new  # the one assignment questions see
        with self._lease_lock:
            if self._in_flight.get(id(old), 0):
                self._retired[id(old)] = old
            else:
                old.index.close()

    @contextmanager
    def _lease(self):
        """The snapshot served now, kept open until this question is answered."""
        with self._lease_lock:
            snapshot = self._snapshot
            self._in_flight[id(snapshot)] = self._in_flight.get(id(snapshot), 0) + 1
        try:
            yield snapshot
        finally:
            with self._lease_lock:
                left = self._in_flight[id(snapshot)] - 1
                if left:
                    self._in_flight[id(snapshot)] = left
                else:
                    del self._in_flight[id(snapshot)]
                    retired = self._retired.pop(id(snapshot), None)
                    if retired is not None:
                        retired.index.close()

    def refresh(self) -> bool:
        """Load the newest generation if `dxqa ingest` (here or in another process) switched to one.

        Called before each question, so every `dxqa serve` sharing an index directory
        answers from a new index as soon as it is complete; True when it reloaded.
        """
        if current_generation(self.settings.index_dir) == self._snapshot.index.path:
            return False
        with self._reload_lock:
            if current_generation(self.settings.index_dir) != self._snapshot.index.path:
                self._swap(self._load())
        return True

    def ask(self, question: str, mode: str = MODES[0], previous: str | None = None) -> Answer:
        """Retrieve (and rerank), then quote the answering sentences with citations, or abstain.

        `previous` is the last turn's resolved question, for follow-ups in a conversation.
        Every weight used on the way is the settings' tuning (core/tuning.py).
        """
        retriever, reranked = split_mode(mode)
        check_question(question)
        self.refresh()
        with self._lease() as snapshot, applied(self.settings.tuning):
            if parts := two_questions(question):
                first = self._ask(snapshot, parts[0], retriever, reranked, previous)
                second = self._ask(snapshot, parts[1], retriever, reranked, first.resolved)
                return both_answered(question, first, second, parts[1])
            return self._ask(snapshot, question, retriever, reranked, previous)

    def _ask(self, snap: Snapshot, question: str, retriever: str, reranked: bool, previous: str | None) -> Answer:
        started = time.perf_counter()
        tuning = self.settings.tuning
        k = max(self.settings.top_k, tuning.min_passages)
        reading = self._read(snap, question, previous, retriever)
        searched = reading.searched
        weights = question_weights(reading, snap.index.bm25.idf, snap.max_idf, snap.written)
        named = named_documents(reading.documents, snap.index.sources)
        hits = snap.retriever.search(
            searched, k=k * tuning.rerank_pool if reranked else k, mode=retriever, documents=named
        )

        def by_sentences(found: list[Hit]) -> list[Hit]:
            return rerank(found, lambda hit: best_sentence_score(reading, weights, hit), tuning.rerank_weight)

        if reranked:
            hits = named_first(by_sentences(hits), named)[:k]
        if sides := sides_of(reading, named):

            def search(side: Side) -> list[Hit]:
                found = snap.retriever.search(side.query, k=k, mode=retriever, documents=side.documents)
                return by_sentences(found) if reranked else found

            hits = with_each_side(hits, sides, search, tuning.read_hits)[:k]
        retrieved = time.perf_counter()
        body, citations, composer, status = self._compose(snap, reading, weights, hits, named)
        hits = _with_cited_chunks(snap, hits, citations)
        done = time.perf_counter()
        timing = {
            "retrieve": round((retrieved - started) * 1000, 1),
            "answer": round((done - retrieved) * 1000, 1),
            "total": round((done - started) * 1000, 1),
        }
        return Answer(
            question,
            status,
            tuple(body.split("\n")),
            tuple(citations),
            tuple(hits),
            composer,
            timing,
            # the document the question named goes with it, so a follow-up keeps looking there
            resolved="".join([*reading.documents, searched]),
            slot=reading.slot,
            interpreted=reading.interpreted,
            generation=snap.generation,
        )

    def _read(self, snap: Snapshot, question: str, previous: str | None, retriever: str) -> Reading:
        """The question as understood in its conversation.

        A question that points back (「それは？」) or names no topic of its own is a follow-up. One
        that names a little of its own (at most Tuning.follow_up_max_terms topic nouns: 「定員は？」
        「指定都市でも使える？」「非常勤のほうは？」), or more but finds no support alone (「職員研修って
        どういうレベル分け？」 after 長岡市's RPA case), is joined to the previous topic when the
        documents support the joined reading (evidence ≥ Tuning.min_coverage, and one passage holds
        both what the question names and what it carries: answer.joint_evidence ≥
        Tuning.joint_coverage) and the question does
        not stand alone by its shape (question.stands_alone: 「BPRって何の略？」, 「長野県の市町村数は？」).
        A new topic (「KPIって何？」 after a CIO question) finds no passage that holds both. A question
        that alone finds nothing, not even 「近い記載」, is read joined when that reading is answered. The
        question's own evidence is no yardstick: a word or two is always found somewhere (定員 in
        every training table). On 53 two-turn pairs (`python -m eval.followups`: the tuning splits'
        follow-ups, and standalone questions of dev and casual-dev asked after an unrelated turn) this
        joins 30 of 33 follow-ups and 2 of 20 standalone questions; comparing with the question alone
        joined 24 and 6.
        """
        before = read(previous) if previous else None
        reading = read_in_context(question, before)
        if before is None or reading.follows or starts_new_topic(question):
            return reading
        tuning = self.settings.tuning

        read_for: dict[Reading, tuple[dict[str, float], list[Hit]]] = {}

        def passages(r: Reading) -> tuple[dict[str, float], list[Hit]]:
            """A reading's weights and the passages searched for it, once per reading: the readings alone and
            joined are weighed more than once below."""
            if r not in read_for:
                hits = snap.retriever.search(r.searched, k=tuning.read_hits, mode=retriever)
                read_for[r] = question_weights(r, snap.index.bm25.idf, snap.max_idf, snap.written), hits
            return read_for[r]

        if (
            stands_alone(reading)
            if names_little(reading)
            else evidence(reading, *passages(reading)) >= tuning.min_coverage
        ):
            return reading

        def holds_both(r: Reading) -> bool:
            weights, hits = passages(r)
            supported = evidence(r, weights, hits) >= tuning.min_coverage
            return supported and joint_evidence(r, weights, hits) >= tuning.joint_coverage

        joined = read_in_context(question, before, joined=True)
        if not joined.follows:
            return reading
        if holds_both(joined):
            return joined
        if names_body(reading) and len(before.topic) > 1:
            # 「県の場合は？」 after CIO補佐官's 募集経費: the class of bodies asked replaces what the previous
            # turn named for another (CIO補佐官 is the 市町村's post), and the rest is carried (県's 募集経費)
            for topic in before.topic:
                narrowed = read_in_context(question, without_topic(before, topic), joined=True)
                if narrowed.follows and holds_both(narrowed):
                    return narrowed
        # a question that finds nothing on its own, not even 「近い記載」, leans on the conversation when the
        # joined reading is answered (「リーダー役は最終的に何人くらい育てるつもりなの？」 after 金沢市's training
        # had been 「資料には該当する記載が見つかりませんでした」; read with 金沢市 it is 計100人)
        alone = evidence(reading, *passages(reading)) < tuning.related_coverage
        if alone and evidence(joined, *passages(joined)) >= tuning.min_coverage:
            return joined
        return reading

    def _compose(
        self, snap: Snapshot, reading: Reading, weights: dict[str, float], hits: list[Hit], named: frozenset[str]
    ):
        """(answer body, citations, composer, status): extractive, or a verified LLM answer when one is configured.

        not_found has no citations; related says the asked thing is not stated, then quotes what
        the documents do say; the LLM is asked only when the documents answer.
        """
        avoid = reading.avoid
        status, lacking = support(reading, weights, hits)
        quotes = choose_quotes(reading, weights, hits, avoid, named) if status != "not_found" else []
        if not quotes:
            cases, case_citations = _case_block(snap, reading, hits, {}, avoid)
            if case_citations:
                return cases, case_citations, "extractive", "answered"
            return ABSTAIN_TEXT, [], "extractive", "not_found"
        nearby = named_by_any(hits[: self.settings.tuning.read_hits])
        subject = subject_of(reading, weights, snap.index.bm25.idf, snap.written, nearby)
        values_of_others = planned = False
        if reading.wants_value and not any(states_asked_value(reading, q, subject) for q in quotes):
            status = "related"  # quote what the documents say about the subject, undated-compared
            quotes = [q for q in quotes if about_subject(q, subject)] or quotes
            values_of_others = any(reading.answering_values(q.text) for q in quotes)
            # 「実際には何人育成できた？」 where the documents state only the plan (450人を育成し、…進めていく)
            planned = reading.asks_done and not values_of_others and any(reading.values(q.text) for q in quotes)
        if status == "answered" and reading.asks_venue and not any(VENUE_WORDS.search(q.text) for q in quotes):
            status = "related"  # 「交流イベントってどこでやるの？」 is not answered by the event's 目的
        if status == "answered" and reading.slot == "yesno" and _checks_a_plan(reading, quotes):
            # 「結局450人育成できたの？」 where the documents give 450人 only as what was to be done
            status, planned = "related", True
        if status == "answered" and reading.asks_upcoming and _only_past(reading, quotes):
            status = "related"  # 「次の募集はいつ頃？」 is not answered by 令和2年7月, when the scheme began
        beyond = reading.asked_beyond
        if status == "answered" and beyond and _ends_before(reading, quotes, min(years_in(beyond))):
            status = "related"  # 「令和12年度以降も続く？」 is not answered by 「令和11年度まで」
        if reading.asks_breakdown and not any(
            len(set(reading.answering_values(q.text))) > 1 and about_subject(q, subject) for q in quotes
        ):
            status = "related"  # 「県ごとの内訳わかる？」 is not answered by the total, 189団体
        if (wanted := min(reading.asked_members, 3)) > 1 and not any(
            _named_count(q.text, reading.asks_member_places) >= wanted for q in quotes
        ):
            status = "related"  # 「23市町って具体的にどこ？」 is not answered by one place or the count
        if reading.asks_municipality and not any(places_in(with_section(q.hit)) for q in identified(reading, quotes)):
            status = "related"  # 「…した自治体ってどこ？」 where the documents name none
        absent = unnamed_places(reading, hits[: self.settings.tuning.read_hits])
        if absent:
            status = "related"  # 「沖縄県の事例は？」 answered with 愛媛県's would mislead
        quotes = continued_lists(quotes, lambda chunk: _next_chunk(snap, chunk), snap.index.sources)
        quotes = with_notes(
            quotes,
            snap.notes,
            snap.positions,
            snap.index.sources,
            wanted=lambda note: reading.slot == "definition" or subject.names(note.text),
        )
        if (
            reading.slot == "definition"
            and not any(defines_asked(reading, q.text) for q in quotes)
            and (
                note := defining_note(
                    snap.notes, lambda text: defines_named(reading, text), snap.index.sources, named, 1
                )
            )
        ):
            quotes = [note, *quotes]  # the term is defined in a footnote no quoted sentence refers to
        quotes = without_repeats(definition_first(reading, ranked_lists(reading, quotes)))
        compare = asks_figure(reading) and status == "answered"
        body, citations = cite(
            quotes, numbered=is_procedural(reading), compare_dates=compare, subject=subject, values=reading.values
        )
        unwritten = tuple(w for w in lacking if not snap.written(compact(w).lower()))  # words the documents never use
        if status == "related":
            untied = unnamed_heads(reading, subject, quotes) if values_of_others else ()
            slot = _lead_slot(reading, planned)
            lead = related_lead(slot, absent, lacking, values_of_others, unwritten, planned, beyond, untied)
            body = f"{lead}\n{body}"
        elif line := _first_lines(reading, quotes, citations, subject):
            body = f"{line}\n{body}"
        if status == "answered" and lacking:  # 「ふるさと納税を財源に…」: judge for yourself
            first, _, rest = body.partition("\n")
            elsewhere = [w for w in lacking if w not in unwritten]
            body = f"{first}\n{lacking_words_note(list(unwritten), elsewhere)}\n{rest}"
        extractive, citations = _with_cases(snap, body, citations, reading, hits, avoid)
        if not self.settings.llm_url or status != "answered":
            return extractive, citations, "extractive", status
        try:
            generated = self._generate(reading.interpreted or reading.asked, hits)
        except LlmError as exc:
            return f"（{exc.ja}）\n{extractive}", citations, "extractive", status
        if generated is None:
            return f"{LLM_UNSUPPORTED}\n{extractive}", citations, "extractive", status
        body, citations = _with_cases(snap, *generated, reading, hits, avoid)
        return body, citations, "llm", status

    def _generate(self, question: str, hits: list[Hit]) -> tuple[str, list[Citation]] | None:
        """The verified LLM answer body and its citations, or None when no generated sentence held up."""
        checked = check(generate(self.settings.llm, question, hits), hits)
        if not any(c.supported for c in checked):
            return None
        body, citations = supported_answer(checked, hits)
        dropped = sum(not c.supported for c in checked)
        note = f"\n（出典で確認できなかった文を{dropped}件省きました）" if dropped else ""
        return body + note, citations


def _first_lines(reading: Reading, quotes: list[Quote], citations: list[Citation], subject: Subject) -> str:
    """Each asked thing stated first, in one line: 「期限: R11年度まで[1]（…）｜金額: 100万円[1]（…）」."""
    return "｜".join(filter(None, (_first_line(r, quotes, citations, subject) for r in asked_slots(reading))))


def _first_line(reading: Reading, quotes: list[Quote], citations: list[Citation], subject: Subject) -> str:
    """The asked thing stated first: the value, the place, or the items ("" when the quotes hold none)."""
    if ranked := ranked_line(reading, quotes, citations):
        return ranked
    if reading.wants_value and (per_side := _value_per_side(reading, quotes, citations, subject)):
        return per_side
    if reading.wants_value:
        return value_line(reading, quotes, citations, subject)
    if reading.asks_venue:  # where something is held is no municipality of a case: the line that says it
        return venue_line(quotes, citations)
    if reading.asks_place:
        return place_line(reading, quotes, citations)
    if reading.slot == "actor" and (actor := actor_line(reading, quotes, citations)):
        return actor
    if _lists_first(reading):
        return list_line(reading, quotes, citations)
    if reading.slot == "yesno":
        return rule_line(reading, quotes, citations, subject)
    return ""


def _value_per_side(reading: Reading, quotes: list[Quote], citations: list[Citation], subject: Subject) -> str:
    """For two things compared on a value (「テレワーク導入率、都道府県と市区町村でどれくらい差が？」), the
    value on each side: 「都道府県: 93.6%[1]（…）｜市区町村: 3.0%[1]（…）」; "" unless both sides have one."""
    if len(reading.compared) != 2:
        return ""
    lines = []
    for side in sides_of(reading, frozenset()):
        on_side = [q for q in quotes if side.holds(q.hit, q.text)]
        # a table row labelled with the side (「都道府県(47) | 44(42) | 93.6%」) before a header naming it
        on_side.sort(key=lambda q: not compact(q.text).startswith(compact(side.term)))
        # in a sentence holding both sides (「都道府県では42団体…、市区町村では438団体…」), the value after the side
        line = value_line(replace(reading, own=(side.term,)), on_side, citations, subject)
        if not line:
            return ""
        lines.append(f"{side.term}: {line.split(': ', 1)[1]}")
    return "｜".join(lines)


def _lists_first(reading: Reading) -> bool:
    """Whether the answer leads with the items: a question for items or steps, but not a definition
    (「アクセラレータとはどんな職員？」) unless it counts them (「必要な4つの機能って何？」). A yes/no or a
    who question is not asking for items for naming a list's noun (「要件の実務経験5年って…カウントされる？」)."""
    if reading.slot in ("yesno", "actor"):  # unless the steps are asked too, or whether a list exists
        return bool(slot_pattern("steps").search(reading.core) or asks_if_a_list_exists(reading.core))
    return asks_list(reading) and (reading.slot != "definition" or bool(asked_counts(reading.core)))


def _lead_slot(reading: Reading, planned: bool) -> str:
    """What a 「近い記載」 lead says is missing: a yes/no checking a planned figure is told of a number
    (「目標・予定の数」), another yes/no of the point asked, a venue question of the 開催場所, any other
    question of its slot."""
    if planned and reading.slot == "yesno":
        return "count"
    if reading.slot == "yesno":
        return "other"  # 「お尋ねの点そのものは…」: the words that would settle it are what is missing
    return "venue" if reading.asks_venue else reading.slot


def _checks_a_plan(reading: Reading, quotes: list[Quote]) -> bool:
    """Whether a yes/no asks if a figure it names was reached (「結局450人育成できた？」) and every quoted
    line holding that figure gives it as planned (「3年間で…450人…を育成し、…進めていく」)."""
    if not reading.asks_done:
        return False
    figures = figures_in(reading.core)
    holding = [(q, f) for q in quotes for f in figures if f in numbers_in(q.text)]
    return bool(holding) and all(is_planned(q.text, f) for q, f in holding)


def _ends_before(reading: Reading, quotes: list[Quote], year: int) -> bool:
    """Whether every date the quotes give for the asked slot ends before `year`."""
    years = [years_in(value) for quote in quotes for value in reading.answering_values(quote.text)]
    return bool(years) and all(found and max(found) < year for found in years)


def _only_past(reading: Reading, quotes: list[Quote]) -> bool:
    """Whether every date the quotes give for the asked slot was past when its document was written."""
    dated = [
        (years_in(value), quote.hit.source.date[:4])
        for quote in quotes
        for value in reading.answering_values(quote.text)
    ]
    known = [(years, int(published)) for years, published in dated if years and published.isdigit()]
    return bool(known) and all(max(years) < published for years, published in known)


def _named_count(text: str, places_only: bool = False) -> int:
    """How many things a quote names: its list items or its places (「【広島県】」 is one, not 23市町);
    only its places when places are asked (bullets about a programme name no 市町)."""
    places = len(places_in(text))
    return places if places_only else max(len(list_items(text)), places)


def _next_chunk(snap: Snapshot, chunk: Chunk) -> Chunk | None:
    """The passage after `chunk` in the index (the same document's next one, or another's first)."""
    position = snap.positions.get(chunk.chunk_id)
    chunks = snap.index.chunks
    return chunks[position + 1] if position is not None and position + 1 < len(chunks) else None


def _with_cases(
    snap: Snapshot, body: str, citations: list[Citation], question: Reading, hits: list[Hit], avoid: tuple[str, ...]
) -> tuple[str, list[Citation]]:
    """The answer body and citations, followed by the case list when the question asks for examples."""
    cases, case_citations = _case_block(snap, question, hits, {c.chunk_id: c.n for c in citations}, avoid)
    return (f"{body}\n\n{cases}", citations + case_citations) if cases else (body, citations)


def _case_block(
    snap: Snapshot, question: Reading, hits: list[Hit], cited: dict[str, int], avoid: tuple[str, ...] = ()
) -> tuple[str, list[Citation]]:
    """「参考になる事例:」 lines for a question about case studies, each cited; ("", []) otherwise.

    `cited` maps chunk ids the answer already cites to their numbers, which are reused;
    places in `avoid` (「他の県は？」 after 愛媛県) are left out.
    """
    if not asks_for_cases(question) or not snap.index.cases:
        return "", []
    ranked = cases_for_question(
        question.asked, snap.index.cases, {hit.chunk.chunk_id: hit.rank for hit in hits}, table=snap.population
    )
    ranked = [r for r in ranked if not any(place in r.case.name for place in avoid)]
    numbers, citations, lines = dict(cited), [], []
    for r in ranked:
        chunk = snap.chunks_by_id.get(r.case.chunk_id)
        source = snap.index.sources.get(r.case.doc_id)
        if chunk is None or source is None:
            continue
        if chunk.chunk_id not in numbers:
            numbers[chunk.chunk_id] = len(numbers) + 1
            citations.append(
                Citation(
                    numbers[chunk.chunk_id],
                    chunk.chunk_id,
                    chunk.doc_id,
                    source.title,
                    source.date_label,
                    chunk.section,
                    chunk.page_label,
                    r.case.summary,
                )
            )
        lines.append(f"・{r.case.name}（{size_label(r)}）: {r.case.title}[{numbers[chunk.chunk_id]}]")
    return ("参考になる事例:\n" + "\n".join(lines), citations) if lines else ("", [])


def _with_cited_chunks(snap: Snapshot, hits: list[Hit], citations: list[Citation]) -> list[Hit]:
    """Hits plus, after them, any cited chunk retrieval did not return (a case study's passage),
    so every citation's passage can be shown and checked."""
    present = {hit.chunk.chunk_id for hit in hits}
    extra = [
        snap.chunks_by_id[c.chunk_id]
        for c in citations
        if c.chunk_id not in present and c.chunk_id in snap.chunks_by_id
    ]
    unique = list({chunk.chunk_id: chunk for chunk in extra}.values())
    return hits + [
        Hit(chunk, snap.index.sources[chunk.doc_id], len(hits) + i, 0.0) for i, chunk in enumerate(unique, 1)
    ]


def asks_for_cases(reading: Reading) -> bool:
    """Case lists only for questions asking for examples or municipalities, not for a figure,
    a definition, steps or a date (「KPIって何？」 gets no 「参考になる事例」)."""
    no_cases = VALUE_SLOTS | {"definition", "article", "steps", "actor"}
    return reading.slot not in no_cases and not reading.asks_venue and is_case_question(reading.core)


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


TOKENIZER_WARNING = (
    "注意: インデックスは以前の版の単語分割で作られています。検索語が一部一致しないことがあるため、"
    "`dxqa ingest` で作り直してください。\n"
    "(Warning: the index was built with an older tokenizer; some search terms may not match. Run `dxqa ingest`.)"
)


def embedder_warning(indexed: str, configured: str) -> str:
    """The index was embedded with another model than the one configured: questions use the index's."""
    return (
        f"注意: インデックスは埋め込みモデル {indexed} で作られています（設定は {configured}）。質問も {indexed} "
        "で検索します。"
        f"{configured} に切り替えるには `dxqa ingest` で作り直してください。\n"
        f"(Warning: the index was embedded with {indexed}, the setting is {configured}; questions use {indexed}. "
        f"Run `dxqa ingest` to re-embed.)"
    )
