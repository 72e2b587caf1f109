"""FAQ material for trainers: answered questions with their sources written out, as Markdown or CSV.

Items are plain dicts-of-strings (FaqItem) so the UI can keep a draft in session state and
the batch command (`dxqa faq`) and the UI export the very same documents. An item whose
question the documents do not answer stays in the FAQ flagged 要確認, never with a guess.
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass

from tqdm import tqdm

from assistant.formats import SOURCES_HEADING, citation_line
from assistant.models import Answer

UNANSWERED = "資料に記載が見つかりませんでした（要確認: 担当部署や最新の通知でご確認ください）。"
CSV_COLUMNS = ("番号", "質問", "回答", "出典", "要確認")


@dataclass(frozen=True)
class FaqItem:
    question: str
    answer: str  # the cited answer body, [n] markers kept
    sources: tuple[str, ...]  # "[n] title（date）section, p.X", in [n] order
    abstained: bool = False


def item_from_answer(answer: Answer) -> FaqItem:
    """The FAQ entry for one answer: its body and its sources, read from the answer's fields."""
    if answer.abstained:
        return FaqItem(answer.question, UNANSWERED, (), True)
    return FaqItem(answer.question, answer.body.strip(), tuple(map(citation_line, answer.citations)))


def build_faq(assistant, questions: Iterable[str], show_progress: bool = True) -> list[FaqItem]:
    """Answer each question (independently: no follow-up context between FAQ items)."""
    questions = [q.strip() for q in questions if q.strip()]
    return [
        item_from_answer(assistant.ask(question))
        for question in tqdm(questions, desc="FAQ", disable=not show_progress, unit="q")
    ]


def to_markdown(items: list[FaqItem], title: str = "よくある質問（自治体DX資料より）") -> str:
    """A handout: numbered Q&A, each answer followed by its sources; unanswered ones marked 要確認."""
    flagged = sum(item.abstained for item in items)
    lines = [
        f"# {title}",
        "",
        f"作成日: {time.strftime('%Y-%m-%d')}　項目数: {len(items)}" + (f"　要確認: {flagged}" if flagged else ""),
        "",
        "回答は資料の文をそのまま引用したものです。[n] は各項目の出典番号です。",
    ]
    for number, item in enumerate(items, 1):
        mark = "（要確認）" if item.abstained else ""
        lines += ["", f"## Q{number}. {md_escape(item.question)}{mark}", "", *_markdown_lines(item.answer)]
        if item.sources:
            lines += ["", f"{SOURCES_HEADING}", *(f"- {md_escape(source)}" for source in item.sources)]
    return "\n".join(lines) + "\n"


def _markdown_lines(text: str) -> list[str]:
    """Answer lines as Markdown lines (a hard break each, so quotes stay one per line)."""
    return [md_escape(line) + "  " if line else line for line in text.split("\n")]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_~|])")


def md_escape(text: str) -> str:
    """Document text as literal Markdown: 「令和6~7年度」 must not turn into strikethrough, nor HTML into tags.

    `>` is escaped only where it starts a quote (line start): the section paths of every
    source line (「4 > 4.4」) stay readable in the raw file.
    """
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")
    return re.sub(r"^(\s*)([#>])", r"\1\\\2", text)


def to_csv(items: list[FaqItem]) -> bytes:
    """UTF-8 with BOM (Excel on Windows opens it as UTF-8, not Shift_JIS); CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for number, item in enumerate(items, 1):
        writer.writerow(
            [number, item.question, item.answer, "\n".join(item.sources), "要確認" if item.abstained else ""]
        )
    return buffer.getvalue().encode("utf-8-sig")


def move(items: list[FaqItem], index: int, offset: int) -> list[FaqItem]:
    """The list with item `index` moved by `offset` places (clamped at both ends)."""
    if not 0 <= index < len(items):
        return items
    target = max(0, min(len(items) - 1, index + offset))
    items = list(items)
    items.insert(target, items.pop(index))
    return items
