"""Tab 「質問する」: the chat, its cited source passages, and the ☆ that sends an answer to the FAQ draft."""

from __future__ import annotations

import html

import gradio as gr

from assistant.service import MAX_QUESTION_CHARS, Assistant
from dxqa.errors import QuestionError
from ui.render import status_label, sources_html

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
# A conversation longer than this keeps only its latest messages: the page stays light and
# a session cannot grow the server's memory without bound (follow-ups need one turn).
MAX_MESSAGES = 40


def build_chat_tab(assistant: Assistant):
    """The chat tab; returns (last answer state, chat) for the FAQ tab to read."""

    def respond(question: str, history: list, previous: str | None):
        """One chat turn; `previous` (the last resolved question) lets follow-ups keep their topic."""
        question = (question or "").strip()
        if not question:
            return history, gr.update(), "", previous, gr.update()
        try:
            answer = assistant.ask(question, previous=previous)
        except QuestionError as exc:
            notice = [{"role": "assistant", "content": html.escape(exc.ja)}]
            return (history + notice)[-MAX_MESSAGES:], gr.update(), question[:MAX_QUESTION_CHARS], previous, gr.update()
        shown = f"{status_label(answer)}　{MODE_LABELS[answer.mode]}\n{answer.text}"
        if answer.interpreted:
            shown = f"（解釈: {answer.interpreted}）\n{shown}"
        history = history + [
            {"role": "user", "content": html.escape(question)},
            {"role": "assistant", "content": html.escape(shown)},
        ]
        return history[-MAX_MESSAGES:], sources_html(answer), "", answer.resolved, answer

    with gr.Tab("質問する", id="chat"):
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="回答", height=520, sanitize_html=True, elem_id="dxqa-chat")
                question = gr.Textbox(label="質問", placeholder="例: CIO補佐官を外部から任用するときの財政措置は？", elem_id="dxqa-question")
                with gr.Row():
                    send = gr.Button("質問する", variant="primary", elem_id="dxqa-send")
                    star = gr.Button("☆ この回答をFAQに追加", elem_id="dxqa-star")
                star_status = gr.Markdown(elem_id="dxqa-star-status")
                gr.Examples(EXAMPLES, inputs=question, label="質問の例")
            with gr.Column(scale=2):
                gr.Markdown("### 出典の該当箇所")
                sources = gr.HTML(elem_id="dxqa-sources")
        previous = gr.State(None)
        last_answer = gr.State(None)
    turn = ([question, chat, previous], [chat, sources, question, previous, last_answer])
    send.click(respond, *turn, api_name=False)
    question.submit(respond, *turn, api_name=False)
    return last_answer, star, star_status
