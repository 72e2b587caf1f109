"""Tab 「FAQを作る」: the answers starred in the chat, reordered or removed, exported as Markdown and CSV.

The draft lives in the browser (localStorage), so a reload or a server restart keeps it.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import gradio as gr

from assistant.faq import FaqItem, move, to_csv, to_markdown

TABLE_HEADERS = ["番号", "質問", "回答（冒頭）", "出典数", "要確認"]


# Fixed so that a draft stored before a server restart can still be read; the draft is the
# user's own text in their own browser, so the key protects nothing secret.
DRAFT_KEY = "dxqa-faq-draft"


def faq_draft() -> gr.BrowserState:
    """The draft in localStorage; created outside the tabs, since Gradio mounts a tab's content only
    when it is opened and an unmounted BrowserState neither saves nor restores."""
    return gr.BrowserState([], storage_key=DRAFT_KEY, secret=DRAFT_KEY)


def build_faq_tab(
    draft: gr.BrowserState,
    last_item: gr.State,
    star: gr.Button,
    star_status: gr.Markdown,
    chat: gr.Chatbot,
    answers: gr.State,
):
    def add(item: dict | None, draft: list[dict]):
        """Add one answer (a FaqItem as a dict) to the draft, once per question."""
        draft = draft or []
        if item is None:
            return draft, "先に質問してください。"
        if any(existing["question"] == item["question"] for existing in draft):
            return draft, "この質問は既にFAQの下書きにあります。"
        note = "（資料に記載がないため「要確認」として追加）" if item["abstained"] else ""
        return draft + [item], f"☆ FAQの下書きに追加しました（{len(draft) + 1}件）{note}"

    def add_liked(answers: list, draft: list[dict], event: gr.LikeData):
        """👍 under any answer adds that answer (the chat and `answers` share their indices)."""
        if event.liked is False:  # the second press only unmarks the button
            return draft or [], "FAQの下書きから外すときは「FAQを作る」で削除してください。"
        index = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        item = answers[index] if 0 <= index < len(answers) else None
        return add(item, draft)

    def change(items: list[dict], number: float | None, offset: int | None):
        """Move (offset ±1) or remove (offset None) the item numbered `number` (1-based)."""
        items = items or []
        index = int(number or 0) - 1
        if not 0 <= index < len(items):
            return items
        if offset is None:
            return items[:index] + items[index + 1 :]
        return move(items, index, offset)

    with gr.Tab("FAQを作る", id="faq"):
        gr.Markdown(
            "チャットで ☆ を押した回答がここに集まります（このブラウザに保存され、再読み込みしても残ります）。"
            "並べ替え・削除してから、Markdown（配布資料）か CSV（Excel）で書き出せます。"
        )
        table = gr.Dataframe(
            headers=TABLE_HEADERS,
            value=[],
            interactive=False,
            wrap=True,
            elem_id="dxqa-faq-table",
            column_widths=["7%", "30%", "47%", "8%", "8%"],
        )
        with gr.Row():
            number = gr.Number(label="項目番号", value=1, precision=0, minimum=1, elem_id="dxqa-faq-number")
            up = gr.Button("↑ 上へ", elem_id="dxqa-faq-up")
            down = gr.Button("↓ 下へ", elem_id="dxqa-faq-down")
            remove = gr.Button("削除", variant="stop", elem_id="dxqa-faq-remove")
        with gr.Row():
            markdown_file = gr.DownloadButton(
                "Markdown をダウンロード", value=None, interactive=False, elem_id="dxqa-faq-md"
            )
            csv_file = gr.DownloadButton(
                "CSV（Excel用）をダウンロード", value=None, interactive=False, elem_id="dxqa-faq-csv"
            )
        preview = gr.Markdown(elem_id="dxqa-faq-preview")

    star.click(add, [last_item, draft], [draft, star_status], api_name=False)
    chat.like(add_liked, [answers, draft], [draft, star_status], api_name=False)
    up.click(lambda items, n: change(items, n, -1), [draft, number], [draft], api_name=False)
    down.click(lambda items, n: change(items, n, +1), [draft, number], [draft], api_name=False)
    remove.click(lambda items, n: change(items, n, None), [draft, number], [draft], api_name=False)
    draft.change(_render, [draft], [table, preview, markdown_file, csv_file], api_name=False)
    return _render, [draft], [table, preview, markdown_file, csv_file]


def _render(draft: list[dict] | None):
    """Table rows, the Markdown preview, and fresh export files for the draft as it now is.

    The preview is the exported Markdown itself, whose document text is escaped (md_escape).
    """
    items = [FaqItem(d["question"], d["answer"], tuple(d["sources"]), d["abstained"]) for d in draft or []]
    rows = [
        [n, item.question, item.answer[:80], len(item.sources), "要確認" if item.abstained else ""]
        for n, item in enumerate(items, 1)
    ]
    if not items:
        return rows, "", gr.update(value=None, interactive=False), gr.update(value=None, interactive=False)
    markdown = to_markdown(items)
    folder = Path(tempfile.mkdtemp(prefix="dxqa-faq-"))
    stamp = time.strftime("%Y%m%d")
    md_path = folder / f"faq-{stamp}.md"
    md_path.write_text(markdown, encoding="utf-8")
    csv_path = folder / f"faq-{stamp}.csv"
    csv_path.write_bytes(to_csv(items))
    return (
        rows,
        markdown,
        gr.update(value=str(md_path), interactive=True),
        gr.update(value=str(csv_path), interactive=True),
    )
