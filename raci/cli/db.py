"""``python -m raci db``: the plan database's schema from the command line.

    python -m raci db upgrade [--db URL]   create the schema, or upgrade it to this planner's, and say what was done
    python -m raci db current [--db URL]   say which schema the database is at (changes nothing)

``--db`` defaults to :func:`raci.storage.database_url`. The app and every other
command upgrade on opening too; ``db upgrade`` does it on purpose, e.g. before
starting several app servers on one PostgreSQL database. A database that
cannot be used, or one written by a newer planner, prints one line on stderr
and exits 2. ``db current`` never creates a SQLite file that is not there.

Plugged into :mod:`raci.cli` by :func:`add_commands`.
"""

from __future__ import annotations

import argparse
import sys

from raci.cli.common import EXIT_OK, EXIT_UNAVAILABLE, Command, database_group
from raci.i18n import translate


def add_commands(command: Command) -> None:
    """Add ``db upgrade`` and ``db current`` to the command line (``command``: raci.cli's helper)."""
    help_text = "Create or upgrade the plan database's schema, or say which one it has."
    action = database_group(command, "db", help_text, "database commands")

    action("upgrade", "Create the schema, or upgrade it to this planner's (plans and versions are kept), "
           "and print what was done.", _upgrade)
    action("current", "Print the schema the database is at and whether it needs `db upgrade` (changes nothing).",
           _current)


def _upgrade(args: argparse.Namespace, lang: str) -> int:
    from raci.storage import Store, StoreError, database_url
    from raci.storage.migrate import steps

    url = database_url(args.db)
    try:
        with Store(url, lang=lang, upgrade=False) as store:
            shown = store.url
            done = store.upgrade()
            state = store.schema_state() if done is None else None
    except StoreError as error:
        print(error.message(lang), file=sys.stderr)
        return EXIT_UNAVAILABLE
    if done is None:
        print(translate("store.cli_db_up_to_date", lang, url=shown, version=state.version, revision=state.revision))
        return EXIT_OK
    print(translate("store.cli_db_upgraded", lang, url=shown, start=done[0], end=done[1]))
    for revision, doc in steps(*done):
        print(f"  {revision}  {doc.splitlines()[0] if doc else ''}".rstrip())
    return EXIT_OK


def _current(args: argparse.Namespace, lang: str) -> int:
    from raci.cli.plans import missing_sqlite_file, shown_url
    from raci.storage import Store, StoreError, database_url

    url = database_url(args.db)
    if missing_sqlite_file(url):
        print(translate("store.cli_db_missing", lang, url=shown_url(url)))
        return EXIT_OK
    try:
        with Store(url, lang=lang, upgrade=False) as store:
            shown, state = store.url, store.schema_state()
    except StoreError as error:
        print(error.message(lang), file=sys.stderr)
        return EXIT_UNAVAILABLE
    if state.current:
        print(translate("store.cli_db_current", lang, url=shown, version=state.version, revision=state.revision))
    else:
        print(translate("store.cli_db_behind", lang, url=shown, version=state.version, known=state.known))
    return EXIT_OK
