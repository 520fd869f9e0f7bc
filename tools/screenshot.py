"""Take the README's screenshot of the dashboard: ``python -m tools.screenshot [OUT.png]``.

Run by hand when the dashboard changes; the image is committed, not remade by tests.
"""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

from tools.browser import ROOT, launch_args, running_app, wait_idle


def main(out: str = "docs/dashboard.png", page_path: str = "dashboard", lang: str = "en") -> None:
    target = ROOT / out
    target.parent.mkdir(parents=True, exist_ok=True)
    with running_app() as url, sync_playwright() as p:
        browser = p.chromium.launch(**launch_args())
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        page.goto(f"{url}/{page_path}?lang={lang}")
        wait_idle(page)
        if page_path in ("dashboard", "meeting"):
            page.wait_for_selector(".js-plotly-plot", timeout=20_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(target), full_page=False)
        browser.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    main(*sys.argv[1:])
