import numpy as np
import pytest

from raci import letters as L


@pytest.mark.parametrize(
    "text, code",
    [
        ("R", L.R), ("r", L.R), (" A ", L.A), ("c", L.C), ("I", L.I),
        ("A/R", L.AR), ("R/A", L.AR), ("AR", L.AR), ("ra", L.AR), ("A,R", L.AR), ("a r", L.AR),
        ("A+R", L.AR), ("Responsable/Aprobador", L.AR),
        ("Responsible", L.R), ("responsable", L.R), ("Accountable", L.A), ("Aprobador", L.A),
        ("Autoridad", L.A), ("Consulted", L.C), ("Consultado", L.C), ("CONSULTADA", L.C),
        ("Informed", L.I), ("Informado", L.I), ("informada", L.I),
        ("", L.EMPTY), ("  ", L.EMPTY), ("-", L.EMPTY), ("—", L.EMPTY),
    ],
)
def test_parse_letter_reads_every_spelling_of_the_rules_guide(text, code):
    assert L.parse_letter(text) == code


@pytest.mark.parametrize("text", ["X", "S", "RACI", "A/C", "R/R/C", "yes", "1", "A/R/C"])
def test_parse_letter_refuses_what_is_not_a_letter(text):
    with pytest.raises(ValueError):
        L.parse_letter(text)


def test_letter_text_writes_the_canonical_form():
    assert [L.LETTERS[c] for c in range(6)] == ["", "R", "A", "C", "I", "A/R"]


def test_parse_letters_parses_a_whole_matrix_and_marks_bad_cells():
    values = np.array([["r", "A/R", ""], ["x", "Consultado", "ra"]], dtype=object)
    codes, bad = L.parse_letters(values)
    assert codes.tolist() == [[L.R, L.AR, L.EMPTY], [0, L.C, L.AR]]
    assert bad.tolist() == [[False, False, False], [True, False, False]]
    assert codes.dtype == np.int8
