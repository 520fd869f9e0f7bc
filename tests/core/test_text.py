import pytest

from raci.text import clip, file_stem, fold, hidden_character, printable


@pytest.mark.parametrize("name, stem", [
    ("Marca B", "marca-b"),
    ("  Campaña de Navidad (2027) ", "campana-de-navidad-2027"),
    ("Équipe / Été — Q3", "equipe-ete-q3"),
    ("../../etc/passwd", "etc-passwd"),
    ("CON", "con"),
    ("شبكات التواصل", "شبكات-التواصل"),
    ("x" * 200, "x" * 60),
])
def test_a_plans_name_becomes_a_safe_file_stem(name, stem):
    assert file_stem(name) == stem


@pytest.mark.parametrize("name", ["", "   ", "🚀🚀", "...", "\u200d"])
def test_a_name_with_nothing_to_keep_gives_the_fallback(name):
    assert file_stem(name, "plan-raci") == "plan-raci"


def test_hidden_characters_are_found_and_shown_never_printed():
    assert hidden_character("ok") is None
    assert hidden_character("a\u202eb\u200bc") == "U+202E"
    assert printable("a\u202eb") == "a<U+202E>b" and clip("\u2066x") == "<U+2066>x"


def test_fold_ignores_invisible_characters():
    assert fold("Po\u200dst\u200f") == fold("post")
