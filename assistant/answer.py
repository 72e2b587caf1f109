"""Extractive answers: pick the sentences that answer the question, or abstain.

No language model: every word of an answer is quoted from a retrieved passage, so an answer
can be wrong only by quoting the wrong sentence, never by inventing one. A sentence scores
by how much of the question's idf weight it carries together with the sentence before it
(the answer often follows the line that names the topic: 「(2) 措置額」 then the rate), by
how much it adds beyond the question's own words (a heading that repeats the question is
not an answer), by its passage's rank, and by the shape the question asks for (a number
with its unit, a definition, a place). A sentence that introduces a list
(「次のとおり」「以下のいずれか」) is quoted with its items.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import takewhile

from assistant.guard import looks_like_instruction
from assistant.models import Hit
from assistant.question import (
    FOR_WHOM,
    SCOPE_WORDS,
    VALUE_PATTERNS,
    VENUE_WORDS,
    Reading,
    asked_side_by_side,
    counter_words,
    item_asked_of,
    names_place,
    ordinals_in,
    places_in,
    same_unit,
    setting_words,
    slot_of,
    value_near_topic,
    values_in,
    widened,
)
from assistant.sides import names_term, sides_of
from assistant.synonyms import variants
from core.japanese import (
    BULLETS,
    DOC_NOUNS,
    LIST_ITEM,
    NOT_DONE,
    NOTE_LINE,
    NOTE_MARK,
    ROW_LABEL,
    TOC_TITLE,
    is_title_line,
    negates,
    years_in,
)
from core.models import Chunk, Source
from core.text import compact
from core.tokenize_ja import noun_compounds, tokenize
from core.tuning import current

ABSTAIN_TEXT = "資料には該当する記載が見つかりませんでした。"
# Every weight and threshold below is a field of core/tuning.py, read with current().
# A figure with its unit: one rule with the value of a 「どれくらい」 question (assistant/question.py).
_NUMBER_WITH_UNIT = VALUE_PATTERNS["number"]
_DATE = VALUE_PATTERNS["when"]
_ASKS_LIST = re.compile(
    r"ステップ|手順|流れ|どんな|何がある|視点|機能|要件|条件|構成|項目|ポイント|チェック|確認|人材像|"
    r"一覧|リスト|挙げて|列挙|何と何"
)
_DEFINES = re.compile("とは|をいう|のこと|する者|^" + NOTE_MARK)
_PLACE = re.compile(r"【[^】]*[都道府県市町村区]】|[^\s]{1,4}[都道府県][^\s]{1,6}[市町村区]")
_TITLE_ENDINGS = ("について", "の概要", "に関する", "の状況", "のイメージ")
# 「…次に掲げるもの」「…は以下のとおり:」, and slide labels 「<主な内容>」「【概要】」「■取組内容」 that head a list.
_INTRODUCES_LIST = re.compile(
    r"(次のとおり|次の|次に掲げる|以下の|下記の|いずれか)[^。]{0,30}。?$|[:：]$|^[<＜〈【■][^。]{1,20}[>＞〉】]?$"
    # 「具体的な支援として、…次のようなものが想定されるところであり、…検討いただきたい。」
    r"|(?:次|以下|下記)の(?:ような|とおり|通り)[^。]{0,80}。$"
)
# The label of a group of items inside a list (「【人的・技術的な支援】」 between ・✓ items): the list goes on.
_GROUP_LABEL = re.compile(r"^[【<＜〈][^。]{1,24}[】>＞〉]$")


# A line that is a list written inline: at least four short parts separated by 、, no sentence end.
_ENUMERATION = re.compile(r"^[^。、]{1,25}(?:、[^。、]{1,25}){3,}$")


@dataclass(frozen=True)
class Quote:
    """Text chosen for the answer (a sentence, or a sentence and its list items), with its hit."""

    hit: Hit
    text: str
    score: float


def question_weights(
    reading: Reading, idf: Callable[[str], float], max_idf: float, written: Callable[[str], bool] = lambda text: False
) -> dict[str, float]:
    """Each topic term's weight: its idf. A term the corpus never uses weighs the maximum idf when
    it names a thing (Wi-Fi, 住民票's 票: the documents are silent on it), but only
    Tuning.unknown_term_share of the mean known idf, and counts only where found, when it is a
    verb, adjective or adverb (how the asker put it: 払う, 集まる, 出してくれる) or a part of a
    compound or a word the documents contain as written (`written`): 「チェックリス」 cut short reads as
    チェック + リス, neither a corpus term, yet the documents have チェックリスト (one token there, so
    「チェック項目」's チェック is no corpus term either). Asker words are not terms.
    """
    share = current().unknown_term_share
    known = {t: idf(t) for t in reading.terms}
    found = [w for w in known.values() if w]
    mean = sum(found) / len(found) if found else max_idf
    spelled = {
        t
        for surface, tokens in noun_compounds(reading.searched)
        if len(compact(surface)) >= MIN_WRITTEN and written(compact(surface).lower())
        for t in tokens
    } | {t for t, w in known.items() if not w and len(t) >= MIN_WRITTEN and written(t.lower())}
    lenient = (reading.verbal | spelled) if share is not None else frozenset()
    weights = Weights({t: w or (share * mean if t in lenient else max_idf) for t, w in known.items()})
    # a word that bounds or scopes the question (最終, 全国), or the counter it asks in (枚 of 何枚), counts
    # where found, never against
    weights.optional = (
        reading.optional | {t for t in lenient if not known.get(t)} | SCOPE_WORDS | counter_words(reading)
    ) & set(weights)
    weights.heads = subject_of(reading, weights, idf, written).heads
    return weights


# A compound shorter than this proves nothing by occurring inside a longer word (リス in リスク).
MIN_WRITTEN = 4


class Weights(dict):
    """Term -> weight. `optional` terms (Reading.optional: verbs, the asker's context clauses) count
    only where they are found: 「研修資料に書きたいので」 can add to the evidence, never take from it."""

    optional: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()  # what the question is about (Subject.heads)


def _reweighed(weights: dict[str, float], terms: dict[str, float], optional: frozenset[str] | None = None) -> Weights:
    """`terms` as Weights of the same question as `weights`: its optional terms (or `optional`) and its
    heads carried over."""
    out = Weights(terms)
    out.optional = getattr(weights, "optional", frozenset()) if optional is None else optional
    out.heads = getattr(weights, "heads", frozenset())
    return out


@dataclass(frozen=True)
class Subject:
    """What a quote must be about to state the asked value: the question's weighted terms, its
    head terms (the rarest noun of two or more characters the corpus uses that is not a word of the
    slot, with any other as rare within Tuning.head_idf_margin) and the years it names."""

    weights: dict[str, float]
    head: str | None
    years: frozenset[int]
    heads: frozenset[str] = frozenset()
    places: tuple[str, ...] = ()  # 「愛媛の…何人？」: a figure about somewhere else answers nothing
    follows: bool = False  # a follow-up: its heads are its own and those it carries
    # the question's compounds a head ends (全体方針 for 方針), with the words before the head: a text
    # naming the head only as the end of other compounds, none holding those words (人材育成方針), names
    # something else
    compounds: frozenset[tuple[str, frozenset[str]]] = frozenset()
    own: frozenset[str] = frozenset()  # the heads a follow-up that only names a thing asks of (names_only)
    # heads of things asked side by side (「削減時間と費用ってどのくらい？」): a text naming one of them names
    # what was asked
    either: frozenset[frozenset[str]] = frozenset()
    # heads the question writes only before a one-character suffix that makes them a thing (負担 of 負担金):
    # a word for the head alone (負担 = 措置 in 「国が負担してくれる？」) names no 負担金
    literal: frozenset[str] = frozenset()
    # the names the question gives a thing, as the documents write them, with their heads (DXアドバイザー,
    # アドバイザー; a follow-up's carried theme too, 「1回何時間？」 after 「DXアドバイザーって…」): what
    # `names_another` tells apart from another programme of the kind
    programmes: frozenset[tuple[str, str]] = frozenset()

    def names(self, text: str) -> bool:
        """Whether a text names the subject (a value about it, a footnote worth quoting): every head
        term for a question of its own (「ITストラテジスト試験の受験料」 is not the 受験手数料 line of
        情報処理安全確保支援士, which names 受験 but not ストラテジスト), any one for a follow-up (the slide
        that states the figure may repeat either its own head or the one it carries); and a head that
        ends one of the question's compounds not only as the end of another (「全体方針」 is not the
        「人材育成方針」 of 「…職員育成に取り組んでいるが、…人材育成方針の策定は一部に留まっている」)."""
        tokens = sentence_tokens(text)
        named = {
            h: (h in tokens or h in text or (h not in self.literal and not variants(h).isdisjoint(tokens)))
            and not self._only_in_others(h, text)
            for h in self._named_heads
        }
        if self.follows and self.own:
            # 「デジタル庁は？」 after what a city's rule bars for 2年間: its own head asks of デジタル庁
            return any(named.get(h, False) for h in self.own)
        if self.follows:
            return any(named.values())
        alone = [ok for h, ok in named.items() if not any(h in group for group in self.either)]
        return all(alone) and all(any(named.get(h, False) for h in group) for group in self.either)

    def _only_in_others(self, head: str, text: str) -> bool:
        """Whether `text` writes `head` only inside compounds, after words that are none of those the
        question's own compound puts before it, nor have them just before (人材育成方針 for 全体方針,
        地域力創造アドバイザー for DXアドバイザー; not 自治大・大学校 for 自治大学校, nor 「施設等の利用予約等」
        for 施設予約). Of several words before the head, the rarest is the one that tells the compound from
        its kind: 共創推進パートナー shares 推進 with DX戦略推進パートナー, not 戦略, and is another programme.
        A heading's 「アドバイザー等」 names a kind, not one of them, and counts neither way."""
        mine = [(c, before) for c, before in self.compounds if c.endswith(head)]
        written = compact(text)
        if not mine or any(c in written for c, _ in mine):
            return False
        words = {max(sorted(before), key=lambda w: self.weights.get(w, 0.0)) for _, before in mine if before}
        found = False
        for m in re.finditer(re.escape(head), text):
            if not _NOUN_CHAR.match(text[m.start() - 1 : m.start()]):
                if text.startswith("等", m.end()):
                    continue  # アドバイザー等の派遣
                return False  # the head stands on its own somewhere
            if not words.isdisjoint(tokenize(text[max(0, m.start() - _NEAR) : m.start()])):
                return False
            found = True
        return found

    def names_another(self, text: str) -> bool:
        """Whether `text` writes the question's compound (DXアドバイザー) nowhere but its head inside another
        compound (地域情報化アドバイザー派遣制度等, over J-LIS's 年間最大5回): it is about another programme of
        the kind, however many other words it shares with the question."""
        if not self.programmes:
            return False
        written = compact(text)
        others = _compound_surfaces(text)
        return any(
            c not in written and any(surface.find(head) > 0 for surface in others) for c, head in self.programmes
        )

    @cached_property
    def _named_heads(self) -> frozenset[str]:
        """The heads `names` looks for: all of them for a follow-up (any one will do); else those
        that are not a place, which is checked where places are (cite.about_subject: the cost row of
        神戸市's case names 0申告の自動化, not 神戸)."""
        heads = frozenset(self.heads or {self.head} - {None})
        if self.follows:
            return heads
        in_places = {t for place in self.places for t in tokenize(place)}
        return frozenset(h for h in heads if h not in in_places) or heads


# How far before a head (in characters) the words of the question's compound still name it.
_NEAR = 12
_NOUN_CHAR = re.compile(r"[一-龥ァ-ヶーA-Za-z0-9]")


def subject_of(
    reading: Reading,
    weights: dict[str, float],
    idf: Callable[[str], float],
    written: Callable[[str], bool] = lambda text: False,
    nearby: Callable[[str], bool] = lambda term: True,
) -> Subject:
    """「RPA導入の特交はいつまで？」 is about RPA, which a line about CIO補佐官 lacks however many
    other terms it shares; a word the corpus never uses, a verb or a word of the asker's reason
    (説明 in 「研修で説明するんだけど」, 上司) cannot be the head, nor a word of the asker's setting
    (近隣 in 「近隣と共同利用で入れる場合の措置率」: a noun bound to a verb by と, から or より is the
    circumstance, not what is asked about), nor a word that bounds or scopes it (最長, 全国, 時点) or a
    number. The head is taken from the theme the question marks with って/とは/は when it has one
    (「特定任期付職員って最長何年…」, 「2020年3月時点で市区町村のテレワーク導入率って」). Terms nearly as
    rare as the rarest are heads too: in 「神戸市の0申告自動化って何時間削減で、費用いくら？」 申告 and
    自動 (the cost row names 0申告の自動化). A follow-up has a head among its own words
    and one among those it carries (「何人くらい委嘱したの？」 after 共創推進パートナー: 委嘱 or 共創):
    the slide that states the figure may repeat either. A word naming a document (資料, 通知: DOC_NOUNS)
    says where the asker read it, not what it is about. Outside the theme, a word no passage read
    (`nearby`) names is the asker's phrasing, not a name the passages would give the subject: 自前 of
    「求人サイトに出すのと自前のHPで告知するのとで応募ってどれくらい違う？」, 一緒 of 「一緒にやってる」; on the
    diagnosis splits 9 of 12 answers such a head turned into 「近い記載」 held every key fact."""
    setting = setting_words(reading.core)
    theme = set() if reading.follows else (named_in_brackets(reading, written) or theme_terms(reading))

    def heads(terms) -> list[str]:
        candidates = [
            t
            for t in terms
            if len(t) > 1
            and idf(t)
            and t not in reading.optional
            and slot_of(t) == "other"
            and t not in setting
            and t not in SCOPE_WORDS
            and not t.isdigit()
            and t not in DOC_NOUNS
        ]
        candidates = [t for t in candidates if t in theme] or [t for t in candidates if nearby(t)] or candidates
        head = max(candidates, key=idf, default=None)
        if head is None:
            return []
        floor = idf(head) * (1 - current().head_idf_margin)
        return [head, *(t for t in candidates if t != head and idf(t) >= floor)]

    own = heads(reading.own) if reading.follows else []
    found = heads(reading.terms)
    if not found:
        return Subject(weights, None, reading.years, places=reading.places)
    heads_found = frozenset(found + own)
    compounds = frozenset(
        (compact(surface), frozenset(parts[:-1]))
        for surface, parts in noun_compounds(reading.core)
        if len(parts) > 1 and parts[-1] in heads_found and not any(p.isdigit() for p in parts)
    )
    sides = [frozenset(tokenize(side)) & heads_found for side in asked_side_by_side(reading.core)]
    parts_of = [parts for _, parts in noun_compounds(reading.core) if parts]
    literal = frozenset(
        h
        for h in heads_found
        if any(len(parts) > 1 and parts[-2] == h and len(parts[-1]) == 1 for parts in parts_of)
        and not any(parts[-1] == h for parts in parts_of)
    )
    named = [(c, head) for c, _ in compounds for head in heads_found if c.endswith(head)]
    carried = [
        (compact(surface), parts[-1])
        for surface, parts in noun_compounds(_carried_theme(reading))[-1:]
        if len(parts) > 1 and len(parts[-1]) > 1
    ]
    return Subject(
        weights,
        found[0],
        reading.years,
        heads_found,
        reading.places,
        bool(reading.follows),
        compounds=compounds,
        own=frozenset(own) if reading.names_only else frozenset(),
        either=frozenset([frozenset().union(*sides)]) if len(sides) == 2 and all(sides) else frozenset(),
        literal=literal,
        programmes=frozenset(
            # the asker's own run of nouns (市町村支援デジタル人材) names no programme
            (c, head)
            for c, head in [*named, *carried]
            if written(c.lower())
        ),
    )


# The theme a question sets with って/とは/は: 「特定任期付職員って最長何年…」 is about 特定任期付職員;
# a name alone before a comma sets it too: 「地域情報化アドバイザー、オンラインだと何時間まで？」.
_THEME = re.compile(r"^([一-龥ァ-ヶーA-Za-z0-9・]{2,30})、|^(.{1,40}?[一-龥ァ-ヶーA-Za-z0-9)）」])(?:って|とは|は)")


def named_in_brackets(reading: Reading, written: Callable[[str], bool]) -> set[str]:
    """The question's terms inside 「」 or 『』 where the documents write that name: a name the asker quotes
    is the very thing asked about (「JAMPとJ-LISが共催してる「ICTによる情報政策」、日程と定員は？」 asks of
    that course, held by JAMP); words reported in brackets (「課長に「…採りにくいの？」って聞かれて」) or a
    name of the asker's own (『〇〇町DX戦略』) are not the documents' names."""
    quoted = [name for name in _BRACKETED.findall(reading.core) if written(compact(name).lower())]
    return set(t for name in quoted for t in tokenize(name)) & set(reading.terms)


_BRACKETED = re.compile(r"[「『]([^」』]{2,30})[」』]")


def _carried_theme(reading: Reading) -> str:
    """The theme a follow-up carries: what the question before it marked with って/とは/は (DXアドバイザー of
    「DXアドバイザーって年何回呼べる？」 for 「1回何時間？」), or ""."""
    match = _THEME.search(reading.follows) if reading.follows else None
    return (match.group(1) or match.group(2)) if match else ""


def theme_terms(reading: Reading) -> set[str]:
    """The question's terms in the span it marks as its theme (before って, とは or は), or none."""
    match = _THEME.search(reading.core)
    return set(tokenize(match.group(1) or match.group(2))) & set(reading.terms) if match else set()


def terms_held(terms: Iterable[str], tokens: set[str] | frozenset[str]) -> frozenset[str]:
    """The terms `tokens` hold, each in any word that means the same (synonyms.variants)."""
    return frozenset(t for t in terms if not variants(t).isdisjoint(tokens))


def named_by_any(hits: list[Hit]) -> Callable[[str], bool]:
    """Whether any of `hits`, with its section path, names a term in any word for it."""
    read = [sentence_tokens(with_section(hit)) for hit in hits]
    return lambda term: any(terms_held([term], tokens) for tokens in read)


def coverage(weights: dict[str, float], tokens: set[str]) -> float:
    """Share of the question's weight found among `tokens` (0–1); a synonym counts as found, an
    optional term (Weights.optional) that is not found counts neither way."""
    optional = getattr(weights, "optional", frozenset())
    found_terms = terms_held(weights, tokens)
    # fsum: a float sum taken in a set's order differs in the last bit between processes (the order
    # follows the string hash seed), which reordered sentences of equal score from run to run
    total = math.fsum(w for t, w in weights.items() if t in found_terms or t not in optional)
    found = math.fsum(weights[t] for t in found_terms)
    return found / total if total else 0.0


def evidence(reading: Reading, weights: dict[str, float], hits: list[Hit]) -> float:
    """Best coverage of the question by one of the top passages together with its section path.

    The parts of a compound the passage does not contain whole (「電子契約サービス」 when the
    passage has only 電子申請 … サービス) count half.
    """
    return _best_evidence(reading, weights, hits)[0]


def joint_evidence(reading: Reading, weights: dict[str, float], hits: list[Hit]) -> float:
    """For a follow-up read with the previous topic: the best passage's coverage of the weaker of its
    two parts, what the question names itself and what it carries. A passage on either alone does
    not join them (「全体方針って何で構成される？」 after a drone case is covered by the 全体方針
    passages, none of which is about drones)."""
    own = set(reading.own)
    parts = [Weights({t: w for t, w in weights.items() if (t in own) == mine}) for mine in (True, False)]
    for part in parts:
        part.optional = getattr(weights, "optional", frozenset()) & set(part)
    parts = [part for part in parts if part]
    best = 0.0
    for hit in hits[: current().read_hits]:
        tokens = evidence_tokens(weights, with_section(hit))
        best = max(best, min(coverage(part, tokens) for part in parts) if parts else 0.0)
    return best


def _best_evidence(reading: Reading, weights: dict[str, float], hits: list[Hit]) -> tuple[float, Hit | None]:
    """(evidence, the passage that gives it)."""
    tuning = current()
    compounds = question_compounds(reading)
    best: tuple[float, Hit | None] = (0.0, None)
    for hit in hits[: tuning.read_hits]:
        text = with_section(hit)
        tokens = evidence_tokens(weights, text)
        found = coverage(weights, tokens) - tuning.compound_penalty * scattered_share(weights, compounds, text, tokens)
        if found > best[0]:
            best = (found, hit)
    return best


def evidence_tokens(weights: dict[str, float], text: str) -> frozenset[str]:
    """A passage's tokens as evidence for a question: its words, and each word of the question that
    names a kind of value (日程, 定員, 金額, 期限) where the passage holds a value of that kind. The
    value answers the word: 「日程と定員は？」 is answered by 「7月4日~7月5日(2日間)…※定員30名」, and
    the documents never write 日程 (an unknown word weighs the most, so its absence alone had made
    that row 「近い記載」)."""
    tokens = sentence_tokens(text)
    answered = {
        term
        for term in weights
        if term not in tokens and (kind := _value_kind(term)) and VALUE_PATTERNS[kind].search(text)
    }
    return tokens | answered if answered else tokens


def not_done(weights: dict[str, float], text: str) -> frozenset[str]:
    """{NOT_DONE} where the question asks of what is not done and the text says something is not
    (「…の活用はしていない」 answers 「外部人材使ってない市町村」 as 未導入 would): a negated verb is no
    token of its own. Sentences are read so; a passage's evidence is not (evidence_tokens): a negation
    is too common (「年齢、性別は問いません」) to make a passage evidence for a question by itself."""
    return _NOT_DONE if NOT_DONE in weights and negates(text) else frozenset()


_NOT_DONE = frozenset({NOT_DONE})


def _with_not_done(
    weights: dict[str, float], sentences: list[str], token_sets: list[frozenset[str]]
) -> list[frozenset[str]]:
    """The sentences' tokens with NOT_DONE where a sentence says something is not done (not_done), and
    in the list items under a label that does (「未導入団体」 over 「・【理由】①…」「②…」): they are about what
    is not done too."""
    out, under = [], False
    for sentence, tokens in zip(sentences, token_sets, strict=True):
        tokens = tokens | not_done(weights, sentence)
        item = bool(LIST_ITEM.match(sentence))
        if item and under:
            tokens = tokens | _NOT_DONE
        elif not item:
            under = NOT_DONE in tokens and is_title_line(sentence)
        out.append(tokens)
    return out


@lru_cache(maxsize=4096)
def _compound_surfaces(text: str) -> tuple[str, ...]:
    """A text's noun compounds as written, read once per text: the date notes ask it of every pair of
    quotes (`cite._one_figure`), each quote's text many times over."""
    return tuple(surface for surface, _ in noun_compounds(text))


@lru_cache(maxsize=4096)
def _value_kind(term: str) -> str | None:
    """The kind of value a word of the question names by itself (日程 → when), or None."""
    kind = slot_of(term)
    return kind if kind in VALUE_PATTERNS else None


def question_compounds(reading: Reading) -> list[tuple[str, frozenset[str]]]:
    """The question's noun compounds of two or more words (「地域情報化アドバイザー」), compact, with
    their tokens; a closing 向け is no part of the name (「部長級向け」 is 部長級, written 「部長級職員」)."""
    compounds = []
    for surface, tokens in noun_compounds(reading.searched):
        surface = compact(surface)
        while len(tokens) > 2 and tokens[-1] in FOR_WHOM and surface.endswith(tokens[-1]):
            surface, tokens = surface.removesuffix(tokens[-1]), tokens[:-1]
        if len(set(tokens)) > 1:
            compounds.append((surface, frozenset(tokens)))
    return compounds


def scattered_share(
    weights: dict[str, float], compounds: list[tuple[str, frozenset[str]]], text: str, tokens: set[str]
) -> float:
    """Share of the question's weight held only by parts of a compound the text does not contain
    whole: 「地域力創造アドバイザー」 holds 地域 and アドバイザー of 地域情報化アドバイザー, another programme."""
    compact_text = compact(text)
    scattered = {t for surface, parts in compounds if surface not in compact_text for t in parts}
    total = sum(weights.values()) or 1.0
    return sum(weights[t] for t in sorted(scattered) if t in weights and not variants(t).isdisjoint(tokens)) / total


def support(reading: Reading, weights: dict[str, float], hits: list[Hit]) -> tuple[str, tuple[str, ...]]:
    """How far the top passages carry the question: ("answered" | "related" | "not_found", the
    question's words the best passage lacks; an answered yes/no below Tuning.min_coverage has some).

    At least Tuning.min_coverage of the question's weight in one passage answers. From
    Tuning.related_coverage up it is 「近い記載」: the topic is there and part of the question is not,
    so the answer names the missing words and quotes what is there instead of declining (on the
    tuning splits 12 of 18 answerable questions declined under 0.44 held their answer in the
    passages read: 「肩書きがCIO補佐官じゃないとダメ？」 is settled by 「役職の名称が…限られるものではない」,
    which no word of the question names). Below it, nothing is quoted. The documents' silence
    cannot be judged by meaning here either: the e5 similarity of the best passage overlaps for
    answerable and unanswerable questions in this band (0.85–0.92 against 0.84–0.91).
    """
    if len(reading.compared) == 2:
        # 「金沢市と滋賀県の育成、規模感を比べたい」: no passage names both; each side is read without
        # the other's name, and the answer stands as far as the weaker side does
        sides = [_supported(reading, _without(weights, tokenize(other)), hits) for other in reversed(reading.compared)]
        return min(sides, key=lambda status_lacking: _OUTCOMES.index(status_lacking[0]))
    return _supported(reading, weights, hits)


_OUTCOMES = ("not_found", "related", "answered")


def _without(weights: dict[str, float], terms: list[str]) -> dict[str, float]:
    """The question's weights without `terms` (its optional and head terms kept as they are)."""
    return _reweighed(weights, {t: w for t, w in weights.items() if t not in terms})


def _supported(reading: Reading, weights: dict[str, float], hits: list[Hit]) -> tuple[str, tuple[str, ...]]:
    tuning = current()
    score, hit = _best_evidence(reading, weights, hits)
    if score >= tuning.min_coverage:
        return "answered", ()
    if score < tuning.related_coverage or hit is None:
        return "not_found", ()
    optional = getattr(weights, "optional", frozenset())
    tokens = evidence_tokens(weights, with_section(hit))
    lacking = _as_typed(reading, [t for t in weights if t not in optional and variants(t).isdisjoint(tokens)])
    # a yes/no is settled by words it need not use: answered, the words the passage lacks said with it
    return ("answered" if reading.slot == "yesno" and score >= tuning.yesno_coverage else "related"), lacking


def unnamed_heads(reading: Reading, subject: Subject, quotes: list[Quote]) -> tuple[str, ...]:
    """The question's words, as typed, for the heads of its subject that no quoted passage names
    (「自前」 of 「自前のHPで告知したときの応募数」 beside A市's 247人): what a figure below could not be tied to."""
    missing = [
        h
        for h in sorted(subject.heads)
        if not any(names_any(frozenset({h}), sentence_tokens(with_section(q.hit))) for q in quotes)
    ]
    return _as_typed(reading, missing) if missing else ()


def _as_typed(reading: Reading, terms: list[str]) -> tuple[str, ...]:
    """The question's words (as typed) that hold any of `terms`: a noun compound whole (「利用料」),
    a word of Latin letters with its hyphens (「Wi-Fi」), a lone word where the question spells it
    as its lemma (肩書き; not 駄目 for ダメ)."""
    core = reading.core
    compounds = noun_compounds(core)
    words = [surface for surface, parts in compounds if set(terms) & set(parts)]
    in_compounds = {t for _, parts in compounds for t in parts}
    words += [core[m.start() : m.end()] for t in terms if t not in in_compounds and (m := _find(core, t))]
    words = [widened(core, w) for w in words]
    return tuple(w for w in dict.fromkeys(words) if not any(w != other and w in other for other in words))


def _find(text: str, term: str) -> re.Match[str] | None:
    return re.search(re.escape(term), text, flags=re.I)


def choose_quotes(
    question: Reading,
    weights: dict[str, float],
    hits: list[Hit],
    avoid: tuple[str, ...] = (),
    documents: frozenset[str] = frozenset(),
) -> list[Quote]:
    """The best sentences, best first: at most Tuning.max_sentences, none repeating another, none naming `avoid`.

    A further sentence must score keep_ratio of the best; one from an already quoted passage
    counts same_passage_factor less, so another (often newer) document gets its say. When the
    question names `documents`, a newer one's figure does not take the lead from theirs.
    """
    tuning = current()
    read = hits[: tuning.read_hits]
    candidates = [
        quote
        for hit, rank in zip(read, soft_ranks(read), strict=True)
        for quote in _score_hit(question, weights, hit, rank)
        if not any(name in quote.text for name in avoid)
    ]
    chosen: list[Quote] = []
    passed_over: list[Quote] = []
    while candidates and len(chosen) < tuning.max_sentences:
        used = {q.hit.chunk.chunk_id for q in chosen}
        best = max(
            candidates, key=lambda q: q.score * (tuning.same_passage_factor if q.hit.chunk.chunk_id in used else 1.0)
        )
        candidates.remove(best)
        if chosen and best.score < chosen[0].score * tuning.keep_ratio:
            passed_over = [best]  # the asked value may still be taken from it
            break
        if all(best.text not in other.text and other.text not in best.text for other in chosen):
            chosen.append(best)
    if asks_figure(question):
        chosen = _with_value_below(question, _with_asked(question.values, chosen, passed_over + candidates))
        # the named document's figure leads, unless what it became is asked
        if not documents or question.asks_change:
            chosen = _newest_figure_first(question, weights, chosen, candidates)
        chosen = _with_older_statement(question, weights, chosen, candidates)
    if question.slot == "definition":
        chosen = _with_asked(lambda text: defines_asked(question, text), chosen, passed_over + candidates)
    if question.asks_venue:
        # 「横展開イベントってどこで開催？」: the line saying where (「開催地:長崎県」), however it scores
        chosen = _with_venue(chosen, passed_over + candidates)
    if question.slot == "yesno" and (item := item_asked_of(question.core)):
        # 「その負担金も特交対象？」: a rule that does not name the thing asked about (an opening note on 常勤
        # アクセラレータ's 人件費) settles nothing; the best line naming it is quoted too
        chosen = _with_asked(lambda text: item in compact(text), chosen, passed_over + candidates)
    for slot in question.also:  # 「上限いくらで、いつまで？」: a quote holding each asked value
        chosen = _with_asked(lambda text, slot=slot: _holds(question, slot, text), chosen, passed_over + candidates)
    for side in sides_of(question, documents):  # 「AとBの違い」: a line on each, its definition if there is one
        pool = passed_over + candidates
        defining = [q for q in pool if side.term and _defines([side.term], q.text)]
        # both sides were asked for: the other side's best line is quoted however it scores
        chosen = _with_one(lambda q, side=side: side.holds(q.hit, q.text), chosen, defining or pool, ratio=0.0)
    if table := _comparison_table(question, read):
        chosen = [table, *chosen][: tuning.max_sentences]
    if question.follows and question.names_only and question.own:
        # 「エンジニアのほうは？」 after プロデューサー's role: the row naming エンジニア leads, though the carried
        # words score the previous row higher
        own = frozenset(t for t in question.own if len(t) > 1)  # (not 県 of 「広島県は？」: every case's)
        chosen.sort(key=lambda q: not names_any(own, sentence_tokens(q.text)))
    wants_list = asks_list(question)
    expanded = [
        _with_list_items(
            _with_siblings(quote)
            if question.slot == "steps" and i == 0 and LIST_ITEM.match(quote.text)
            else _with_gloss(quote),
            wants_list
            and (i == 0 or _same_count(question.core, quote.text) or is_header_row(quote.text))
            # 「※いわゆる「2000個問題」」 over its points: the points say what the asked term is
            or (question.slot == "definition" and _is_label_of(question, quote.text)),
        )
        for i, quote in enumerate(chosen)
    ]
    return without_repeats(expanded)


_GLOSS = re.compile(r"^[(（][^()（）]{2,60}[)）]$")


def _with_gloss(quote: Quote) -> Quote:
    """A quote followed by a line wholly in brackets brings it: the bracket says what the line means
    (「189団体が『1人情シス』状態」 then 「(DX推進部局の担当者が1人以下)」)."""
    below = _line_below(quote)
    return Quote(quote.hit, f"{quote.text}\n{below}", quote.score) if _GLOSS.match(below) else quote


def _line_below(quote: Quote) -> str:
    """The line right below a quote in its passage ("" at the passage's end)."""
    sentences = split_sentences(quote.hit.chunk.text)
    last = quote.text.split("\n")[-1]
    at = sentences.index(last) if last in sentences else len(sentences)
    return sentences[at + 1] if at + 1 < len(sentences) else ""


def _with_venue(chosen: list[Quote], others: list[Quote]) -> list[Quote]:
    """The line saying where the asked event is held, quoted however it scores: the first below the lead
    quote in its passage (「・開催地: ※調整中」 under the ひとり情シス event's 目的, not the 長崎県 of the
    event above it), else the best anywhere."""
    if not chosen or any(VENUE_WORDS.search(q.text) for q in chosen):
        return chosen
    lead = chosen[0]
    text = lead.hit.chunk.text
    start = text.find(lead.text)
    below = {
        at: q
        for q in others
        if q.hit.chunk.chunk_id == lead.hit.chunk.chunk_id
        and VENUE_WORDS.search(q.text)
        and (at := text.find(q.text)) > start >= 0
    }
    if below:
        return [*chosen[: current().max_sentences - 1], below[min(below)]]
    return _with_one(lambda q: VENUE_WORDS.search(q.text), chosen, others, ratio=0.0)


def _with_asked(answers: Callable[[str], object], chosen: list[Quote], others: list[Quote]) -> list[Quote]:
    """When no chosen sentence has the asked shape (`answers`: holds a value of the asked kind, or
    defines the asked term), the best one that does (scoring Tuning.value_rescue_ratio of the lead)
    is quoted too, in place of the last when the answer is full: 「何時間削減で、費用いくら？」 gets
    the cost row after the hours, 「BPRって何の略？」 the footnote that spells it out."""
    return _with_one(lambda q: answers(q.text), chosen, others)


def _with_one(
    accepts: Callable[[Quote], object], chosen: list[Quote], others: list[Quote], ratio: float | None = None
) -> list[Quote]:
    """`_with_asked` for any test of a quote (a comparison's side is named in its passage's heading),
    with a rescue `ratio` of its own."""
    if not chosen or any(accepts(q) for q in chosen):
        return chosen
    tuning = current()
    ratio = tuning.value_rescue_ratio if ratio is None else ratio
    valued = [
        q
        for q in others
        if accepts(q)
        and q.score >= chosen[0].score * ratio
        and all(q.text not in c.text and c.text not in q.text for c in chosen)
    ]
    best = max(valued, key=lambda q: q.score, default=None)
    if best is None:
        return chosen
    return [*chosen[: tuning.max_sentences - 1], best]


def _with_value_below(question: Reading, chosen: list[Quote]) -> list[Quote]:
    """When no quote holds a value of the asked kind, the line right below the lead in its passage
    that does is quoted after it: a slide states the topic, then the figure on a line of its own
    (「…研修を実施」 then 「【令和2年12月～令和3年3月：…】」)."""
    if not question.wants_value or not chosen or any(question.values(q.text) for q in chosen):
        return chosen
    lead = chosen[0]
    below = _line_below(lead)
    if not question.values(below) or LIST_ITEM.match(below):
        return chosen
    return [lead, Quote(lead.hit, below, lead.score), *chosen[1:]][: max(len(chosen), 2)]


def _holds(question: Reading, slot: str, text: str) -> bool:
    """Whether a text holds what `slot` asks: a value of its kind, or a place for 「どこ」."""
    return bool(_PLACE.search(text)) if slot == "place" else bool(values_in(slot, text))


def without_repeats(quotes: list[Quote]) -> list[Quote]:
    """Each line once: a quote loses the lines an earlier quote already shows (a list quoted whole,
    then one of its items; a list continued from the next passage that a later quote starts again),
    and is dropped when what is left is only a heading (a table's column names without their row)."""
    kept: list[Quote] = []
    seen: set[str] = set()
    for quote in quotes:
        lines = quote.text.split("\n")
        # a sentence an earlier line holds whole (that line ran two sentences together) is a repeat too
        fresh = [line for line in lines if not _shown(_line_key(line), seen)]
        seen.update(_line_key(line) for line in lines)
        if not fresh or (len(fresh) < len(lines) and all(is_header_row(line) for line in fresh)):
            continue
        kept.append(quote if len(fresh) == len(lines) else Quote(quote.hit, "\n".join(fresh), quote.score))
    return kept


def _shown(key: str, seen: set[str]) -> bool:
    """Whether a line was shown: the same line, or a sentence of 10+ characters inside a shown line
    (a short cell such as 「なし」 inside a longer line is no repeat)."""
    return key in seen or (len(key) >= 10 and any(key in shown for shown in seen))


def _line_key(line: str) -> str:
    """A line as compared for repeats: a bullet a list gave it aside."""
    return compact(line).lstrip(BULLETS + "-") or line


def _newest_figure_first(
    question: Reading, weights: dict[str, float], chosen: list[Quote], others: list[Quote]
) -> list[Quote]:
    """Lead with the newest document's figure when documents disagree over time (figure questions only).

    Figures change between documents (措置率 0.5 in 2022, 0.7 later; 令和7年度 → R11). If a
    sentence from a newer document than the best quote holds a value of the asked kind about the
    same subject and scores at least Tuning.recency_ratio of it, that sentence leads the answer and
    the older figure follows. Another programme's figure in a newer document (the cap of 3名分 on
    CIO補佐官 funding, asked 「外部から任用してる市区町村はいくつ？」 and led by 「市区町村は『37』」) is
    not a newer statement of it.
    """
    if not chosen:
        return chosen
    tuning = current()
    lead = chosen[0]
    holds = question.values if question.wants_value else has_number
    if not holds(lead.text):
        return chosen  # the lead states no figure of the asked kind, so no newer one can replace it
    lead_value = value_near_topic(question, lead.text) if question.wants_value else ""

    def restates(quote: Quote) -> bool:
        """The same figure in another statement: same subject, and a value in the lead's unit (「37」
        団体 is not restated by 「3名分」)."""
        value = value_near_topic(question, quote.text) if question.wants_value else ""
        return same_subject(quote, lead, weights) and (not lead_value or bool(value) and same_unit(value, lead_value))

    pool = [
        q
        for q in chosen + others
        if holds(q.text)
        and q.score >= lead.score * tuning.recency_ratio
        and question.states_qualifier(q.text)  # 「最長何日？」: a course's 5日間 restates no 最長18日
        and restates(q)
    ]
    newest = max(pool, key=lambda q: q.hit.source.date, default=None)
    if newest is None or newest.hit.source.date <= lead.hit.source.date:
        return chosen
    rest = [q for q in chosen if q is not newest]
    return [newest, *rest][: tuning.max_sentences]


def _subject(quote: Quote, weights: dict[str, float]) -> frozenset[str]:
    """The question terms a quote holds, read with its section path (a table cell names its
    subject in the headings above it)."""
    return terms_held(weights, sentence_tokens(headed(quote)))


def headed(quote: Quote) -> str:
    """A quote with its passage's section path in front (a table cell names its subject in the headings
    above it; 「<デジタル行政推進リーダー育成研修>」 over 「受講者:毎年20名」)."""
    return " ".join(quote.hit.chunk.section_path) + " " + quote.text


def same_subject(a: Quote, b: Quote, weights: dict[str, float]) -> bool:
    """Whether two quotes speak of the same thing, judged by the question terms each holds, each term
    counting its weight (weighted Jaccard ≥ Tuning.same_subject): 「CIO補佐官の措置率 0.5」 and 「… 0.7」
    are, J-LIS's 年5回 and 地域情報化アドバイザー's 年3回 are not. Counted by weight, the four light parts
    of 市区町村 do not outvote the rare word that names the thing (最長: a training course's 5日間 is
    no newer statement of the card's 最長18日)."""
    if a is b:
        return True
    pa, pb = (set(places_in(headed(q))) for q in (a, b))
    if pa and pb and not pa & pb:
        return False  # 愛媛県's 20市町 is not an older figure of 広島県's
    sa, sb = _subject(a, weights), _subject(b, weights)
    union = sum(weights[t] for t in sa | sb)
    return union > 0 and sum(weights[t] for t in sa & sb) / union >= current().same_subject


def _with_older_statement(
    question: Reading, weights: dict[str, float], chosen: list[Quote], others: list[Quote]
) -> list[Quote]:
    """When every quoted value comes from one document, add the best older statement of a value
    of the same kind about the same subject, so that a changed figure (令和7年度 → 令和11年度)
    is shown with what it replaced."""
    valued = [q for q in chosen if question.values(q.text)]
    if not valued or len({q.hit.source.date for q in valued}) > 1:
        return chosen
    lead = valued[0]
    older = [
        q
        for q in others
        if q.hit.source.date < lead.hit.source.date
        and question.values(q.text)
        and same_subject(lead, q, weights)
        and q.score >= lead.score * current().older_statement_ratio
        and all(q.text not in c.text and c.text not in q.text for c in chosen)
    ]
    best = max(older, key=lambda q: q.score, default=None)
    return chosen + [best] if best else chosen


def asks_figure(question: Reading) -> bool:
    """Questions asking how much, how many or until when: their figures are compared by date."""
    return question.wants_value


def is_procedural(question: Reading) -> bool:
    """Questions asking how to proceed get numbered steps."""
    return question.slot == "steps"


def asks_list(question: Reading) -> bool:
    """Questions asking for items, steps or the parts of something (「どんな」「要件」「機能」)."""
    return question.slot in ("steps", "list") or bool(_ASKS_LIST.search(question.core))


def soft_ranks(hits: list[Hit]) -> list[float]:
    """Each hit's rank measured by its score: how many average rank steps it lies below the best.

    Near-tied passages get near-equal rank priors, so a tiny change in BM25 statistics that swaps
    ranks 1 and 2 does not change which sentences are quoted; never more than its position."""
    scores = [hit.score for hit in hits]
    if len(scores) < 2 or max(scores) == min(scores):
        return [0.0] * len(scores)
    best = max(scores)
    step = (best - min(scores)) / (len(scores) - 1)
    return [min(float(i), (best - score) / step) for i, score in enumerate(scores)]


def best_sentence_score(question: Reading, weights: dict[str, float], hit: Hit) -> float:
    """How well the passage's best sentence answers the question, rank aside (used to rerank)."""
    return max((quote.score for quote in _score_hit(question, weights, hit, 0)), default=0.0)


def _score_hit(question: Reading, weights: dict[str, float], hit: Hit, rank: float) -> list[Quote]:
    if hit.chunk.section_path == (TOC_TITLE,):
        return []  # a table of contents names sections, it never answers
    tuning = current()
    sentences = split_sentences(hit.chunk.text)
    shown = _with_provisos(sentences, hit.chunk.text)
    token_sets = [sentence_tokens(s) | spelled_out(question, s) for s in sentences]
    if NOT_DONE in weights:  # (only a question about what is not done reads the sentences so)
        token_sets = _with_not_done(weights, sentences, token_sets)
    headed = with_section(hit)
    context = coverage(weights, sentence_tokens(headed) | not_done(weights, headed))
    # a follow-up's carried topic terms are context: sharpened, the rarest of them would outweigh what it asks
    sharp = weights if question.follows else _sharpened(weights, tuning.sentence_idf_power)
    if NOT_DONE in sharp:
        # a passage is evidence whether or not it says what is not done (Reading.optional), but of its
        # sentences the one that says it answers 「まだ整備してない市区町村は？」 (「未整備は192団体」)
        sharp = _required(sharp, NOT_DONE)
    asked = set().union(*(variants(t) for t in weights)) if weights else set()
    # Rank still matters, gently: the reranked order already reflects sentence quality.
    prior = 1.0 / (1 + tuning.rank_decay * rank)
    quotes = []
    wants_list = asks_list(question)
    # 「佐賀県は…どうやって？」: a passage that names none of the question's places is about somewhere else
    elsewhere = bool(question.places) and not any(names_place(p, headed) for p in question.places)
    heads = getattr(weights, "heads", frozenset())
    path = sentence_tokens(" ".join(hit.chunk.section_path))
    asked_parts = question.ordinals  # read from the question once, not per sentence
    for i, sentence in enumerate(sentences):
        if looks_like_instruction(sentence):
            continue
        own = coverage(sharp, token_sets[i])
        before = token_sets[i - 1] if i else frozenset()
        if question.slot == "definition" and i and _is_label_of(question, sentences[i - 1]) and is_gloss(sentence):
            sentence = f"{sentences[i - 1]}\n{sentence}"  # a glossary box: the term's line, then what it is
            own = coverage(sharp, token_sets[i] | token_sets[i - 1])
        labels_points = (
            question.slot == "definition"
            and i + 1 < len(sentences)
            and bool(LIST_ITEM.match(sentences[i + 1]))
            and _is_label_of(question, sentence)
        )
        if labels_points:  # the term's label over its points (「※いわゆる「2000個問題」」, ・①…, ・②…)
            own = coverage(sharp, token_sets[i] | token_sets[i + 1])
        local = coverage(sharp, token_sets[i] | token_sets[i - 1]) if i else own
        lexical = tuning.own_weight * own + tuning.local_weight * local + tuning.context_weight * context
        values = question.values(sentence)
        dated = tuning.year_bonus if question.years and question.years & years_in(sentence) else 0.0
        named_parts = ordinals_in(sentence) if asked_parts else frozenset()
        if named_parts & asked_parts:
            dated += tuning.ordinal_bonus
        # A line that settles a yes/no restates the question (「計画策定の業務委託は対象外」): no echo penalty.
        settles = question.slot == "yesno" and bool(SETTLES.search(sentence))
        novelty = 1.0 if settles else _novelty(token_sets[i] | (token_sets[i + 1] if labels_points else set()), asked)
        shape = tuning.definition_bonus if labels_points else _shape_bonus(question, sentence, values)
        score = (lexical + shape + dated) * novelty * prior
        if question.wants_value and not values:
            score *= tuning.value_missing_factor
        if named_parts and not named_parts & asked_parts:
            score *= tuning.other_ordinal_factor
        opens_list = (
            i + 1 < len(sentences) and bool(LIST_ITEM.match(sentences[i + 1])) and not LIST_ITEM.match(sentence)
        )
        # a list of things may be written inline; steps are not (「…手順は？」 is no 「A、B、C」)
        inline = question.slot == "list" and not LIST_ITEM.match(sentence) and bool(_ENUMERATES.search(sentence))
        if wants_list and (opens_list or inline):
            score += (
                tuning.list_intro_bonus
                * prior
                * (tuning.same_count_factor if _same_count(question.core, sentence) else 1)
                # the label the asked list stands under (<サービス設計12箇条> for 「12箇条を全部」) leads it
                * (tuning.named_list_factor if opens_list and _labels(sentence, question.core) else 1)
            )
        elif _is_heading(sentence, hit):
            score *= tuning.heading_factor
        if question.slot == "steps" and not opens_list and not LIST_ITEM.match(sentence):
            score *= tuning.steps_missing_factor  # steps are answered by a list, not by a line naming them
        if elsewhere:
            score *= tuning.place_missing_factor
        if question.slot == "yesno" and heads and not names_any(heads, token_sets[i] | before | path):
            score *= tuning.head_missing_factor
        quotes.append(Quote(hit=hit, text=shown[i] if sentence == sentences[i] else sentence, score=score))
    return quotes


def names_any(terms: frozenset[str], tokens: set[str]) -> bool:
    """Whether the tokens hold one of the terms or a word for it."""
    return any(not variants(t).isdisjoint(tokens) for t in terms)


# A sentence that lists three or more things inline (「…事項としては、…のほか、信用失墜行為の禁止、守秘義務、
# 職務専念義務に関する事項がある。」, 「①デジタルファースト:…、②ワンストップ:…、③…」): a list without bullets.
_NOUN_PHRASE = r"[一-龥ァ-ヶーA-Za-z0-9・の()（）]{2,16}"
_ENUMERATES = re.compile(
    rf"(?:{_NOUN_PHRASE}、){{2,}}{_NOUN_PHRASE}(?:等|など|に関する|[。)）]|$)|①[^②]{{1,60}}②[^③]{{1,60}}③"
)
_COUNTED = re.compile(r"([0-9]+|[一二三四五六七八九十])\s*(?:つ|個|点|項目|段階|ステップ)の?")
_KANJI_DIGITS = {c: str(i) for i, c in enumerate("一二三四五六七八九十", start=1)}


def _sharpened(weights: dict[str, float], power: float) -> dict[str, float]:
    """Weights raised to `power` (optional terms kept optional): a sentence is judged more on the
    question's rarest terms (兼業 over CIO補佐官 in 「CIO補佐官が兼業するのってOK？」)."""
    if power == 1:
        return weights
    return _reweighed(weights, {t: w**power for t, w in weights.items()})


def _required(weights: dict[str, float], term: str) -> dict[str, float]:
    """The weights with `term` no longer optional: a text without it covers less of the question."""
    return _reweighed(weights, weights, getattr(weights, "optional", frozenset()) - {term})


def _same_count(question: str, sentence: str) -> bool:
    """「4つの機能って？」 and a line 「必要な4つの機能」 heading a list: the count names the list asked for."""
    asked = asked_counts(question)
    return bool(asked) and bool(asked & asked_counts(sentence))


def asked_counts(text: str) -> set[int]:
    """The counts of things a text names: 4 in 「4つの機能」「四つ」「3段階」."""
    return {int(_KANJI_DIGITS.get(m, m)) for m in _COUNTED.findall(text)}


_ABBREVIATION = re.compile(r"^[a-z]{2,6}$")
_ENGLISH_WORD = re.compile(r"[A-Za-z]+")
_SMALL_WORDS = frozenset({"of", "and", "for", "the", "in", "on", "to", "a", "an"})


def spelled_out(question: Reading, sentence: str) -> frozenset[str]:
    """The question's abbreviations that `sentence` spells out: 「Business Process Reengineering」
    is BPR, 「Project Management Office」 PMO, so the line that expands a term names it."""
    terms = [t for t in question.terms if _ABBREVIATION.match(t)]
    if not terms:
        return frozenset()
    words = [w for w in _ENGLISH_WORD.findall(sentence) if w.lower() not in _SMALL_WORDS]
    initials = "".join(w[0] for w in words).lower()
    return frozenset(t for t in terms if len(words) >= len(t) and t in initials)


def _is_heading(sentence: str, hit: Hit) -> bool:
    """A section title, or a line shaped like one (「…について」「…の概要」 without a sentence end)."""
    if sentence in hit.chunk.section_path:
        return True
    return not sentence.endswith("。") and not LIST_ITEM.match(sentence) and sentence.endswith(_TITLE_ENDINGS)


def _novelty(tokens: set[str], asked: set[str]) -> float:
    """1 when at least Tuning.novelty_full (half) of the sentence is new information, down to
    Tuning.novelty_floor when it only echoes the question."""
    t = current()
    if not tokens:
        return t.novelty_floor
    new = len(tokens - asked) / len(tokens)
    return t.novelty_floor + (1 - t.novelty_floor) * min(1.0, new / t.novelty_full)


SETTLES = re.compile(
    r"対象(?:外|と|に|経費)|含む|含まれ|除く|できる|できない|可能|不可|認め|限る|限り|限られ|ただし|"
    r"ものではない|差し支えない|要しない|不要|制限|行わない|行っていない"
)
# 「総務省が任命」 names who acts; 「…を『アクセラレータ』に任命」 names the role, not the actor.
_ACTOR = re.compile(
    r"(?:が|により|では)\s?(?:任命|実施|選定|推薦|派遣|決定|委嘱|担う|担当|設置|募集|支援|行う|策定|作成)"
)


# A provision of a law: 「地方公務員法第3条第3項第3号」「地方任期付職員法第3条第1項」.
_LAW_ARTICLE = re.compile(r"[一-龥]法(?:律)?第\s?\d+\s?条")


def _shape_bonus(question: Reading, sentence: str, values: list[str]) -> float:
    """Reward sentences shaped like the asked-for answer: a value of the slot's kind (`values`,
    found once by the caller), a definition, an actor, a place, the asked article, a line that
    settles a yes/no. The bonuses are Tuning fields."""
    t, slot = current(), question.slot
    if (bonus := t.value_bonus_of(slot)) is not None:
        ranged = slot == "period" and any(re.search(r"から|[~〜～]|年間", v) for v in values)
        return (bonus + (t.period_range_bonus if ranged else 0.0)) if values else 0.0
    if slot == "definition":
        named = any(f"({term})" in sentence or f"「{term}」とは" in sentence for term in question.topic)
        named = named or bool(spelled_out(question, sentence))
        first, _, gloss = sentence.partition("\n")
        named = named or (_is_label_of(question, first) and is_gloss(gloss))
        return t.definition_bonus if named or _DEFINES.search(sentence) or _refers_to_note(question, sentence) else 0.0
    if slot == "actor":
        return t.actor_bonus if _ACTOR.search(sentence) else 0.0
    if slot == "place":
        return t.place_bonus if _PLACE.search(sentence) else 0.0
    if slot == "article":
        asked = set(re.findall(r"第\s?(\d+)\s?条", question.core))
        if not asked:  # which provision: a line citing one of a law (「地方公務員法第3条第3項第3号」)
            return t.article_bonus if _LAW_ARTICLE.search(sentence) else 0.0
        return t.article_bonus if asked & set(re.findall(r"第\s?(\d+)\s?条", sentence)) else 0.0
    if slot == "yesno":
        return t.yesno_bonus if SETTLES.search(sentence) else 0.0
    return 0.0


def definition_first(question: Reading, quotes: list[Quote]) -> list[Quote]:
    """For 「…って何？」, the quote that defines the asked term leads: a sentence 「PMO」とは… /
    「推進専任部署...…を担う部署」, or the footnote a quote brought for the term it refers to
    (「いわゆるPMO(注9)」 then 「(注9)Project Management Office:…」)."""
    if question.slot != "definition":
        return quotes
    for i, quote in enumerate(quotes):
        brought = bool(NOTE_LINE.match(quote.text)) and i > 0 and _refers_to_note(question, quotes[i - 1].text)
        if brought or defines_asked(question, quote.text):
            return [quote, *quotes[:i], *quotes[i + 1 :]] if i else quotes
    return quotes


def defines_named(question: Reading, text: str) -> bool:
    """Whether a line defines the very thing the question names first, or spells out its abbreviation:
    a footnote defining DX is no definition of 自治体DXアクセラレータ."""
    return _defines(list(question.topic[:1]), text) or bool(spelled_out(question, text))


def defines_asked(question: Reading, text: str) -> bool:
    """Whether a line defines a term the question asks about, or spells out its abbreviation."""
    terms = [t for t in (*question.topic, *question.terms) if len(t) > 1]
    return _defines(terms, text) or bool(spelled_out(question, text))


def _is_label_of(question: Reading, line: str) -> bool:
    """Whether a line is nothing but a term the question asks about (「DX推進リーダー」 standing alone
    above 「デジタル分野の専門的な知識・スキルを有し、DXの中核を担う職員。」): a glossary's label."""
    return _is_label(line, [term for term in (*question.topic, *question.terms) if len(term) > 1])


def _is_label(line: str, terms: list[str]) -> bool:
    """Whether a line is nothing but one of `terms` (brackets, a colon, a note mark and 「いわゆる」 aside)."""
    label = _SO_CALLED.sub("", compact(line)).strip("「」【】■:：").lower()
    return any(label == compact(term).lower() for term in terms)


_SO_CALLED = re.compile(r"^[※*]?(?:いわゆる)?")


def is_gloss(line: str) -> bool:
    """Whether a line under a term's label says what it is: a sentence, not a table cell (「任期なし常勤職員」)."""
    return len(line) >= _MIN_GLOSS and line.endswith("。")


_MIN_GLOSS = 15


def _defines(terms: list[str], text: str) -> bool:
    """Whether a line states what one of `terms` is: the term, then 「とは」「:」「…」 or 「は、…をいう」,
    or the term alone on a line above what it is (a glossary box)."""
    plain = text.replace("※", "")
    first, _, rest_lines = plain.partition("\n")
    if is_gloss(rest_lines) and _is_label(first, terms):
        return True
    for term in terms:
        at = plain.lower().find(term.lower())
        if at < 0:
            continue
        rest = plain[at + len(term) :]
        if _DEFINITION_AFTER.match(rest) or (at < 15 and _DEFINITION_END.search(rest)):
            return True
        if (
            plain.endswith("。")
            and not term.isascii()
            and _NAMED_AFTER_WHAT.search(plain[:at])
            and _NAME_CLOSES.match(rest)
        ):
            # 「…基準に適合したシステム(標準準拠システム)」「…改革を進めるという、いわゆる「サービスデザイン思考」」;
            # a sentence, not a heading; an abbreviation is defined by what it stands for (spelled_out):
            # 「…業務改革(BPR)の取組…」 names BPR, its footnote 「(注6)Business Process Reengineering…」 defines it
            return True
    return False


# What a thing is, then its name: 「…したシステム(標準準拠システム)」「…という、いわゆる「…」」.
_NAMED_AFTER_WHAT = re.compile(r"(?:[一-龥ァ-ヶー]{2}[(（]|いわゆる「?)$")
_NAME_CLOSES = re.compile(r"[)）」]")


_DEFINITION_AFTER = re.compile(r"」?\s?(?:とは|:|：|…|\.{3}|\s?[-ー―]\s)")
_DEFINITION_END = re.compile(r"(?:をいう|のことをいう|のこと|を指す)。?$")


def continued_lists(
    quotes: list[Quote], next_chunk: Callable[[Chunk], Chunk | None], sources: Mapping[str, Source]
) -> list[Quote]:
    """A quote that introduces a list (「…として以下のとおり示す。」) with no items after it in its
    passage brings the list that opens the next passage of the same document, cited there: chunking
    may cut between a lead-in and its items. So does a line that names a list the next passage
    opens with under its label (「…「重点テーマ」を提示」, then 《重点テーマ》 and its six themes)."""
    out: list[Quote] = []
    for quote in quotes:
        out.append(quote)
        if "\n" in quote.text:
            continue
        following = next_chunk(quote.hit.chunk)
        if following is None or following.doc_id != quote.hit.chunk.doc_id:
            continue
        if not _names_label_of(quote.text, following):
            if not _INTRODUCES_LIST.search(quote.text):
                continue
            sentences = split_sentences(quote.hit.chunk.text)
            start = sentences.index(quote.text) + 1 if quote.text in sentences else len(sentences)
            if any(LIST_ITEM.match(s) for s in sentences[start:]):
                continue
        if items := _opening_list(split_sentences(following.text)):
            hit = Hit(following, sources[following.doc_id], quote.hit.rank, 0.0)
            lines = [whole_line(item, following.text) for item in items]
            out.append(Quote(hit=hit, text="\n".join(lines), score=quote.score))
    return out


def _names_label_of(text: str, chunk: Chunk) -> bool:
    """Whether `text` names in brackets (「重点テーマ」) the label a passage opens with (《重点テーマ》)."""
    return _labels(chunk.text.split("\n")[0], text, bracketed=True)


def _labels(line: str, text: str, bracketed: bool = False) -> bool:
    """Whether `line` is a list's label (《重点テーマ》, <サービス設計12箇条>) that `text` names (in 「」)."""
    label = _LIST_LABEL.match(line)
    if not label:
        return False
    name = compact(next(name for name in label.groups() if name))
    if len(name) < _NAMED_LIST_CHARS:
        return False  # 【市町村】 names whose items follow, not which list
    return f"「{name}」" in compact(text) if bracketed else name in compact(text)


_NAMED_LIST_CHARS = 4


# A label a list stands under: 《重点テーマ》, <重点テーマ>, 【重点テーマ】, ■重点テーマ.
_LIST_LABEL = re.compile(r"^(?:《([^》]{2,20})》|[<＜]([^>＞]{2,20})[>＞]|【([^】]{2,20})】|■\s?(\S{2,20}))$")


def _opening_list(sentences: list[str], lead: int = 2) -> list[str]:
    """The list items a passage opens with, after at most `lead` lines (a heading 「<サービス設計12箇条>」)."""
    for i, sentence in enumerate(sentences[: lead + 1]):
        if LIST_ITEM.match(sentence):
            kind = _marker_kind(sentence)
            items = []
            for item in sentences[i:]:
                if _GROUP_LABEL.match(item) and items:
                    items.append(item)  # the next group's label: its items follow
                    continue
                if not LIST_ITEM.match(item) or _marker_kind(item) != kind or len(items) >= current().max_list_items:
                    break
                items.append(item)
            items = _without_trailing_labels(items)
            return sentences[max(0, i - 1) : i] + items if i and not LIST_ITEM.match(sentences[i - 1]) else items
    return []


def _without_trailing_labels(items: list[str]) -> list[str]:
    """Items without the group labels left at their end (a label whose items were not taken)."""
    while items and _GROUP_LABEL.match(items[-1]):
        items = items[:-1]
    return items


def _refers_to_note(question: Reading, sentence: str) -> bool:
    """「いわゆるPMO(注9)」: the asked term with a footnote reference, whose note defines it."""
    return any(
        re.search(re.escape(term) + "」?" + NOTE_MARK, sentence, flags=re.I)
        for term in (*question.topic, *question.terms)
    )


def _with_list_items(quote: Quote, asks_list: bool) -> Quote:
    """A sentence that introduces a list is quoted with the items that follow it in the passage.

    Items share their first item's marker (・, ①, ✓ …); explanation lines between items are
    skipped, and an item of another kind (「(2) 措置額」) ends the list.
    """
    sentences = split_sentences(quote.hit.chunk.text)
    start = sentences.index(quote.text) + 1 if quote.text in sentences else len(sentences)
    following = sentences[start:]
    # the rest of the lead-in's own line (「…委託して実施。独自で…後押し。」) comes before its items
    line = whole_line(quote.text, quote.hit.chunk.text)
    while following and following[0] in line and not LIST_ITEM.match(following[0]):
        following = following[1:]
    if rows := _table_rows(quote.text, following):
        return Quote(quote.hit, "\n".join([quote.text, *rows]), quote.score)
    # a heading line right above items (「※指定にあたり…参考とすべき情報」 then ・…), or above a
    # sub-heading and its items (「外部デジタル人材の活躍例(山形県酒田市…)」, 「実施事業」, ・…), says
    # nothing without them
    opens_items = bool(following) and bool(
        LIST_ITEM.match(following[0])
        or (len(following) > 1 and is_header_row(following[0]) and LIST_ITEM.match(following[1]))
    )
    heads_items = is_header_row(quote.text) and opens_items
    introduces = bool(_INTRODUCES_LIST.search(quote.text)) or heads_items
    if not introduces and (not asks_list or LIST_ITEM.match(quote.text)):
        return quote
    items: list[str] = []
    limit = current().max_list_items
    # a table's header row may stand between the lead-in and its items (「人材像 役割 望ましいスキル」)
    header = following[:1] if following and is_header_row(following[0]) else []
    for sentence in following[len(header) :]:
        if len(items) >= limit:
            break
        if LIST_ITEM.match(sentence) and (not items or _marker_kind(sentence) == _marker_kind(items[0])):
            items.append(sentence)
        elif items and sentence[0] in BULLETS and _marker_kind(items[0]) not in BULLETS:
            continue  # a bullet under a numbered item (「(1) プロデューサー」, 「・国の政策動向…」) is a sub-point
        elif items and _GROUP_LABEL.match(sentence):
            items.append(sentence)  # 「【人的・技術的な支援】」: the next group of the same list
        elif not items or LIST_ITEM.match(sentence):
            break
    items = _without_trailing_labels(items)
    rest = following[len(header) :]
    if not items and introduces and rest and _ENUMERATION.match(rest[0]):
        # 「…以下の事項に関する誓約書にサインが必要。」「<主な誓約事項>」「秘密保持、…、兼業先の開示 等」:
        # a slide lists the items in one line, separated by 、
        items = rest[:1]
    items = [whole_line(item, quote.hit.chunk.text) for item in items]
    return Quote(quote.hit, "\n".join([quote.text, *header, *items]), quote.score) if items else quote


# A ready-made comparison table has a header and at least this many rows before its prose.
_MIN_TABLE_ROWS = 3


def _comparison_table(question: Reading, hits: list[Hit]) -> Quote | None:
    """For 「AとBの違い」, a table the documents made for it: a box whose title names both sides
    (【参考4.4-⑥】特定任期付職員と特別職非常勤職員の比較) quoted as its rows. When the question names
    a point (「兼業の扱い」), the rows on it come first; else the header row, then every row."""
    if len(question.compared) != 2:
        return None
    a, b = question.compared
    sides = set(tokenize(a)) | set(tokenize(b))
    point = [t for t in question.terms if t not in sides and t not in question.optional]
    for hit in hits:
        title = hit.chunk.section_path[-1] if hit.chunk.section_path else ""
        if not (names_term(a, title) and names_term(b, title)):
            continue
        lines = [line for line in hit.chunk.text.split("\n") if line.strip() and line != title]
        rows = list(takewhile(lambda line: not line.endswith("。"), lines))
        if len(rows) <= _MIN_TABLE_ROWS:
            continue
        header = rows[:1] if names_term(a, rows[0]) and names_term(b, rows[0]) else []
        body = rows[len(header) :]
        on_point = [row for row in body if point and names_any(frozenset(point), sentence_tokens(row))]
        text = [*on_point, *header] if on_point else [*header, *body]
        return Quote(hit, "\n".join(text), hit.score)
    return None


def _with_siblings(quote: Quote) -> Quote:
    """A list item leading the answer to a steps question brings the items around it: 「手順は？」 answered
    by 「・ステップ3人材の選定」 is answered by ステップ1 to 4 (not for other lists: an item leading 「効果は？」
    is often one of the activities, not the list asked for). Siblings are the passage's lines next to
    it that open with the same kind of marker; at most Tuning.max_list_items."""
    text = quote.hit.chunk.text
    rows = [row.strip() for row in text.split("\n") if row.strip()]
    at = next((i for i, row in enumerate(rows) if row.startswith(quote.text)), None)
    if at is None:
        return quote
    kind = _sibling_kind(quote.text)

    def sibling(i: int) -> bool:
        return bool(LIST_ITEM.match(rows[i])) and _sibling_kind(rows[i]) == kind

    start, end = at, at + 1
    while start > 0 and sibling(start - 1):
        start -= 1
    while end < len(rows) and sibling(end):
        end += 1
    if end - start < 2:
        return quote
    run = rows[start:end][: current().max_list_items]
    # each item as whole_line gives it: its line, or its first sentence when the line is a long paragraph
    items = [whole_line((split_sentences(row) or [row])[0], text) for row in run]
    return Quote(quote.hit, "\n".join(items), quote.score)


def _sibling_kind(item: str) -> str:
    """A marker kind that tells numbered steps under bullets (「・ステップ1…」) from the bullets around them
    (「・外部人材確保の手順」「・外部人材確保事例」 in the same contents list)."""
    stepped = item.lstrip(BULLETS + " ").startswith("ステップ")
    return _marker_kind(item) + ("ステップ" if stepped else "")


# A line longer than this is a flattened table or paragraph: its first sentence stands for it.
_MAX_ITEM_LINE = 150


def whole_line(sentence: str, text: str) -> str:
    """The line of `text` a list item sentence opens, with the sentences that finish it: 「・✓職員の主体性は
    あるか。外部人材に丸投げしない。」 is one item, its second sentence no explanation line."""
    at = text.find(sentence)
    if at < 0:
        return sentence
    end = text.find("\n", at)
    line = text[at : end if end >= 0 else len(text)].strip()
    return line if len(line) <= _MAX_ITEM_LINE else sentence


def is_header_row(line: str) -> bool:
    """A short line that is neither a sentence nor an item: a table's column names."""
    return len(line) <= 40 and not line.endswith("。") and not LIST_ITEM.match(line)


def _table_rows(head: str, following: list[str], min_rows: int = 3) -> list[str]:
    """The rows of a table under a heading line (「○第3期以外の研修」「研修課目 時限数」): at most one
    more heading line, then at least `min_rows` lines that share a label (「課目名:…」), up to
    Tuning.max_list_items. A sentence (ending in 。) heads no table."""
    if head.endswith("。") or len(head) > 40 or ROW_LABEL.match(head):
        return []
    for skip in (0, 1):
        lines = following[skip:]
        label = ROW_LABEL.match(lines[0]) if lines else None
        if label is None:
            continue
        rows = []
        for line in lines[: current().max_list_items]:
            if not line.startswith(label.group(0)):
                break
            rows.append(line)
        if len(rows) >= min_rows:
            return following[:skip] + rows
    return []


def _marker_kind(item: str) -> str:
    """Items of one list share a kind of marker: ・ with ・, ① with ②, 1. with 2., ステップ1 with ステップ2."""
    first = item[0]
    if "①" <= first <= "⑳":
        return "circled"
    if first.isdigit():
        return "digit"
    return "ステップ" if item.startswith("ステップ") else first


@lru_cache(maxsize=50_000)
def sentence_tokens(sentence: str) -> frozenset[str]:
    """Tokens of a passage sentence (or of a whole passage), cached: the same passages are read for many questions."""
    return frozenset(tokenize(sentence))


def split_sentences(text: str) -> list[str]:
    """Lines and 。-terminated sentences of a passage, as exact substrings of it. A short line whose
    sentence ends before a 「・」 cell is a table row read flat (「(3) サービスデザイナー・…設計を行う。
    ・業務改革、サービス設計、UI・UX」): one sentence, as a row is."""
    found = []
    for line in text.split("\n"):
        if len(line) <= _ROW_LENGTH and _CELL_AFTER_SENTENCE.search(line):
            found.append(line)
        else:
            found += _sentences_of(line)
    return [s.strip() for s in found if len(s.strip()) >= 4]


def _sentences_of(line: str) -> list[str]:
    """A line's 。-terminated sentences, not cut at a 。 inside brackets: 「報酬等(期末手当等を含む。)・外部に
    業務委託する場合→委託料等」 is one row, whose second half alone had been quoted as 「)・外部に業務委託…」.
    A line whose brackets do not close (text cut by the page) is cut at every 。."""
    out, start, depth = [], 0, 0
    for i, char in enumerate(line):
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(0, depth - 1)
        elif char == "。" and depth == 0:
            out.append(line[start : i + 1])
            start = i + 1
    if depth:
        return re.findall(r"[^。]+。?", line)
    return [*out, line[start:]] if line[start:] else out


_OPENING, _CLOSING = "(（「『", ")）」』"


_PROVISO = re.compile(r"^[※・]?\s*(?:ただし|但し)")


def _with_provisos(sentences: list[str], text: str) -> list[str]:
    """Each sentence as it is quoted: with the ただし sentence that follows it, or a ただし sentence with
    the one it qualifies (「…人件費以外…は、対象外。ただし、…募集経費に相当する経費は、措置の対象。」:
    either half alone answers 「委託費の中の募集にかかった分もダメ？」 wrongly). Each is still scored
    by its own words."""
    shown = list(sentences)
    for i in range(1, len(sentences)):
        if _PROVISO.match(sentences[i]) and (
            joined := next((j for glue in ("", " ", "\n") if (j := sentences[i - 1] + glue + sentences[i]) in text), "")
        ):
            shown[i - 1] = shown[i] = joined
    return shown


_CELL_AFTER_SENTENCE = re.compile(r"。\s?・")
_ROW_LENGTH = 120


def has_number(text: str) -> bool:
    """Whether a quote states a figure or a date (令和11年度まで), which then must be dated by its document."""
    return bool(_NUMBER_WITH_UNIT.search(text) or _DATE.search(text))


def with_section(hit: Hit) -> str:
    return " ".join(hit.chunk.section_path) + "\n" + hit.chunk.text
