"""Tab 「事例を探す」: filter the case studies by prefecture, theme and size; click one to read its passage."""

from __future__ import annotations

import gradio as gr

from assistant.cases import SIZE_BANDS, band_target, comparable, filter_cases, offered_themes, size_label, sized
from assistant.service import Assistant
from core.japanese import PREFECTURES
from core.tuning import applied
from ui.render import passage_block

ALL = "すべて"
HEADERS = ["自治体", "区分", "構成団体", "人口", "テーマ", "取組", "数値", "資料", "ページ"]


def build_cases_tab(assistant: Assistant) -> None:
    def shown(prefecture: str, theme: str, band: str):
        """The rows for the chosen filters, ranked with the served settings' tuning."""
        with applied(assistant.settings.tuning):
            return listed_cases(prefecture, theme, band)

    def listed_cases(prefecture: str, theme: str, band: str):
        """A size band keeps cases of real size in it, nearer sizes first."""
        snapshot = assistant.snapshot
        index, table = snapshot.index, snapshot.population
        cases = filter_cases(index.cases, None if prefecture == ALL else prefecture, None if theme == ALL else theme)
        if band != ALL:
            low, high = SIZE_BANDS[band]
            ranked = [
                r
                for r in comparable(cases, (), band_target(band), table)
                if r.population is not None and low <= r.population < high
            ]
        else:
            ranked = sized(cases, table)
        rows = [
            [
                r.case.name,
                r.case.kind,
                "、".join(r.case.members),
                size_label(r),
                "・".join(r.case.themes),
                r.case.description or r.case.title,
                "、".join(r.case.figures),
                index.sources[r.case.doc_id].title,
                r.case.page_label,
            ]
            for r in ranked
        ]
        sizes = (
            f"人口は{table.citation}による"
            if table
            else "人口は資料に記載のあるもののみ（`dxqa population import` で公式の人口表を読み込めます）"
        )
        note = f"{len(rows)} 件（{sizes}）"
        if not index.cases:
            note = "事例の一覧がありません。`dxqa ingest` で索引を作り直すと、資料から事例を抽出します。"
        return rows, [r.case for r in ranked], note, ""

    def passage(cases: list, event: gr.SelectData):
        """The clicked case's source passage, its line highlighted."""
        if not cases or event.index is None or event.index[0] >= len(cases):
            return ""
        case = cases[event.index[0]]
        snapshot = assistant.snapshot
        chunk = snapshot.chunks_by_id.get(case.chunk_id)
        source = snapshot.index.sources[case.doc_id]
        text = chunk.text if chunk else case.summary
        return passage_block(
            case.name, source.title, source.date_label, case.section, case.page_label, text, [case.summary]
        )

    with gr.Tab("事例を探す", id="cases"):
        gr.Markdown(
            "資料に載っている自治体の取組（事例）を、都道府県・テーマ・人口規模で絞り込めます。行をクリックすると出典の該当箇所を表示します。"
        )
        with gr.Row():
            prefecture = gr.Dropdown([ALL, *PREFECTURES], value=ALL, label="都道府県", elem_id="dxqa-cases-prefecture")
            theme = gr.Dropdown(
                [ALL, *offered_themes(assistant.snapshot.index.cases)],
                value=ALL,
                label="テーマ",
                elem_id="dxqa-cases-theme",
            )
            band = gr.Dropdown([ALL, *SIZE_BANDS], value=ALL, label="人口規模", elem_id="dxqa-cases-band")
        count = gr.Markdown(elem_id="dxqa-cases-count")
        # Fits the page width (text wraps); on a phone 区分 and 資料 are hidden (ui/render.py CSS).
        table = gr.Dataframe(
            headers=HEADERS,
            interactive=False,
            wrap=True,
            elem_id="dxqa-cases-table",
            column_widths=["15%", "8%", "11%", "14%", "28%", "16%", "8%"],
        )
        source = gr.HTML(elem_id="dxqa-cases-source")
        listed = gr.State([])
    filters = [prefecture, theme, band]
    outputs = [table, listed, count, source]
    for control in filters:
        control.change(shown, filters, outputs, api_name=False)
    table.select(passage, [listed], [source], api_name=False)
    return lambda: shown(ALL, ALL, ALL), outputs
