"""Plan files: the planner's one CSV reader and writer.

Writing (:func:`write_csv`) produces the *planner layout*, one row per task and
one column per role::

    task,category,nature,effort_hours,SMM,CM
    Planificar la estrategia de contenido,Planificación,strategic,8,A/R,C

UTF-8 with a BOM (so that Excel does not read it in the PC's ANSI code page),
CRLF line ends, cells quoted only when they must be. With ``delimiter=";"``
efforts get a decimal comma ("12,5"), as Spanish Excel expects. A text cell
that a spreadsheet would run as a formula gets a leading "'" (:func:`escape_cell`),
which reading removes again (:func:`unescape_cell`).

Reading (:func:`read_csv`) takes what spreadsheets really produce: UTF-8 with
or without BOM, UTF-16, cp1252; ``,`` ``;`` tab or ``|``; any line ending;
headers in English or Spanish; letters in any spelling; and the "long" layout
with Responsible / Accountable / Consulted / Informed columns listing role
names. It returns a whole plan or raises :class:`PlanFileError` naming the row
and the column, never half a plan.

What a file carries, and so what a round trip keeps: task names, categories,
natures, efforts and letters exactly; of each role only its short name. A role
read back is :func:`default_role` of its name: SMM and CM get the catalogue's
full name and profile, any other role its short name as full name, profile
"other" and no capacity.

Two rules keep the round trip exact. A file whose first four headers are the
planner layout's own (task, category, nature, effort_hours) is read literally:
every later column is a role named exactly as its header (two roles may
differ only in case), and an empty category or nature cell means "none". In
any other file an empty or missing category, nature or effort is filled in
from the catalogue for a seeded task name, and with "" / "" /
:data:`DEFAULT_EFFORT_HOURS` otherwise. A column named "id" is ignored in both.
"""

from __future__ import annotations

import codecs
import csv
import io
import operator
import re
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from raci import letters as L
from raci.catalogue import catalogue, find_task
from raci.errors import RaciError
from raci.model import Plan, PlanError, Role
from raci.text import fold

#: Largest file :func:`read_csv` parses unless the caller passes another ``max_bytes``.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Hours per month given to a task that is not in the catalogue and has no effort in the file.
DEFAULT_EFFORT_HOURS = 4.0
#: The column separators read and written.
DELIMITERS = (",", ";", "\t", "|")
#: The first four headers of the planner layout.
HEADER = ("task", "category", "nature", "effort_hours")

_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_SAMPLE_CHARS = 64 * 1024
_TASK_FIELDS = ("name", "category", "nature", "effort")

_FIELD_ALIASES = {
    "name": ("task", "tasks", "tarea", "tareas", "actividad", "activity"),
    "category": ("category", "categoria"),
    "nature": ("nature", "naturaleza"),
    "effort": ("effort_hours", "effort", "hours", "horas", "esfuerzo", "horas_mes"),
}
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
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANK_LINES = re.compile(r"(?:[ \t\u00a0,;|]*(?:\r\n|\r|\n))*")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


class PlanFileError(RaciError, ValueError):
    """A file that does not make a plan: what is wrong (``key``, ``params``) and where.

    ``row`` is the 1-based row as a spreadsheet shows it (the header is row 1)
    and ``column`` the column's header, each None when the problem has no
    single place. Parameters go in as a dict, as keywords, or both.
    """

    def __init__(
        self, key: str, params: dict[str, object] | None = None, *, row: int | None = None,
        column: str | None = None, cause: PlanError | None = None, **more: object,
    ) -> None:
        super().__init__(key, **{**(params or {}), **more})
        self.row = row
        self.column = column
        self.cause = cause

    AREA = "files"

    def message_params(self, lang: str) -> dict[str, object]:
        """The parameters, the row and the column, and the plan's own reason as ``detail``."""
        params = {"row": self.row, "column": self.column, **self.params}
        if self.cause is not None:
            params["detail"] = self.cause.message(lang)
        return params


# ----- formula injection ------------------------------------------------------
def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would run ``text`` as a formula (also after spaces or NBSPs)."""
    return text.lstrip(" \u00a0").startswith(_FORMULA_TRIGGERS)


def escape_cell(text: str) -> str:
    """``text`` made safe for a spreadsheet: "'" in front of anything formula-like.

    Text that already starts with "'" before something formula-like gets one
    more, so that :func:`unescape_cell` gives back exactly ``text``.
    """
    return "'" + text if is_formula_like(text.lstrip("'")) else text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell`."""
    return text[1:] if text.startswith("'") and is_formula_like(text.lstrip("'")) else text


def _text(values: object) -> pd.Series:
    """Cells as pandas' string dtype, whose .str methods run on whole columns (Arrow)."""
    return pd.Series(values, dtype="str")


def _formula_like(values: pd.Series) -> pd.Series:
    return values.str.lstrip("'").str.lstrip(" \u00a0").str[:1].isin(_FORMULA_TRIGGERS)


def _escape_column(values: pd.Series) -> pd.Series:
    return values.where(~_formula_like(values), "'" + values)


def _unescape_column(values: np.ndarray) -> np.ndarray:
    texts = _text(values)
    escaped = texts.str.startswith("'") & _formula_like(texts)
    return texts.where(~escaped, texts.str[1:]).to_numpy(dtype=object, copy=True)


# ----- writing ----------------------------------------------------------------
def write_csv(plan: Plan, delimiter: str = ",") -> bytes:
    """The plan as a CSV file in the planner layout (see the module docstring).

    Vectorised over whole columns: 100,000 tasks x 50 roles take a fraction of a second.
    """
    _check_delimiter(delimiter)
    tasks = plan.tasks.reset_index(drop=True)
    headers = (*HEADER, *map(escape_cell, plan.role_names))
    header = delimiter.join(_quote_text(text, delimiter) for text in headers)
    effort = (tasks["effort"].astype("float64") + 0.0).astype(str).str.removesuffix(".0")  # + 0.0: no "-0"
    if delimiter == ";":
        effort = effort.str.replace(".", ",", regex=False)
    fixed = (
        _quote_column(_escape_column(_text(tasks["name"])), delimiter) + delimiter
        + _quote_column(_escape_column(_text(tasks["category"])), delimiter) + delimiter
        + _text(tasks["nature"]) + delimiter
        + effort
    )
    lines = map(operator.add, fixed.tolist(), _letter_rows(plan.cells, delimiter))
    # The model refuses text UTF-8 cannot hold (lone surrogates), so this always encodes.
    return "\r\n".join([header, *lines, ""]).encode("utf-8-sig")


def _letter_rows(cells: np.ndarray, delimiter: str) -> list[str]:
    """Each task's letters as one text, every cell preceded by the delimiter.

    Each code becomes a 4-byte slot (delimiter + letter, NUL-padded) by one table
    lookup over the whole matrix, with a newline slot closing each row; dropping
    the NULs and splitting on the newlines gives the rows.
    """
    n_tasks, n_roles = cells.shape
    slots = np.zeros((len(L.LETTERS) + 1, 4), dtype=np.uint8)
    for code, text in enumerate([delimiter + letter for letter in L.LETTERS] + ["\n"]):
        slots[code, : len(text)] = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    layout = np.empty((n_tasks, n_roles + 1), dtype=np.uint8)
    layout[:, :n_roles] = cells
    layout[:, n_roles] = len(L.LETTERS)  # the newline slot
    raw = slots.view(np.uint32).ravel()[layout].view(np.uint8).ravel()
    return raw[raw != 0].tobytes().decode("ascii").split("\n")[:n_tasks]


def _quote_text(text: str, delimiter: str) -> str:
    if any(ch in text for ch in (delimiter, '"', "\r", "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


def _quote_column(values: pd.Series, delimiter: str) -> pd.Series:
    needs_quotes = values.str.contains(f'[{re.escape(delimiter)}"\r\n]', regex=True)
    return values.where(~needs_quotes, '"' + values.str.replace('"', '""', regex=False) + '"')


# ----- reading: bytes to a grid of text -----------------------------------------
def read_csv(data: bytes, delimiter: str | None = None, max_bytes: int | None = MAX_FILE_BYTES) -> Plan:
    """The plan in a CSV file, or :class:`PlanFileError` saying what is wrong and where.

    ``delimiter`` overrides the detected one; ``max_bytes=None`` lifts the size limit.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("read_csv takes the file's bytes")
    data = bytes(data)
    if max_bytes is not None and len(data) > max_bytes:
        raise PlanFileError("too_large", size=_megabytes(len(data)), limit=_megabytes(max_bytes))
    if delimiter is not None:
        _check_delimiter(delimiter)
    text = _decode(data)
    if not text.strip():
        raise PlanFileError("empty")
    delimiter = delimiter or detect_delimiter(text)
    text, skipped = _skip_blank_lines(text)
    if not text:
        raise PlanFileError("empty")
    grid = _parse(text, delimiter, skipped)
    return _plan_from_grid(grid, header_row=skipped + 1)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


def _check_delimiter(delimiter: str) -> None:
    if delimiter not in DELIMITERS:
        raise PlanFileError("bad_delimiter", value=delimiter)


def _decode(data: bytes) -> str:
    """BOM, then strict UTF-8, then cp1252; never latin-1 (it would accept anything)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                raise PlanFileError("bad_encoding", row=_row_of_byte(data, error.start, codec),
                                    encoding=codec.removesuffix("-sig").upper()) from None
            break
    else:
        if b"\x00" in data:
            raise PlanFileError("binary")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            if _UTF8_SEQUENCE.search(data):
                # Some UTF-8 text and some other bytes: reading it as cp1252 would garble the UTF-8 part.
                raise PlanFileError("mixed_encoding", row=_row_of_byte(data, error.start, "utf-8")) from None
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise PlanFileError("binary") from None
    if "\x00" in text:
        raise PlanFileError("binary")
    return text.removeprefix("\ufeff")


def _row_of_byte(data: bytes, position: int, codec: str) -> int:
    before = data[:position].decode(codec, errors="ignore")
    return len(_LINE_BREAK.findall(before)) + 1


def detect_delimiter(text: str) -> str:
    """The separator among ``DELIMITERS`` that splits a sample of ``text`` into columns.

    Preferred, in order: the one that gives the planner layout's header, one
    that gives a task column, no row longer than the header, the most rows as
    long as the header, the most header cells, the order of ``DELIMITERS``.
    A header must have two cells at least; ',' when none does.
    """
    sample = text[:_SAMPLE_CHARS]
    best, best_score = ",", None
    for delimiter in DELIMITERS:
        try:
            records = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        if len(text) > len(sample) and len(records) > 1:
            records = records[:-1]  # probably cut short by the sample
        records = [record for record in records if any(cell.strip() for cell in record)]
        if not records or len(records[0]) < 2:
            continue
        header, counts = records[0], [len(record) for record in records]
        score = (
            [cell.strip().casefold() for cell in header[:4]] == list(HEADER),
            any(_FIELD_BY_KEY.get(_key(cell)) == "name" for cell in header),
            max(counts) <= counts[0],
            sum(count == counts[0] for count in counts) / len(counts),
            counts[0],
        )
        if best_score is None or score > best_score:
            best, best_score = delimiter, score
    return best


def _skip_blank_lines(text: str) -> tuple[str, int]:
    """Drop the empty lines (or lines of only separators) above the header; count them."""
    match = _BLANK_LINES.match(text)
    skipped = match.group(0) if match else ""
    return text[len(skipped):], len(_LINE_BREAK.findall(skipped))


def _parse(text: str, delimiter: str, skipped: int) -> np.ndarray:
    """Every cell as text, short rows padded with "". Rows are records, as a spreadsheet counts them."""
    try:
        # dtype=object keeps every cell the text it was, like dtype=str, and is faster here.
        frame = pd.read_csv(
            io.StringIO(text), sep=delimiter, header=None, dtype=object, keep_default_na=False,
            na_filter=False, engine="c", skip_blank_lines=False, quotechar='"', doublequote=True,
        )
    except pd.errors.EmptyDataError:
        raise PlanFileError("empty") from None
    except (pd.errors.ParserError, ValueError, csv.Error, OverflowError) as error:
        raise _parser_error(str(error), skipped) from None
    return frame.to_numpy(dtype=object)  # na_filter=False: padded cells are "" already


def _parser_error(reason: str, skipped: int) -> PlanFileError:
    fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", reason)
    if fields:
        expected, line, found = map(int, fields.groups())
        return PlanFileError("too_many_cells", row=line + skipped, expected=expected, found=found)
    quote = re.search(r"EOF inside string starting at row (\d+)", reason)
    if quote:
        return PlanFileError("unclosed_quote", row=int(quote.group(1)) + 1 + skipped)
    return PlanFileError("unparsable")


# ----- reading: the header ----------------------------------------------------------
def _key(header: str) -> str:
    """'Categoría ', 'Effort (hours)', 'horas/mes' -> 'categoria', 'effort', 'horasmes'."""
    bare = re.sub(r"\([^)]*\)", " ", header)
    return re.sub(r"[\s_./-]+", "", fold(bare if bare.strip() else header))


_FIELD_BY_KEY = {_key(alias): name for name, aliases in _FIELD_ALIASES.items() for alias in aliases}
_LONG_BY_KEY = {_key(alias): code for code, aliases in _LONG_ALIASES.items() for alias in aliases}


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
    own = [text.strip().casefold() for text in headers[:4]] == list(HEADER)
    if not own:  # someone's spreadsheet: 'CM ' means CM; the planner's own files keep names exactly
        headers = [text.strip() for text in headers]
    layout = _Layout(headers, own)
    if not own and "name" not in {_FIELD_BY_KEY.get(_key(text)) for text in headers}:
        raise PlanFileError("no_task_column", row=row)  # before other header problems: maybe no header at all
    seen: dict[object, int] = {}
    for j, text in enumerate(headers):
        if not text.strip():
            if any(cell.strip() for cell in body[:, j].tolist()):
                raise PlanFileError("empty_header", row=row, position=_column_letter(j))
            continue
        if text.strip().casefold() == "id":
            continue  # the planner derives task ids itself
        if own:
            name = _TASK_FIELDS[j] if j < 4 else None
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
    codes = [_LONG_BY_KEY.get(_key(headers[j])) for j in layout.roles]
    if None not in codes and {L.R, L.A} & set(codes) and _holds_role_names(body[:, layout.roles], own):
        # Responsible/Accountable/... columns holding role names, not letters: the long layout.
        for j, code in zip(layout.roles, codes, strict=True):
            if code in seen:
                raise PlanFileError("duplicate_column", row=row, column=headers[j], other=headers[seen[code]])
            seen[code] = j
        layout.lists = list(zip(layout.roles, codes, strict=True))
        layout.roles = []
    return layout


def _holds_role_names(block: np.ndarray, own: bool) -> bool:
    """Whether Responsible/Accountable/... columns list role names rather than hold letters.

    Some cell that is not a letter says so. With no letter at all, someone
    else's file is taken to be the long layout too; the planner's own file is
    not, so that a plan whose roles are called R and A reads back as it was.
    """
    codes, bad = L.parse_letters(block)
    return bool(bad.any() or (not own and not codes.any()))


def _column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA': the column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# ----- reading: the rows --------------------------------------------------------
#: A problem found in the rows, with its place so that the first in file order is reported.
_Found = tuple[int, int, PlanFileError]  # (row, column index, error)


def _plan_from_grid(grid: np.ndarray, header_row: int) -> Plan:
    header, body = grid[0], grid[1:]
    layout = _layout(header, body, header_row)
    rows = np.arange(len(body)) + header_row + 1  # the file's row number of each body row
    found: list[_Found] = []
    if layout.roles:
        codes, bad = L.parse_letters(body[:, layout.roles])
        blank = _blank_rows(body, exclude=layout.roles) & ~bad.any(axis=1) & (codes == L.EMPTY).all(axis=1)
        if blank.any():
            codes, bad, body, rows = codes[~blank], bad[~blank], body[~blank], rows[~blank]
        roles = [_role(layout.headers[j], header_row, layout.headers[j]) for j in layout.roles]
        if bad.any():
            i, k = divmod(int(np.argmax(bad.ravel())), bad.shape[1])  # row-major: file order
            j = layout.roles[k]
            found.append((int(rows[i]), j, PlanFileError(
                "bad_letter", row=int(rows[i]), column=layout.headers[j], value=_show(body[i, j]),
                expected="R, A, C, I, A/R")))
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


def _blank_rows(body: np.ndarray, exclude: list[int]) -> np.ndarray:
    """Rows whose cells (outside ``exclude``) are all empty or spaces."""
    blank = np.ones(len(body), dtype=bool)
    for j in range(body.shape[1]):
        if j not in exclude:
            blank &= _text(body[:, j]).str.strip().eq("").to_numpy(dtype=bool)
    return blank


def _role(short: str, row: int, column: str) -> Role:
    try:
        return default_role(short)
    except PlanError:
        raise PlanFileError("reserved_role", row=row, column=column, value=_show(short)) from None


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

    def report(mask: np.ndarray, key: str, j: int, values: np.ndarray) -> None:
        if mask.any():
            i = int(np.argmax(mask))
            found.append((int(rows[i]), j, PlanFileError(
                key, row=int(rows[i]), column=layout.headers[j], value=_show(values[i]))))

    raw_names, j_name = column("name")
    names = _unescape_column(raw_names)
    unnamed = _text(names).str.strip().eq("").to_numpy(dtype=bool)
    report(unnamed, "empty_task", j_name, names)

    raw_categories, _ = column("category")
    categories = _unescape_column(raw_categories)

    raw_natures, j_nature = column("nature")
    natures, nature_bad = _natures(raw_natures)
    report(nature_bad, "bad_nature", j_nature, raw_natures)

    raw_efforts, j_effort = column("effort")
    efforts, effort_bad, effort_negative = _efforts(raw_efforts)
    report(effort_bad, "bad_effort", j_effort, raw_efforts)
    report(effort_negative, "negative_effort", j_effort, raw_efforts)

    missing_effort = np.isnan(efforts) & ~effort_bad
    if layout.own:  # the planner's own file says everything: empty means none
        missing_category = missing_nature = np.zeros(n, dtype=bool)
    else:
        missing_category = _text(categories).str.strip().eq("").to_numpy(dtype=bool)
        missing_nature = (natures == "") & ~nature_bad
    for i in np.flatnonzero(missing_category | missing_nature | missing_effort):
        category, nature, effort = _catalogue_defaults(names[i])
        if missing_category[i]:
            categories[i] = category
        if missing_nature[i]:
            natures[i] = nature
        if missing_effort[i]:
            efforts[i] = effort
    efforts[effort_bad | effort_negative] = 0.0
    return pd.DataFrame({"name": names, "category": categories, "nature": natures, "effort": efforts})


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
    texts = _text(raw).str.strip().str.replace(",", ".", regex=False)
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


def _show(value: object) -> str:
    """A cell as quoted in a message: one line, at most 40 characters."""
    text = " ".join(str(value).split()) if str(value).strip() else str(value)
    return text if len(text) <= 40 else text[:39] + "…"
