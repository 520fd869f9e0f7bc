"""Why a file does not make a plan: the readers' one error type, and how a cell is quoted in its sentence.

A :class:`PlanFileError` says what is wrong (``key``, ``params``, the sentence
``files.<key>`` in ``raci/locales/<lang>/files.json``) and where (``row`` and
``column``). A :class:`WorkbookFileError` is one whose sentence only a workbook
needs, ``xlsx.<key>`` in ``raci/locales/<lang>/xlsx.json``.
"""

from __future__ import annotations

from raci.errors import RaciError
from raci.i18n import number
from raci.model import PlanError
from raci.text import clip

#: At most this many characters of a cell (or a JSON value) are quoted in a message.
SHOWN_CHARS = 40


class PlanFileError(RaciError, ValueError):
    """A file that does not make a plan: what is wrong (``key``, ``params``) and where.

    ``row`` is the 1-based row as a spreadsheet shows it (the header is row 1)
    and ``column`` the column's header, each None when the problem has no
    single place. Parameters go in as a dict, as keywords, or both.
    """

    AREA = "files"

    def __init__(
        self, key: str, params: dict[str, object] | None = None, *, row: int | None = None,
        column: str | None = None, cause: PlanError | None = None, **more: object,
    ) -> None:
        super().__init__(key, **{**(params or {}), **more})
        self.row = row
        self.column = column
        self.cause = cause

    def message_params(self, lang: str) -> dict[str, object]:
        """The parameters, the row and the column, and the plan's own reason as ``detail``."""
        params = {"row": self.row, "column": self.column, **self.params}
        for name in ("limit", "found", "rows", "columns", "tasks", "roles"):  # counts in the reader's digits
            if isinstance(params.get(name), (int, float)) and not isinstance(params[name], bool):
                params[name] = number(params[name], lang)
        if self.cause is not None:
            params["detail"] = self.cause.message(lang)
        return params


class WorkbookFileError(PlanFileError):
    """A :class:`PlanFileError` whose sentence lives in ``xlsx.json`` (problems only a workbook has)."""

    AREA = "xlsx"


def show_cell(value: object) -> str:
    """A cell as a message quotes it: its spaces and line breaks made one space, cut to :data:`SHOWN_CHARS`."""
    text = str(value)
    return clip(" ".join(text.split()) if text.strip() else text, SHOWN_CHARS)
