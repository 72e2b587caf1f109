"""Screenshots for the README, at an office PC's 1366×768 and a phone's 390×844.

    .venv/bin/python docs/make_screenshots.py

Serves the index in data/index on a free loopback port and drives Debian's chromium:
the first screen, a cited answer, the case-study explorer, the FAQ builder, and the phone
layout (first screen and an answer).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import launch  # noqa: E402
from core.settings import Settings  # noqa: E402
from devtools.browser import DESKTOP, PHONE, ask_in_browser, browser_page  # noqa: E402
from devtools.ports import free_port  # noqa: E402

OUT = ROOT / "docs"


def first_screen(page, size: dict, name: str) -> None:
    """The page as it opens at this window size."""
    page.set_viewport_size(size)
    page.reload()
    page.wait_for_selector("#dxqa-question textarea", timeout=30_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(OUT / name))


def desktop(page) -> None:
    first_screen(page, DESKTOP, "screenshot-first.png")
    ask_in_browser(page, "CIO補佐官を外部から任用するときの財政措置は？")
    page.locator("#dxqa-star").click()
    page.wait_for_timeout(1000)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(OUT / "screenshot-chat.png"))
    ask_in_browser(page, "人口が少ない町で外部人材を活用した例は？")
    page.locator("#dxqa-star").click()
    page.wait_for_timeout(800)
    page.get_by_role("tab", name="事例を探す").click()
    page.locator("#dxqa-cases-theme input").click()
    page.get_by_role("option", name="人材シェアリング").click()
    page.wait_for_timeout(1500)
    page.locator("#dxqa-cases-table").get_by_text("デジタル人材シェアリング", exact=False).filter(
        visible=True
    ).first.click()
    page.wait_for_timeout(1200)
    page.screenshot(path=str(OUT / "screenshot-cases.png"), full_page=True)
    page.get_by_role("tab", name="FAQを作る").click()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(OUT / "screenshot-faq.png"), full_page=True)
    # Leave the browser's draft empty for the next run.
    for _ in range(2):
        page.locator("#dxqa-faq-remove").click()
        page.wait_for_timeout(600)


def phone(page) -> None:
    first_screen(page, PHONE, "screenshot-phone.png")
    ask_in_browser(page, "外部人材を受け入れる前に確認しておくことは？")
    page.wait_for_timeout(1000)
    page.screenshot(path=str(OUT / "screenshot-phone-answer.png"))


def main() -> None:
    port = free_port()
    ui = launch(replace(Settings.from_env(), port=port), block=False)
    with browser_page(f"http://127.0.0.1:{port}/") as page:
        desktop(page)
        phone(page)
    ui.close()


if __name__ == "__main__":
    main()
