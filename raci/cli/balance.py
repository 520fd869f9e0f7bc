"""``python -m raci balance FILE``: the balancer's proposal (:mod:`raci.analysis.balance`) from the command line.

    python -m raci balance FILE [--max-moves N] [--lock TASK]... [--any-role] [--target PCT]
                                [--time-limit S] [--format text|json] [--lang es|en] [-o OUT]

``--lock`` names a task by its id or its name in either language (accents and case ignored).
``-o`` writes the balanced plan in any format the planner writes (by extension). Exit 0 with a
proposal or with nothing to move (the output says why); 2 for an unreadable file or a request that
cannot be (an unknown task, a bad number).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from raci.analysis.balance import DEFAULT_TARGET, DEFAULT_TIME_LIMIT, BalanceError, Proposal, balance
from raci.analysis.settings import Settings
from raci.catalogue import task_display_name
from raci.cli.common import EXIT_OK, EXIT_UNREADABLE, say, say_json
from raci.i18n import LANGS, percent, translate
from raci.model import Plan
from raci.text import fold


def add_command(command: Callable, reads_a_plan: Callable, read: Callable[[argparse.Namespace], Plan],
                write: Callable[[Plan, str, str], None]) -> None:
    """Add ``balance`` to the command line (``command``, ``reads_a_plan``: raci.cli's helpers)."""

    def run(args: argparse.Namespace, lang: str) -> int:
        plan = read(args)
        try:
            locked = [task_id(plan, name) for name in args.lock]
            proposal = balance(plan, Settings(), locked=locked, any_role=args.any_role, max_moves=args.max_moves,
                               target=args.target / 100, time_limit=args.time_limit)
        except BalanceError as error:
            say(f"{args.file}: {error.message(lang)}", error=True)
            return EXIT_UNREADABLE
        if args.output:
            write(proposal.apply(plan), args.output, lang)
        if args.format == "json":
            say_json(proposal.as_dict())
        else:
            for line in lines(proposal, lang):
                say(line)
        return EXIT_OK

    sub = command("balance", "Propose new owners for the fewest tasks so that nobody is over capacity "
                  "(the highest utilisation as low as it can be).", run)
    reads_a_plan(sub)
    sub.add_argument("--max-moves", type=int, default=None, metavar="N", help="at most N tasks change owner")
    sub.add_argument("--lock", action="append", default=[], metavar="TASK",
                     help="a task that stays as it is (its id or name); repeat for more")
    sub.add_argument("--any-role", action="store_true", help="let any role take any task (no nature fit)")
    sub.add_argument("--target", type=float, default=DEFAULT_TARGET * 100, metavar="PCT",
                     help="a highest utilisation at or below PCT %% is good enough (default 100; 0: as even "
                          "as possible)")
    sub.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT, metavar="S",
                     help=f"seconds the solver may take (default {DEFAULT_TIME_LIMIT:g})")
    sub.add_argument("--format", choices=["text", "json"], default="text")
    sub.add_argument("-o", "--output", metavar="OUT", help="write the balanced plan (.csv .tsv .txt .xlsx .json)")


def task_id(plan: Plan, name: str) -> str:
    """The id of the task ``name`` names: its id, or its name in either language (accents and case ignored)."""
    if name in plan.task_ids:
        return name
    wanted = fold(name)
    for written, tid in zip(plan.names, plan.task_ids, strict=True):
        if wanted in {fold(written), *(fold(task_display_name(written, lang)) for lang in LANGS)}:
            return tid
    raise BalanceError("balance_unknown_task", task=name)


def lines(proposal: Proposal, lang: str) -> list[str]:
    """The proposal as text: its summary, one line per move, then each role before -> after."""
    said = [proposal.summary(lang)]
    said += [f"  {move.text(lang)}" for move in proposal.moves]
    for before in proposal.before.roles:
        after = proposal.after.role(before.role)
        said.append(translate("cli.balance_role", lang, role=before.role,
                              before=_share(before.utilisation, lang), after=_share(after.utilisation, lang)))
    return said


def _share(value: float | None, lang: str) -> str:
    return "—" if value is None else percent(value, lang)
