import dataclasses

import pytest

from raci.analysis.settings import Settings


def test_defaults_are_the_catalogue_thresholds():
    s = Settings()
    assert (s.too_many_responsible, s.responsible_all_min_team) == (3, 3)
    assert (s.consulted_share, s.consulted_min) == (0.5, 3)
    assert (s.informed_min_team, s.silo_min_team) == (4, 3)
    assert (s.bottleneck_min_team, s.over_involved_min_team) == (3, 4)
    assert (s.overload_ratio, s.accountability_share, s.nature_mismatch_share) == (1.5, 0.7, 0.4)
    assert (s.accountable_fraction, s.consulted_fraction, s.informed_fraction) == (0.10, 0.05, 0.02)
    assert (s.error_penalty, s.warning_penalty) == (10, 3)


@pytest.mark.parametrize(
    "change",
    [
        {"consulted_share": 1.5},
        {"informed_fraction": -0.01},
        {"accountability_share": float("nan")},
        {"too_many_responsible": 0},
        {"informed_min_team": 2.5},
        {"overload_ratio": 0.9},
        {"error_penalty": -1},
        {"warning_penalty": True},
        {"consulted_min": "3"},
    ],
)
def test_bad_values_are_refused(change):
    with pytest.raises(ValueError):
        Settings(**change)
    with pytest.raises(ValueError):
        dataclasses.replace(Settings(), **change)


def test_settings_are_frozen_and_round_trip_through_a_dict():
    s = Settings(overload_ratio=2.0, too_many_responsible=4.0)
    assert s.too_many_responsible == 4 and isinstance(s.too_many_responsible, int)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.overload_ratio = 3.0  # type: ignore[misc]
    assert Settings.from_dict(s.to_dict()) == s
    assert Settings.from_dict({"consulted_min": 4}).consulted_min == 4
    with pytest.raises(ValueError, match="overload"):
        Settings.from_dict({"overload": 2})


@pytest.mark.parametrize("lang", ["en", "es"])
def test_describe_lists_every_setting_with_its_value_and_a_translated_explanation(lang):
    s = Settings(consulted_share=0.6)
    described = s.describe(lang)
    assert [d.name for d in described] == [f.name for f in dataclasses.fields(Settings)]
    assert dict((d.name, d.value) for d in described)["consulted_share"] == 0.6
    for d in described:
        assert d.label and not d.label.startswith(("rules.", "workload.")), d
        assert d.explanation and not d.explanation.startswith(("rules.", "workload.")), d
    assert len({d.explanation for d in described}) == len(described)


def test_the_two_languages_differ():
    english = {d.name: d.explanation for d in Settings().describe("en")}
    spanish = {d.name: d.explanation for d in Settings().describe("es")}
    assert all(english[name] != spanish[name] for name in english)
