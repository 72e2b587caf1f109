"""The Gradio UI (Japanese): tabs for asking, finding case studies, building an FAQ, adding documents.

It only presents: answers come from assistant/, documents go in through ingest/add.py. All
document and question text is escaped (ui/render.py); login and admin rights come from
dxqa/auth.py.
"""

from __future__ import annotations

import gradio as gr
from starlette.middleware import Middleware

from assistant.service import Assistant, answer_to_dict, stale_warning
from dxqa.auth import ClientAddress, Users
from dxqa.settings import Settings
from ingest.add import MAX_BYTES
from ui.cases import build_cases_tab
from ui.chat import build_chat_tab
from ui.documents import build_documents_tab
from ui.faq import build_faq_tab
from ui.render import CSS

TITLE = "dxqa 自治体DX資料アシスタント"
INTRO = (
    "自治体DX全体手順書・自治体DX推進計画・デジタル人材の支援策などの資料に、**出典（資料名・日付・章節・ページ）付き**で答えます。"
    "回答は資料の文をそのまま引用したものです。資料にない事柄には「記載が見つかりませんでした」と答えます。"
)


def build_ui(assistant: Assistant, users: Users | None = None) -> gr.Blocks:
    with gr.Blocks(title=TITLE) as ui:
        gr.Markdown(f"# {TITLE}\n{INTRO}")
        configured = "LLMを使用（使えないときは抽出型）" if assistant.settings.llm_url else "抽出型のみ（LLM不使用）"
        gr.Markdown(f"回答方式の設定: {configured}", elem_id="dxqa-mode")
        if assistant.stale:
            gr.Markdown(f"⚠ {stale_warning(assistant.stale)}", elem_id="dxqa-stale")
        with gr.Tabs():
            last_answer, star, star_status = build_chat_tab(assistant)
            all_cases, case_outputs = build_cases_tab(assistant)
            build_faq_tab(last_answer, star, star_status)
            control, notice, show_for_role = build_documents_tab(assistant, users)
        ui.load(show_for_role, None, [control, notice], api_name=False)
        ui.load(all_cases, None, case_outputs, api_name=False)

        def ask(question: str) -> dict:
            """The same JSON as `dxqa ask --json`, for programs calling the running UI."""
            return answer_to_dict(assistant.ask(question))

        gr.api(ask, api_name="ask")
    return ui


def launch(settings: Settings, block: bool = True) -> gr.Blocks:
    """Serve on settings.host:port (127.0.0.1 unless configured otherwise); returns the running app."""
    users = Users.load(settings.auth_file_path) if settings.auth_file else None
    ui = build_ui(Assistant(settings), users)
    # Answering is CPU-bound (~20 ms); bench/load.py chose the default (README, "Serving many users").
    ui.queue(default_concurrency_limit=settings.concurrency, max_size=settings.queue_size)
    ui.launch(
        server_name=settings.host,
        server_port=settings.port,
        css=CSS,
        prevent_thread_lock=not block,
        show_error=True,
        footer_links=["api"],
        auth=users.check if users else None,
        app_kwargs={"middleware": [Middleware(ClientAddress)]} if users else None,
        auth_message="dxqa にログインしてください（利用者は管理者が `dxqa user add` で登録します）。",
        max_file_size=MAX_BYTES,
    )
    return ui


if __name__ == "__main__":
    launch(Settings.from_env())
