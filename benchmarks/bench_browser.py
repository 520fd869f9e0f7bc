"""First page load in a real browser (Debian Chromium), per page.

    python -m benchmarks.bench_browser [--repeat 5]

Starts the app as a real server, then opens each page in fresh browser
sessions and prints the time until the first run has finished drawing: the
first load after the server starts (cold: imports, seeding) and the median of
the next ones. Target (issue 3): under 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import sync_playwright

from tools.browser import launch_args, running_app, wait_idle

PAGES = {"assign": "", "matrix": "matrix", "dashboard": "dashboard", "meeting": "meeting", "files": "files"}


def load_time(browser, url: str) -> float:  # noqa: ANN001
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("h1")
    wait_idle(page, timeout=30_000)
    elapsed = time.perf_counter() - start - 0.3  # wait_idle's settling pause
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with running_app() as url, sync_playwright() as p:
        browser = p.chromium.launch(**launch_args())
        print(f"cold first load (server just started): {load_time(browser, url + '/?lang=es'):.2f} s")
        for name, path in PAGES.items():
            times = [load_time(browser, f"{url}/{path}?lang=es") for _ in range(args.repeat)]
            print(f"{name:<10} first load: median {statistics.median(times):.2f} s, worst {max(times):.2f} s")
        browser.close()


if __name__ == "__main__":
    main()
