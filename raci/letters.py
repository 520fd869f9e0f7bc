"""RACI letters: their codes, their spellings in the wild, and the one parser.

A cell of the matrix holds one of six values. Inside a plan they are small
integer codes (so that analysis runs on whole arrays at once); in files and on
screen they are the strings of ``LETTERS``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from raci.text import fold

EMPTY, R, A, C, I, AR = 0, 1, 2, 3, 4, 5

#: The written form of each code, indexed by code.
LETTERS: tuple[str, ...] = ("", "R", "A", "C", "I", "A/R")
LETTER_ARRAY = np.array(LETTERS, dtype=object)

#: One colour per letter (Okabe-Ito, safe for the common colour-vision deficiencies), used by the
#: grid, the charts, the workbook and the report alike.
LETTER_COLORS = {"R": "#0072B2", "A": "#D55E00", "A/R": "#CC79A7", "C": "#009E73", "I": "#E69F00", "": "#F2F2F2"}

#: Codes that count as Responsible / Accountable.
RESPONSIBLE_CODES = (R, AR)
ACCOUNTABLE_CODES = (A, AR)

_WORDS = {
    "r": R, "responsible": R, "responsable": R, "resp": R,
    "a": A, "accountable": A, "aprobador": A, "aprobadora": A, "autoridad": A,
    "c": C, "consulted": C, "consultado": C, "consultada": C,
    "i": I, "informed": I, "informado": I, "informada": I,
    "": EMPTY, "-": EMPTY, "–": EMPTY, "—": EMPTY,
}
_SEPARATORS = "/,;+&| "


def text_color(background: str) -> str:
    """'#000000' or '#FFFFFF', whichever has the higher WCAG contrast on ``background`` ('#RRGGBB')."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(background[i:i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def parse_letter(text: str) -> int:
    """Return the code for a cell as people write it, or raise ValueError.

    Accepts the letters in any case, the combined forms A/R, R/A, AR, RA, "A,R",
    "A R", and the English and Spanish words (Responsible/Responsable,
    Accountable/Aprobador/Autoridad, Consulted/Consultado, Informed/Informado),
    also combined ("Responsable/Aprobador"). Empty, '-', '–' and '—' mean no letter.
    """
    folded = fold(text)
    if folded in _WORDS:
        return _WORDS[folded]
    if folded in ("ar", "ra"):
        return AR
    parts = folded
    for sep in _SEPARATORS:
        parts = parts.replace(sep, " ")
    pieces = {_WORDS.get(p) for p in parts.split()}
    if pieces == {A, R}:
        return AR
    raise ValueError(text)


def parse_letters(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Parse an array of cell texts at once.

    Returns ``(codes, bad)``: an int8 array of the same shape, and a boolean array
    marking the cells that are not a letter (their code is 0). Each distinct
    spelling is parsed once, so a 5-million-cell matrix costs one hash pass.
    """
    flat = np.asarray(values, dtype=object).ravel()
    inverse, uniques = pd.factorize(flat, use_na_sentinel=False)
    unique_codes = np.zeros(len(uniques), dtype=np.int8)
    unique_bad = np.zeros(len(uniques), dtype=bool)
    for k, text in enumerate(uniques):
        try:
            unique_codes[k] = parse_letter(str(text))
        except ValueError:
            unique_bad[k] = True
    shape = np.shape(values)
    return unique_codes[inverse].reshape(shape), unique_bad[inverse].reshape(shape)
