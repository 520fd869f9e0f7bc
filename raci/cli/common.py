"""What every command of ``python -m raci`` shares: exit codes and the delimiter option."""

from __future__ import annotations

import argparse

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2

#: How a delimiter may be written on the command line, and the character it means.
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t", "|": "|"}


def delimiter(text: str) -> str:
    """An argparse type: ',' ';' 'tab' (or a tab) '|' -> the delimiter character."""
    if text not in DELIMITERS:
        raise argparse.ArgumentTypeError("use ',', ';', 'tab' or '|'")
    return DELIMITERS[text]
