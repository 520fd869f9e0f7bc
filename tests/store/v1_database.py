"""A database as the planner made it before Alembic (schema version 1), frozen: its DDL and a few plans.

Written with raw SQL only, never with the store's code, so that it stays what
databases in use hold whatever the store becomes.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from raci.files.json import write_json
from raci.model import Plan, Role, Task
from raci.seed import seed_plan

V1_DDL = {
    "sqlite": [
        'CREATE TABLE meta (\n\t"key" VARCHAR(64) NOT NULL, \n\tvalue TEXT NOT NULL, \n\tPRIMARY KEY ("key")\n)',
        "CREATE TABLE plans (\n\tid VARCHAR(32) NOT NULL, \n\tname TEXT NOT NULL, \n\tcreated_at DATETIME NOT NULL, "
        "\n\tupdated_at DATETIME NOT NULL, \n\tdeleted_at DATETIME, \n\thead INTEGER NOT NULL, "
        "\n\tupdated_by TEXT NOT NULL, \n\tPRIMARY KEY (id)\n)",
        "CREATE INDEX plans_by_deleted_at ON plans (deleted_at)",
        "CREATE TABLE versions (\n\tplan_id VARCHAR(32) NOT NULL, \n\tnumber INTEGER NOT NULL, "
        "\n\tcreated_at DATETIME NOT NULL, \n\tauthor TEXT NOT NULL, \n\tdescription TEXT NOT NULL, "
        "\n\tdigest VARCHAR(64) NOT NULL, \n\tcontent BLOB NOT NULL, \n\tPRIMARY KEY (plan_id, number), "
        "\n\tFOREIGN KEY(plan_id) REFERENCES plans (id) ON DELETE CASCADE\n)",
    ],
    "postgresql": [
        "CREATE TABLE meta (\n\tkey VARCHAR(64) NOT NULL, \n\tvalue TEXT NOT NULL, \n\tPRIMARY KEY (key)\n)",
        "CREATE TABLE plans (\n\tid VARCHAR(32) NOT NULL, \n\tname TEXT NOT NULL, "
        "\n\tcreated_at TIMESTAMP WITH TIME ZONE NOT NULL, \n\tupdated_at TIMESTAMP WITH TIME ZONE NOT NULL, "
        "\n\tdeleted_at TIMESTAMP WITH TIME ZONE, \n\thead INTEGER NOT NULL, \n\tupdated_by TEXT NOT NULL, "
        "\n\tPRIMARY KEY (id)\n)",
        "CREATE INDEX plans_by_deleted_at ON plans (deleted_at)",
        "CREATE TABLE versions (\n\tplan_id VARCHAR(32) NOT NULL, \n\tnumber INTEGER NOT NULL, "
        "\n\tcreated_at TIMESTAMP WITH TIME ZONE NOT NULL, \n\tauthor TEXT NOT NULL, \n\tdescription TEXT NOT NULL, "
        "\n\tdigest VARCHAR(64) NOT NULL, \n\tcontent BYTEA NOT NULL, \n\tPRIMARY KEY (plan_id, number), "
        "\n\tFOREIGN KEY(plan_id) REFERENCES plans (id) ON DELETE CASCADE\n)",
    ],
}


@dataclass(frozen=True)
class OldVersion:
    number: int
    plan: Plan
    author: str
    description: str  # as the old planner wrote it
    spanish: str  # what a Spanish reader sees after the upgrade
    english: str


@dataclass(frozen=True)
class OldPlan:
    id: str
    name: str
    updated_by: str
    deleted: bool
    versions: tuple[OldVersion, ...]


def old_plans() -> list[OldPlan]:
    es = seed_plan("es")
    es2 = es.set_letter(15, "CM", "R")
    small = Plan.create([Task("Uno", "Cat", "strategic", 4)], [Role("SMM", "Social Media Manager", "strategic", 30.0)],
                        [["A/R"]])
    line = "CM: A/R -> R on 'Moderar conversaciones en línea'"
    return [
        OldPlan("abcdefghjk", "Equipo redes", "bea", False, (
            OldVersion(1, es, "ana", "Created", "Creado", "Created"),
            OldVersion(2, es2, "bea", line, line, line),
            OldVersion(3, es, "bea", "Restored version 1", "Versión 1 restaurada", "Restored version 1"),
            OldVersion(4, es2, "bea", "Vídeos para TikTok", "Vídeos para TikTok", "Vídeos para TikTok"),
        )),
        OldPlan("mnpqrstuvw", "Copia", "", False, (
            OldVersion(1, es2, "", "Copia de 'Equipo redes' (versión 2)", "Copia de 'Equipo redes' (versión 2)",
                       "Copy of 'Equipo redes' (version 2)"),
        )),
        OldPlan("xyz2345678", "En la papelera", "carl", True, (
            OldVersion(1, small, "carl", "Creado", "Creado", "Created"),
            OldVersion(2, small.set_letter(0, "SMM", "R"), "carl", "Sin cambios", "Sin cambios", "No changes"),
        )),
    ]


def _when(day: int, backend: str) -> object:
    moment = datetime(2026, 3, day, 9, 5, tzinfo=UTC)
    return moment.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f") if backend == "sqlite" else moment


def make_v1_database(url: str) -> list[OldPlan]:
    """Create schema version 1 and its data at ``url`` (an empty database); returns what it holds."""
    engine = sa.create_engine(url)
    backend = engine.dialect.name
    plans = old_plans()
    try:
        with engine.begin() as conn:
            for statement in V1_DDL[backend]:
                conn.exec_driver_sql(statement)
            conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('schema_version', '1')"))
            for k, old in enumerate(plans):
                conn.execute(sa.text(
                    "INSERT INTO plans (id, name, created_at, updated_at, deleted_at, head, updated_by) "
                    "VALUES (:id, :name, :created, :updated, :deleted, :head, :by)"),
                    {"id": old.id, "name": old.name, "created": _when(1 + k, backend),
                     "updated": _when(10 + k, backend), "deleted": _when(20, backend) if old.deleted else None,
                     "head": len(old.versions), "by": old.updated_by})
                for version in old.versions:
                    raw = write_json(version.plan, compact=True)
                    conn.execute(sa.text(
                        "INSERT INTO versions (plan_id, number, created_at, author, description, digest, content) "
                        "VALUES (:plan, :number, :created, :author, :description, :digest, :content)"),
                        {"plan": old.id, "number": version.number, "created": _when(1 + version.number, backend),
                         "author": version.author, "description": version.description,
                         "digest": hashlib.sha256(raw).hexdigest(), "content": zlib.compress(raw, 6)})
    finally:
        engine.dispose()
    return plans
