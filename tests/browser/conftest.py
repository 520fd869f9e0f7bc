"""Real-browser journeys: the app as a `streamlit run` server, driven by Playwright in Debian's Chromium."""

import os

import pytest

from tools.browser import chromium_path, launch_args, running_app
from tools.oidc import app_with_sign_in, oidc_provider


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if chromium_path() is None:
        message = "Chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: in CI the browser tests must run", pytrace=False)
        pytest.skip(message)
    return {**browser_type_launch_args, **launch_args()}


@pytest.fixture
def app_url(tmp_path):
    """The app on a database of its own: each journey starts from the seeded plan."""
    with running_app(env={"RACI_DATABASE_URL": f"sqlite:///{tmp_path / 'raci.db'}"}) as url:
        yield url


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}, "accept_downloads": True,
            "locale": "es-ES"}


@pytest.fixture(scope="session")
def provider():
    """A real OpenID Connect provider on 127.0.0.1 (tools/oidc.py) and the people who sign in through it."""
    with oidc_provider() as running:
        running.add_user("ana@marca.es", email="ana@marca.es", name="Ana Pérez", email_verified=True)
        running.add_user("luis@marca.es", email="luis@marca.es", name="Luis Gil", email_verified=True)
        running.add_user("luis@otra.es", email="luis@otra.es", name="Luis Gil", email_verified=True)
        running.add_user("sin-correo", name="Sin Correo")
        yield running


@pytest.fixture
def signed_in_app_url(provider, tmp_path):
    """The app signing visitors in through ``provider``, on a database and secrets file of its own."""
    with app_with_sign_in(provider, tmp_path, env={"RACI_DATABASE_URL": f"sqlite:///{tmp_path / 'raci.db'}"}) as url:
        yield url
