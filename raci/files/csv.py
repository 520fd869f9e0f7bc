"""Plan files in CSV: the planner's one CSV reader and writer.

Writing (:func:`write_csv`) produces the *planner layout*, one row per task and
one column per role::

    task,category,nature,effort_hours,SMM,CM
    Planificar la estrategia de contenido,Planificación,strategic,8,A/R,C

UTF-8 with a BOM (so that Excel does not read it in the PC's ANSI code page),
CRLF line ends, cells quoted only when they must be. With ``delimiter=";"``
efforts get a decimal comma ("12,5"), as Spanish Excel expects. A text cell
that a spreadsheet would run as a formula gets a leading "'"
(:func:`raci.files.cells.escape_cell`), which reading removes again.

Reading (:func:`read_csv`) takes what spreadsheets really produce: UTF-8 with
or without BOM, UTF-16, cp1252; ``,`` ``;`` tab or ``|``; any line ending;
blank lines above the header. The grid of cells is then read by
:func:`raci.files.grid.plan_from_grid`: headers in English or Spanish, letters
in any spelling, the "long" layout, and the rules that keep a round trip exact
are described there. It returns a whole plan or raises
:class:`~raci.files.errors.PlanFileError` naming the row and the column, never half a plan.

What a file carries, and so what a round trip keeps: task names, categories,
natures, efforts and letters exactly; of each role only its short name (read
back as :func:`raci.files.grid.default_role` of it).
"""

from __future__ import annotations

import codecs
import csv
import io
import operator
import re

import numpy as np
import pandas as pd

from raci import letters as L
from raci.files.cells import escape_cell, escape_column, text_column
from raci.files.errors import PlanFileError
from raci.files.grid import is_task_header, plan_from_grid
from raci.files.layout import is_planner_header, nature_words, planner_header
from raci.files.limits import MAX_FILE_BYTES, MAX_ROWS, check_columns, check_grid_estimate, check_rows, check_size
from raci.model import Plan

# PlanFileError and MAX_FILE_BYTES are also importable from here, as callers did before the split.
__all__ = ["DELIMITERS", "MAX_FILE_BYTES", "PlanFileError", "detect_delimiter", "read_csv", "write_csv"]

#: The column separators read and written.
DELIMITERS = (",", ";", "\t", "|")

_SAMPLE_CHARS = 64 * 1024
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANK_LINES = re.compile(r"(?:[ \t\u00a0,;|]*(?:\r\n|\r|\n))*")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


# ----- writing ----------------------------------------------------------------
def write_csv(plan: Plan, delimiter: str = ",", lang: str = "en") -> bytes:
    """The plan as a CSV file in the planner layout (see the module docstring), headers and natures in ``lang``.

    Vectorised over whole columns: 100,000 tasks x 50 roles take a fraction of a second.
    """
    _check_delimiter(delimiter)
    tasks = plan.tasks.reset_index(drop=True)
    headers = (*planner_header(lang), *map(escape_cell, plan.role_names))
    header = delimiter.join(_quote_text(text, delimiter) for text in headers)
    effort = (tasks["effort"].astype("float64") + 0.0).astype(str).str.removesuffix(".0")  # + 0.0: no "-0"
    if delimiter == ";":
        effort = effort.str.replace(".", ",", regex=False)
    fixed = (
        _quote_column(escape_column(text_column(tasks["name"])), delimiter) + delimiter
        + _quote_column(escape_column(text_column(tasks["category"])), delimiter) + delimiter
        + text_column(tasks["nature"]).replace(nature_words(lang)) + delimiter
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
    check_size(data, max_bytes)
    if delimiter is not None:
        _check_delimiter(delimiter)
    text = _decode(data)
    if not text.strip():
        raise PlanFileError("empty")
    delimiter = delimiter or detect_delimiter(text)
    text, skipped = _skip_blank_lines(text)
    if not text:
        raise PlanFileError("empty")
    _check_shape(text, delimiter, skipped + 1)
    grid = _parse(text, delimiter, skipped)
    check_rows(len(grid), skipped + 1)
    return plan_from_grid(grid, header_row=skipped + 1)


def _check_shape(text: str, delimiter: str, header_row: int) -> None:
    """Refuse, before the file is parsed, a header of too many columns or a grid too large to build.

    Short rows are padded to the header's width, so the grid is about header
    cells x lines (quoted line breaks make that an over-estimate).
    """
    try:
        header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return  # the parser says what is wrong, and where
    check_columns(len(header), header_row)
    lines = text.count("\n") if "\n" in text else text.count("\r")
    check_grid_estimate(min(lines + 1, MAX_ROWS + 1), len(header))


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
            is_planner_header(header),
            any(is_task_header(cell) for cell in header),
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
            nrows=MAX_ROWS + 1,  # one more than read: check_rows then names the first row beyond
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
