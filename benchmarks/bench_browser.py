"""What a person feels in a real browser (Debian Chromium): pages drawn, a click, a chart download.

    python -m benchmarks.bench_browser [--repeat 5]

Starts the app as a real server on a fresh SQLite database holding two plans (the
seeded 22 tasks x 2 roles and a generated 200 x 10), and a bare Streamlit page with
one segmented control and one metric (the floor of a click on this machine). Prints:

- per page and plan size, the time from navigation until the page is fully drawn
  (the run has finished, no skeleton is left, every chart has drawn its SVG and every
  table its canvas): the median and the worst of ``--repeat`` fresh sessions;
- the same for two bare Streamlit pages, the floors of a page on this machine: one control and
  one metric, and a title, a metric and one small Plotly chart;
- the time from a click on an owner (Assignment page) to the updated hours on screen,
  side by side with the same measure on the bare page;
- the time of a chart PNG download on the Meeting view, the first and the next ones.

Targets (issue 10, quiet machine): the click within 2x the floor; every page fully
drawn under 2 s at 22 x 2 and 3 s at 200 x 10; PNG downloads under 3 s after the first.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from benchmarks.generate import generated_plan
from raci.seed import seed_plan
from raci.storage import Store
from tools.browser import launch_args, running_app, wait_idle

PAGES = {"assign": "", "matrix": "matrix", "dashboard": "dashboard", "meeting": "meeting", "mywork": "mywork",
         "files": "files", "plans": "plans", "history": "history"}
BARE_APP = Path(__file__).resolve().parent / "bare_click_app.py"
BARE_CHART_APP = Path(__file__).resolve().parent / "bare_chart_app.py"

_FULLY_DRAWN = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (document.querySelector("[data-testid='stSkeleton']")) return false;
  const shown = sel => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility());
  const charts = shown("[data-testid='stPlotlyChart']");
  if (charts.some(c => !c.querySelector(".main-svg"))) return false;
  const tables = shown("[data-testid='stDataFrame']");
  return tables.every(t => t.querySelector("canvas"));
}"""


def fully_drawn(page: Page, timeout: float = 60_000) -> None:
    """Wait until the page has nothing left to draw."""
    page.wait_for_function(_FULLY_DRAWN, timeout=timeout, polling=25)


def page_time(browser, url: str) -> float:  # noqa: ANN001
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("h1, [data-testid='stMetric']", timeout=60_000)
    fully_drawn(page)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def click_time(page: Page, radio, readout) -> float:  # noqa: ANN001
    """Click ``radio`` and time until the text of ``readout`` changes."""
    before = readout.inner_text()
    start = time.perf_counter()
    radio.click()
    page.wait_for_function("([el, text]) => el.innerText !== text", arg=[readout.element_handle(), before],
                           polling="raf", timeout=30_000)
    elapsed = time.perf_counter() - start
    wait_idle(page)
    return elapsed


def clicks(browser, url: str, control: str, choices: tuple[str, str], repeat: int) -> list[float]:  # noqa: ANN001
    """Click the radios ``choices`` of the ``control`` (a CSS selector) in turn; time each until the first
    metric on the page (the hours) shows the new figure."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    fully_drawn(page)
    readout = page.get_by_test_id("stMain").locator("[data-testid='stMetricValue']").first  # not the sidebar's
    times = [click_time(page, page.locator(control).get_by_role("radio", name=choices[k % 2], exact=True), readout)
             for k in range(repeat)]
    page.close()
    return times


def png_downloads(browser, url: str, repeat: int) -> list[float]:  # noqa: ANN001
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(url)
    fully_drawn(page)
    buttons = page.get_by_test_id("stDownloadButton")
    times = []
    for k in range(repeat):
        start = time.perf_counter()
        with page.expect_download(timeout=120_000) as download:
            buttons.nth(k % max(1, buttons.count())).click()
        download.value.path()
        times.append(time.perf_counter() - start)
    page.close()
    return times


def show(label: str, times: list[float]) -> None:
    print(f"{label:<40} median {statistics.median(times):6.2f} s   worst {max(times):6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    database = f"sqlite:///{folder / 'raci.db'}"
    with Store(database) as store:
        plans = {"22 x 2": store.create_plan("Seed", seed_plan("es")).id,
                 "200 x 10": store.create_plan("Generated", generated_plan(200, 10)).id}
    with running_app(env={"RACI_DATABASE_URL": database}) as app, sync_playwright() as p:
        browser = p.chromium.launch(**launch_args())
        page_time(browser, f"{app}/?lang=es&plan={plans['22 x 2']}")  # warm the server's imports
        for label, script in (("bare page", BARE_APP), ("bare page + 1 chart", BARE_CHART_APP)):
            with running_app(script=script) as floor:
                page_time(browser, floor)
                show(f"{'floor':>8}  {label:<19} fully drawn", [page_time(browser, floor) for _ in range(args.repeat)])
        for size, plan_id in plans.items():
            for name, path in PAGES.items():
                times = [page_time(browser, f"{app}/{path}?lang=es&plan={plan_id}") for _ in range(args.repeat)]
                show(f"{size:>8}  {name:<10} fully drawn", times)
        with running_app(script=BARE_APP) as floor:
            floor_times = clicks(browser, floor, "[data-testid='stMain']", ("B", "A"), args.repeat * 2)
        ours = clicks(browser, f"{app}/?lang=es&plan={plans['22 x 2']}", ".st-key-owner--moderate-conversations",
                      ("SMM", "CM"), args.repeat * 2)
        show("click -> figure, bare page (floor)", floor_times)
        show("click -> hours, Assignment 22 x 2", ours)
        ratio = statistics.median(ours) / statistics.median(floor_times)
        print(f"{'ratio (median)':<34} {ratio:6.2f} x   (target <= 2)")
        downloads = png_downloads(browser, f"{app}/meeting?lang=es&plan={plans['22 x 2']}", 4)
        print(f"{'chart PNG download, first':<34} {downloads[0]:6.2f} s")
        show("chart PNG download, next ones", downloads[1:])
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
