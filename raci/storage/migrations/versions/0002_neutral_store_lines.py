"""History lines in the reader's language: the store's own lines of older versions become keys.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-02

Before this revision the store wrote its own lines in the language of the
session: "Created" / "Creado", "Restored version 3" / "Versión 3 restaurada",
"Copy of 'X' (version 2)" / "Copia de 'X' (versión 2)", "No changes" / "Sin
cambios". They are rewritten as the language-neutral form of
:mod:`raci.history.describe` (``{"k": "store.created"}``...), so that a Spanish
reader no longer sees "Created". Every other line (a diff's summary, a line
someone typed) stays as it was: it is shown as it was stored. No schema change;
only the matching rows are read (never the contents), each updated by its key.
"""

import json
import re

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_EXACT = {"Created": "created", "Creado": "created", "No changes": "no_changes", "Sin cambios": "no_changes"}
_PATTERNS = [
    (re.compile(r"Restored version (\d+)"), "restored"),
    (re.compile(r"Versión (\d+) restaurada"), "restored"),
    (re.compile(r"Copy of '(.*)' \(version (\d+)\)", re.S), "duplicated"),
    (re.compile(r"Copia de '(.*)' \(versión (\d+)\)", re.S), "duplicated"),
]
_VERSIONS = sa.table("versions", sa.column("plan_id", sa.String), sa.column("number", sa.Integer),
                     sa.column("description", sa.Text))


def _neutral(text: str) -> str | None:
    """The neutral JSON of one of the store's own lines, or None for any other line."""
    if text in _EXACT:
        part = {"k": f"store.{_EXACT[text]}"}
    else:
        for pattern, key in _PATTERNS:
            found = pattern.fullmatch(text)
            if found is None:
                continue
            if key == "restored":
                part = {"k": "store.restored", "p": {"number": int(found[1])}}
            else:
                part = {"k": "store.duplicated", "p": {"name": found[1], "number": int(found[2])}}
            break
        else:
            return None
    return json.dumps(part, ensure_ascii=False, separators=(",", ":"))


def upgrade() -> None:
    """Rewrite the store's own lines of older versions as keys."""
    conn = op.get_bind()
    description = _VERSIONS.c.description
    candidates = sa.select(_VERSIONS.c.plan_id, _VERSIONS.c.number, description).where(sa.or_(
        description.in_(list(_EXACT)), description.like("Restored version %"), description.like("Versión %"),
        description.like("Copy of '%"), description.like("Copia de '%")))
    for plan_id, number, text in conn.execute(candidates).all():
        neutral = _neutral(text)
        if neutral is not None:
            conn.execute(sa.update(_VERSIONS).where(_VERSIONS.c.plan_id == plan_id, _VERSIONS.c.number == number)
                         .values(description=neutral))


def downgrade() -> None:
    """Write every neutral line back as English text (what a program before this revision can show)."""
    from raci.history.describe import render_description

    conn = op.get_bind()
    description = _VERSIONS.c.description
    rows = conn.execute(sa.select(_VERSIONS.c.plan_id, _VERSIONS.c.number, description).where(
        sa.or_(description.like("{%"), description.like("[%")))).all()
    for plan_id, number, text in rows:
        english = render_description(text, "en")
        if english != text:
            conn.execute(sa.update(_VERSIONS).where(_VERSIONS.c.plan_id == plan_id, _VERSIONS.c.number == number)
                         .values(description=english))
