"""The database failing fails fast: bounded waits, a remembered failure, a full disk, damaged rows.

Each case is first reproduced as the issue describes it: an SQLite file locked by
another process, a PostgreSQL that accepts connections and never answers, rows
damaged with raw SQL, a disk that fills up.
"""

from __future__ import annotations

import errno
import secrets
import sqlite3
import time
import zlib

import pytest
import sqlalchemy as sa

from raci.files.json import write_json
from raci.model import Task
from raci.seed import seed_plan
from raci.storage import Store, StoreDamaged, StoreError, StoreUnavailable, db_retry_after, db_timeout
from raci.storage.engine import Database
from raci.storage.session import PlanSession
from tests.store.conftest import postgres_base_url
from tests.store.fakes import locked_by_another_process, silent_postgres

AT_ONCE = 0.25  # seconds: "fails at once" (no wait on the database at all)


def timed(call):  # noqa: ANN001, ANN201
    """(seconds it took, the StoreError it raised)."""
    start = time.monotonic()
    with pytest.raises(StoreError) as caught:
        call()
    return time.monotonic() - start, caught.value


# ----- the settings ------------------------------------------------------------------------------
def test_the_timeout_and_retry_after_come_from_the_environment(monkeypatch):
    monkeypatch.delenv("RACI_DB_TIMEOUT", raising=False)
    monkeypatch.delenv("RACI_DB_RETRY_AFTER", raising=False)
    assert (db_timeout(), db_retry_after()) == (3.0, 30.0)
    monkeypatch.setenv("RACI_DB_TIMEOUT", "1.5")
    monkeypatch.setenv("RACI_DB_RETRY_AFTER", "0")
    assert (db_timeout(), db_retry_after()) == (1.5, 0.0)
    for nonsense in ("soon", "-1", "nan", "inf", "0"):
        monkeypatch.setenv("RACI_DB_TIMEOUT", nonsense)
        assert db_timeout() == 3.0, nonsense


def test_postgres_gets_the_connect_and_statement_timeouts_and_keeps_its_options():
    db = Database("postgresql+psycopg://u:p@127.0.0.1:1/raci?options=-csearch_path%3Dx", timeout=2.5)
    query = db.engine.url.query
    assert query["connect_timeout"] == "3" and query["options"] == "-csearch_path=x -c statement_timeout=2500"
    own = Database("postgresql+psycopg://u:p@127.0.0.1:1/raci?connect_timeout=9", timeout=0.5)
    assert own.engine.url.query["connect_timeout"] == "9"  # the URL's own setting stands
    assert own.engine.url.query["options"] == "-c statement_timeout=500"
    assert Database("postgresql+psycopg://u:p@127.0.0.1:1/raci", timeout=0.5).engine.url.query[
        "connect_timeout"] == "2"  # libpq's floor


# ----- SQLite locked by another process ---------------------------------------------------------------
def test_a_save_behind_another_process_lock_fails_in_the_timeout_then_at_once(tmp_path):
    path = tmp_path / "raci.db"
    store = Store(f"sqlite:///{path}", timeout=0.5, retry_after=30)
    info = store.create_plan("Equipo", seed_plan("es"))
    edit = seed_plan("es").set_letter(0, "CM", "I")
    with locked_by_another_process(path):
        waited, error = timed(lambda: store.save(info.id, edit, 1))
        assert error.key == "locked" and 0.4 < waited < 1.5, waited  # about RACI_DB_TIMEOUT, retries included
        assert store.breaker.is_open
        again, error = timed(lambda: store.open_plan(info.id))  # the next page run's call: no wait at all
        assert again < AT_ONCE and error.key == "locked"
        other, error = timed(lambda: Store(f"sqlite:///{path}", timeout=0.5))  # another session, same database
        assert other < AT_ONCE and error.key == "locked"
    store.breaker.success()  # as if retry_after had passed and the trial succeeded
    assert store.save(info.id, edit, 1).head == 2
    store.close()


def test_a_file_locked_even_for_readers_fails_opening_once_then_at_once(tmp_path):
    path = tmp_path / "raci.db"
    Store(f"sqlite:///{path}").close()
    with locked_by_another_process(path, "exclusive-mode"):
        waited, error = timed(lambda: Store(f"sqlite:///{path}", timeout=0.5))
        assert error.key == "locked" and waited < 1.5, waited
        again, error = timed(lambda: Store(f"sqlite:///{path}", timeout=0.5))
        assert again < AT_ONCE and error.key == "locked"


def test_after_retry_after_the_database_is_tried_again(tmp_path):
    path = tmp_path / "raci.db"
    store = Store(f"sqlite:///{path}", timeout=0.2, retry_after=0.3)
    info = store.create_plan("Equipo", seed_plan("es"))
    with locked_by_another_process(path):
        timed(lambda: store.save(info.id, seed_plan("es").set_letter(0, "CM", "I"), 1))
    assert timed(lambda: store.open_plan(info.id))[1].key == "locked"  # still remembered, though free now
    time.sleep(0.35)
    assert store.open_plan(info.id)[1].head == 1  # tried again: it answers, and the breaker closes
    assert not store.breaker.is_open
    store.close()


def test_the_session_keeps_the_edit_and_says_not_saved_at_once(tmp_path):
    path = tmp_path / "raci.db"
    store = Store(f"sqlite:///{path}", timeout=0.3)
    session = PlanSession(store)
    session.open_initial(None, seed_plan("en"), "Team")
    edit = seed_plan("en").set_letter(0, "CM", "I")
    with locked_by_another_process(path):
        outcome = session.save(edit)
        assert outcome.plan is edit and session.state.problem.key == "locked"
        start = time.monotonic()
        again = session.save(edit)  # the next run's retry of the unsaved edit
        assert time.monotonic() - start < AT_ONCE and again.plan is edit and session.state.unsaved
    store.breaker.success()
    session.save(edit)
    assert not session.state.unsaved and session.state.head == 2
    store.close()


# ----- a PostgreSQL that accepts connections and never answers ------------------------------------------
def test_a_silent_postgres_fails_in_the_timeout_then_at_once():
    with silent_postgres() as url:
        waited, error = timed(lambda: Store(url, timeout=2))
        assert error.key == "timeout" and waited < 4, waited  # libpq's connect timeout: whole seconds, >= 2
        text = error.message("en")
        assert "did not answer within 2 s" in text and "secret-pw" not in text
        assert "no respondió en 2 s" in error.message("es")
        again, error = timed(lambda: Store(url, timeout=2))  # the next click
        assert again < AT_ONCE and error.key == "timeout"


@pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
def test_postgres_sessions_carry_the_statement_timeout(store):
    shown = store._db.run(lambda conn: conn.exec_driver_sql("SHOW statement_timeout").scalar())  # noqa: SLF001
    assert shown == "3s"  # RACI_DB_TIMEOUT's default


@pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
def test_a_postgres_row_locked_too_long_fails_in_the_timeout(store_url):
    store = Store(store_url, timeout=0.5, retry_after=30)
    info = store.create_plan("Equipo", seed_plan("es"))
    holder = sa.create_engine(postgres_base_url())
    search_path = sa.engine.make_url(store_url).query["options"].split("=", 1)[1]
    with holder.connect() as conn:
        conn.exec_driver_sql(f"SET search_path = {search_path}")
        conn.exec_driver_sql("BEGIN")
        conn.exec_driver_sql("SELECT * FROM plans FOR UPDATE")
        waited, error = timed(lambda: store.save(info.id, seed_plan("es").set_letter(0, "CM", "I"), 1))
        conn.exec_driver_sql("ROLLBACK")
    holder.dispose()
    assert error.key == "timeout" and waited < 2, waited
    assert timed(lambda: store.open_plan(info.id))[0] < AT_ONCE
    store.close()


# ----- a full disk ---------------------------------------------------------------------------------------
def test_a_full_sqlite_file_says_the_disk_is_full_and_the_edit_is_kept(tmp_path):
    path = tmp_path / "raci.db"
    store = Store(f"sqlite:///{path}")
    info = store.create_plan("Equipo", seed_plan("es"))

    @sa.event.listens_for(store._engine, "connect")  # noqa: SLF001
    def _small(dbapi_connection, _record):  # noqa: ANN001
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page

    store.close()
    big = seed_plan("es")
    for k in range(60):  # enough new content (random: it does not compress) not to fit in the pages there are
        big = big.add_task(Task(f"Tarea {k} {secrets.token_hex(200)}", "Relleno", effort=1.0))
    error = timed(lambda: store.save(info.id, big, 1))[1]
    assert error.key == "disk_full" and isinstance(error, StoreUnavailable)
    assert "disk of the plan database is full" in error.message("en") and "kept in this session" in error.message("en")
    assert "está lleno" in error.message("es") and "se conserva en esta sesión" in error.message("es")
    assert not store.breaker.is_open  # nothing waited: nothing to remember
    store.close()


@pytest.mark.parametrize("fault", [
    sqlite3.OperationalError("database or disk is full"),
    OSError(errno.ENOSPC, "No space left on device"),
    sa.exc.OperationalError("INSERT", {}, Exception('could not extend file "base/16384/16385": wrote only 4096 of '
                                                    '8192 bytes at block 42')),
])
def test_every_kind_of_full_disk_is_disk_full(tmp_path, monkeypatch, fault):
    store = Store(f"sqlite:///{tmp_path / 'raci.db'}")
    info = store.create_plan("Equipo", seed_plan("es"))

    def full(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise fault

    monkeypatch.setattr(store._engine, "connect", full)  # noqa: SLF001 - the engine's execute fails
    assert timed(lambda: store.save(info.id, seed_plan("es").set_letter(0, "CM", "I"), 1))[1].key == "disk_full"


def test_the_session_keeps_the_edit_when_the_disk_is_full(tmp_path, monkeypatch):
    store = Store(f"sqlite:///{tmp_path / 'raci.db'}")
    session = PlanSession(store)
    session.open_initial(None, seed_plan("en"), "Team")
    edit = seed_plan("en").set_letter(0, "CM", "I")
    original, disk = store._db.run, {"full": True}  # noqa: SLF001

    def full(work, write=False):  # noqa: ANN001, ANN202
        if write and disk["full"]:
            raise store._db.unavailable(sqlite3.OperationalError("database or disk is full"))  # noqa: SLF001
        return original(work, write)

    monkeypatch.setattr(store._db, "run", full)  # noqa: SLF001
    outcome = session.save(edit)
    assert outcome.plan is edit and session.state.problem.key == "disk_full"
    disk["full"] = False
    session.save(edit)
    assert not session.state.unsaved and session.state.head == 2
    store.close()


# ----- damaged rows ----------------------------------------------------------------------------------------
def raw(store_url: str, statement: str, **params: object) -> None:
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(sa.text(statement), params)
    engine.dispose()


def test_a_bad_timestamp_names_the_plan_and_the_others_still_list(tmp_path):
    url = f"sqlite:///{tmp_path / 'raci.db'}"
    store = Store(url)
    bad = store.create_plan("Marca A", seed_plan("es"))
    good = store.create_plan("Marca B", seed_plan("es"))
    raw(url, "UPDATE plans SET updated_at = 'yesterday-ish' WHERE id = :p", p=bad.id)
    listed = {p.id: p for p in store.list_plans(include_deleted=True)}
    assert set(listed) == {bad.id, good.id}
    assert listed[bad.id].damaged and listed[bad.id].name == "Marca A" and not listed[good.id].damaged
    error = timed(lambda: store.open_plan(bad.id))[1]
    assert isinstance(error, StoreDamaged) and error.key == "damaged_plan"
    assert "'Marca A'" in error.message("en") and bad.id in error.message("en") and "damaged" in error.message("en")
    assert "'Marca A'" in error.message("es") and "dañada" in error.message("es")
    assert store.open_plan(good.id)[1].name == "Marca B"
    store.delete(bad.id)  # a damaged plan can still be put in the bin
    assert bad.id not in {p.id for p in store.list_plans()}
    store.close()


def test_a_bad_version_timestamp_is_listed_as_damaged_in_the_history(tmp_path):
    url = f"sqlite:///{tmp_path / 'raci.db'}"
    store = Store(url)
    info = store.create_plan("Equipo", seed_plan("es"))
    store.save(info.id, seed_plan("es").set_letter(0, "CM", "I"), 1)
    raw(url, "UPDATE versions SET created_at = 'not a date' WHERE plan_id = :p AND number = 1", p=info.id)
    history = store.history(info.id)
    assert [(v.number, v.damaged) for v in history] == [(2, False), (1, True)]
    assert store.open_plan(info.id)[1].head == 2
    store.close()


def future_version(plan) -> bytes:  # noqa: ANN001
    return zlib.compress(write_json(plan, compact=True).replace(b'"version":2', b'"version":99', 1))


@pytest.mark.parametrize("content", [
    b"not zlib at all",
    zlib.compress(b"{not json"),
    zlib.compress(b'{"format": "raci-plan", "version": "one"}'),
    "future",
], ids=["not-zlib", "not-json", "bad-version", "future-version"])
def test_unreadable_content_is_damaged_naming_plan_and_version(store, store_url, content):
    info = store.create_plan("Equipo", seed_plan("es"))
    other = store.create_plan("Otro", seed_plan("es"))
    store.clear_cache()
    if content == "future":
        content = future_version(seed_plan("es"))
        assert b'"version":99' in zlib.decompress(content)
    raw(store_url, "UPDATE versions SET content = :c WHERE plan_id = :p", c=content, p=info.id)
    error = timed(lambda: store.open_plan(info.id))[1]
    assert isinstance(error, StoreDamaged) and error.key == "damaged"
    assert f"Version 1 of the plan '{info.id}'" in error.message("en")
    assert f"La versión 1 del plan '{info.id}'" in error.message("es")
    assert {p.id for p in store.list_plans()} == {info.id, other.id}  # the list is not affected
    assert store.open_plan(other.id)[1].name == "Otro"


def test_a_link_to_a_damaged_plan_opens_a_new_plan_with_a_warning(tmp_path):
    url = f"sqlite:///{tmp_path / 'raci.db'}"
    store = Store(url)
    bad = store.create_plan("Marca A", seed_plan("es"))
    raw(url, "UPDATE plans SET created_at = 'x' WHERE id = :p", p=bad.id)
    session = PlanSession(store)
    outcome = session.open_initial(bad.id, seed_plan("en"), "Team")
    assert session.state.plan_id not in (None, bad.id) and outcome.plan == seed_plan("en")
    assert [n.level for n in outcome.notices] == ["warning"] and "Marca A" in outcome.notices[0].message("en")
    store.close()
