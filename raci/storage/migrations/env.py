"""The Alembic environment of the plan store, run by :func:`raci.storage.migrate.upgrade`.

The connection to migrate comes in ``config.attributes["connection"]``,
already in a transaction that the caller commits (or rolls back: nothing of a
failing upgrade is kept). Without one (Alembic's own command line, for a
developer), the database is :func:`raci.storage.config.database_url`'s.
"""

from alembic import context

config = context.config
connection = config.attributes.get("connection")


def run(conn: object) -> None:
    """Run the revisions on ``conn`` (its transaction is the caller's)."""
    context.configure(connection=conn, target_metadata=None)
    with context.begin_transaction():  # no-op inside the caller's transaction
        context.run_migrations()


if connection is not None:
    run(connection)
else:  # pragma: no cover - a developer's `alembic` command
    import sqlalchemy as sa

    from raci.storage.config import database_url

    engine = sa.create_engine(config.get_main_option("sqlalchemy.url") or database_url())
    with engine.begin() as conn:
        run(conn)
    engine.dispose()
