"""User text never becomes markup: names that are Markdown links and images stay text on every page."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from raci.model import Role, Task
from raci.seed import seed_plan
from raci.storage import Store
from raci.team import Person
from tools.browser import running_app, wait_idle

EVIL = "evil.example"
TASK = f"[Sesión caducada](https://{EVIL}/login)![](http://{EVIL}/task.png)"
CATEGORY = f"![cat](http://{EVIL}/category.png) <img src=http://{EVIL}/raw.png>"
ROLE = f"[CM](https://{EVIL}/role)"
ROLE_IMAGE = f"![r](http://{EVIL}/r.png)"
ROLE_NAME = f"![](http://{EVIL}/role.png)"
AUTHOR = f"[Ana](https://{EVIL}/author)![](http://{EVIL}/author.png)"
PLAN_NAME = f"[Plan](https://{EVIL}/plan) www.{EVIL}"
PERSON = f"[Ana](https://{EVIL}/person)![](http://{EVIL}/person.png)"
PLATFORM = f"![p](http://{EVIL}/platform.png)"
PAGES = ["", "team", "matrix", "dashboard", "meeting", "files", "plans", "history"]  # "": the Assignment page


def hostile_plan():
    plan = seed_plan("es").add_role(Role(ROLE, ROLE_NAME, "operational", 40), letter="C")
    plan = plan.add_role(Role(ROLE_IMAGE, profile="other"), letter="I")
    plan = plan.add_task(Task(TASK, CATEGORY, "operational", 3.0), letters={"SMM": "A/R", ROLE: "R"})
    plan = plan.add_person(Person(PERSON, 140, {ROLE: 0.5, "CM": 0.5})).with_platforms([*plan.platforms, PLATFORM])
    return plan.update_role("CM", name=f"Community [Manager](https://{EVIL}/cm)")


@pytest.fixture
def hostile_app(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'raci.db'}"
    with Store(url) as store:
        info = store.create_plan(PLAN_NAME, seed_plan("es"), author=AUTHOR)
        store.save(info.id, hostile_plan(), info.head, author=AUTHOR)
    with running_app(env={"RACI_DATABASE_URL": url}) as app:
        yield app, info.id


def markup_from_user_text(page: Page) -> list[str]:
    return page.evaluate(
        """evil => [...document.querySelectorAll('a[href*="' + evil + '"], img[src*="' + evil + '"]')]
                   .map(e => e.outerHTML)""", EVIL)


def test_no_page_turns_a_name_into_a_link_or_loads_an_image_from_it(page: Page, hostile_app):
    app, plan_id = hostile_app
    requests: list[str] = []
    page.route(f"**/*{EVIL}*", lambda route: (requests.append(route.request.url), route.abort()))

    # The ?plan= parameter itself, on a first visit: it is quoted in the "no such plan" message.
    page.goto(f"{app}/?lang=es&plan={TASK}")
    wait_idle(page)
    assert "Sesión caducada" in page.get_by_test_id("stAlert").first.inner_text()
    assert markup_from_user_text(page) == []

    for name in PAGES:
        page.goto(f"{app}/{name}?lang=es&plan={plan_id}")
        wait_idle(page)
        page.wait_for_timeout(500)
        main = page.get_by_test_id("stMain").inner_text() + page.get_by_test_id("stSidebar").inner_text()
        assert markup_from_user_text(page) == [], name
        assert "Page not found" not in main and "Página no encontrada" not in main, name
        if name in ("", "team", "matrix", "meeting", "plans", "history"):
            assert EVIL in main, f"{name}: the names are shown, as text"
    assert requests == [], "a name made the browser fetch from the attacker's host"
