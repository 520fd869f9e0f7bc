"""What every command of ``python -m raci`` shares: exit codes and the delimiter option."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
EXIT_UNAVAILABLE = EXIT_UNREADABLE  # the plan database cannot be used: 2 as well

#: How a delimiter may be written on the command line, and the character it means.
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t", "|": "|"}


def delimiter(text: str) -> str:
    """An argparse type: ',' ';' 'tab' (or a tab) '|' -> the delimiter character."""
    if text not in DELIMITERS:
        raise argparse.ArgumentTypeError("use ',', ';', 'tab' or '|'")
    return DELIMITERS[text]


# Control characters (C0 but tab and line feed, DEL, C1) and bidirectional overrides, embeddings
# and isolates: printed raw, a task name could move the cursor, recolour or retitle the terminal,
# or show its text in another order than it has.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with every control or direction-override character shown as its escape (``\\x1b``)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def say(text: str, *, error: bool = False) -> None:
    """Print one line for a person (standard output, or standard error), made terminal-safe."""
    print(terminal_safe(text), file=sys.stderr if error else sys.stdout)


def say_json(data: object) -> None:
    """Print ``data`` as JSON (UTF-8, indented); control characters are always \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    print(_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def quiet_broken_pipe() -> None:
    """After the reader of our output went away (``| head``): send what is left to nowhere, quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


Command = Callable[[str, str, Callable], argparse.ArgumentParser]


def database_group(command: Command, name: str, help_text: str, title: str) -> Command:
    """A command group that works on the plan database (``plans``, ``db``), added with raci.cli's
    ``command(name, help, run)``; returns its ``action(name, help, run)``, which adds ``--db``."""
    group = command(name, help_text, _no_action)
    actions = group.add_subparsers(title=title, required=True, metavar="ACTION")

    def action(action_name: str, text: str, run: Callable) -> argparse.ArgumentParser:
        sub = actions.add_parser(action_name, help=text, description=text)
        sub.add_argument("--db", metavar="URL", default=None,
                         help="database URL (default: $RACI_DATABASE_URL, else raci.db at the repository root)")
        # SUPPRESS: `plans --lang es list` and `plans list --lang es` both work.
        sub.add_argument("--lang", choices=["es", "en"], default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.set_defaults(run=run)
        return sub

    return action


def _no_action(args: argparse.Namespace, lang: str) -> int:  # pragma: no cover - argparse requires an action
    return EXIT_UNAVAILABLE
