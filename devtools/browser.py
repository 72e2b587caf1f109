"""Debian's headless chromium, driven by Playwright, at the window sizes people use."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1366, "height": 768}  # an office PC
PHONE = {"width": 390, "height": 844}


@contextmanager
def browser_page(url: str) -> Iterator:
    """A page of Debian's headless chromium opened at `url`.

    Under pytest, a missing Playwright or chromium skips the test (`make test` installs them).
    """
    import pytest

    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed (make test installs it)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        yield page
        browser.close()


def ask_in_browser(page, question: str) -> None:
    """Type a question into the chat, send it, and wait until its answer is shown."""
    before = page.locator("#dxqa-chat .message").count()
    page.locator("#dxqa-question textarea").fill(question)
    page.locator("#dxqa-send").click()
    page.wait_for_function(
        "n => document.querySelectorAll('#dxqa-chat .message').length >= n + 2", arg=before, timeout=60_000
    )
