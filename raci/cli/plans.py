"""``python -m raci plans``: the saved plans from the command line.

    python -m raci plans list [--db URL] [--format text|json] [--deleted]
    python -m raci plans export ID -o FILE [--db URL] [--version N] [--delimiter ';']
    python -m raci plans scenarios ID [--db URL] [--format text|json] [--deleted]
    python -m raci plans scenario ID NAME [--db URL] [--author NAME]
    python -m raci plans promote SCENARIO_ID [--db URL] [--author NAME]

``--db`` defaults to :func:`raci.storage.database_url` (``$RACI_DATABASE_URL``,
else the SQLite file ``$RACI_DB_PATH`` or ``raci.db`` at the repository's root).
A database that cannot be used, or an unknown plan, prints one line on stderr
and exits 2. Listing or exporting never creates a SQLite file that is not there.
``scenario`` prints the new scenario's id; ``promote`` the plan's new version and
every change of the scenario it could not apply (still exit 0: the promotion happened).

Plugged into :mod:`raci.cli` by :func:`add_commands`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from raci.cli.access import add_commands as add_access_commands
from raci.cli.common import EXIT_OK, EXIT_UNAVAILABLE, Command, database_group, delimiter, say, say_json
from raci.i18n import translate

if TYPE_CHECKING:
    from raci.storage import Store


def add_commands(command: Command) -> None:
    """Add ``plans list|export|scenarios|scenario|promote`` to the command line (``command``: raci.cli's helper)."""
    action = database_group(command, "plans", "List the saved plans, export one to a file, or work with "
                            "its what-if scenarios.", "plan commands")

    listing = action("list", "List the saved plans, most recently updated first.", _list)
    listing.add_argument("--format", choices=["text", "json"], default="text")
    listing.add_argument("--deleted", action="store_true", help="include the plans in the bin")

    export = action("export", "Write a saved plan to a file, its format by the extension "
                    "(.csv .tsv .txt .xlsx .json; .json keeps everything).", _export)
    export.add_argument("plan_id", metavar="ID", help="the plan's id (see `plans list`)")
    export.add_argument("-o", "--output", metavar="FILE", required=True, help="the file to write")
    export.add_argument("--version", type=int, default=None, metavar="N", help="an older version (default: latest)")
    export.add_argument("--delimiter", type=delimiter, default=",", help="',' (default) or ';' for Spanish Excel")

    scenarios = action("scenarios", "List a plan's what-if scenarios, most recently updated first.", _scenarios)
    scenarios.add_argument("plan_id", metavar="ID", help="the plan's id (see `plans list`)")
    scenarios.add_argument("--format", choices=["text", "json"], default="text")
    scenarios.add_argument("--deleted", action="store_true", help="include the promoted and discarded ones")

    scenario = action("scenario", "Make a what-if scenario of a plan: a copy of its latest version, "
                      "edited apart; prints its id.", _scenario)
    scenario.add_argument("plan_id", metavar="ID", help="the plan's id (see `plans list`)")
    scenario.add_argument("name", metavar="NAME", help="the scenario's name, e.g. 'Hire a second CM'")
    scenario.add_argument("--author", default="", help="who makes it (shown in the history)")

    promote = action("promote", "Make a scenario its plan's next version (its changes re-applied on the "
                     "plan's latest version if the plan moved on), then discard it.", _promote)
    promote.add_argument("scenario_id", metavar="SCENARIO_ID", help="the scenario's id (see `plans scenarios`)")
    promote.add_argument("--author", default="", help="who promotes it (shown in the history)")
    add_access_commands(action)  # plans share|unshare|access (raci/cli/access.py)


def missing_sqlite_file(url: str) -> bool:
    """A SQLite URL whose file does not exist (reading it must not create it)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - the store reports bad URLs itself
        return False
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:") or parsed.query.get("uri"):
        return False
    return not Path(database).expanduser().exists()


def _fail(error: Exception, lang: str) -> int:
    say(error.message(lang), error=True)  # type: ignore[attr-defined]
    return EXIT_UNAVAILABLE


def with_plan_store(args: argparse.Namespace, lang: str, plan_id: str, work: Callable[[Store], int]) -> int:
    """``work(store)`` on ``--db`` for the saved plan ``plan_id`` (a missing SQLite file is an unknown plan, never
    created); a store refusal is one line on stderr and exit 2."""
    from raci.storage import PlanNotFound, Store, StoreError, database_url

    url = database_url(args.db)
    try:
        if missing_sqlite_file(url):
            raise PlanNotFound("not_found", plan_id=plan_id)
        with Store(url, lang=lang) as store:
            return work(store)
    except StoreError as error:
        return _fail(error, lang)


def _list(args: argparse.Namespace, lang: str) -> int:
    from raci.storage import Store, StoreError, database_url

    url = database_url(args.db)
    plans = []
    try:
        if not missing_sqlite_file(url):
            with Store(url, lang=lang) as store:
                plans = store.list_plans(include_deleted=args.deleted)
    except StoreError as error:
        return _fail(error, lang)
    if args.format == "json":
        rows = [{"id": p.id, "name": p.name, "head": p.head, "created_at": p.created_at.isoformat(),
                 "updated_at": p.updated_at.isoformat(), "updated_by": p.updated_by,
                 "deleted_at": p.deleted_at.isoformat() if p.deleted_at else None} for p in plans]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not plans:
        print(translate("store.cli_no_plans", lang, url=shown_url(url)))
        return EXIT_OK
    _table(plans, lang)
    return EXIT_OK


def _table(plans: list, lang: str, scenarios: bool = False) -> None:
    """The plans (scenarios: with the version of their plan they are based on) as aligned columns."""
    columns = ("id", "version", "base", "updated", "by", "name") if scenarios else (
        "id", "version", "updated", "by", "name")
    header = [translate(f"store.cli_col_{c}", lang) for c in columns]
    rows = [[p.id, str(p.head), *([str(p.base_version)] if scenarios else []),
             p.updated_at.strftime("%Y-%m-%d %H:%M"), p.updated_by or "—",
             p.name + (" " + translate("store.cli_deleted", lang) if p.deleted_at else "")] for p in plans]
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header) - 1)]
    for row in [header, *rows]:
        say("  ".join([cell.ljust(width) for cell, width in zip(row, widths, strict=False)] + [row[-1]]))


def _scenarios(args: argparse.Namespace, lang: str) -> int:
    def work(store: Store) -> int:
        scenarios = store.scenarios(args.plan_id, include_deleted=args.deleted)
        if args.format == "json":
            say_json([{"id": s.id, "name": s.name, "head": s.head, "parent_id": s.parent_id,
                       "base_version": s.base_version, "created_at": s.created_at.isoformat(),
                       "updated_at": s.updated_at.isoformat(), "updated_by": s.updated_by,
                       "deleted_at": s.deleted_at.isoformat() if s.deleted_at else None} for s in scenarios])
        elif not scenarios:
            say(translate("store.cli_no_scenarios", lang, plan_id=args.plan_id))
        else:
            _table(scenarios, lang, scenarios=True)
        return EXIT_OK

    return with_plan_store(args, lang, args.plan_id, work)


def _scenario(args: argparse.Namespace, lang: str) -> int:
    def work(store: Store) -> int:
        say(store.create_scenario(args.plan_id, args.name, author=args.author).id)
        return EXIT_OK

    return with_plan_store(args, lang, args.plan_id, work)


def _promote(args: argparse.Namespace, lang: str) -> int:
    def work(store: Store) -> int:
        scenario = store.open_plan(args.scenario_id)[1].name
        done = store.promote(args.scenario_id, author=args.author)
        key = "store.cli_promoted" if done.new_version else "store.cli_promoted_same"
        say(translate(key, lang, name=done.plan.name, head=done.plan.head, scenario=scenario))
        if done.rebased:
            say(translate("store.cli_promoted_rebased", lang))
        if done.conflicts:
            say(translate("store.cli_unapplied", lang, count=len(done.conflicts)))
            for conflict in done.conflicts:
                say(f"  - {conflict.message(lang)}")
        return EXIT_OK

    return with_plan_store(args, lang, args.scenario_id, work)


def _export(args: argparse.Namespace, lang: str) -> int:
    from raci.files import write_plan_file

    def work(store: Store) -> int:
        plan = store.version(args.plan_id, args.version) if args.version else store.open_plan(args.plan_id)[0]
        try:
            write_plan_file(plan, args.output, args.delimiter, lang=lang)
        except OSError as error:
            print(translate("store.cli_cannot_write", lang, path=args.output, reason=error.strerror or error),
                  file=sys.stderr)
            return EXIT_UNAVAILABLE
        return EXIT_OK

    return with_plan_store(args, lang, args.plan_id, work)


def shown_url(url: str) -> str:
    """The URL as messages show it: no password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return url
