"""The Gradio UI (Japanese): tabs for asking, finding case studies, building an FAQ, adding documents.

It only presents: answers come from assistant/, documents go in through ingest/add.py. All
document and question text is escaped (ui/render.py); login and admin rights come from
ui/auth.py; security headers, the Japanese locale and the original documents come from
ui/server.py, Japanese for Gradio's own messages from ui/i18n.py.
"""

from __future__ import annotations

import gradio as gr
from starlette.middleware import Middleware

from assistant.formats import as_dict
from assistant.service import Assistant, stale_warning
from core.errors import QuestionError
from core.settings import Settings
from ingest.add import MAX_BYTES
from ui.auth import ClientAddress, Users
from ui.cases import build_cases_tab
from ui.chat import build_chat_tab
from ui.documents import build_documents_tab
from ui.faq import build_faq_tab, faq_draft
from ui.i18n import JS
from ui.render import CSS
from ui.server import app_kwargs

TITLE = "dxqa 自治体DX資料アシスタント"
INTRO = (
    "自治体DXの資料に**出典（資料名・ページ）付き**で答えます。回答は資料の文の引用です。"
    "資料にない事柄には「記載が見つかりませんでした」と答えます。"
)


def build_ui(assistant: Assistant, users: Users | None = None) -> gr.Blocks:
    # Uploads refused before our code runs (wrong type) and old exports are deleted hourly.
    with gr.Blocks(title=TITLE, delete_cache=(3600, 3600)) as ui:
        configured = "LLMを使用（使えないときは抽出型）" if assistant.settings.llm_url else "抽出型のみ（LLM不使用）"
        gr.Markdown(f"# {TITLE}\n{INTRO}（回答方式: {configured}）", elem_id="dxqa-title")
        if assistant.snapshot.stale:
            gr.Markdown(f"⚠ {stale_warning(list(assistant.snapshot.stale))}", elem_id="dxqa-stale")
        draft = faq_draft()
        with gr.Tabs():
            last_item, star, star_status, chat, answers = build_chat_tab(assistant)
            all_cases, case_outputs = build_cases_tab(assistant)
            render_draft, draft_in, draft_out = build_faq_tab(draft, last_item, star, star_status, chat, answers)
            control, notice, show_for_role = build_documents_tab(assistant, users)
        ui.load(show_for_role, None, [control, notice], api_name=False)
        ui.load(all_cases, None, case_outputs, api_name=False)
        ui.load(render_draft, draft_in, draft_out, api_name=False)

        def ask(question: str) -> dict:
            """The same JSON as `dxqa ask --json`, for programs calling the running UI."""
            if not isinstance(question, str):
                raise gr.Error(
                    f"質問は文字列で渡してください（受け取った値の型: {type(question).__name__}）。", title="入力エラー"
                )
            try:
                return as_dict(assistant.ask(question))
            except QuestionError as exc:
                raise gr.Error(exc.ja, title="入力エラー") from exc

        gr.api(ask, api_name="ask")
    return ui


def launch(settings: Settings, block: bool = True) -> gr.Blocks:
    """Serve on settings.host:port (127.0.0.1 unless configured otherwise); returns the running app."""
    users = Users.load(settings.auth_file_path) if settings.auth_file else None
    assistant = Assistant(settings)
    ui = build_ui(assistant, users)
    # Answering is CPU-bound (~20 ms); bench/load.py chose the default (README, "Serving many users").
    ui.queue(default_concurrency_limit=settings.concurrency, max_size=settings.queue_size)
    ui.launch(
        server_name=settings.host,
        server_port=settings.port,
        css=CSS,
        js=JS,
        app_kwargs=_with_client_address(
            app_kwargs(settings.corpus_dir, lambda: assistant.snapshot.index.sources), users is not None
        ),
        prevent_thread_lock=not block,
        show_error=True,
        footer_links=["api"],
        auth=users.check if users else None,
        auth_message="dxqa にログインしてください（利用者は管理者が `dxqa user add` で登録します）。",
        max_file_size=MAX_BYTES,
    )
    return ui


def _with_client_address(kwargs: dict, login: bool) -> dict:
    """With a login, the client address middleware runs too (per-address back-off, ui/auth.py)."""
    if login:
        kwargs = {**kwargs, "middleware": [*kwargs.get("middleware", []), Middleware(ClientAddress)]}
    return kwargs


if __name__ == "__main__":
    launch(Settings.from_env())
