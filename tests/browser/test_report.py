"""The meeting pack in a real browser with the network cut off: the charts draw, nothing is fetched, it prints."""

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Route

from raci.model import Role, Task
from raci.output.report import CHARTS, report_html
from raci.seed import seed_plan

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WHEN = dt.datetime(2025, 3, 5, 9, 30)
XSS = "<script>alert(1)</script>"


class Offline:
    """Every request recorded; any that is not the file itself (file:// or data:) is aborted."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        context.route("**/*", self.handle)
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: self.problems.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.problems.append(str(error)))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    @staticmethod
    def handle(route: Route) -> None:
        if route.request.url.startswith(("file://", "data:")):
            route.continue_()
        else:
            route.abort()


def wait_for_charts(page: Page) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n", arg=len(CHARTS)
    )
    page.wait_for_timeout(300)  # the last transitions


def hover_text(page: Page, chart: str) -> str:
    """The hover label Plotly shows over the first bar of a chart, pointed at with the mouse."""
    page.locator(f"#chart-{chart}").scroll_into_view_if_needed()
    box = page.locator(f"#chart-{chart} .barlayer .point").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    label = page.locator(f"#chart-{chart} .hoverlayer .hovertext")
    label.first.wait_for()
    return label.first.text_content()


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def test_the_pack_renders_offline_from_a_file_and_prints(page: Page, context: BrowserContext, tmp_path: Path):
    ARTIFACTS.mkdir(exist_ok=True)
    plan = seed_plan("es").add_role(Role("Designer", "Graphic designer", "operational", 40), letter="I")
    plan = plan.set_letter(0, "CM", "A")  # an error, so that the findings table shows
    path = tmp_path / "meeting pack.html"
    path.write_text(report_html(plan, "en", title="Social team · Q3", generated_at=WHEN), encoding="utf-8")
    offline = Offline(context, page)

    page.goto(path.as_uri())
    wait_for_charts(page)

    assert offline.requests == [path.as_uri()]  # nothing but the file itself, not even attempted
    assert offline.problems == []  # no script error, no blocked load (a CSP refusal logs an error)
    plots = page.locator(".js-plotly-plot")
    assert plots.count() == len(CHARTS)
    for k in range(len(CHARTS)):
        assert plots.nth(k).locator(".main-svg").count() >= 1
        assert plots.nth(k).locator(".barlayer .point").count() > 0  # bars were drawn
    assert page.locator(".gtitle").first.text_content().startswith("Workload per role")
    assert page.locator("h1").inner_text() == "Social team · Q3"
    assert page.locator("table.matrix tbody tr").count() == plan.n_tasks
    assert page.locator("tr.finding").count() >= 1
    # The matrix colours are what the stylesheet says, also in the browser.
    colour = page.locator("table.matrix td.l-AR").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(204, 121, 167)"  # #CC79A7

    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (ARTIFACTS / "report.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) >= 3  # key figures, charts, matrix: each starts a page
    assert offline.requests == [path.as_uri()]


@pytest.mark.parametrize("lang, heading", [("es", "Cifras clave"), ("en", "Key figures")])
def test_the_pack_renders_offline_from_its_text_and_runs_no_user_text(page: Page, context: BrowserContext,
                                                                     lang, heading):
    plan = seed_plan(lang).add_role(Role(XSS, "Tom & Jerry <img src=x onerror=alert(2)>"), letter="C")
    plan = plan.add_role(Role('<a href="https://example.invalid/">Ops</a> & <b>co</b>'), letter="I")
    plan = plan.add_task(Task(f"{XSS} & launch", "Q&A <b>", "", 3), letters={XSS: "A/R"})
    offline = Offline(context, page)

    page.set_content(report_html(plan, lang, title=XSS, generated_at=WHEN))
    wait_for_charts(page)

    assert page.locator("h2").first.inner_text() == heading
    assert offline.dialogs == []  # no alert ran
    assert offline.problems == []
    assert all(url.startswith(("about:", "data:")) for url in offline.requests), offline.requests
    assert page.locator("h1").inner_text() == XSS
    assert page.locator("table.matrix td.task").last.inner_text() == f"{XSS} & launch"
    assert page.locator("table.matrix th.role span").all_inner_texts()[-2:] == [
        XSS, '<a href="https://example.invalid/">Ops</a> & <b>co</b>']
    assert page.locator("script:not([type])").count() == 2  # plotly.js and the drawing: no third one
    assert page.locator("img, b").count() == 0
    assert page.locator(".js-plotly-plot").count() == len(CHARTS)
    # Plotly reads labels as a small HTML of its own: the names still show exactly as typed, no link, no bold.
    assert page.locator(".js-plotly-plot a, .js-plotly-plot tspan[style*='bold']").count() == 0
    legend = page.locator("#chart-category .legendtext").all_text_contents()
    assert legend[-2:] == [XSS, '<a href="https://example.invalid/">Ops</a> & <b>co</b>']
    ticks = page.locator("#chart-workload .xtick text").all_text_contents()
    assert ticks[-2:] == legend[-2:]
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf.startswith(b"%PDF") and pdf_pages(pdf) >= 1


@pytest.mark.parametrize("lang, share, hover", [("es", "90 %", "SMM: 72,3 h (90 %)"),
                                                ("en", "90%", "SMM: 72.3 h (90%)")])
def test_the_charts_write_numbers_as_the_reader_does(page: Page, context: BrowserContext, lang, share, hover):
    offline = Offline(context, page)
    page.set_content(report_html(seed_plan(lang), lang, generated_at=WHEN))
    wait_for_charts(page)

    assert page.locator("#chart-split .bartext").first.text_content() == share  # the SMM: 90 % strategic
    assert hover in hover_text(page, "split")
    assert hover_text(page, "workload").endswith("SMM: 71,3 h" if lang == "es" else "SMM: 71.3 h")
    assert page.locator("#chart-workload .textpoint").all_text_contents() == ["81 h", "115 h"]
    assert offline.problems == []
