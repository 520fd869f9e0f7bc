"""The documented limits of the file readers and writers, and the one check of each.

Every reader (CSV, workbook, JSON) refuses a file over ``max_bytes``
(:data:`MAX_FILE_BYTES` unless the caller passes another, ``None`` for no limit)
with :func:`check_size`, before anything is parsed. A grid of cells (a CSV file,
a sheet) has at most :data:`MAX_ROWS` rows and :data:`MAX_COLUMNS` columns and
spans at most :data:`MAX_GRID_CELLS` cells (:func:`check_rows`,
:func:`check_columns`, :func:`check_grid`), checked before it is parsed. A
workbook is a zip: it may also unpack to at most :data:`UNZIPPED_LIMIT_FACTOR`
times ``max_bytes`` and never more than :data:`MAX_UNZIPPED_BYTES`, even when
``max_bytes`` is ``None`` (:func:`check_unzipped`), and hold at most
:data:`MAX_SHARED_STRINGS` shared strings. A cell written to a workbook holds at
most :data:`MAX_CELL_CHARS` characters, Excel's own limit.

What a plan itself may hold (tasks, roles, characters, hours) is the model's:
:mod:`raci.limits`.
"""

from __future__ import annotations

from raci.files.errors import PlanFileError, WorkbookFileError

#: Largest file a reader parses unless the caller passes another ``max_bytes``.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: A workbook may unzip to at most this many times ``max_bytes`` (a zip bomb is refused before parsing).
UNZIPPED_LIMIT_FACTOR = 25
#: ...and never more than this many bytes, whatever ``max_bytes`` is (``None`` included).
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
#: Largest grid, in cells (rows x columns up to the last filled ones), read from a file or a sheet.
MAX_GRID_CELLS = 10_000_000
#: Most rows of a file or a sheet read, the header and blank rows included.
MAX_ROWS = 200_000
#: Most columns of a file or a sheet read (Excel's own limit, XFD).
MAX_COLUMNS = 16_384
#: Most shared strings (distinct texts) of a workbook.
MAX_SHARED_STRINGS = 1_000_000
#: Excel's limit on the characters of one cell.
MAX_CELL_CHARS = 32_767


def _megabytes(size: int) -> str:
    """A size in bytes as the messages give it: megabytes with one decimal, none when whole ("5", "5.1")."""
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


def check_size(data: bytes | bytearray | memoryview | str, max_bytes: int | None) -> None:
    """Refuse a file larger than ``max_bytes`` (``None``: no limit) with PlanFileError "too_large".

    The file's bytes, or a text already decoded, which counts by its UTF-8 bytes.
    """
    if max_bytes is None:
        return
    size = len(data.encode("utf-8", errors="surrogatepass")) if isinstance(data, str) else len(data)
    if size > max_bytes:
        raise PlanFileError("too_large", size=_megabytes(size), limit=_megabytes(max_bytes))


def unzipped_limit(max_bytes: int | None) -> int:
    """The most bytes a workbook may unpack to: :data:`UNZIPPED_LIMIT_FACTOR` x ``max_bytes``, at most 512 MB."""
    if max_bytes is None:
        return MAX_UNZIPPED_BYTES
    return min(UNZIPPED_LIMIT_FACTOR * max_bytes, MAX_UNZIPPED_BYTES)


def check_unzipped(unzipped: int, max_bytes: int | None) -> None:
    """Refuse a workbook that unpacks to more than :func:`unzipped_limit` bytes."""
    limit = unzipped_limit(max_bytes)
    if unzipped > limit:
        raise WorkbookFileError("unzipped_too_large", size=_megabytes(unzipped), limit=_megabytes(limit))


def check_grid(rows: int, columns: int) -> None:
    """Refuse a sheet whose filled rows x columns exceed :data:`MAX_GRID_CELLS`."""
    if rows * columns > MAX_GRID_CELLS:
        raise WorkbookFileError("too_many_cells", limit=f"{MAX_GRID_CELLS:,}")


def check_rows(rows: int, first_row: int = 1) -> None:
    """Refuse a file or sheet of more than :data:`MAX_ROWS` rows (``first_row``: the file's row of the first one).

    ``rows`` may be a count that stopped early: the message names the first row beyond the limit.
    """
    if rows > MAX_ROWS:
        raise PlanFileError("too_many_rows", row=first_row + MAX_ROWS, limit=MAX_ROWS)


def check_columns(columns: int, row: int = 1) -> None:
    """Refuse a file or sheet of more than :data:`MAX_COLUMNS` columns (``row``: the header's row)."""
    if columns > MAX_COLUMNS:
        raise PlanFileError("too_many_columns", row=row, limit=MAX_COLUMNS, found=columns)


def check_shared_strings(count: int) -> None:
    """Refuse a workbook of more than :data:`MAX_SHARED_STRINGS` shared strings (a count that may stop early)."""
    if count > MAX_SHARED_STRINGS:
        raise WorkbookFileError("too_many_shared_strings", limit=MAX_SHARED_STRINGS)


def check_grid_estimate(rows: int, columns: int) -> None:
    """Refuse a CSV file whose grid (about ``rows`` lines x ``columns`` header cells) would exceed
    :data:`MAX_GRID_CELLS`: short rows are padded to the header's width."""
    if rows * columns > MAX_GRID_CELLS:
        raise PlanFileError("grid_too_large", limit=MAX_GRID_CELLS, found=rows * columns, rows=rows,
                            columns=columns)
