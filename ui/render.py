"""HTML for the UI. Document text contains HTML fragments (`<u>`, `<ul style=…>`) and users
type anything, so every document and question string is escaped here; the only markup on the
page is our own.
"""

from __future__ import annotations

import html

from assistant.models import Answer

CSS = """
.dxqa-source { border: 1px solid #ddd; border-radius: 6px; padding: 8px; margin-bottom: 8px; }
.dxqa-source mark { background: #ffe58a; }
.dxqa-where { color: #555; font-size: 0.9em; }
.dxqa-passage { white-space: pre-wrap; font-size: 0.92em; }
.dxqa-warning { color: #a40; font-weight: bold; }
"""


# How each outcome is announced above the answer, so that a user tells them apart at a glance.
STATUS_LABELS = {
    "answered": "✅ 資料に記載があります",
    "related": "⚠️ 近い記載はありますが、お尋ねの点そのものは明記されていません",
    "not_found": "❌ 資料に記載が見つかりませんでした",
}


def status_label(answer: Answer) -> str:
    return STATUS_LABELS.get(answer.status, "")


def sources_html(answer: Answer) -> str:
    """Cited passages with the quoted sentences highlighted; for an abstention, the nearest passages, labelled."""
    if answer.abstained:
        blocks = [f'<p class="dxqa-warning">{html.escape("以下は回答ではありません（関連しそうな箇所）")}</p>']
        blocks += [passage_block(str(hit.rank), hit.source.title, hit.source.date_label, hit.chunk.section, hit.chunk.page_label, hit.chunk.text, []) for hit in answer.hits[:3]]
        return "\n".join(blocks)
    texts = {hit.chunk.chunk_id: hit.chunk.text for hit in answer.hits}
    note = f'<p class="dxqa-warning">{html.escape(STATUS_LABELS["related"])}</p>\n' if answer.status == "related" else ""
    return note + "\n".join(
        passage_block(str(c.n), c.title, c.date, c.section, c.page, texts.get(c.chunk_id, c.quote), c.quote.split("\n"))
        for c in answer.citations
    )


def passage_block(label: str, title: str, date: str, section: str, page: str, text: str, quotes: list[str]) -> str:
    where = html.escape(f"{title}（{date}） {section} {page}")
    return (
        f'<div class="dxqa-source"><div class="dxqa-where">[{html.escape(label)}] {where}</div>'
        f'<div class="dxqa-passage">{highlight(text, quotes)}</div></div>'
    )


def highlight(text: str, quotes: list[str]) -> str:
    """Escaped passage text with each quoted sentence wrapped in <mark>."""
    escaped = html.escape(text)
    for quote in quotes:
        target = html.escape(quote)
        if target:
            escaped = escaped.replace(target, f"<mark>{target}</mark>", 1)
    return escaped
