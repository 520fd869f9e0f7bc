"""Alembic migrations on each backend: a fresh database, a database made before Alembic, revisions added
later, a failing one, a newer database, concurrent first starts, and ``python -m raci db``."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from raci.seed import seed_plan
from raci.storage import SCHEMA_VERSION, Store, StoreUnavailable
from raci.storage import migrate as migrate_module
from tests.store.test_store import sql, tables
from tests.store.v1_database import V1_DDL, make_v1_database

ROOT = Path(__file__).resolve().parents[2]
CALLS: list[str] = []  # what the revisions a test adds did, in order


def schema_of(url: str) -> dict:
    """Every table's columns (name, type, nullable), primary key, foreign keys and indexes."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            found = {}
            for table in sorted(set(inspector.get_table_names()) - {"alembic_version"}):
                found[table] = {
                    "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)],
                    "pk": inspector.get_pk_constraint(table)["constrained_columns"],
                    "fks": [(f["constrained_columns"], f["referred_table"], f["referred_columns"],
                             (f.get("options") or {}).get("ondelete")) for f in inspector.get_foreign_keys(table)],
                    "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                                      for i in inspector.get_indexes(table)),
                }
            return found
    finally:
        engine.dispose()


def everything(url: str) -> list[tuple]:
    """Every row of plans and versions, as stored."""
    return (sql(url, "SELECT id, name, created_at, updated_at, deleted_at, head, updated_by FROM plans ORDER BY id")
            + sql(url, "SELECT plan_id, number, created_at, author, description, digest, content FROM versions "
                       "ORDER BY plan_id, number"))


# ----- a fresh database ------------------------------------------------------------------------
@contextmanager
def another_database(store_url: str, tmp_path: Path, name: str) -> Iterator[str]:
    """A second empty database on the same backend: a file beside the first, or a schema of its own."""
    if store_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / f'{name}.db'}"
        return
    sql(store_url, f"CREATE SCHEMA {name}")
    try:
        url = sa.engine.make_url(store_url).update_query_dict({"options": f"-csearch_path={name}"})
        yield url.render_as_string(hide_password=False)
    finally:
        sql(store_url, f"DROP SCHEMA {name} CASCADE")


def upgrade_to(url: str, revision: str) -> None:
    """Run the program's revisions up to ``revision`` only (what an older planner left)."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            config = migrate_module.alembic_config(conn)
            if migrate_module.state(conn).revision is None and "meta" in sa.inspect(conn).get_table_names():
                command.stamp(config, migrate_module.PRE_ALEMBIC_REVISION)
            command.upgrade(config, revision)
            conn.execute(sa.text("DELETE FROM meta WHERE key = 'schema_version'"))
            conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('schema_version', :v)"),
                         {"v": str(int(revision))})
    finally:
        engine.dispose()


def test_revision_0001_makes_exactly_the_schema_the_planner_had_before_alembic(store_url, tmp_path):
    upgrade_to(store_url, "0001")
    backend = "sqlite" if store_url.startswith("sqlite") else "postgresql"
    with another_database(store_url, tmp_path, "frozen_v1") as frozen_url:
        for statement in V1_DDL[backend]:
            sql(frozen_url, statement)
        assert schema_of(store_url) == schema_of(frozen_url)


def test_an_upgraded_database_has_exactly_the_schema_of_a_fresh_one(store_url, tmp_path):
    make_v1_database(store_url)
    Store(store_url).close()
    with another_database(store_url, tmp_path, "fresh") as fresh_url:
        Store(fresh_url).close()
        assert schema_of(store_url) == schema_of(fresh_url)
    assert sql(store_url, "SELECT version_num FROM alembic_version") == [(f"{SCHEMA_VERSION:04d}",)]
    plans = schema_of(store_url)["plans"]
    assert ("parent_id", "VARCHAR(32)", True) in plans["columns"] and ("base_version", "INTEGER", True) in plans[
        "columns"]
    assert (["parent_id"], "plans", ["id"], None) in plans["fks"]
    assert ("plans_by_parent", ("parent_id",), False) in plans["indexes"]


def test_a_second_upgrade_is_a_no_op(store_url):
    with Store(store_url) as store:
        store.create_plan("Equipo", seed_plan("es"))
    before = everything(store_url)
    statements: list[str] = []
    with Store(store_url, upgrade=False) as store:
        sa.event.listen(store._engine, "before_cursor_execute",  # noqa: SLF001
                        lambda conn, cursor, statement, *args: statements.append(statement))
        assert store.upgrade() is None and store.migrated is None
    assert everything(store_url) == before
    assert not any(s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP"))
                   for s in statements), statements


# ----- a database made before Alembic ------------------------------------------------------------
def test_a_database_from_before_alembic_is_stamped_and_upgraded_keeping_everything(store_url):
    old = make_v1_database(store_url)
    assert "alembic_version" not in tables(store_url)
    with Store(store_url, lang="es") as store:
        assert store.migrated == (1, SCHEMA_VERSION) and store.schema_version == SCHEMA_VERSION
        listed = {p.id: p for p in store.list_plans(include_deleted=True)}
        assert set(listed) == {p.id for p in old}
        assert not any(p.is_scenario or p.parent_id or p.base_version for p in listed.values())
        for plan in old:
            info = listed[plan.id]
            assert (info.name, info.head, info.updated_by) == (plan.name, len(plan.versions), plan.updated_by)
            assert (info.deleted_at is not None) == plan.deleted and info.created_at.tzinfo is not None
            history = store.history(plan.id)
            assert [v.number for v in history] == [v.number for v in reversed(plan.versions)]
            for entry, version in zip(history, reversed(plan.versions), strict=True):
                assert store.version(plan.id, version.number) == version.plan
                assert entry.author == version.author
                assert entry.description == version.spanish == entry.description_text("es")
                assert entry.description_text("en") == version.english
            assert store.open_plan(plan.id)[0] == plan.versions[-1].plan
        # and it goes on working: a new version on top of the old ones
        first = old[0]
        saved = store.save(first.id, first.versions[-1].plan.set_letter(0, "CM", "I"), len(first.versions),
                           author="dani")
        assert saved.head == len(first.versions) + 1
    assert sql(store_url, "SELECT version_num FROM alembic_version") == [(f"{SCHEMA_VERSION:04d}",)]
    assert sql(store_url, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    before = everything(store_url)
    with Store(store_url) as again:
        assert again.migrated is None
    assert everything(store_url) == before


def test_a_database_at_schema_2_gains_scenarios_and_its_plans_have_no_parent(store_url):
    old = make_v1_database(store_url)
    upgrade_to(store_url, "0002")
    assert sql(store_url, "SELECT version_num FROM alembic_version") == [("0002",)]
    before = everything(store_url)
    with Store(store_url) as store:
        assert store.migrated == (2, SCHEMA_VERSION) and SCHEMA_VERSION >= 3
        assert everything(store_url) == before  # every plan and version kept as it was
        listed = store.list_plans(include_deleted=True)
        assert {p.id for p in listed} == {p.id for p in old}
        assert all(p.parent_id is None and p.base_version is None and not p.is_scenario for p in listed)
        assert all(store.scenarios(p.id, include_deleted=True) == [] for p in listed)
        live = next(p for p in listed if p.deleted_at is None)
        scenario = store.create_scenario(live.id, "Qué pasa si")
        assert (scenario.parent_id, scenario.base_version) == (live.id, live.head)
    assert sql(store_url, "SELECT id, parent_id, base_version FROM plans WHERE parent_id IS NOT NULL") == [
        (scenario.id, live.id, live.head)]
    assert sql(store_url, "SELECT count(*) FROM plans WHERE parent_id IS NULL") == [(len(old),)]


def test_only_the_stores_own_lines_are_rewritten(store_url):
    make_v1_database(store_url)
    Store(store_url).close()
    rows = dict(((p, n), d) for p, n, d in sql(store_url, "SELECT plan_id, number, description FROM versions"))
    assert json.loads(rows[("abcdefghjk", 1)]) == {"k": "store.created"}
    assert json.loads(rows[("abcdefghjk", 3)]) == {"k": "store.restored", "p": {"number": 1}}
    assert json.loads(rows[("mnpqrstuvw", 1)]) == {"k": "store.duplicated", "p": {"name": "Equipo redes",
                                                                                 "number": 2}}
    assert rows[("abcdefghjk", 2)] == "CM: A/R -> R on 'Moderar conversaciones en línea'"  # as it was
    assert rows[("abcdefghjk", 4)] == "Vídeos para TikTok"


# ----- revisions added later, failing, or unknown ----------------------------------------------------
def revision(folder: Path, number: int, body: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{number:04d}_test.py").write_text(
        "import sys\n\nfrom alembic import op\n\n"
        f"revision = '{number:04d}'\ndown_revision = '{number - 1:04d}'\nbranch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade():\n    calls = sys.modules['tests.store.test_migrations'].CALLS\n"
        + "".join(f"    {line}\n" for line in body.splitlines())
        + "\n\ndef downgrade():\n    pass\n", encoding="utf-8")
    migrate_module._script.cache_clear()  # noqa: SLF001 - the program reads its revisions once


@pytest.fixture
def more_revisions(tmp_path, monkeypatch):
    folder = tmp_path / "revisions"
    monkeypatch.setattr(migrate_module, "EXTRA_VERSION_LOCATIONS", [str(folder)])
    CALLS.clear()
    yield folder
    migrate_module._script.cache_clear()  # noqa: SLF001


def test_new_migrations_run_once_in_order(store_url, more_revisions):
    Store(store_url).close()
    revision(more_revisions, SCHEMA_VERSION + 1,
             "calls.append('labels')\nop.execute('CREATE TABLE labels (plan_id VARCHAR(32), label TEXT)')")
    revision(more_revisions, SCHEMA_VERSION + 2,
             "calls.append('index')\nop.execute('CREATE INDEX labels_by_plan ON labels (plan_id)')")
    with Store(store_url) as store:
        assert store.migrated == (SCHEMA_VERSION, SCHEMA_VERSION + 2) and CALLS == ["labels", "index"]
    with Store(store_url) as store:
        assert store.migrated is None and CALLS == ["labels", "index"]
    assert "labels" in tables(store_url)
    assert sql(store_url, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION + 2),)]


def test_a_failing_migration_changes_nothing(store_url, more_revisions):
    Store(store_url).close()
    revision(more_revisions, SCHEMA_VERSION + 1, "op.execute('CREATE TABLE labels (plan_id VARCHAR(32))')")
    revision(more_revisions, SCHEMA_VERSION + 2, "op.execute('ALTER TABLE no_such_table ADD COLUMN x INTEGER')")
    with pytest.raises(StoreUnavailable) as caught:
        Store(store_url)
    assert caught.value.key == "failed" and "no_such_table" in caught.value.detail
    assert "labels" not in tables(store_url)  # one transaction: the first revision was rolled back too
    assert sql(store_url, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    assert sql(store_url, "SELECT version_num FROM alembic_version") == [(f"{SCHEMA_VERSION:04d}",)]


def test_a_database_at_an_unknown_revision_is_refused(store_url):
    Store(store_url).close()
    sql(store_url, "UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(StoreUnavailable) as caught:
        Store(store_url)
    assert caught.value.key == "schema_newer" and "schema 99" in caught.value.message("en")
    assert sql(store_url, "SELECT version_num FROM alembic_version") == [("0099",)]


def test_a_hand_numbered_schema_above_1_without_alembic_is_refused(store_url):
    sql(store_url, "CREATE TABLE meta (key VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)")
    sql(store_url, "INSERT INTO meta (key, value) VALUES ('schema_version', '7')")
    with pytest.raises(StoreUnavailable) as caught:
        Store(store_url)
    assert caught.value.key == "schema_newer" and "plans" not in tables(store_url)


# ----- concurrent first starts ----------------------------------------------------------------------
def test_programs_starting_at_once_migrate_once(store_url):
    outcomes: list[object] = []
    start = threading.Barrier(6)

    def first_start() -> None:
        start.wait()
        try:
            with Store(store_url) as store:
                outcomes.append(store.migrated)
        except BaseException as error:  # noqa: BLE001 - reported below
            outcomes.append(error)

    threads = [threading.Thread(target=first_start) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(outcomes, key=repr) == sorted([(0, SCHEMA_VERSION)] + [None] * 5, key=repr), outcomes
    assert sql(store_url, "SELECT version_num FROM alembic_version") == [(f"{SCHEMA_VERSION:04d}",)]


# ----- python -m raci db --------------------------------------------------------------------------
def raci(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "raci", *args], cwd=ROOT, capture_output=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)})


def one_line(result: subprocess.CompletedProcess) -> str:
    text = result.stderr.decode("utf-8")
    assert result.returncode == 2 and text.count("\n") == 1 and "Traceback" not in text, text
    return text.strip()


def test_db_upgrade_on_the_command_line(store_url):
    make_v1_database(store_url)
    current = raci("db", "current", "--db", store_url)
    assert current.returncode == 0, current.stderr
    assert "1" in current.stdout.decode() and "upgrade" in current.stdout.decode()
    assert "alembic_version" not in tables(store_url)  # `current` only looks
    done = raci("db", "upgrade", "--db", store_url)
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8")
    assert f"from schema 1 to {SCHEMA_VERSION}" in out and "0002" in out
    assert sql(store_url, "SELECT version_num FROM alembic_version") == [(f"{SCHEMA_VERSION:04d}",)]
    again = raci("db", "upgrade", "--db", store_url, "--lang", "es")
    assert again.returncode == 0 and "al día" in again.stdout.decode("utf-8")
    now = raci("db", "current", "--db", store_url).stdout.decode("utf-8")
    assert f"{SCHEMA_VERSION:04d}" in now and "up to date" in now


def test_db_help_and_errors():
    result = raci("db", "--help")
    assert result.returncode == 0 and b"upgrade" in result.stdout and b"current" in result.stdout
    for action in ("upgrade", "current"):
        assert raci("db", action, "--help").returncode == 0
    assert "not a database address" in one_line(raci("db", "upgrade", "--db", "nonsense"))
    assert "cannot be reached" in one_line(raci("db", "current", "--db", "postgresql://u:pw@127.0.0.1:1/x"))


def test_db_upgrade_refuses_a_newer_database(store_url):
    Store(store_url).close()
    sql(store_url, "UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    assert "schema 99" in one_line(raci("db", "upgrade", "--db", store_url))


def test_db_current_does_not_create_a_sqlite_file(tmp_path):
    path = tmp_path / "none.db"
    result = raci("db", "current", "--db", f"sqlite:///{path}")
    assert result.returncode == 0 and not path.exists()
