"""What a person feels in a real browser (Debian Chromium): pages drawn, a click, a chart download.

    python -m benchmarks.bench_browser [--repeat 5]

Starts the app as a real server on a fresh SQLite database holding two plans (the
seeded 22 tasks x 2 roles and a generated 200 x 10), and a bare Streamlit page with
one segmented control and one metric (the floor of a click on this machine). Prints:

- per page and plan size, the time until the page is fully drawn (the run has finished, no
  skeleton is left, every chart has drawn its SVG, every table its canvas and the task list its
  tasks), the median and
  the worst of ``--repeat``: on a first visit (a new browser profile: nothing cached), on a
  return visit (the same browser loads the address again) and on the way there from the
  sidebar's link on the Assignment page (what a person does all day);
- the same first visit for three bare Streamlit pages, the floors of a page on this machine: one
  control and one metric; a title, a metric and one small Plotly chart; the same with a small table;
- the time from a click on an owner (Assignment page) to the updated hours on screen, side by
  side with the same measure on the bare page: as Playwright sees it (its click to its seeing
  the text change), and inside the page (the button's pointerdown to the DOM showing the new
  figure, without Playwright's own steps);
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

PAGES = {"assign": ("", "Asignación"), "matrix": ("matrix", "Matriz RACI"), "dashboard": ("dashboard", "Panel"),
         "meeting": ("meeting", "Vista de reunión"), "mywork": ("mywork", "Mi trabajo"),
         "files": ("files", "Archivos del plan"), "plans": ("plans", "Planes"), "history": ("history", "Historial")}
# The owner clicked: with two roles one of them; with more, a role added to the task's doers and taken off again
# (the first role's hours, the figure watched, change either way).
CLICKED = {"22 x 2": ("moderate-conversations", ("SMM", "CM")), "200 x 10": ("tarea-0-campana-0", ("Rol 0", "Rol 0"))}
VIEWPORT = {"width": 1400, "height": 1000}
OWNER = "[data-task='{}'] [data-choice='owner']"  # a task's owner control on the Assignment page (ui/owner_board.js)
BARE_APP = Path(__file__).resolve().parent / "bare_click_app.py"
BARE_CHART_APP = Path(__file__).resolve().parent / "bare_chart_app.py"
BARE_TABLE_APP = Path(__file__).resolve().parent / "bare_table_app.py"

_FULLY_DRAWN = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (document.querySelector("[data-testid='stSkeleton']")) return false;
  const shown = sel => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility());
  const charts = shown("[data-testid='stPlotlyChart']");
  if (charts.some(c => !c.querySelector(".main-svg"))) return false;
  const tables = shown("[data-testid='stDataFrame']");
  if (!tables.every(t => t.querySelector("canvas"))) return false;
  const lists = shown(".st-key-owner_board");  // the Assignment page's task list, drawn in its shadow root
  return lists.every(l => [...l.querySelectorAll("*")].some(e => e.shadowRoot && e.shadowRoot.querySelector(".board")));
}"""


def fully_drawn(page: Page, timeout: float = 60_000) -> None:
    """Wait until the page has nothing left to draw."""
    page.wait_for_function(_FULLY_DRAWN, timeout=timeout, polling=25)


def drawn_time(page: Page, go) -> float:  # noqa: ANN001
    """Time ``go()`` (a navigation) until the page shows a title other than the one it shows now, fully drawn."""
    title = page.locator("[data-testid='stMain'] h1").first
    before = title.inner_text() if title.count() else None
    start = time.perf_counter()
    go()
    page.wait_for_function("t => { const h = document.querySelector(\"[data-testid='stMain'] h1, "
                           "[data-testid='stMetric']\"); return h && h.innerText !== t; }",
                           arg=before, timeout=60_000, polling=25)
    fully_drawn(page)
    return time.perf_counter() - start


def first_visits(browser, url: str, repeat: int) -> list[float]:  # noqa: ANN001
    """``url`` in a new browser profile each time: nothing cached."""
    times = []
    for _ in range(repeat):
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        times.append(drawn_time(page, lambda: page.goto(url)))  # noqa: B023
        context.close()
    return times


def return_visits(browser, url: str, repeat: int) -> list[float]:  # noqa: ANN001
    """``url`` loaded again by the browser that has loaded it before (its cache warm)."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    drawn_time(page, lambda: page.goto(url))
    times = []
    for _ in range(repeat):
        page.goto("about:blank")
        times.append(drawn_time(page, lambda: page.goto(url)))
    context.close()
    return times


def sidebar_visits(browser, home: str, link: str, repeat: int) -> list[float]:  # noqa: ANN001
    """From the Assignment page at ``home``, the sidebar's ``link`` (after one visit to warm the browser)."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    times = []
    for k in range(repeat + 1):
        page.goto(home)
        fully_drawn(page)
        wait_idle(page)
        nav = page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True)
        elapsed = drawn_time(page, nav.click)
        if k:
            times.append(elapsed)
    context.close()
    return times


# The figure a click changes: the first metric shown in the main area (not the sidebar's). ``_ARM`` notes it and
# times, inside the page, the next pointerdown to its change.
_READ = """() => { const m = [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stMetricValue']")]
  .find(e => e.checkVisibility()); return m ? m.innerText : null; }"""
_ARM = f"""() => {{
  const read = {_READ};
  const before = read(), clock = window.__click = {{before, start: null, end: null}};
  document.addEventListener("pointerdown", () => {{ clock.start = performance.now(); }}, {{capture: true, once: true}});
  const watch = new MutationObserver(() => {{
    if (clock.start !== null && read() !== before) {{ clock.end = performance.now(); watch.disconnect(); }}
  }});
  watch.observe(document.body, {{subtree: true, childList: true, characterData: true, attributes: true}});
}}"""


def click_time(page: Page, radio) -> tuple[float, float]:  # noqa: ANN001
    """Click ``radio``; the seconds until Playwright sees the figure change, and inside the page."""
    page.evaluate(_ARM)
    start = time.perf_counter()
    radio.click()
    page.wait_for_function(f"() => ({_READ})() !== window.__click.before && window.__click.end !== null",
                           polling="raf", timeout=30_000)
    elapsed = time.perf_counter() - start
    inside = page.evaluate("() => (window.__click.end - window.__click.start) / 1000")
    wait_idle(page)
    return elapsed, inside


def clicks(browser, url: str, control: str, choices: tuple[str, str], repeat: int):  # noqa: ANN001, ANN201
    """Click the radios ``choices`` of the ``control`` (a CSS selector) in turn, after a first click that is not
    timed (the first of a session redraws the page: the undo button wakes up); time each until the hours change.
    Returns the times as Playwright sees them and inside the page."""
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(url)
    fully_drawn(page)
    radio = [page.locator(control).get_by_text(choice, exact=True) for choice in choices]
    click_time(page, radio[0])
    times = [click_time(page, radio[(k + 1) % 2]) for k in range(repeat)]
    page.close()
    return [wall for wall, _ in times], [inside for _, inside in times]


def png_downloads(browser, url: str, repeat: int) -> list[float]:  # noqa: ANN001
    page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
    page.goto(url)
    fully_drawn(page)
    buttons = page.get_by_test_id("stDownloadButton").filter(has_text="PNG")  # not the deck's
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
    print(f"{label:<44} median {statistics.median(times):6.2f} s   worst {max(times):6.2f} s")


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
        first_visits(browser, f"{app}/?lang=es&plan={plans['22 x 2']}", 1)  # warm the server's imports
        for label, script in (("bare page", BARE_APP), ("bare page + 1 chart", BARE_CHART_APP),
                              ("bare page + 1 table", BARE_TABLE_APP)):
            with running_app(script=script) as floor:
                first_visits(browser, floor, 1)
                show(f"{'floor':>8}  {label:<19} first visit", first_visits(browser, floor, args.repeat))
        for size, plan_id in plans.items():
            for name, (path, link) in PAGES.items():
                url = f"{app}/{path}?lang=es&plan={plan_id}"
                show(f"{size:>8}  {name:<10} first visit", first_visits(browser, url, args.repeat))
                show(f"{size:>8}  {name:<10} return visit", return_visits(browser, url, args.repeat))
                if path:
                    show(f"{size:>8}  {name:<10} from the sidebar",
                         sidebar_visits(browser, f"{app}/?lang=es&plan={plan_id}", link, args.repeat))
        with running_app(script=BARE_APP) as floor:
            floor_wall, floor_inside = clicks(browser, floor, "[data-testid='stMain']", ("B", "A"), args.repeat * 2)
        for size, (task, choices) in CLICKED.items():
            ours_wall, ours_inside = clicks(browser, f"{app}/?lang=es&plan={plans[size]}", OWNER.format(task),
                                            choices, args.repeat * 2)
            for how, floor_times, ours in (("seen by Playwright", floor_wall, ours_wall),
                                           ("inside the page", floor_inside, ours_inside)):
                show(f"click -> figure, bare page, {how}", floor_times)
                show(f"click -> hours, {size}, {how}", ours)
                ratio = statistics.median(ours) / statistics.median(floor_times)
                print(f"{'ratio (median)':<44} {ratio:6.2f} x   (target <= 2)")
        downloads = png_downloads(browser, f"{app}/meeting?lang=es&plan={plans['22 x 2']}", 4)
        print(f"{'chart PNG download, first':<44} {downloads[0]:6.2f} s")
        show("chart PNG download, next ones", downloads[1:])
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
