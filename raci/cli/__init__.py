"""``python -m raci``: the command line, a thin layer over the package's functions.

Exit codes: 0 fine; 1 ``check`` found an error-severity finding; 2 the input
could not be read or the arguments are wrong (a short message on stderr).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from raci.analysis import Settings, analyse, severity_name, workload
from raci.analysis.utilisation import utilisation
from raci.cli.balance import add_command as add_balance_command
from raci.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, delimiter, quiet_broken_pipe, say, say_json
from raci.cli.db import add_commands as add_db_commands
from raci.cli.plans import add_commands as add_plan_commands
from raci.cli.team import role_capacities, team_document, team_lines
from raci.files import read_plan_file, write_plan_file
from raci.files.csv import PlanFileError
from raci.i18n import normalise_lang, number, translate
from raci.model import Plan
from raci.output.charts import FIGURES
from raci.seed import seed_plan

# The output modules (python-pptx, Jinja2, Chromium) are imported by the command that needs them.


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    lang = normalise_lang(args.lang or os.environ.get("LANG"))
    try:
        return args.run(args, lang)
    except PlanFileError as error:
        say(f"{getattr(args, 'file', '') or ''}: {error.message(lang)}".lstrip(": "), error=True)
        return EXIT_UNREADABLE
    except BrokenPipeError:  # `python -m raci check plan.csv | head`: the reader has all it wanted
        quiet_broken_pipe()
        return EXIT_OK
    except OSError as error:  # an output file that cannot be written
        say(translate("cli.cannot_write", lang, path=error.filename or "", reason=error.strerror or str(error)),
            error=True)
        return EXIT_UNREADABLE


# ----- commands ---------------------------------------------------------------
def _seed(args: argparse.Namespace, lang: str) -> int:
    plan = seed_plan(lang)
    if args.output:
        write_plan_file(plan, args.output, args.delimiter, lang=lang)
    else:
        _write_stdout(plan, args.delimiter, lang)
    return EXIT_OK


def _check(args: argparse.Namespace, lang: str) -> int:
    result = analyse(_read(args), Settings())
    findings = result.findings
    if args.format == "json":
        rows = [
            {"rule": f.rule, "severity": f.severity, "task": f.task, "role": f.role, "message": f.message(lang)}
            for f in findings
        ]
        say_json(rows)
    else:
        for f in findings:
            say(f"{severity_name(f.severity, lang).upper():<12} {f.rule:<26} {f.message(lang)}")
        say(translate("cli.health", lang, score=result.score, **result.counts))
    return EXIT_FINDINGS if result.has_errors else EXIT_OK


def _convert(args: argparse.Namespace, lang: str) -> int:
    write_plan_file(_read(args), args.output, args.delimiter, lang=lang)
    return EXIT_OK


def _workload(args: argparse.Namespace, lang: str) -> int:
    plan = _read(args)
    result = workload(plan, Settings())
    if args.format == "json":
        data = result.to_dict()
        extra = role_capacities(utilisation(plan, result.load.to_dict()))
        for role in data["roles"]:  # type: ignore[union-attr]
            role.update(extra[role["role"]])
        say_json(data)
        return EXIT_OK
    natures = result.by_nature.rename(columns=lambda n: translate(f"charts.nature_{n}", lang))
    table = result.by_letter.join(natures).map(lambda hours: number(hours, lang, 1))
    table.index.name = translate("cli.role", lang)
    say(table.to_string(justify="right"))
    say(translate("cli.totals", lang, total=number(result.total_effort, lang, 1),
                    unassigned=number(result.unassigned_effort, lang, 1)))
    return EXIT_OK


def _team(args: argparse.Namespace, lang: str) -> int:
    plan = _read(args)
    if args.format == "json":
        say_json(team_document(plan, Settings(), lang))
    else:
        for line in team_lines(plan, Settings(), lang):
            say(line)
    return EXIT_OK


def _title(args: argparse.Namespace) -> str:
    """The plan's name on a report, deck or brief: --title, else the file's name."""
    return args.title or Path(args.file).stem


def _report(args: argparse.Namespace, lang: str) -> int:
    from raci.output.report import report_html

    Path(args.output).write_text(report_html(_read(args), lang, title=_title(args)), encoding="utf-8")
    return EXIT_OK


def _deck(args: argparse.Namespace, lang: str) -> int:
    from raci.output.deck import DeckError, deck_pptx

    plan = _read(args)
    try:
        data = deck_pptx(plan, lang, title=_title(args))
    except DeckError as error:
        say(error.message(lang), error=True)
        return EXIT_UNREADABLE
    Path(args.output).write_bytes(data)
    return EXIT_OK


def _brief(args: argparse.Namespace, lang: str) -> int:
    from raci.output.brief import BriefError, brief, brief_html, brief_pdf

    suffix = Path(args.output).suffix.lower() if args.output else ".html"
    if suffix not in (".html", ".htm", ".pdf"):
        say(translate("brief.error_format", lang, suffix=Path(args.output).suffix or args.output), error=True)
        return EXIT_UNREADABLE
    plan = _read(args)
    try:
        page = brief_html(brief(plan, lang, role=args.role, person=args.person, settings=Settings()),
                          lang, title=_title(args))
        if suffix == ".pdf":
            Path(args.output).write_bytes(brief_pdf(page))
            return EXIT_OK
    except BriefError as error:
        say(error.message(lang), error=True)
        return EXIT_UNREADABLE
    if args.output:
        Path(args.output).write_text(page, encoding="utf-8")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(page.encode("utf-8"))
        sys.stdout.buffer.flush()
    return EXIT_OK


def _chart(args: argparse.Namespace, lang: str) -> int:
    from raci.output.images import IMAGE_FORMATS, chart_image, image_export_available

    fmt = Path(args.output).suffix.lower().lstrip(".")
    if fmt not in IMAGE_FORMATS:
        say(translate("cli.image_format", lang, suffix=Path(args.output).suffix or args.output), error=True)
        return EXIT_UNREADABLE
    if not image_export_available():
        say(translate("cli.no_browser", lang), error=True)
        return EXIT_UNREADABLE
    plan = _read(args)
    figure = FIGURES[args.kind](plan, workload(plan, Settings()), lang)
    Path(args.output).write_bytes(chart_image(figure, fmt))
    return EXIT_OK


# ----- helpers ----------------------------------------------------------------
def _read(args: argparse.Namespace) -> Plan:
    # A file named on the command line is the user's own: no upload size limit.
    return read_plan_file(args.file, delimiter=args.input_delimiter, max_bytes=None)


def _write_stdout(plan: Plan, delimiter: str, lang: str) -> None:
    from raci.files.csv import write_csv

    sys.stdout.flush()
    sys.stdout.buffer.write(write_csv(plan, delimiter=delimiter, lang=lang))
    sys.stdout.buffer.flush()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m raci",
        description="RACI planner for social-media teams: seed, check, convert and weigh plans (CSV).",
        epilog="Exit codes: 0 ok, 1 check found errors, 2 the file could not be read.",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, run) -> argparse.ArgumentParser:  # noqa: ANN001
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--lang", choices=["es", "en"], help="language of names and messages (default: from $LANG)")
        sub.set_defaults(run=run)
        return sub

    def reads_a_plan(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("file", metavar="FILE", help="a plan file (.csv, .tsv, .txt, .xlsx, .json)")
        sub.add_argument("--input-delimiter", type=delimiter, default=None,
                         help="delimiter of the input when detection is not wanted: ',' ';' 'tab' '|'")

    seed = command("seed", "Write the document's seeded plan as CSV.", _seed)
    seed.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    seed.add_argument("--delimiter", type=delimiter, default=",", help="',' (default) or ';' for Spanish Excel")

    check_cmd = command("check", "List the plan's findings (exit 1 when there is an error).", _check)
    reads_a_plan(check_cmd)
    check_cmd.add_argument("--format", choices=["text", "json"], default="text")

    convert = command("convert", "Read a plan and write it again, normalised, in the output's format "
                      "(by extension).", _convert)
    reads_a_plan(convert)
    convert.add_argument("-o", "--output", metavar="OUTPUT", required=True,
                         help="the file to write: .csv, .tsv, .txt, .xlsx (Excel) or .json")
    convert.add_argument("--delimiter", type=delimiter, default=",", help="',' (default) or ';' for Spanish Excel")

    load = command("workload", "Hours per role by letter and by nature.", _workload)
    reads_a_plan(load)
    load.add_argument("--format", choices=["text", "json"], default="text")

    team = command("team", "Capacity, load and utilisation per role and per person, and the staffing advice.",
                   _team)
    reads_a_plan(team)
    team.add_argument("--format", choices=["text", "json"], default="text")

    report = command("report", "Write the meeting report: one self-contained HTML file that works offline.",
                     _report)
    reads_a_plan(report)
    report.add_argument("-o", "--output", metavar="HTML", required=True, help="the report to write, e.g. report.html")
    report.add_argument("--title", help="the plan's name shown in the report (default: the file's name)")

    deck = command("deck", "Write the meeting deck: a 16:9 PowerPoint file with editable charts and the matrix.",
                   _deck)
    reads_a_plan(deck)
    deck.add_argument("-o", "--output", metavar="PPTX", required=True, help="the deck to write, e.g. deck.pptx")
    deck.add_argument("--title", help="the plan's name on the title slide (default: the file's name)")

    brief_cmd = command("brief", "Write one role's (or one person's) brief: what they do, own, are consulted on and "
                        "told about, with hours and load; one A4 page, HTML (offline) or PDF.", _brief)
    reads_a_plan(brief_cmd)
    brief_cmd.add_argument("--role", metavar="ROLE", help="the role's short name, e.g. CM")
    brief_cmd.add_argument("--person", metavar="NAME", help="a person of the plan's team (instead of --role)")
    brief_cmd.add_argument("-o", "--output", metavar="FILE",
                           help="brief.html or brief.pdf (PDF through the system Chromium); standard output "
                                "(HTML) without -o")
    brief_cmd.add_argument("--title", help="the plan's name shown on the brief (default: the file's name)")

    chart = command("chart", "Save one of the plan's charts as an image for slides (16:9).", _chart)
    reads_a_plan(chart)
    chart.add_argument("--kind", choices=list(FIGURES), required=True, help="which chart")
    chart.add_argument("-o", "--output", metavar="IMAGE", required=True, help="chart.png, chart.svg or chart.pdf")

    add_balance_command(command, reads_a_plan, _read,
                        lambda plan, path, lang: write_plan_file(plan, path, ",", lang=lang))
    add_plan_commands(command)  # python -m raci plans list|export (raci/cli/plans.py)
    add_db_commands(command)  # python -m raci db upgrade|current (raci/cli/db.py)
    return parser
