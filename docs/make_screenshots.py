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
from tests.conftest import browser_page  # noqa: E402
from tests.test_ui import _ask_in_browser  # noqa: E402


def main() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ui = launch(replace(Settings.from_env(), port=port), block=False)
    with browser_page(f"http://127.0.0.1:{port}/") as page:
        page.set_viewport_size({"width": 1280, "height": 900})
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
    ui.close()


if __name__ == "__main__":
    main()
