"""The documented limits of the file readers and writers, and the one check of each.

Every reader (CSV, workbook, JSON) refuses a file over ``max_bytes``
(:data:`MAX_FILE_BYTES` unless the caller passes another, ``None`` for no limit)
with :func:`check_size`, before anything is parsed. A workbook is a zip: it may
also unpack to at most :data:`UNZIPPED_LIMIT_FACTOR` times ``max_bytes``
(:func:`check_unzipped`) and its sheet may span at most :data:`MAX_GRID_CELLS`
cells (:func:`check_grid`). A cell written to a workbook holds at most
:data:`MAX_CELL_CHARS` characters, Excel's own limit.
"""

from __future__ import annotations

from raci.files.errors import PlanFileError, WorkbookFileError

#: Largest file a reader parses unless the caller passes another ``max_bytes``.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: A workbook may unzip to at most this many times ``max_bytes`` (a zip bomb is refused before parsing).
UNZIPPED_LIMIT_FACTOR = 25
#: Largest sheet, in cells (rows x columns up to the last filled ones), read into a grid.
MAX_GRID_CELLS = 20_000_000
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


def check_unzipped(unzipped: int, max_bytes: int | None) -> None:
    """Refuse a workbook that unpacks to more than :data:`UNZIPPED_LIMIT_FACTOR` x ``max_bytes`` bytes."""
    if max_bytes is not None and unzipped > UNZIPPED_LIMIT_FACTOR * max_bytes:
        raise WorkbookFileError("unzipped_too_large", size=_megabytes(unzipped),
                                limit=_megabytes(UNZIPPED_LIMIT_FACTOR * max_bytes))


def check_grid(rows: int, columns: int) -> None:
    """Refuse a sheet whose filled rows x columns exceed :data:`MAX_GRID_CELLS`."""
    if rows * columns > MAX_GRID_CELLS:
        raise WorkbookFileError("too_many_cells", limit=f"{MAX_GRID_CELLS:,}")
