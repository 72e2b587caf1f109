"""Japanese tokens for BM25: fugashi (MeCab + unidic-lite) lemmas of content words.

Lemmas make 任用する/任用し/任用した one term. Particles, auxiliaries and symbols carry no
topic and are dropped, as are a few verbs every sentence of these documents uses.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import fugashi

from core.text import normalize, unspaced

# Bumped when the tokens of a text change (an index's BM25 terms must be made the way questions are
# read): 2 = katakana runs the dictionary cuts into other words are one word; 3 = 政令市 reads as
# 指定都市; 4 = the honorific prefix お/ご (御) is no word, お金 reads as 費用; 5 = a proper noun is
# its written form, not the dictionary's reading of it.
TOKENIZER_VERSION = 5
CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞", "接頭辞", "接尾辞", "代名詞", "感動詞"})
STOP_LEMMAS = frozenset(
    {
        "御",  # お金, ご利用: the polite prefix names nothing
        # hedges (「集まる場みたいなの」「研修っぽいもの」) say how it is put, not what about; no passage uses them
        "みたい",
        "ぽい",
        "する",
        "為る",
        "ある",
        "有る",
        "いる",
        "居る",
        "なる",
        "成る",
        "こと",
        "事",
        "もの",
        "物",
        "よう",
        "様",
        "ため",
        "為",
        "時",
        "とき",
        "何",
        "呉れる",
        "くれる",
        "れる",
        "られる",
        "できる",
        "出来る",
        "おる",
        "行う",
        "等",
        "など",
        "これ",
        "それ",
        "その",
        # question words: they say what is asked, not what it is about
        "教える",
        "下さる",
        "幾ら",
        "何処",
        "何時",
        "如何",
        "何方",
        "掛かる",
        "行く",
        "貰う",
        "見る",
        "知る",
        "分かる",
        "欲しい",
        "良い",
        "思う",
        "言う",
        "遣る",
        "方",
        "そもそも",
        "抑",
        "抑々",
        "続く",
        "今",
        # pointing words: what they point at is resolved from the conversation (assistant/followup.py)
        "其れ",
        "此れ",
        "彼れ",
        "其の",
        "此の",
        "其処",
        "此処",
    }
)
# 表記ゆれ the tokenizer would split differently: 「1人情シス」 reads 1 + 人情 + シス.
# Abbreviations staff type for the documents' terms: 特交 is 特別交付税, 普交 普通交付税; 政令市 and
# 政令指定都市 are the 指定都市 of the documents' tables and conditions (「指定都市除く」); お金 is 費用;
# ガバクラ is ガバメントクラウド and マイナカード マイナンバーカード, which the documents always write out.
# (The documents use none of these short forms: the index's terms are the same with or without them.)
_VARIANTS = (
    (re.compile(r"(?<![\d.,])1人"), "一人"),
    (re.compile("ひとり"), "一人"),
    (re.compile("特交"), "特別交付税"),
    (re.compile("普交"), "普通交付税"),
    (re.compile("政令(?:指定)?(?:都市|市)"), "指定都市"),
    (re.compile("お金"), "費用"),
    (re.compile("ガバクラ"), "ガバメントクラウド"),
    (re.compile("マイナカード"), "マイナンバーカード"),
    # 「市町村数いくつ？」: the dictionary's one word 市町村数 (or 村数 of 市区町村数) never meets 「77市町村」
    (re.compile("(市区町村|市町村|市町)数"), r"\1の数"),
    # 「人材派遣って」「上限って」: the dictionary reads 派 + 遣う and 上 + 限る before って
    (re.compile("(派遣|上限)って"), r"\1 って"),
)


_LOCAL = threading.local()


def _tagger() -> fugashi.Tagger:
    """One tagger per thread: a MeCab tagger keeps its lattice between calls and is not thread-safe.

    Shared by 4 threads, one tagger gave different tokens than sequential use for 643 of
    3,864 chunks (and answers changed with the load). Loading unidic-lite takes ~0.1 s, once
    per worker thread.
    """
    tagger = getattr(_LOCAL, "tagger", None)
    if tagger is None:
        tagger = _LOCAL.tagger = fugashi.Tagger()
    return tagger


def tokenize(text: str) -> list[str]:
    """Content lemmas of normalized text, lower-cased; unknown words keep their surface form."""
    return [token for word in _words(text) if (token := _token(word))]


@dataclass(frozen=True)
class _Word:
    """What the tokens are made of: a word's surface, part of speech (pos1, pos2, pos3) and lemma."""

    surface: str
    pos1: str
    pos2: str
    pos3: str
    lemma: str | None


_KATAKANA = re.compile(r"^[ァ-ヺー]+$")


def _words(text: str) -> list[_Word]:
    """The analysed words of normalized text. A katakana word the dictionary does not know is cut
    into pieces it reads as other words, differently by context: コンサル is こん + 猿 before に
    and コンサ + ル before 企業. A run of katakana with such a piece (its lemma not katakana) is one
    word, so the question's コンサル meets the documents' コンサル."""
    words = [
        _Word(
            w.surface,
            _latin_pos(w.surface, w.feature.pos1),
            w.feature.pos2,
            w.feature.pos3,
            getattr(w.feature, "lemma", None),
        )
        for w in _tagger()(_unify_variants(unspaced(normalize(text))))
    ]
    out: list[_Word] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and _KATAKANA.match(words[j].surface):
            j += 1
        run = words[i:j]
        if len(run) > 1 and any(_is_fragment(w) for w in run):
            surface = "".join(w.surface for w in run)
            out.append(_Word(surface, "名詞", "普通名詞", "一般", surface))
            i = j
        else:
            out.extend(run or words[i : i + 1])
            i = max(j, i + 1)
    return out


def _latin_pos(surface: str, pos1: str) -> str:
    """A word of Latin letters is a name (RPA, AI, OCR): the dictionary reads one that opens a
    sentence before a verb as an interjection (「RPA入れたときの特交」), which made it no topic."""
    return (
        "名詞" if pos1 == "感動詞" and _LATIN.match(surface) and surface.lower() not in _LATIN_INTERJECTIONS else pos1
    )


_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9\-]*$")
_LATIN_INTERJECTIONS = frozenset({"ok", "okay"})  # 「兼業ってOK？」 asks yes or no
_WORD_END = re.compile(r"[一-龥々ァ-ヶー]{1,4}$")
_WORD_START = re.compile(r"^[一-龥々ァ-ヶー][一-龥々ァ-ヶーぁ-ん]{0,3}")


def splits_word(left: str, right: str) -> bool:
    """Whether a line break between `left` and `right` falls inside one word: slide text boxes
    break 「…推進体」 / 「制下での…」 and 「マイナ」 / 「ンバー制度」, which the dictionary reads as
    体制 and マイナンバー across the break, and the right line alone opens with a stray character
    (制, ン). Only kanji or katakana on both sides are read."""
    end, start = _WORD_END.search(left), _WORD_START.match(right)
    if not end or not start or len(_words(start.group(0))[0].surface) > 1:
        return False  # the right line opens with a word of its own (「外部…」 after 「…活躍例」: not 例外)
    head, position = end.group(0), 0
    for word in _words(head + start.group(0)):
        after = position + len(word.surface)
        if position < len(head) < after:
            return True
        position = after
    return False


def _is_fragment(word: _Word) -> bool:
    """A katakana piece read as a native word (サル as 猿, ス as です) or a lone letter (ル of
    コンサ + ル): not what was written."""
    return len(word.surface) == 1 or not _KATAKANA.match(_lemma(word.surface, word.lemma))


def written_as(token: str, text: str) -> str | None:
    """How `text` writes the word whose token is `token` (a loanword's lemma may differ from what
    was typed: 形容詞 forms, unidic's `データ-data`), for showing to the user."""
    return written_forms(text).get(token)


def written_forms(text: str) -> dict[str, str]:
    """Token -> how `text` first writes it (written_as for every word, the text analysed once)."""
    forms: dict[str, str] = {}
    for word in _words(text):
        if (token := _token(word)) and token not in forms:
            forms[token] = word.surface
    return forms


def content_words(text: str) -> list[tuple[str, str]]:
    """(token, part of speech) of each content word: what `tokenize` returns, with its 品詞; a noun
    used as an adverb (今年, 最近, 全部: 副詞可能) counts as 副詞."""
    return [
        (token, "副詞" if word.pos3 == "副詞可能" else word.pos1) for word in _words(text) if (token := _token(word))
    ]


def verbal_nouns(text: str) -> frozenset[str]:
    """Tokens of nouns made verbs by する right after them (想定 of 「何団体くらい想定してるの？」): they
    say what is done, and name no topic of their own."""
    words = _words(text)
    return frozenset(
        token
        for word, following in zip(words, words[1:], strict=False)
        if word.pos3 == "サ変可能" and following.lemma == "為る" and (token := _token(word))
    )


def last_word_pos(text: str) -> str:
    """The part of speech (pos1) of the last word before closing punctuation: 「…うち持ち？」 ends in
    a noun (名詞), 「…リーダーは？」 in a particle (助詞)."""
    words = [w for w in _words(text) if w.pos1 not in ("補助記号", "空白")]
    return words[-1].pos1 if words else ""


def _token(word: _Word) -> str | None:
    """The BM25 token of one analysed word, or None for particles, symbols and stop words.

    A proper noun is its written form: the dictionary's lemma of one is a reading it guesses from
    the context (豊田 is トヨタ before 市日本電気 and トヨダ before 市に), so the question's 豊田市 and the
    table's 豊田市 were two words, and the town was 「not in the documents」."""
    if word.pos1 not in CONTENT_POS:
        return None
    if word.pos2 == "固有名詞":
        return word.surface.lower()
    lemma = _lemma(word.surface, word.lemma)
    return lemma.lower() if lemma and lemma not in STOP_LEMMAS else None


COMPOUND_POS = frozenset({"名詞", "接頭辞", "接尾辞"})
_KANJI_WORD = re.compile(r"^[一-龥]{2,}$")


def noun_compounds(text: str) -> list[tuple[str, list[str]]]:
    """Runs of two or more nouns (「電子契約サービス」「CIO補佐官」): (surface, their tokens).

    A compound names one thing; finding its parts scattered over a passage
    (電子申請 … 契約 … サービス) is weaker evidence than finding it whole.
    """
    compounds: list[tuple[str, list[str]]] = []
    run: list = []

    def close() -> None:
        if len(run) >= 2:
            compounds.append(("".join(w.surface for w in run), [t for w in run if (t := _token(w))]))
        run.clear()

    words = [*_words(text), None]
    for word, after in zip(words, words[1:] + [None], strict=True):
        if word is None:
            close()
        elif _opens_compound(word, after):
            close()  # 特別 of 「特別職非常勤職員」, an adjectival noun, opens a compound
            run.append(word)
        elif word.pos1 in COMPOUND_POS:
            run.append(word)
        elif word.surface == "・" and run and after is not None and after.pos1 in COMPOUND_POS:
            run.append(word)  # 「経営・財務マネジメント強化事業」 is one name, its nouns joined by 「・」
        else:
            close()
    return compounds


def _opens_compound(word, after) -> bool:
    """A kanji adjectival noun right before a noun (特別職, 高度人材) starts a compound."""
    return (
        word.pos1 == "形状詞"
        and _KANJI_WORD.match(word.surface) is not None
        and after is not None
        and after.pos1 == "名詞"
    )


def _unify_variants(text: str) -> str:
    for variant, canonical in _VARIANTS:
        text = variant.sub(canonical, text)
    return text


def _lemma(surface: str, lemma: str | None) -> str:
    """unidic writes loanword lemmas as `データ-data`; the Japanese part is what users type."""
    if not lemma or lemma == "*":
        return surface
    return lemma.split("-", 1)[0] or surface
