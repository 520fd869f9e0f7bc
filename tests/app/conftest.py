from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from raci.storage import breaker

APP = str(Path(__file__).resolve().parents[2] / "raci_app.py")
PAGES = ["app_pages/assign.py", "app_pages/team.py", "app_pages/matrix.py", "app_pages/dashboard.py",
         "app_pages/meeting.py", "app_pages/mywork.py", "app_pages/files.py", "app_pages/plans.py",
         "app_pages/history.py"]


@pytest.fixture(autouse=True)
def show_errors():
    # The app hides error details from users (.streamlit/config.toml); tests want them.
    config.set_option("client.showErrorDetails", "full")


def open_app(lang: str = "en", page: str | None = None, plan_id: str | None = None) -> AppTest:
    """The app as a fresh browser session would see it, on ``page`` (and on the plan's link, if given)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    if plan_id:
        at.query_params["plan"] = plan_id
    at.run()
    if page and page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(autouse=True)
def own_database(tmp_path, monkeypatch):
    """Each app test gets its own empty SQLite database (never the user's raci.db)."""
    monkeypatch.setenv("RACI_DATABASE_URL", f"sqlite:///{tmp_path / 'raci.db'}")


@pytest.fixture(autouse=True)
def no_remembered_failures():
    """Each test starts with every database's circuit breaker closed (they are per process)."""
    breaker.reset()
    yield
    breaker.reset()
