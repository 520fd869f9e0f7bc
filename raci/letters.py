"""RACI letters: their codes, their spellings in the wild, and the one parser.

A cell of the matrix holds one of six values. Inside a plan they are small
integer codes (so that analysis runs on whole arrays at once); in files and on
screen they are the strings of ``LETTERS``.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

EMPTY, R, A, C, I, AR = 0, 1, 2, 3, 4, 5

#: The written form of each code, indexed by code.
LETTERS: tuple[str, ...] = ("", "R", "A", "C", "I", "A/R")
LETTER_ARRAY = np.array(LETTERS, dtype=object)

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


def _fold(text: str) -> str:
    """Lower-case, strip accents and outer space: 'Aprobador ' -> 'aprobador'."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def parse_letter(text: str) -> int:
    """Return the code for a cell as people write it, or raise ValueError.

    Accepts the letters in any case, the combined forms A/R, R/A, AR, RA, "A,R",
    "A R", and the English and Spanish words (Responsible/Responsable,
    Accountable/Aprobador/Autoridad, Consulted/Consultado, Informed/Informado),
    also combined ("Responsable/Aprobador"). Empty, '-', '–' and '—' mean no letter.
    """
    folded = _fold(text)
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


def letter_text(code: int) -> str:
    """The written form of a code ('' for no letter)."""
    return LETTERS[code]


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
