"""Every weight and threshold that shapes retrieval and answers, named once with why it has its value.

The defaults were chosen on the dev split (README, "Evaluation"); the test and casual splits
were never used to choose them. `dxqa eval --set NAME=VALUE` (repeatable) and
`DXQA_<NAME>` change one for a run, so a value can be swept without editing code:

    dxqa eval --split dev --set rerank_weight=0.01 --set value_bonus.deadline=0.4

The Assistant puts its settings' Tuning in effect for each question (`applied`); the scoring
code reads it with `current()`, so two assistants with different tunings can answer side by
side; `dxqa cases` and the UI's case tab apply the settings' tuning too, and code run outside
(a unit test) gets the defaults.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace

from core.errors import ConfigError


@dataclass(frozen=True)
class Tuning:
    """Weights and thresholds (what each means is on its line; the README gives the sweeps).

    Plain values only (value_bonus is (slot, bonus) pairs), so a Tuning and the Settings that
    carry it stay hashable, picklable and comparable.
    """

    # --- retrieval (assistant/retrieve.py, assistant/fuse.py) ---
    rrf_k: int = 60  # k of RRF (Cormack et al. 2009); larger flattens the rank curve; dev grid {2,10,30,60}
    bm25_weight: float = 1.5  # BM25's list in the fusion: of {0.7, 1, 1.5}, 1.5 gave the best dev MRR at every k
    dense_weight: float = 1.0  # e5's list in the fusion: the reference the BM25 weight is relative to
    # passages each retriever hands to the fusion: every passage of a corpus this size (445), so a passage
    # one list ranks high is fused with its real rank in the other, not scored as absent from it (at 50,
    # 「…情報資産や情報関係予算を一元的に把握」, BM25 rank 1 and e5 rank > 50, fell to rank 12)
    candidates: int = 1000
    # passages retrieved at least, even with a smaller top_k: answers and case lists read their ranks
    min_passages: int = 10
    # --- rerank (assistant/rerank.py) ---
    # × best sentence score added to the fused score (≈0.04); dev hit@1 .54 → .63; .003/.01/.02 worse
    rerank_weight: float = 0.005
    # the rerank reorders this many times the passages it returns (top 20), so a lower one can move up
    rerank_pool: int = 2
    # --- answer sentences (assistant/answer.py) ---
    read_hits: int = 5  # passages read for answer sentences and for the evidence check
    max_sentences: int = 4  # sentences quoted at most: an answer read at a glance, with room for the asked line
    keep_ratio: float = 0.6  # a further sentence is quoted only if it scores this share of the best one (casual-dev)
    # a second sentence from a quoted passage counts less, so another (newer) document has its say
    same_passage_factor: float = 0.85
    # share of the question's weight the best passage must hold, else abstain; dev unanswerables score ≤ 0.42
    min_coverage: float = 0.44
    # from this share up to min_coverage the answer is 「近い記載」 naming the missing words, below it not found:
    # on the tuning splits 12 of 18 answerable questions under 0.44 held the answer in the passages read;
    # the unanswerable ones under 0.30 are off topic (ふるさと納税, 熊本市, コンビニ交付の手数料)
    related_coverage: float = 0.30
    # a yes/no question is settled by words it need not use (「そういうやり方ってあり？」 by 「兼務させることも
    # 検討しうる」): from this share up it is answered; on the diagnosis splits 14 of 16 yes/no questions
    # between 0.30 and 0.44 held their answer (the two that did not asked who pays in full)
    yesno_coverage: float = 0.30
    # an unknown verb/adjective/adverb (払う, 集まる) as a share of the mean known idf; an unknown noun
    # (Wi-Fi) always weighs the max idf; None = max idf for both (dev: 0 and 0.5 equal, false abstention .056 → .037)
    unknown_term_share: float | None = 0.5
    compound_penalty: float = 0.5  # share of a compound's weight lost when its parts appear only apart (電子 … 契約)
    heading_factor: float = 0.5  # a heading names a topic but rarely answers: quoted only when nothing else does
    max_list_items: int = 12  # items quoted after a sentence that introduces a list (サービス設計12箇条 whole)
    recency_ratio: float = 0.6  # a newer document's figure leads if its sentence scores this share of the best
    same_subject: float = 0.5  # Jaccard of held question terms above which two statements are about one programme
    # an older statement of the asked value is added if it scores this share of the lead
    older_statement_ratio: float = 0.3
    # prior 1 / (1 + rank_decay × rank): rank matters gently, the reranked order already reflects sentences
    rank_decay: float = 0.25
    own_weight: float = 0.6  # the sentence's own coverage of the question …
    local_weight: float = 0.4  # … with the sentence before it (the answer often follows the line naming the topic) …
    context_weight: float = 0.5  # … and its passage with section path (a table cell's subject is in the headings)
    # a sentence's coverage weighs each term by idf ** this, so its rarest terms count most (兼業 over
    # CIO補佐官): MRR dev .788 → .797, casual-dev .781 → .793, key facts equal; 1.25 less, 1.75 and 2 worse
    sentence_idf_power: float = 1.5
    novelty_floor: float = 0.3  # a sentence that only echoes the question keeps this share of its score
    novelty_full: float = 0.5  # share of new tokens at which a sentence counts as fully informative
    # a sentence without a value of the asked kind cannot state it: its score is scaled by this
    value_missing_factor: float = 0.6
    # when no quoted sentence holds a value of the asked kind, the best one that does is quoted too if it
    # scores this share of the lead (「何時間削減で、費用いくら？」: the cost row after the hours)
    value_rescue_ratio: float = 0.5
    # for a steps question, a line that neither opens a list nor is an item is scaled by this
    # (dev key facts .852 → .870, casual-dev .735 → .753; 0.4–0.6 equal, 0.8 no change)
    steps_missing_factor: float = 0.6
    # a sentence whose passage names none of the places the question names (「佐賀県は…」) keeps this share
    place_missing_factor: float = 0.5
    # a line settling a yes/no that names nothing of what the question is about (Subject.heads, with
    # the line before it and the section path) is scaled by this; dev key facts equal, casual-dev
    # 0.819 -> 0.825 at 0.6 and 0.8, first line 0.711 -> 0.719 at both
    head_missing_factor: float = 0.6
    list_intro_bonus: float = 0.4  # for steps/items questions, a line followed by list items is the answer's head
    # ... twice so for the label the asked list stands under (<サービス設計12箇条> for 「12箇条を全部」)
    named_list_factor: float = 2.0
    same_count_factor: float = 2.0  # … and counts this many times when it names the asked count (「4つの機能」)
    # --- shape of the asked answer (assistant/answer.py `_shape_bonus`; calibrated on dev) ---
    value_bonus: tuple[tuple[str, float], ...] = (  # by slot, for a sentence holding a value of the asked kind (dev)
        ("amount", 0.3),
        ("rate", 0.4),
        ("count", 0.3),
        ("number", 0.3),
        ("deadline", 0.6),
        ("when", 0.4),
        ("period", 0.2),
    )
    # a period written as a range (R4〜R7, から, 年間) answers 「期間は？」 better than a year
    period_range_bonus: float = 0.4
    definition_bonus: float = 0.3  # a sentence shaped like a definition (「…とは」, (用語)) for 「…って何？」
    actor_bonus: float = 0.4  # a sentence naming who acts (「総務省が任命」) for 「誰が？」
    place_bonus: float = 0.2  # a sentence naming a municipality for 「どこで？」
    article_bonus: float = 1.0  # the asked article itself (第8条) decides an article question
    # a sentence naming a year the question names (「令和4年4月1日時点の割合は？」)
    year_bonus: float = 0.3
    # a line naming the ordinal the question names (「第3期って何人？」: the 第3期 row of the table)
    ordinal_bonus: float = 0.3
    # a line naming only other parts of the series (第1期 for 「第3期は？」) is about them
    other_ordinal_factor: float = 0.5
    yesno_bonus: float = 0.2  # a line that settles a yes/no (対象外, できる, ただし)
    # --- citations (assistant/cite.py) and generated answers (assistant/llm.py) ---
    # a value answers only if its quote (with section path) holds this share of the question (dev)
    subject_coverage: float = 0.5
    # terms whose idf is within this share of the rarest term's are head terms too (削減 3.66, 申告 3.50)
    head_idf_margin: float = 0.05
    llm_word_support: float = 0.6  # share of a generated sentence's content words its cited passages must contain
    # --- questions in a conversation (assistant/question.py) ---
    min_own_terms: int = 1  # a question with fewer own topic terms leans on the previous turn
    # a question naming at most this many topic nouns of its own may lean on the previous turn
    # (「CIO補佐官の募集経費の上限は？」 names 5)
    follow_up_max_terms: int = 3
    # …when one passage holds this share of both what it names and what it carries (answer.joint_evidence);
    # python -m eval.followups: 0.2 joins 31/33 follow-ups and 5/20 new questions, 0.3 30/33 and 2/20,
    # 0.4 27/33 and 1/20
    joint_coverage: float = 0.3
    follow_up_terms: int = 3  # topic terms of the previous turn carried into a follow-up besides its compounds
    replaced_value_window: int = 15  # characters within which 「A → B」「A から B」 means A was replaced by B
    # --- case studies (assistant/cases.py) ---
    case_size_weight: float = 0.1  # per decade of size difference: a theme match always outweighs size
    case_rank_bonus: float = 0.5  # bonus / (1 + rank) of the passage: retrieval breaks ties between equal matches
    max_cases: int = 5  # cases listed under an answer
    open_band_top: int = 10**7  # the open size band (20万人以上) is ranked towards the middle of 20万 and this size

    @classmethod
    def from_env(cls, environ: Mapping[str, str], prefix: str) -> Tuning:
        """Defaults overridden by `<prefix><NAME>` variables (DXQA_RERANK_WEIGHT, DXQA_VALUE_BONUS …)."""
        tuning = cls()
        for name in NAMES:
            variable = prefix + name.upper()
            if variable in environ:
                try:
                    tuning = tuning._with_value(name, environ[variable].strip())
                except ConfigError as exc:
                    raise ConfigError(f"環境変数 {variable}: {exc.ja}", f"{variable}: {exc.en}") from exc
        return tuning

    def with_values(self, assignments: list[str]) -> Tuning:
        """A copy with `NAME=VALUE` assignments applied (`value_bonus=0.2` sets every slot,
        `value_bonus.rate=0.5` one); a ConfigError names the valid names or the expected type."""
        tuning = self
        for assignment in assignments:
            name, sep, raw = assignment.partition("=")
            if not sep:
                raise ConfigError(
                    f"「{assignment}」は 名前=値 の形で指定してください（例: rerank_weight=0.01）。",
                    f"Expected NAME=VALUE, got {assignment!r}.",
                )
            tuning = tuning._with_value(name.strip(), raw.strip())
        return tuning

    def _with_value(self, name: str, raw: str) -> Tuning:
        base, _, slot = name.partition(".")
        if base not in NAMES or (slot and base != "value_bonus"):
            raise ConfigError(
                f"調整値「{name}」はありません。次のいずれかを指定してください: {', '.join(NAMES)}",
                f"Unknown tuning name {name!r}; valid: {', '.join(NAMES)}",
            )
        if base != "value_bonus":
            return replace(self, **{base: _parsed(base, raw, type(getattr(self, base)))})
        slots = [s for s, _ in self.value_bonus]
        if slot and slot not in slots:
            raise ConfigError(
                f"value_bonus の区分「{slot}」はありません。次のいずれかです: {', '.join(slots)}",
                f"Unknown value_bonus slot {slot!r}; valid: {', '.join(slots)}",
            )
        value = _parsed(name, raw, float)
        return replace(self, value_bonus=tuple((s, value if not slot or s == slot else v) for s, v in self.value_bonus))

    def value_bonus_of(self, slot: str) -> float | None:
        """The bonus for a value of this slot's kind; None for slots without values."""
        return next((bonus for s, bonus in self.value_bonus if s == slot), None)

    def differences(self) -> dict[str, object]:
        """The values that differ from the defaults (what a sweep changed), for reports."""
        default = Tuning()
        return {
            f.name: _shown(getattr(self, f.name))
            for f in fields(self)
            if getattr(self, f.name) != getattr(default, f.name)
        }

    def describe(self) -> dict[str, str]:
        """Printable form for `dxqa config`."""
        return {f.name: str(_shown(getattr(self, f.name))) for f in fields(self)}


NAMES: tuple[str, ...] = tuple(f.name for f in fields(Tuning))


def _shown(value: object) -> object:
    return dict(value) if isinstance(value, tuple) else value


def _parsed(name: str, raw: str, kind: type) -> object:
    """The value of `raw` as the field's type (an optional share also takes `none`)."""
    if name == "unknown_term_share" and raw.lower() in ("none", ""):
        return None
    kind = float if kind is type(None) else kind
    try:
        value = kind(raw)
    except ValueError as exc:
        raise ConfigError(
            f"調整値 {name} の値「{raw}」が不正です（{kind.__name__} を指定してください）。",
            f"Invalid value {raw!r} for {name}: expected {kind.__name__}.",
        ) from exc
    if value < 0:
        raise ConfigError(f"調整値 {name} は0以上にしてください（{raw}）。", f"{name} must not be negative: {raw!r}.")
    return value


_CURRENT: ContextVar[Tuning] = ContextVar("tuning", default=Tuning())  # noqa: B039 - Tuning is frozen


def current() -> Tuning:
    """The tuning of the question being answered (the defaults outside one)."""
    return _CURRENT.get()


@contextmanager
def applied(tuning: Tuning) -> Iterator[Tuning]:
    """Make `tuning` current for this thread (and its context) until the block ends."""
    token = _CURRENT.set(tuning)
    try:
        yield tuning
    finally:
        _CURRENT.reset(token)
