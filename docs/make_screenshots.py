"""Screenshots for the README: the chat, the case-study explorer and the FAQ builder.

    .venv/bin/python docs/make_screenshots.py

Serves the index in data/index on a free loopback port and drives Debian's chromium.
"""

from __future__ import annotations

import socket
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import launch  # noqa: E402
from dxqa.settings import Settings  # noqa: E402
from tests.test_ui import CHROMIUM, CHROMIUM_ARGS, _ask_in_browser  # noqa: E402


def main() -> None:
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ui = launch(replace(Settings.from_env(), port=port), block=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"http://127.0.0.1:{port}/")
        _ask_in_browser(page, "CIO補佐官を外部から任用するときの財政措置は？")
        page.locator("#dxqa-star").click()
        page.wait_for_timeout(800)
        page.screenshot(path=str(ROOT / "docs" / "screenshot-chat.png"))
        _ask_in_browser(page, "人口が少ない町で外部人材を活用した例は？")
        page.locator("#dxqa-star").click()
        page.wait_for_timeout(800)
        page.get_by_role("tab", name="事例を探す").click()
        page.locator("#dxqa-cases-theme input").click()
        page.get_by_role("option", name="人材シェアリング").click()
        page.wait_for_timeout(1500)
        page.locator("#dxqa-cases-table").get_by_text("県と20市町によるデジタル人材シェアリング").filter(visible=True).first.click()
        page.wait_for_timeout(1200)
        page.screenshot(path=str(ROOT / "docs" / "screenshot-cases.png"), full_page=True)
        page.get_by_role("tab", name="FAQを作る").click()
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ROOT / "docs" / "screenshot-faq.png"), full_page=True)
        browser.close()
    ui.close()


if __name__ == "__main__":
    main()
