"""HTML for the UI. Document text contains HTML fragments (`<u>`, `<ul style=…>`), Markdown
(`[x](http://…)`, `![](http://…)`) and users type anything, so every document and question
string is escaped here and shown as text; the only markup on the page is our own.

Chat messages are our HTML too (the Chatbot renders them without Markdown): each [n] links
to its passage in the source panel, and each source to the original page (ui/server.py).
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from assistant.formats import SOURCES_HEADING
from assistant.models import Answer, Citation
from core.models import Source

# Colours with their contrast ratio on white (tests/ui/test_ui.py computes it): the theme's
# orange (2.8:1 under white text) is replaced by ORANGE_DARK for anything carrying text.
PALETTE = {
    "text": "#1f2937",  # 14.7:1
    "muted": "#4b5563",  # 7.6:1 (placeholder, footer, passage locations)
    "primary": "#b23c0a",  # white text on it 5.9:1
    "primary_hover": "#8f3008",
    "warning": "#9a3412",
    "error": "#b91c1c",
    "link": "#1d4ed8",
}
P = PALETTE
CSS = f"""
:root, .dark {{
  --button-primary-background-fill: {P["primary"]};
  --button-primary-background-fill-hover: {P["primary_hover"]};
  --button-primary-text-color: #ffffff;
  --button-primary-border-color: {P["primary"]};
  --button-cancel-background-fill: {P["error"]};
  --button-cancel-background-fill-hover: #991b1b;
  --button-cancel-text-color: #ffffff;
  --input-placeholder-color: {P["muted"]};
  --body-text-color-subdued: {P["muted"]};
  --link-text-color: {P["link"]};
}}
.gradio-container {{ max-width: 1400px !important; }}
#dxqa-title h1 {{ font-size: 1.35rem; margin: 0; }}
#dxqa-title p {{ margin: 2px 0; font-size: 0.9rem; color: {P["muted"]}; }}
footer, footer a, footer button, footer span {{ color: {P["muted"]} !important; }}
::placeholder {{ color: {P["muted"]} !important; opacity: 1; }}
button[role=tab][aria-selected=true], button[role=tab].selected {{ color: {P["primary"]} !important; }}
.dxqa-source {{ border: 1px solid #ddd; border-radius: 6px; padding: 8px; margin-bottom: 8px; scroll-margin-top: 8px; }}
.dxqa-source:target {{ outline: 3px solid {P["link"]}; }}
.dxqa-source mark {{ background: #ffe58a; color: {P["text"]}; }}
.dxqa-where {{ color: {P["muted"]}; font-size: 0.9em; }}
.dxqa-passage {{ white-space: pre-wrap; font-size: 0.92em; }}
.dxqa-warning {{ color: {P["warning"]}; font-weight: bold; }}
.dxqa-answer {{ white-space: pre-wrap; }}
.dxqa-answer a, .dxqa-source a {{ color: {P["link"]}; }}
.dxqa-interpreted {{ color: {P["muted"]}; font-size: 0.9em; }}
.dxqa-status {{ font-weight: bold; margin: 0 0 4px 0; }}
#dxqa-error:not(:has(.dxqa-error)) {{ display: none !important; }}
#dxqa-chat .placeholder-content {{ justify-content: flex-start !important; align-items: flex-start !important;
  height: auto !important; }}
#dxqa-chat .placeholder {{ text-align: left; padding: 8px 12px; }}
.dxqa-error {{ color: {P["error"]}; font-weight: bold; border-left: 4px solid {P["error"]}; padding: 4px 8px;
  margin: 0; }}
#dxqa-chat button[aria-label*="FAQ"] svg {{ display: none; }}
#dxqa-chat button[aria-label*="FAQ"]::after {{ content: "☆FAQ"; font-size: 12px; color: {P["primary"]};
  white-space: nowrap; }}
#dxqa-add-status {{ min-height: 6em; }}
#dxqa-add-status .progress-text, #dxqa-add-status .meta-text {{ color: {P["text"]} !important; }}
#dxqa-cases-table table, #dxqa-faq-table table {{ table-layout: fixed; width: 100% !important; }}
#dxqa-cases-table td, #dxqa-cases-table th, #dxqa-faq-table td, #dxqa-faq-table th {{ white-space: normal !important;
  overflow-wrap: anywhere; }}
/* Phone: every tab label visible (narrower tabs; any that still overflow are listed inline,
   not behind an unlabelled "…"); the case passage stays in view next to the tapped row. */
@media (max-width: 640px) {{
  .tab-container button {{ padding: 4px 7px !important; font-size: 14px !important; }}
  .tab-wrapper {{ height: auto !important; flex-wrap: wrap; }}
  .tab-wrapper .overflow-menu > button {{ display: none !important; }}
  .tab-wrapper .overflow-dropdown {{ display: flex !important; position: static !important;
    box-shadow: none !important; border: 0 !important; flex-direction: row; padding: 0 !important; }}
  .gradio-container {{ padding: 0 8px !important; }}
  #dxqa-cases-table td:nth-child(2), #dxqa-cases-table th:nth-child(2),
  #dxqa-cases-table td:nth-child(6), #dxqa-cases-table th:nth-child(6) {{ display: none; }}
  #dxqa-cases-source:has(.dxqa-source) {{ position: fixed !important; left: 0; right: 0; bottom: 0; z-index: 50;
    max-height: 42vh; overflow: auto !important; background: #fff; box-shadow: 0 -2px 8px rgba(0,0,0,.25);
    margin: 0 !important; }}
}}
"""

_MARKER = re.compile(r"\[(\d+)\]")


def source_url(source: Source, pages: tuple[int, ...] | str) -> str:
    """The original document as the app serves it (ui/server.py), a PDF opened at its first cited page."""
    url = "/corpus/" + quote(source.path)
    first = _first_page(pages)
    if source.path.lower().endswith(".pdf") and first:
        url += f"#page={first}"
    return url


def _first_page(pages: tuple[int, ...] | str) -> int | None:
    if isinstance(pages, tuple):
        return pages[0] if pages else None
    found = re.search(r"\d+", pages)
    return int(found.group()) if found else None


# How each outcome is announced above the answer, so that a user tells them apart at a glance.
STATUS_LABELS = {
    "answered": "✅ 資料に記載があります",
    "related": "⚠️ 近い記載はありますが、お尋ねの点そのものは明記されていません",
    "not_found": "❌ 資料に記載が見つかりませんでした",
}


def answer_html(answer: Answer, sources: dict[str, Source]) -> str:
    """The answer as chat HTML: its outcome, text escaped, [n] linked to its passage,
    sources linked to the original page."""
    status = (
        f'<p class="dxqa-status dxqa-{answer.status}">{html.escape(STATUS_LABELS[answer.status])}</p>'
        if answer.status in STATUS_LABELS
        else ""
    )
    interpreted = ""
    if answer.interpreted:
        interpreted = f'<p class="dxqa-interpreted">（解釈した質問: {html.escape(answer.interpreted)}）</p>'
    text = _MARKER.sub(r'<a href="#dxqa-src-\1" class="dxqa-ref">[\1]</a>', html.escape(answer.body))
    lines = [_source_item(c, sources.get(c.doc_id)) for c in answer.citations]
    listing = f"<p><b>{SOURCES_HEADING}</b></p><ul>{''.join(lines)}</ul>" if lines else ""
    return f'{status}{interpreted}<div class="dxqa-answer">{text}</div>{listing}'


def _source_item(c: Citation, source: Source | None) -> str:
    where = html.escape(", ".join(p for p in (c.section, c.page) if p))
    item = f'<a href="#dxqa-src-{c.n}">[{c.n}]</a> {html.escape(c.title)}（{html.escape(c.date)}）{where}'
    if source is not None:
        item += (
            f' <a href="{html.escape(source_url(source, c.page))}" target="_blank" rel="noopener" '
            'class="dxqa-original">原本を開く↗</a>'
        )
    return f"<li>{item}</li>"


def sources_html(answer: Answer) -> str:
    """Cited passages with the quoted sentences highlighted; for an abstention, the nearest passages, labelled."""
    if answer.abstained:
        blocks = [f'<p class="dxqa-warning">{html.escape("以下は回答ではありません（関連しそうな箇所）")}</p>']
        blocks += [
            passage_block(
                str(hit.rank),
                hit.source.title,
                hit.source.date_label,
                hit.chunk.section,
                hit.chunk.page_label,
                hit.chunk.text,
                [],
                source_url(hit.source, hit.chunk.pages),
            )
            for hit in answer.hits[:3]
        ]
        return "\n".join(blocks)
    hits = {hit.chunk.chunk_id: hit for hit in answer.hits}
    blocks = (
        [f'<p class="dxqa-warning">{html.escape(STATUS_LABELS["related"])}</p>'] if answer.status == "related" else []
    )
    for c in answer.citations:
        hit = hits.get(c.chunk_id)
        text = hit.chunk.text if hit else c.quote
        url = source_url(hit.source, hit.chunk.pages) if hit else ""
        blocks.append(
            passage_block(
                str(c.n), c.title, c.date, c.section, c.page, text, c.quote.split("\n"), url, f"dxqa-src-{c.n}"
            )
        )
    return "\n".join(blocks)


def passage_block(
    label: str,
    title: str,
    date: str,
    section: str,
    page: str,
    text: str,
    quotes: list[str],
    url: str = "",
    anchor: str = "",
) -> str:
    where = html.escape(f"{title}（{date}） {section} {page}")
    link = (
        f' <a href="{html.escape(url)}" target="_blank" rel="noopener" class="dxqa-original">原本を開く↗</a>'
        if url
        else ""
    )
    id_attr = f' id="{anchor}"' if anchor else ""
    return (
        f'<div class="dxqa-source"{id_attr}><div class="dxqa-where">[{html.escape(label)}] {where}{link}</div>'
        f'<div class="dxqa-passage">{highlight(text, quotes)}</div></div>'
    )


def highlight(text: str, quotes: list[str]) -> str:
    """Escaped passage text with each quoted sentence wrapped in <mark>."""
    escaped = html.escape(text)
    for quote_text in quotes:
        target = html.escape(quote_text)
        if target:
            escaped = escaped.replace(target, f"<mark>{target}</mark>", 1)
    return escaped


def error_html(message: str) -> str:
    """An error in its own place (#dxqa-error), announced to screen readers."""
    return f'<p class="dxqa-error" role="alert">{html.escape(message)}</p>' if message else ""
