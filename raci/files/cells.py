"""Text in spreadsheet cells: what keeps it text, one cell at a time or a whole column at once.

* Formula injection. A cell a spreadsheet would run as a formula (it starts with
  ``= + - @``, a tab or a line break, also after spaces or NBSPs) is written
  with a leading "'" (:func:`escape_cell`) and read without it again
  (:func:`unescape_cell`), in CSV files and workbooks alike.
* Excel's ``_xHHHH_`` escapes (ECMA-376 ST_Xstring), for the characters a
  workbook's XML cannot hold: :func:`encode_text` and :func:`decode_text`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


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


def text_column(values: object) -> pd.Series:
    """Cells as pandas' string dtype, whose .str methods run on whole columns (Arrow)."""
    return pd.Series(values, dtype="str")


def _formula_like(values: pd.Series) -> pd.Series:
    return values.str.lstrip("'").str.lstrip(" \u00a0").str[:1].isin(_FORMULA_TRIGGERS)


def escape_column(values: pd.Series) -> pd.Series:
    """:func:`escape_cell` of every text of a string column, at once."""
    return values.where(~_formula_like(values), "'" + values)


def unescape_column(values: np.ndarray) -> np.ndarray:
    """:func:`unescape_cell` of every text of an array of cells, at once (a new object array)."""
    texts = text_column(values)
    escaped = texts.str.startswith("'") & _formula_like(texts)
    return texts.where(~escaped, texts.str[1:]).to_numpy(dtype=object, copy=True)


# ----- text as Excel stores it (ECMA-376 ST_Xstring) --------------------------------------
_XML_ILLEGAL = "\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"
_ENCODE = re.compile(rf"_(?=x[0-9A-Fa-f]{{4}})|x(?=005F)|[\r{_XML_ILLEGAL}]")
_DECODE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DECODED = frozenset([*range(0x01, 0x20), ord("_"), ord("x"), 0xFFFE, 0xFFFF])


def encode_text(text: str) -> str:
    """``text`` as it goes into the workbook's XML, so that :func:`decode_text` (and Excel) give it back.

    Characters XML cannot hold and "\\r" (which XML turns into "\\n") become
    ``_xHHHH_``; a "_" that starts something that looks like such an escape
    becomes ``_x005f_`` (lower-case hex, which openpyxl's reader leaves alone)
    and the "x" of "x005F" becomes ``_x0078_`` (openpyxl's reader deletes
    every "x005F_"). Everything else is written as it is.
    """
    return _ENCODE.sub(lambda match: f"_x{ord(match.group(0)):04x}_", text)


def decode_text(text: str) -> str:
    """Undo the ``_xHHHH_`` escapes of :func:`encode_text` and of spreadsheets ("\\r" and control characters).

    Only the characters that are ever escaped are decoded: control characters,
    "_", "x", U+FFFE and U+FFFF. So a literal "_x0041_" saved by a spreadsheet
    (which writes "_x005F_x0041_", and openpyxl's reader turns back into
    "_x0041_") stays "_x0041_" instead of becoming "A".
    """
    if "_x" not in text:
        return text

    def character(match: re.Match[str]) -> str:
        code = int(match.group(1), 16)
        return chr(code) if code in _DECODED else match.group(0)

    return _DECODE.sub(character, text)
