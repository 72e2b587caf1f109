"""Tab 「資料を追加」: upload PDFs/texts, re-index incrementally, answer from the new index at once.

Admin only: with login on, users whose role is admin; with login off, only while the UI
listens on loopback (see ui/auth.py). Everyone else sees a notice instead of the control.
"""

from __future__ import annotations

import html
from pathlib import Path

import gradio as gr
from gradio.utils import get_upload_folder

from assistant.service import Assistant
from ingest.add import MAX_BYTES, add_and_ingest
from ui.auth import Users, may_administer

GRADIO_CACHE = get_upload_folder()
NOT_ADMIN = "資料の追加は管理者だけが行えます。管理者にご依頼ください。"


def build_documents_tab(assistant: Assistant, users: Users | None) -> None:
    settings = assistant.settings

    def allowed(request: gr.Request) -> bool:
        return may_administer(users, getattr(request, "username", None), settings.host)

    def upload(files: list[str] | None, request: gr.Request, progress=gr.Progress(track_tqdm=True)) -> str:  # noqa: B008 - Gradio injects it
        """Check, copy and index the files; Gradio shows the stage and documents done over the status area.

        Gradio's uploaded copies are removed afterwards (the corpus keeps its own copy).
        """
        if not allowed(request):
            return NOT_ADMIN
        if not files:
            return "追加するファイルを選んでください。"
        try:
            progress(0, desc="確認・コピー中")
            result = add_and_ingest(
                [Path(f) for f in files], settings, show_progress=True
            )  # tqdm feeds Gradio's progress
        finally:
            _remove_uploads(files)
        assistant.refresh()
        return _result_markdown(result)

    def started(files: list[str] | None):
        """The button disabled and a visible note while the add runs."""
        names = "、".join(html.escape(Path(f).name) for f in files or [])
        note = f"処理中: {names} を確認して索引に追加しています（1ファイル数十秒〜数分）…" if names else ""
        return gr.update(interactive=False), note

    def show_for_role(request: gr.Request):
        admin = allowed(request)
        return gr.update(visible=admin), gr.update(visible=not admin)

    with gr.Tab("資料を追加", id="documents"):
        with gr.Column(visible=False) as control:
            gr.Markdown(
                f"PDF・.md・.txt（Shift_JIS も可、1ファイル {MAX_BYTES // 1024 // 1024} MB まで）を追加すると、"
                "その資料だけを読み込んで索引を更新します。更新中も質問には今の索引で答えます。"
            )
            files = gr.File(
                label="追加する資料", file_count="multiple", file_types=[".pdf", ".md", ".txt"], elem_id="dxqa-upload"
            )
            add = gr.Button("追加して索引を更新", variant="primary", elem_id="dxqa-add")
            status = gr.Markdown(elem_id="dxqa-add-status")
        notice = gr.Markdown(NOT_ADMIN, visible=True, elem_id="dxqa-add-notice")
        # Disable → add (the API endpoint) → clear the file list (so 追加 cannot resend it) and enable.
        add.click(started, [files], [add, status], api_name=False, queue=False).then(
            upload, [files], [status], api_name="add_documents"
        ).then(
            lambda: (gr.update(value=None), gr.update(interactive=True)),
            None,
            [files, add],
            api_name=False,
            queue=False,
        )
    return control, notice, show_for_role


def _remove_uploads(files: list[str]) -> None:
    """Delete Gradio's temporary copies of the uploads (only files inside Gradio's upload folder)."""
    cache = Path(GRADIO_CACHE).resolve()
    for name in files:
        path = Path(name).resolve()
        if path.is_relative_to(cache) and path.is_file():
            path.unlink(missing_ok=True)
            if path.parent != cache and not any(path.parent.iterdir()):
                path.parent.rmdir()


def _result_markdown(result) -> str:
    lines = [
        f"- 追加: {html.escape(s.path)}（{html.escape(s.title)}、{html.escape(s.date_label)}）" for s in result.added
    ]
    lines += [f"- 追加しませんでした: {html.escape(message)}" for message in result.refused]
    if result.report:
        r = result.report
        lines.append(
            f"\n索引を更新しました: 文書 {r.documents} 件（新たに埋め込み {r.embedded} 件）、チャンク {r.chunks} "
            f"件、{r.seconds:.1f} 秒。"
        )
        lines += [f"- 索引に入れなかった資料: {html.escape(message)}" for message in r.skipped]
        lines.append("題名や日付は corpus/sources.toml で修正できます（修正後は `dxqa ingest`）。")
    return "\n".join(lines)
