"""Tab 「質問する」: the question first, the chat with linked citations, the cited passages, and ☆ for any answer.

Errors (empty, too long) appear in their own place above the chat, in Japanese, and the
question stays in the box as typed; the chat and its sources are left as they were.
"""

from __future__ import annotations

import html
from dataclasses import asdict, replace

import gradio as gr

from assistant.faq import item_from_answer
from assistant.service import MAX_QUESTION_CHARS, Assistant
from core.errors import QuestionError
from ui.render import answer_html, error_html, sources_html

COMPOSER_LABELS = {
    "extractive": "回答方式: 抽出型（資料の文をそのまま引用・オフライン）",
    "llm": "回答方式: LLM生成（各文の出典を資料と照合済み）",
}
# One per kind of user: the lone IT person, the DX lead comparing cases, the trainer, the HR side.
EXAMPLES = [
    "CIO補佐官を外部から任用するときの財政措置は？",
    "人口が少ない町で外部人材を活用した例は？",
    "自治体DXの進め方の最初のステップは？",
    "デジタル人材の確保・育成の支援策は？",
]
EMPTY_STATE = (
    "**質問を入力して「質問する」を押してください**（Enterでも送信できます）。\n\n"
    "- できること: 総務省の自治体DX全体手順書・推進計画・デジタル人材の支援策・長野県の事例資料から、"
    "該当する文を**出典（資料名・ページ）付き**で引用して答えます。[n] を押すと出典の該当箇所へ、"
    "「原本を開く」で元のPDFの該当ページが開きます。\n"
    "- できないこと: 資料にない事柄（最新の通知、他の資料、個別の判断）には答えず「記載が見つかりませんでした」"
    "と答えます。\n"
    "- ☆ で回答をFAQの下書きに追加できます（下書きはこのブラウザに保存されます）。"
)
# A conversation longer than this keeps only its latest messages: the page stays light and
# a session cannot grow the server's memory without bound (follow-ups need one turn).
MAX_MESSAGES = 40
# After an answer, show it from its first line: the question just asked at the top of the chat.
SCROLL_TO_ANSWER_JS = """
() => { setTimeout(() => {
  const chat = document.querySelector('#dxqa-chat');
  const users = chat ? chat.querySelectorAll('.message-row.user-row, .user-row, [data-testid="user"]') : [];
  const last = users[users.length - 1];
  if (!last) return;
  const box = last.closest('.bubble-wrap, [role="log"]') || chat;
  const offset = last.getBoundingClientRect().top - box.getBoundingClientRect().top;
  box.scrollTop += offset - 4;
  const top = chat.getBoundingClientRect().top;
  if (top < 0 || top > window.innerHeight * 0.6) chat.scrollIntoView({block: 'start'});
}, 60); }
"""


def build_chat_tab(assistant: Assistant):
    """The chat tab; returns, for the FAQ tab: the last answer as a FAQ item, the ☆ button,
    the ☆ status, the chat and the answers by message."""

    def respond(question: str, history: list, previous: str | None, items: list):
        """One chat turn; `previous` (the last resolved question) lets follow-ups keep their topic."""
        question = question or ""
        try:
            answer = assistant.ask(question.strip(), previous=previous)
        except QuestionError as exc:
            return history, gr.update(), question, previous, gr.update(), items, error_html(exc.ja), ""
        shown = (
            f'<p class="dxqa-interpreted">{COMPOSER_LABELS[answer.composer]}<'
            f"/p>{answer_html(answer, assistant.snapshot.index.sources)}"
        )
        # The FAQ keeps the question as it was understood: 「それはいつまで？」 alone means nothing.
        item = asdict(replace(item_from_answer(answer), question=answer.interpreted or answer.question))
        history = history + [
            {"role": "user", "content": html.escape(question.strip())},
            {"role": "assistant", "content": shown},
        ]
        items = items + [None, item]
        return history[-MAX_MESSAGES:], sources_html(answer), "", answer.resolved, item, items[-MAX_MESSAGES:], "", ""

    with gr.Tab("質問する", id="chat"):
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                with gr.Row(equal_height=True):
                    question = gr.Textbox(
                        label="質問",
                        placeholder="例: CIO補佐官を外部から任用するときの財政措置は？",
                        lines=1,
                        max_lines=6,
                        scale=5,
                        min_width=280,
                        elem_id="dxqa-question",
                        autofocus=True,
                        info=f"資料に書かれていることを、{MAX_QUESTION_CHARS}文字以内でお尋ねください。",
                    )
                    send = gr.Button("質問する", variant="primary", scale=1, min_width=110, elem_id="dxqa-send")
                gr.Examples(EXAMPLES, inputs=question, label="質問の例（押すと入力されます）", examples_per_page=4)
                error = gr.HTML("", elem_id="dxqa-error")
                chat = gr.Chatbot(
                    label="回答",
                    height="max(320px, calc(100vh - 400px))",
                    sanitize_html=True,
                    render_markdown=False,
                    autoscroll=False,
                    buttons=["copy"],
                    feedback_options=("Like",),
                    placeholder=EMPTY_STATE,
                    elem_id="dxqa-chat",
                    group_consecutive_messages=False,
                )
                with gr.Row():
                    star = gr.Button("☆ 最新の回答をFAQに追加", elem_id="dxqa-star")
                    star_status = gr.Markdown(elem_id="dxqa-star-status")
                gr.Markdown(
                    "各回答の下の「☆FAQ」で、どの回答でも下書きに追加できます。会話はページを再読み込みすると消えます（FAQの下書きは残ります）。",
                    elem_id="dxqa-chat-help",
                )
            with gr.Column(scale=2, min_width=300):
                gr.Markdown("### 出典の該当箇所")
                sources = gr.HTML(
                    "<p>回答の出典（引用した文を含む箇所）がここに表示されます。</p>", elem_id="dxqa-sources"
                )
        previous = gr.State(None)
        last_item = gr.State(None)
        items = gr.State([])
    turn = (
        [question, chat, previous, items],
        [chat, sources, question, previous, last_item, items, error, star_status],
    )
    for event in (send.click, question.submit):
        event(respond, *turn, api_name=False).then(None, None, None, js=SCROLL_TO_ANSWER_JS)
    # Gradio's 会話をクリア empties the chat in the browser: forget its answers and its topic too.
    chat.clear(lambda: (None, None, [], "", ""), None, [previous, last_item, items, error, star_status], api_name=False)
    return last_item, star, star_status, chat, items
