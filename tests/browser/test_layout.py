"""Nothing clipped at the widths meeting-room laptops have: every page at 1280 and 1400 px, in Spanish and
in English (whose words are shorter but whose tiles are no wider).

Each page of a plan with capacities and a shared task is drawn and saved as a screenshot under
test-artifacts/ (look at them); owner and Accountable controls must fit their column.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from raci.seed import seed_plan
from raci.storage import Store
from raci.team import Person
from tools.browser import running_app, wait_idle

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PAGES = ["", "team", "matrix", "dashboard", "meeting", "mywork", "files", "plans", "history"]  # "": the Assignment page

# Buttons of button groups (segmented controls, pills, the Assignment page's task list in its shadow root) that
# stick out of their column or cut their text.
CLIPPED = """() => {
  const inside = (box, outer) => box.right <= outer.right + 1 && box.left >= outer.left - 1;
  const widgets = [...document.querySelectorAll('[data-testid="stButtonGroup"] button')].filter(b => {
    const column = (b.closest('[data-testid="stColumn"]') || document.body).getBoundingClientRect();
    return !inside(b.getBoundingClientRect(), column) || b.scrollWidth > b.clientWidth + 1;
  });
  const board = [...document.querySelectorAll('*')].filter(e => e.shadowRoot)
    .flatMap(e => [...e.shadowRoot.querySelectorAll('.segmented button')]).filter(b => {
      const box = b.getBoundingClientRect(), row = b.closest('.row').getBoundingClientRect();
      return !inside(box, b.parentElement.getBoundingClientRect()) || !inside(box, row)
        || b.scrollWidth > b.clientWidth + 1;
    });
  return [...widgets, ...board].map(b => b.innerText);
}"""
# Chart titles wider than their chart (Plotly cuts them at the edge).
CUT_TITLES = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
    const width = plot.getBoundingClientRect().width;
    return [...plot.querySelectorAll('.gtitle, .gtitle-subtitle')]
        .filter(t => t.getBBox().x + t.getBBox().width > width + 1).map(t => t.textContent);
})"""

# Figures cut with an ellipsis ("100/1…"): the value's text is wider than its tile, even by one pixel.
CUT_FIGURES = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMetricValue"] *')]
    .filter(e => e.checkVisibility() && e.scrollWidth > e.clientWidth).map(e => e.innerText)"""


@pytest.fixture
def plan_app(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'raci.db'}"
    plan = seed_plan("es").update_role("CM", capacity=120.0).assign_owner(12, ["SMM", "CM"])
    # People behind the roles: an overbooked one (shares above 100 %) and an SMM who is over capacity.
    plan = plan.add_person(Person("Lucía Fernández", 140, {"CM": 1.0}))
    plan = plan.add_person(Person("Pablo", 60, {"SMM": 1.0, "CM": 0.5}))
    with Store(url) as store:
        info = store.create_plan("Marca B", plan)
    with running_app(env={"RACI_DATABASE_URL": url}) as app:
        yield app, info.id


@pytest.mark.parametrize(("lang", "width"), [("es", 1280), ("es", 1400), ("en", 1280), ("en", 1400)])
def test_every_page_fits_at_meeting_room_widths(page: Page, plan_app, lang: str, width: int):
    app, plan_id = plan_app
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    for name in PAGES:
        page.goto(f"{app}/{name}?lang={lang}&plan={plan_id}")
        wait_idle(page)
        page.wait_for_timeout(300)  # charts settle
        page.screenshot(path=str(ARTIFACTS / f"layout-{lang}-{width}-{name or 'assign'}.png"), full_page=True)
        assert page.evaluate(CLIPPED) == [], f"{name or 'assign'} at {width} px"
        assert page.evaluate(CUT_TITLES) == [], f"{name or 'assign'} at {width} px"
        assert page.evaluate(CUT_FIGURES) == [], f"{name or 'assign'} at {width} px"
