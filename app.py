"""The Gradio chat UI (Japanese). It only presents: every answer comes from assistant/.

Document text contains HTML fragments (`<u>`, `<ul style=…>`), so all document and
question text is escaped before it reaches the page; the only markup is our own.
"""

from __future__ import annotations

import html

import gradio as gr

from assistant.models import Answer
from assistant.service import MAX_QUESTION_CHARS, Assistant, answer_to_dict, stale_warning
from dxqa.errors import QuestionError
from dxqa.settings import Settings

TITLE = "dxqa 自治体DX資料アシスタント"
INTRO = (
    "自治体DX全体手順書・自治体DX推進計画・デジタル人材の支援策などの資料に、**出典（資料名・日付・章節・ページ）付き**で答えます。"
    "回答は資料の文をそのまま引用したものです。資料にない事柄には「記載が見つかりませんでした」と答えます。"
)
MODE_LABELS = {
    "extractive": "回答方式: 抽出型（資料の文をそのまま引用・オフライン）",
    "llm": "回答方式: LLM生成（各文の出典を資料と照合済み）",
}
EXAMPLES = [
    "CIO補佐官を外部から任用するときの財政措置は？",
    "外部人材を受け入れる前に確認しておくことは？",
    "自治体DXアクセラレータの要件は？",
    "愛媛県のデジタル人材シェアリングの事例は？",
]
CSS = """
.dxqa-source { border: 1px solid #ddd; border-radius: 6px; padding: 8px; margin-bottom: 8px; }
.dxqa-source mark { background: #ffe58a; }
.dxqa-where { color: #555; font-size: 0.9em; }
.dxqa-passage { white-space: pre-wrap; font-size: 0.92em; }
.dxqa-warning { color: #a40; font-weight: bold; }
"""


def sources_html(answer: Answer) -> str:
    """Cited passages with the quoted sentences highlighted; for an abstention, the nearest passages, labelled."""
    if answer.abstained:
        blocks = [f'<p class="dxqa-warning">{html.escape("以下は回答ではありません（関連しそうな箇所）")}</p>']
        blocks += [_passage_block(str(hit.rank), hit.source.title, hit.source.date_label, hit.chunk.section, hit.chunk.page_label, hit.chunk.text, []) for hit in answer.hits[:3]]
        return "\n".join(blocks)
    texts = {hit.chunk.chunk_id: hit.chunk.text for hit in answer.hits}
    return "\n".join(
        _passage_block(str(c.n), c.title, c.date, c.section, c.page, texts.get(c.chunk_id, c.quote), c.quote.split("\n"))
        for c in answer.citations
    )


def _passage_block(label: str, title: str, date: str, section: str, page: str, text: str, quotes: list[str]) -> str:
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


def build_ui(assistant: Assistant) -> gr.Blocks:
    def respond(question: str, history: list, previous: str | None):
        """One chat turn; `previous` (the last resolved question) lets follow-ups keep their topic."""
        question = (question or "").strip()
        if not question:
            return history, gr.update(), "", previous
        try:
            answer = assistant.ask(question, previous=previous)
        except QuestionError as exc:
            notice = [{"role": "assistant", "content": html.escape(exc.ja)}]
            return history + notice, gr.update(), question[:MAX_QUESTION_CHARS], previous
        shown = f"{MODE_LABELS[answer.mode]}\n{answer.text}"
        if answer.resolved != question:
            shown = f"（解釈: {answer.resolved}）\n{shown}"
        history = history + [
            {"role": "user", "content": html.escape(question)},
            {"role": "assistant", "content": html.escape(shown)},
        ]
        return history, sources_html(answer), "", answer.resolved

    def ask_api(question: str) -> dict:
        """The same JSON as `dxqa ask --json`, for programs calling the running UI."""
        return answer_to_dict(assistant.ask(question))

    with gr.Blocks(title=TITLE) as ui:
        gr.Markdown(f"# {TITLE}\n{INTRO}")
        configured = "LLMを使用（使えないときは抽出型）" if assistant.settings.llm_url else "抽出型のみ（LLM不使用）"
        gr.Markdown(f"回答方式の設定: {configured}", elem_id="dxqa-mode")
        if assistant.stale:
            gr.Markdown(f"⚠ {stale_warning(assistant.stale)}", elem_id="dxqa-stale")
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="回答", height=520, sanitize_html=True, elem_id="dxqa-chat")
                question = gr.Textbox(label="質問", placeholder="例: CIO補佐官を外部から任用するときの財政措置は？", elem_id="dxqa-question")
                send = gr.Button("質問する", variant="primary", elem_id="dxqa-send")
                gr.Examples(EXAMPLES, inputs=question, label="質問の例")
            with gr.Column(scale=2):
                gr.Markdown("### 出典の該当箇所")
                sources = gr.HTML(elem_id="dxqa-sources")
        previous = gr.State(None)
        turn = ([question, chat, previous], [chat, sources, question, previous])
        send.click(respond, *turn, api_name=False)
        question.submit(respond, *turn, api_name=False)
        gr.api(ask_api, api_name="ask")
    return ui


def launch(settings: Settings, block: bool = True) -> gr.Blocks:
    """Serve on settings.host:port (127.0.0.1 unless configured otherwise); returns the running app."""
    ui = build_ui(Assistant(settings))
    ui.queue(default_concurrency_limit=4)
    ui.launch(
        server_name=settings.host,
        server_port=settings.port,
        css=CSS,
        prevent_thread_lock=not block,
        show_error=True,
        footer_links=["api"],
    )
    return ui


if __name__ == "__main__":
    launch(Settings.from_env())
