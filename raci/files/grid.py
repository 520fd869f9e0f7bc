"""From a grid of cell texts to a plan: the one reader of plan layouts, shared by CSV files and workbooks.

A grid is a 2-D object array of texts, the header row first, as
:mod:`raci.files.csv` parses it from a file and :mod:`raci.files.xlsx_read`
takes it from a sheet. :func:`plan_from_grid` reads it whole or raises
:class:`~raci.files.errors.PlanFileError` naming the row and the column of the
first problem in file order, never half a plan.

Layouts read:

* the *planner layout*, the one :func:`raci.files.csv.write_csv` and
  :func:`raci.files.xlsx_write.write_xlsx` write: the headers of
  :mod:`raci.files.layout` (task, category, nature, effort_hours; in Spanish
  tarea, categoría, naturaleza, horas), then one column per role holding letters;
* someone's spreadsheet: headers in English or Spanish in any order and
  spelling ("Tarea", "Categoría ", "Horas (mes)"), letters in any spelling
  (:func:`raci.letters.parse_letters`);
* the "long" layout: Responsible / Accountable / Consulted / Informed columns
  listing role names (a role in both Responsible and Accountable gets A/R).

Two rules keep a round trip exact. A grid whose first four headers are the
planner layout's own is read literally: every later column is a role named
exactly as its header (two roles may differ only in case), and an empty
category or nature cell means "none". In any other grid an empty or missing
category, nature or effort is filled in from the catalogue for a seeded task
name, and with "" / "" / :data:`DEFAULT_EFFORT_HOURS` otherwise. A column named
"id" is ignored in both. Of each role a file carries only its short name: a role
read back is :func:`default_role` of it.

Text cells arrive formula-escaped (:func:`raci.files.cells.escape_cell`) and
are unescaped here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter  # 0-based j -> "A"...; MAX_COLUMNS keeps a file within XFD

from raci import letters as L
from raci.catalogue import catalogue, find_task
from raci.files.cells import text_column, unescape_cell, unescape_column
from raci.files.errors import PlanFileError, show_cell
from raci.files.layout import HEADER, is_planner_header
from raci.files.limits import check_columns, check_rows
from raci.limits import MAX_CELLS, MAX_EFFORT_HOURS, MAX_NAME_CHARS, MAX_ROLES, MAX_TASKS
from raci.model import TASK_COLUMNS, Plan, PlanError, Role
from raci.text import HIDDEN_PATTERN, fold, hidden_character

#: Hours per month given to a task that is not in the catalogue and has no effort in the file.
DEFAULT_EFFORT_HOURS = 4.0
# Headers accepted for each task column, in TASK_COLUMNS' order (matched by _key).
_FIELD_ALIASES = dict(zip(TASK_COLUMNS, (
    ("task", "tasks", "tarea", "tareas", "actividad", "activity"),
    ("category", "categoria"),
    ("nature", "naturaleza"),
    ("effort_hours", "effort", "hours", "horas", "esfuerzo", "horas_mes"),
), strict=True))
_LONG_ALIASES = {
    L.R: ("responsible", "r", "responsable", "responsables"),
    L.A: ("accountable", "a", "aprobador", "aprobadores", "autoridad"),
    L.C: ("consulted", "c", "consultado", "consultados"),
    L.I: ("informed", "i", "informado", "informados"),
}
_NATURES = {
    "strategic": "strategic", "estrategica": "strategic", "estrategico": "strategic",
    "operational": "operational", "operativa": "operational", "operativo": "operational",
    "operacional": "operational", "": "",
}
_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_ROLE_LIST_SEPARATORS = re.compile(r"[;,\r\n]+")
_EXPECTED_LETTERS = ", ".join(letter for letter in L.LETTERS if letter)  # "R, A, C, I, A/R"


# ----- the header ----------------------------------------------------------------
def _key(header: str) -> str:
    """'Categoría ', 'Effort (hours)', 'horas/mes' -> 'categoria', 'effort', 'horasmes'."""
    bare = re.sub(r"\([^)]*\)", " ", header)
    return re.sub(r"[\s_./-]+", "", fold(bare if bare.strip() else header))


_FIELD_BY_KEY = {_key(alias): name for name, aliases in _FIELD_ALIASES.items() for alias in aliases}
_LONG_BY_KEY = {_key(alias): code for code, aliases in _LONG_ALIASES.items() for alias in aliases}


def is_task_header(header: str) -> bool:
    """Whether a header names the task column ("task", "Tarea", "Actividad"...)."""
    return _FIELD_BY_KEY.get(_key(header)) == "name"


@cache
def _catalogue_roles() -> dict[str, Role]:
    return {fold(r.short): Role(r.short, r.name, r.profile) for r in catalogue().roles}


def default_role(short: str) -> Role:
    """The role a file column called ``short`` becomes: SMM/CM as in the catalogue, else profile 'other'."""
    known = _catalogue_roles().get(fold(short))
    return Role(short, known.name, known.profile) if known else Role(short)


@dataclass
class _Layout:
    """Which column holds what. ``own`` is the planner layout (see the module docstring)."""

    headers: list[str]
    own: bool
    fields: dict[str, int] = field(default_factory=dict)
    roles: list[int] = field(default_factory=list)  # wide layout: role columns
    lists: list[tuple[int, int]] = field(default_factory=list)  # long layout: (column, letter code)


def _layout(header: np.ndarray, body: np.ndarray, row: int) -> _Layout:
    headers = [unescape_cell(text) for text in header.tolist()]
    own = is_planner_header(headers)
    if not own:  # someone's spreadsheet: 'CM ' means CM; the planner's own files keep names exactly
        headers = [text.strip() for text in headers]
    layout = _Layout(headers, own)
    if not own and not any(is_task_header(text) for text in headers):
        raise PlanFileError("no_task_column", row=row)  # before other header problems: maybe no header at all
    seen: dict[object, int] = {}
    for j, text in enumerate(headers):
        if not text.strip():
            if any(cell.strip() for cell in body[:, j].tolist()):
                raise PlanFileError("empty_header", row=row, position=get_column_letter(j + 1))
            continue
        if text.strip().casefold() == "id":
            continue  # the planner derives task ids itself
        if own:
            name = TASK_COLUMNS[j] if j < len(HEADER) else None
            identity: object = name or ("role", text)
        else:
            name = _FIELD_BY_KEY.get(_key(text))
            identity = name or ("role", fold(text))
        if identity in seen:
            raise PlanFileError("duplicate_column", row=row, column=text, other=headers[seen[identity]])
        seen[identity] = j
        if name:
            layout.fields[name] = j
        else:
            layout.roles.append(j)
    if not layout.roles:
        raise PlanFileError("no_role_columns", row=row)
    for j in layout.roles:
        _check_length(headers[j], row, headers[j])
    codes = [_LONG_BY_KEY.get(_key(headers[j])) for j in layout.roles]
    if None not in codes and {L.R, L.A} & set(codes) and _holds_role_names(body[:, layout.roles], own):
        # Responsible/Accountable/... columns holding role names, not letters: the long layout.
        for j, code in zip(layout.roles, codes, strict=True):
            if code in seen:
                raise PlanFileError("duplicate_column", row=row, column=headers[j], other=headers[seen[code]])
            seen[code] = j
        layout.lists = list(zip(layout.roles, codes, strict=True))
        layout.roles = []
    elif len(layout.roles) > MAX_ROLES:  # before a letter is parsed
        raise PlanFileError("too_many_roles", row=row, column=headers[layout.roles[MAX_ROLES]], limit=MAX_ROLES,
                            found=len(layout.roles))
    return layout


def _check_length(text: str, row: int, column: str) -> None:
    if len(text) > MAX_NAME_CHARS:
        raise PlanFileError("text_too_long", row=row, column=show_cell(column), limit=MAX_NAME_CHARS, found=len(text))


def _holds_role_names(block: np.ndarray, own: bool) -> bool:
    """Whether Responsible/Accountable/... columns list role names rather than hold letters.

    Some cell that is not a letter says so. With no letter at all, someone
    else's file is taken to be the long layout too; the planner's own file is
    not, so that a plan whose roles are called R and A reads back as it was.
    """
    codes, bad = L.parse_letters(block)
    return bool(bad.any() or (not own and not codes.any()))


# ----- the rows --------------------------------------------------------
#: A problem found in the rows, with its place so that the first in file order is reported.
_Found = tuple[int, int, PlanFileError]  # (row, column index, error)


def plan_from_grid(grid: np.ndarray, header_row: int = 1) -> Plan:
    """The plan in a grid of cell texts (header first), or :class:`PlanFileError` (see the module docstring).

    ``header_row`` is the file's row number of the grid's first row, so that
    messages name the rows as the file shows them.
    """
    check_rows(len(grid), header_row)
    check_columns(grid.shape[1], header_row)
    header, body = grid[0], grid[1:]
    layout = _layout(header, body, header_row)
    rows = np.arange(len(body)) + header_row + 1  # the file's row number of each body row
    found: list[_Found] = []
    if layout.roles:
        codes, bad = L.parse_letters(body[:, layout.roles])
        blank = _blank_rows(body, exclude=layout.roles) & ~bad.any(axis=1) & (codes == L.EMPTY).all(axis=1)
        if blank.any():
            codes, bad, body, rows = codes[~blank], bad[~blank], body[~blank], rows[~blank]
        _check_plan_size(rows, len(layout.roles), header_row)
        roles = [_role(layout.headers[j], header_row, layout.headers[j]) for j in layout.roles]
        if bad.any():
            i, k = divmod(int(np.argmax(bad.ravel())), bad.shape[1])  # row-major: file order
            j = layout.roles[k]
            found.append((int(rows[i]), j, PlanFileError(
                "bad_letter", row=int(rows[i]), column=layout.headers[j], value=show_cell(body[i, j]),
                expected=_EXPECTED_LETTERS)))
    else:
        blank = _blank_rows(body, exclude=[])
        body, rows = body[~blank], rows[~blank]  # the long layout is small: one row per task
        roles, codes = _long_letters(body, rows, layout, found)
    tasks = _task_columns(body, rows, layout, found)
    if found:
        raise min(found, key=lambda item: item[:2])[2]
    if not roles:
        raise PlanFileError("no_roles_named", row=header_row)
    try:
        return Plan.from_columns(tasks, roles, codes)
    except PlanError as error:  # every check above should make this unreachable
        raise PlanFileError("invalid_plan", cause=error) from None


def _check_plan_size(rows: np.ndarray, n_roles: int, header_row: int) -> None:
    """Refuse more tasks, or (with ``n_roles``) more matrix cells, than :mod:`raci.limits` allows."""
    if len(rows) > MAX_TASKS:
        raise PlanFileError("too_many_tasks", row=int(rows[MAX_TASKS]), limit=MAX_TASKS, found=len(rows))
    if len(rows) * n_roles > MAX_CELLS:
        raise PlanFileError("too_many_matrix_cells", row=header_row, limit=MAX_CELLS, found=len(rows) * n_roles,
                            tasks=len(rows), roles=n_roles)


def _blank_rows(body: np.ndarray, exclude: list[int]) -> np.ndarray:
    """Rows whose cells (outside ``exclude``) are all empty or spaces."""
    blank = np.ones(len(body), dtype=bool)
    skipped = set(exclude)
    for j in range(body.shape[1]):
        if j not in skipped:
            blank &= text_column(body[:, j]).str.strip().eq("").to_numpy(dtype=bool)
    return blank


def _role(short: str, row: int, column: str) -> Role:
    hidden = hidden_character(short)
    if hidden:
        raise PlanFileError("hidden_char", row=row, column=column, value=show_cell(short), char=hidden)
    try:
        return default_role(short)
    except PlanError:
        raise PlanFileError("reserved_role", row=row, column=column, value=show_cell(short)) from None


def _long_letters(
    body: np.ndarray, rows: np.ndarray, layout: _Layout, found: list[_Found]
) -> tuple[list[Role], np.ndarray]:
    """Roles in order of first mention, and their letters, from Responsible/Accountable/... lists.

    A role named in both Responsible and Accountable gets A/R; in any other two
    lists of the same task, it is an error. Names match case- and accent-blind.
    """
    index: dict[str, int] = {}
    roles: list[Role] = []
    codes = np.zeros((len(rows), 0), dtype=np.int8)
    letters: list[dict[int, tuple[int, int]]] = []  # per task: role -> (code, column of first mention)
    for i, row in enumerate(rows.tolist()):
        assigned: dict[int, tuple[int, int]] = {}
        for j, code in layout.lists:
            column = layout.headers[j]
            for piece in _ROLE_LIST_SEPARATORS.split(body[i, j]):
                name = unescape_cell(piece.strip())
                if not name:
                    continue
                if fold(name) not in index:
                    try:
                        _check_length(name, row, column)
                        if len(roles) == MAX_ROLES:
                            raise PlanFileError("too_many_roles", row=row, column=column, limit=MAX_ROLES,
                                                found=f"{MAX_ROLES + 1}+")
                        roles.append(_role(name, row, column))
                    except PlanFileError as error:
                        found.append((row, j, error))
                        return roles, codes
                    index[fold(name)] = len(roles) - 1
                k = index[fold(name)]
                before = assigned.get(k, (code, j))
                both = {before[0], code}
                if len(both) > 1 and not both <= {L.R, L.A, L.AR}:
                    found.append((row, j, PlanFileError("conflicting_letters", row=row, column=column,
                                                        role=name, other=layout.headers[before[1]])))
                    return roles, codes
                assigned[k] = (L.AR if len(both) > 1 else code, before[1])
        letters.append(assigned)
    _check_plan_size(rows, len(roles), int(rows[0]) - 1 if len(rows) else 1)
    codes = np.zeros((len(rows), len(roles)), dtype=np.int8)
    for i, assigned in enumerate(letters):
        for k, (code, _) in assigned.items():
            codes[i, k] = code
    return roles, codes


def _task_columns(body: np.ndarray, rows: np.ndarray, layout: _Layout, found: list[_Found]) -> pd.DataFrame:
    """Names, categories, natures and efforts of the kept rows; problems go to ``found``."""
    n = len(body)

    def column(name: str) -> tuple[np.ndarray, int]:
        j = layout.fields.get(name, -1)
        return (body[:, j], j) if j >= 0 else (np.full(n, "", dtype=object), j)

    def report(mask: np.ndarray, key: str, j: int, values: np.ndarray, **params: object) -> None:
        if mask.any():
            i = int(np.argmax(mask))
            if key == "text_too_long":
                params = {"limit": MAX_NAME_CHARS, "found": len(values[i])}
            elif key == "hidden_char":
                params = {"char": hidden_character(values[i])}
            found.append((int(rows[i]), j, PlanFileError(
                key, row=int(rows[i]), column=layout.headers[j], value=show_cell(values[i]), **params)))

    def report_text(texts: np.ndarray, j: int) -> None:  # too long, or holding a hidden character
        column_texts = text_column(texts)
        report(column_texts.str.len().to_numpy() > MAX_NAME_CHARS, "text_too_long", j, texts)
        report(column_texts.str.contains(HIDDEN_PATTERN, regex=True).to_numpy(dtype=bool), "hidden_char", j, texts)

    raw_names, j_name = column("name")
    names = unescape_column(raw_names)
    unnamed = text_column(names).str.strip().eq("").to_numpy(dtype=bool)
    report(unnamed, "empty_task", j_name, names)
    report_text(names, j_name)

    raw_categories, j_category = column("category")
    categories = unescape_column(raw_categories)
    report_text(categories, j_category)

    raw_natures, j_nature = column("nature")
    natures, nature_bad = _natures(raw_natures)
    report(nature_bad, "bad_nature", j_nature, raw_natures)

    raw_efforts, j_effort = column("effort")
    efforts, effort_bad, effort_negative = _efforts(raw_efforts)
    report(effort_bad, "bad_effort", j_effort, raw_efforts)
    report(effort_negative, "negative_effort", j_effort, raw_efforts)
    effort_large = efforts > MAX_EFFORT_HOURS  # NaN (empty) compares False
    report(effort_large, "effort_too_large", j_effort, raw_efforts, limit=MAX_EFFORT_HOURS)

    missing_effort = np.isnan(efforts) & ~effort_bad
    if layout.own:  # the planner's own file says everything: empty means none
        missing_category = missing_nature = np.zeros(n, dtype=bool)
    else:
        missing_category = text_column(categories).str.strip().eq("").to_numpy(dtype=bool)
        missing_nature = (natures == "") & ~nature_bad
    for i in np.flatnonzero(missing_category | missing_nature | missing_effort):
        category, nature, effort = _catalogue_defaults(names[i])
        if missing_category[i]:
            categories[i] = category
        if missing_nature[i]:
            natures[i] = nature
        if missing_effort[i]:
            efforts[i] = effort
    efforts[effort_bad | effort_negative | effort_large] = 0.0
    return pd.DataFrame(dict(zip(TASK_COLUMNS, (names, categories, natures, efforts), strict=True)))


def _natures(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes, spellings = pd.factorize(pd.Series(raw, dtype=object))
    read = [_NATURES.get(fold(str(text)).replace(" ", "")) for text in spellings]
    natures = np.array([value or "" for value in read], dtype=object)[codes]
    bad = np.array([value is None for value in read], dtype=bool)[codes]
    return natures, bad


def _efforts(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hours as floats (NaN where empty), and the cells that are not numbers or are negative.

    A decimal comma is read like a point ("12,5" = 12.5); a text with both is refused.
    """
    texts = text_column(raw).str.strip().str.replace(",", ".", regex=False)
    empty = (texts == "").to_numpy(dtype=bool)
    number = texts.str.fullmatch(_NUMBER).to_numpy(dtype=bool)
    values = np.full(len(raw), np.nan)
    values[number] = texts[number].astype("float64").to_numpy() + 0.0  # + 0.0: no -0.0
    bad = ~empty & ~(number & np.isfinite(values))
    return values, bad, number & (values < 0)


def _catalogue_defaults(name: str) -> tuple[str, str, float]:
    """Category (in the language the name is written in), nature and effort of a seeded task."""
    task = find_task(name)
    if task is None:
        return "", "", DEFAULT_EFFORT_HOURS
    lang = "es" if fold(name) == fold(task.es) else "en"
    return catalogue().category(task.category).name(lang), task.nature, float(task.effort_hours_estimate)
