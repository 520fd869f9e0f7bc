"""The ``store`` fixture, once per backend: SQLite (a temporary file) and PostgreSQL.

PostgreSQL comes from ``$RACI_TEST_POSTGRES_URL`` (``eval "$(bash .ci/postgres.sh)"``
starts one and sets it). Each test gets a schema of its own in that database,
dropped afterwards. Without the variable the PostgreSQL cases are skipped on a
developer's machine and FAIL in CI (``CI=true``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from raci.storage import Store, breaker

BACKENDS = ("sqlite", "postgres")


def postgres_base_url() -> str:
    """The test server's URL, or skip (fail in CI) when there is none."""
    url = os.environ.get("RACI_TEST_POSTGRES_URL", "").strip()
    if not url:
        message = 'RACI_TEST_POSTGRES_URL is not set: eval "$(bash .ci/postgres.sh)" starts a test server'
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; in CI the PostgreSQL tests must run", pytrace=False)
        pytest.skip(message)
    return url


def sqlite_url(folder) -> str:  # noqa: ANN001
    return f"sqlite:///{folder / 'raci.db'}"


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # noqa: ANN001
    """A URL to an empty database of each backend."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    base = postgres_base_url()
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(base)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        yield make_url(base).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    finally:
        admin.dispose()


@pytest.fixture
def open_store(store_url: str) -> Iterator[Callable[..., Store]]:
    """Open more Stores on the same database (another app session, another process); closed at the end."""
    opened: list[Store] = []

    def make(**options: object) -> Store:
        store = Store(store_url, **options)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store: Callable[..., Store]) -> Store:
    return open_store()


@pytest.fixture
def backend(store_url: str) -> str:
    return "sqlite" if store_url.startswith("sqlite") else "postgres"


@pytest.fixture(autouse=True)
def no_remembered_failures():
    """Each test starts with every database's circuit breaker closed (they are per process)."""
    breaker.reset()
    yield
    breaker.reset()
