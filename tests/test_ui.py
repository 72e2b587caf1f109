"""The Gradio UI: served on loopback, answering over real HTTP and in a real headless Chromium."""

from dataclasses import replace

import pytest

from app import launch
from tests.conftest import browser_page
from ui.render import highlight


@pytest.fixture(scope="module")
def server(settings):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ui = launch(replace(settings, port=port), block=False)
    yield f"http://127.0.0.1:{port}/"
    ui.close()


def test_ui_binds_loopback_by_default(server):
    assert server.startswith("http://127.0.0.1:")


def test_ui_answers_through_a_real_http_request(server):
    from gradio_client import Client

    client = Client(server, verbose=False)
    data = client.predict("CIO補佐官の募集経費の上限は？", api_name="/ask")
    assert data["abstained"] is False
    assert "100万円" in data["answer"]
    assert data["citations"][0]["section"]


def test_document_text_is_escaped_and_only_the_quote_is_marked():
    html = highlight('<script>alert(1)</script>本文の<u>一文</u>。', ["本文の<u>一文</u>。"])
    assert "<script>" not in html and "<u>" not in html
    assert html.count("<mark>") == 1 and "&lt;script&gt;" in html


@pytest.fixture(scope="module")
def page(server):
    with browser_page(server) as page:
        yield page


def _ask_in_browser(page, question: str) -> None:
    before = page.locator("#dxqa-chat .message").count()
    page.locator("#dxqa-question textarea").fill(question)
    page.locator("#dxqa-send").click()
    page.wait_for_function(
        "n => document.querySelectorAll('#dxqa-chat .message').length >= n + 2", arg=before, timeout=60_000
    )


def test_browser_shows_answer_with_citations_and_highlighted_source(page):
    _ask_in_browser(page, "外部人材を受け入れる前に確認しておくことは？")
    chat = page.locator("#dxqa-chat").inner_text()
    assert "出典" in chat and "[1]" in chat
    sources = page.locator("#dxqa-sources")
    assert sources.locator("mark").count() >= 1
    assert "自治体DX全体手順書" in sources.inner_text()


def test_browser_never_executes_html_typed_as_a_question(page):
    _ask_in_browser(page, '<img src=x onerror="window.__dxqa_xss=1">財政措置は？')
    assert page.evaluate("window.__dxqa_xss === undefined")
    assert page.locator("#dxqa-chat img[src='x']").count() == 0


def test_browser_stars_an_answer_and_exports_the_faq(page, tmp_path):
    _ask_in_browser(page, "CIO補佐官の募集経費の上限は？")
    page.locator("#dxqa-star").click()
    page.wait_for_function("document.querySelector('#dxqa-star-status').innerText.includes('追加しました')", timeout=20_000)
    page.get_by_role("tab", name="FAQを作る").click()
    page.wait_for_function("document.querySelector('#dxqa-faq-table').innerText.includes('CIO補佐官の募集経費の上限は？')", timeout=20_000)
    with page.expect_download() as markdown:
        page.locator("#dxqa-faq-md").click()
    text = open(markdown.value.path(), encoding="utf-8").read()
    assert "## Q1. CIO補佐官の募集経費の上限は？" in text and "100万円" in text and "出典:" in text
    with page.expect_download() as table:
        page.locator("#dxqa-faq-csv").click()
    data = open(table.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf") and "CIO補佐官の募集経費の上限は？" in data.decode("utf-8-sig")
    page.locator("#dxqa-faq-remove").click()
    page.wait_for_function("!document.querySelector('#dxqa-faq-table').innerText.includes('CIO補佐官の募集経費')", timeout=20_000)
    page.get_by_role("tab", name="質問する").click()


def test_browser_filters_case_studies_and_shows_the_source_passage(page):
    page.get_by_role("tab", name="事例を探す").click()
    page.locator("#dxqa-cases-prefecture input").click()
    page.get_by_role("option", name="愛媛県").click()
    page.wait_for_function("document.querySelector('#dxqa-cases-count').innerText.match(/^[1-9]\\d* 件/)", timeout=20_000)
    rows = page.locator("#dxqa-cases-table").inner_text()
    assert "愛媛県" in rows and "広島県福山市" not in rows
    page.locator("#dxqa-cases-table").get_by_text("人材シェアリング", exact=False).filter(visible=True).first.click()
    page.wait_for_function("document.querySelectorAll('#dxqa-cases-source mark').length > 0", timeout=20_000)
    assert "愛媛県" in page.locator("#dxqa-cases-source").inner_text()
    page.get_by_role("tab", name="質問する").click()
