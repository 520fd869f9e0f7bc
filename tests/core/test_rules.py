import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from raci import letters as L
from raci.analysis.rules import RULES, Finding, check, count_by_severity, health_score, severity_name
from raci.analysis.settings import Settings
from raci.model import Plan, Role, Task
from raci.seed import seed_plan
from raci.team import Person

PEOPLE = ("Ana", "Ben", "Cris", "Dani", "Eva", "Fer", "Gil")
DEFAULTS = Settings()


def plan_of(rows, *, roles=None, natures=None, efforts=None, names=None):
    """A plan from rows of written letters; roles default to Ana, Ben... with profile 'other'."""
    width = len(rows[0]) if rows else len(roles)
    roles = roles or [Role(PEOPLE[k]) for k in range(width)]
    tasks = [
        Task(
            names[i] if names else f"Task {i + 1}",
            "",
            natures[i] if natures else "",
            efforts[i] if efforts else 1.0,
        )
        for i in range(len(rows))
    ]
    return Plan.create(tasks, roles, rows)


def fired(plan, rule, settings=DEFAULTS):
    """Where ``rule`` fires: task indexes for task rules, role names for role rules."""
    return [f.task_index if f.role is None else f.role for f in check(plan, settings) if f.rule == rule]


def only(plan, rule, settings=DEFAULTS):
    found = [f for f in check(plan, settings) if f.rule == rule]
    assert len(found) == 1, found
    return found[0]


# ----- per task -------------------------------------------------------------------
def test_no_accountable_fires_on_a_task_without_a_and_not_when_a_r_is_there():
    plan = plan_of([["R", "I"], ["A/R", "I"], ["R", "A"]])
    assert fired(plan, "no-accountable") == [0]


def test_multiple_accountable_names_every_accountable_role():
    plan = plan_of([["A", "A/R", "C"], ["A/R", "R", "C"]])
    finding = only(plan, "multiple-accountable")
    assert finding.task_index == 0 and finding.severity == "error"
    assert finding.params["roles"] == ("Ana", "Ben") and finding.params["count"] == 2
    assert finding.message("en") == "'Task 1' has 2 Accountable roles (Ana, Ben): keep one A."
    assert finding.message("es") == "'Task 1' tiene 2 roles Aprobadores (Ana, Ben): deja un solo A."


def test_no_responsible_fires_when_nobody_does_the_work():
    plan = plan_of([["A", "I"], ["A", "R"], ["A/R", "C"]])
    assert fired(plan, "no-responsible") == [0]


def test_an_empty_row_is_unassigned_instead_of_missing_a_and_r():
    plan = plan_of([["", ""], ["I", ""]])
    rules = [(f.rule, f.task_index) for f in check(plan)]
    assert ("unassigned-task", 0) in rules
    assert ("no-accountable", 0) not in rules and ("no-responsible", 0) not in rules
    assert ("unassigned-task", 1) not in rules
    assert ("no-accountable", 1) in rules and ("no-responsible", 1) in rules


def test_too_many_responsible_fires_above_the_limit_not_at_it():
    three = ["A/R", "R", "R", "", "", ""]
    four = ["A/R", "R", "R", "R", "", ""]
    plan = plan_of([three, four])
    finding = only(plan, "too-many-responsible")
    assert finding.task_index == 1 and finding.severity == "warning"
    assert finding.params == {"variant": "limit", "count": 4, "limit": 3}
    assert "4" in finding.message("en") and "3" in finding.message("en")


def test_every_role_responsible_fires_from_a_team_of_three():
    assert fired(plan_of([["A/R", "R", "R"]]), "too-many-responsible") == [0]
    assert only(plan_of([["A/R", "R", "R"]]), "too-many-responsible").params["variant"] == "all"
    assert fired(plan_of([["A/R", "R"]]), "too-many-responsible") == []


def test_raising_the_responsible_limit_silences_four_responsible():
    plan = plan_of([["A/R", "R", "R", "R", "", ""]])
    assert fired(plan, "too-many-responsible", Settings(too_many_responsible=4)) == []
    assert fired(plan, "too-many-responsible", Settings(too_many_responsible=3)) == [0]


def test_too_many_consulted_needs_more_than_half_and_at_least_three():
    half = ["A/R", "C", "C", "C", "", ""]  # 3 of 6: exactly half
    more = ["A/R", "C", "C", "C", "C", ""]  # 4 of 6
    assert fired(plan_of([half, more]), "too-many-consulted") == [1]
    # Two of three is more than half, but fewer than three Consulted.
    assert fired(plan_of([["A/R", "C", "C"]]), "too-many-consulted") == []
    assert fired(plan_of([["A/R", "C", "C", "C"]]), "too-many-consulted") == [0]
    finding = only(plan_of([half, more]), "too-many-consulted")
    assert finding.params == {"count": 4, "team": 6}


def test_consulted_thresholds_are_settings():
    plan = plan_of([["A/R", "C", "C", "C", "", ""]])
    assert fired(plan, "too-many-consulted", Settings(consulted_share=0.4)) == [0]
    assert fired(plan_of([["A/R", "C", "C"]]), "too-many-consulted", Settings(consulted_min=2)) == [0]


def test_too_many_informed_when_every_other_role_is_informed_in_a_team_of_four():
    plan = plan_of([["A/R", "I", "I", "I"], ["A/R", "I", "I", "C"], ["A/R", "I", "I", ""], ["I", "I", "I", "I"]])
    assert fired(plan, "too-many-informed") == [0]
    assert only(plan, "too-many-informed").severity == "info"
    assert fired(plan_of([["A/R", "I", "I"]]), "too-many-informed") == []
    assert fired(plan_of([["A/R", "I", "I"]]), "too-many-informed", Settings(informed_min_team=3)) == [0]


def test_no_consulted_informed_flags_a_possible_silo_from_a_team_of_three():
    plan = plan_of([["A/R", "", ""], ["A/R", "I", ""], ["A/R", "R", "R"]])
    assert fired(plan, "no-consulted-informed") == [0]  # the last one involves every role
    assert fired(plan_of([["A/R", ""]]), "no-consulted-informed") == []


# ----- per role ---------------------------------------------------------------------
def test_idle_role_has_no_r_a_or_a_r():
    plan = plan_of([["A/R", "C", "I"], ["R", "I", "A"]])
    assert fired(plan, "idle-role") == ["Ben"]


def test_overloaded_role_compares_with_the_team_mean():
    # Loads: Ana 1.1 x effort, Ben and Cris 11 h; Ana fires when 1.1e > 1.5 x mean, i.e. e > 20.
    def team(effort):
        return plan_of(
            [["A/R", "I", ""], ["", "A/R", ""], ["", "", "A/R"]],
            efforts=[effort, 10.0, 10.0],
        )

    assert fired(team(19.0), "overloaded-role") == []
    finding = only(team(21.0), "overloaded-role")
    assert finding.role == "Ana" and finding.params["variant"] == "mean"
    assert finding.params["load"] == pytest.approx(23.1 + 0.0)
    assert fired(team(21.0), "overloaded-role", Settings(overload_ratio=2.0)) == []


def test_a_known_capacity_moves_the_role_from_overloaded_role_to_over_capacity():
    # The capacity variant of overloaded-role became the over-capacity rule (issue 11).
    def team(capacity):
        roles = [Role("Ana", capacity=capacity), Role("Ben")]
        return plan_of([["A/R", ""], ["", "A/R"]], roles=roles, efforts=[10.0, 10.0])

    assert fired(team(12.0), "over-capacity") == []
    assert fired(team(10.5), "overloaded-role") == []
    finding = only(team(10.5), "over-capacity")
    assert finding.role == "Ana" and finding.params == {
        "variant": "role", "load": 11.0, "capacity": 10.5, "share": pytest.approx(11.0 / 10.5)}
    assert finding.message("en") == (
        "Ana: 11.0 h of 10.5 h (105%): move some of its R to other roles, or add people to it."
    )
    assert finding.message("es").startswith("Ana: 11,0 h de 10,5 h (105 %)")


def test_a_role_with_a_capacity_is_measured_against_it_only_not_against_the_mean():
    # A CM at 96 of 100 h beside a 10 h designer: far above the mean, but within capacity.
    roles = [Role("CM", capacity=100.0), Role("Design"), Role("Design 2", capacity=8.0)]
    plan = plan_of([["A/R", "", ""], ["", "A/R", ""], ["", "", "A/R"]], roles=roles, efforts=[87.0, 10.0, 9.0])
    assert fired(plan, "overloaded-role") == []
    assert fired(plan, "over-capacity") == ["Design 2"]
    uncapped = plan_of([["A/R", ""], ["", "A/R"]], roles=[Role("CM"), Role("Design")], efforts=[96.0, 10.0])
    assert [f.role for f in check(uncapped) if f.rule == "overloaded-role"] == ["CM"]  # no capacity: the mean


def test_accountability_bottleneck_above_the_share_in_a_team_of_three():
    def team(accountable_tasks, width=3):
        rows = [
            ["A/R"] + ["I"] * (width - 1) if i < accountable_tasks else ["I", "A/R"] + ["I"] * (width - 2)
            for i in range(10)
        ]
        return plan_of(rows)

    assert fired(team(7), "accountability-bottleneck") == []  # exactly 70 %
    finding = only(team(8), "accountability-bottleneck")
    assert finding.role == "Ana" and finding.params == {"count": 8, "total": 10, "share": 0.8}
    assert "80%" in finding.message("en") and "80 %" in finding.message("es")
    assert fired(team(10, width=2), "accountability-bottleneck") == []
    assert fired(team(7), "accountability-bottleneck", Settings(accountability_share=0.6)) == ["Ana"]


def test_over_involved_in_a_team_of_four_with_r_a_or_c_everywhere():
    rows = [["A/R", "C", "I", "I"], ["C", "A/R", "I", "I"], ["R", "I", "A/R", "I"]]
    assert fired(plan_of(rows), "over-involved") == ["Ana"]
    assert fired(plan_of([row[:3] for row in rows]), "over-involved") == []
    rows[2][0] = "I"
    assert fired(plan_of(rows), "over-involved") == []


def test_nature_mismatch_for_a_strategic_role_on_operational_work():
    roles = [Role("SMM", profile="strategic"), Role("CM", profile="operational"), Role("PM", profile="other")]

    def team(operational_hours):
        return plan_of(
            [["A/R", "I", "A/R"], ["A/R", "I", "A/R"], ["I", "A/R", ""]],
            roles=roles,
            natures=["strategic", "operational", "operational"],
            efforts=[6.0, operational_hours, 10.0],
        )

    # SMM shares its two tasks with PM: strategic 3 + 0.6 = 3.6 h; operational
    # h / 2 + 10 % of h, plus 0.2 h informed on the CM's task. 3 h: 2.0 / 5.6 = 36 %.
    assert fired(team(3.0), "nature-mismatch") == []
    finding = only(team(5.0), "nature-mismatch")
    assert finding.role == "SMM" and finding.params["variant"] == "strategic"
    assert finding.message("en").startswith("SMM has a strategic profile but spends 47% of its load")
    assert "47 %" in finding.message("es")  # 3.2 / 6.8 h
    # PM, profile 'other', never fires, though 3.0 of its 6.6 h are operational.


def test_nature_mismatch_for_an_operational_role_on_strategic_work_ignores_unclassified_tasks():
    roles = [Role("CM", profile="operational")]
    natures = ["operational", "strategic", ""]
    plan = plan_of([["A/R"], ["A/R"], ["A/R"]], roles=roles, natures=natures, efforts=[5, 5, 100])
    finding = only(plan, "nature-mismatch")
    assert finding.params["variant"] == "operational" and finding.params["share"] == pytest.approx(0.5)
    assert fired(plan, "nature-mismatch", Settings(nature_mismatch_share=0.5)) == []


# ----- whole plan -------------------------------------------------------------------
def test_duplicate_tasks_after_trimming_and_case_folding():
    names = ["Post", " post ", "Posts", "Análisis", "Analisis"]
    plan = plan_of([["A/R", "I"]] * 5, names=names)
    found = [f for f in check(plan) if f.rule == "duplicate-task"]
    assert [f.task_index for f in found] == [0, 1]
    assert found[0].params == {"count": 2, "tasks": (0, 1)}
    assert found[1].message("en") == "' post ' appears 2 times in the plan: merge the repeats or rename them."


def test_duplicate_roles_differing_only_in_case_or_spaces():
    roles = [Role("SMM"), Role("CM"), Role("smm ")]
    found = [f for f in check(plan_of([["A/R", "I", "C"]], roles=roles)) if f.rule == "duplicate-role"]
    assert [(f.role, f.params["others"]) for f in found] == [("SMM", ("smm ",)), ("smm ", ("SMM",))]
    assert "SMM" in found[0].message("es") and "smm" in found[0].message("es")


@pytest.mark.parametrize(
    "plan, variant",
    [
        (Plan.create([], [Role("Ana")]), "no_tasks"),
        (Plan.create([Task("Post")], []), "no_roles"),
        (Plan.create([], []), "no_tasks_roles"),
    ],
)
def test_an_empty_plan_is_one_error_and_nothing_else(plan, variant):
    assert check(plan) == [Finding("empty-plan", "error", params={"variant": variant})]
    assert "plan" in check(plan)[0].message("en").lower()


# ----- messages, order, score -------------------------------------------------------
def one_case_per_rule():
    """A minimal plan on which each rule fires (task or role named in the sentence)."""
    strategic = [Role("SMM", profile="strategic"), Role("CM", profile="operational")]
    return {
        "empty-plan": Plan.create([], [Role("Ana")]),
        "duplicate-task": plan_of([["A/R", "I"], ["A/R", "I"]], names=["Post", "post"]),
        "duplicate-role": plan_of([["A/R", "I"]], roles=[Role("SMM"), Role("smm")]),
        "unassigned-task": plan_of([["", ""]]),
        "no-accountable": plan_of([["R", "I"]]),
        "multiple-accountable": plan_of([["A/R", "A"]]),
        "no-responsible": plan_of([["A", "I"]]),
        "too-many-responsible": plan_of([["A/R", "R", "R", "R", "I"]]),
        "too-many-consulted": plan_of([["A/R", "C", "C", "C"]]),
        "too-many-informed": plan_of([["A/R", "I", "I", "I"]]),
        "no-consulted-informed": plan_of([["A/R", "", ""]]),
        "idle-role": plan_of([["A/R", "I"]]),
        "overloaded-role": plan_of([["A/R", ""], ["", "A/R"]], efforts=[40, 1]),
        "accountability-bottleneck": plan_of([["A/R", "I", "I"]]),
        "over-involved": plan_of([["A/R", "C", "I", "I"]]),
        "nature-mismatch": plan_of([["A/R", "I"]], roles=strategic, natures=["operational"]),
        "over-capacity": plan_of([["A/R", ""]], roles=[Role("Ana", capacity=0.5), Role("Ben")]),
        "under-used": plan_of([["A/R", ""]], roles=[Role("Ana", capacity=100.0), Role("Ben")]),
        "person-overbooked": plan_of([["A/R", "I"]]).add_person(Person("Pablo", 140, {"Ana": 1.0, "Ben": 0.5})),
    }


def test_every_rule_of_the_catalogue_has_a_case_and_texts_in_both_languages():
    assert set(one_case_per_rule()) == set(RULES)
    for rule in RULES.values():
        for lang in ("en", "es"):
            assert not rule.title(lang).startswith("rules."), (rule.id, lang)
            assert not rule.description(lang).startswith("rules."), (rule.id, lang)
    assert [severity_name(s, "es") for s in ("error", "warning", "info")] == ["Error", "Aviso", "Nota"]


@pytest.mark.parametrize("rule", list(RULES))
def test_each_message_names_its_task_or_role_in_both_languages(rule):
    finding = next(f for f in check(one_case_per_rule()[rule]) if f.rule == rule)
    assert finding.severity == RULES[rule].severity
    english, spanish = finding.message("en"), finding.message("es")
    assert english != spanish
    for text in (english, spanish):
        assert "{" not in text and "rules." not in text
        if finding.task is not None:
            assert f"'{finding.task}'" in text
        if finding.role is not None:
            assert finding.role in text
        if finding.person is not None:
            assert finding.person in text
    json.dumps(finding.to_dict("es"))  # JSON-ready, sentence included


def test_findings_are_ordered_by_severity_then_task_then_role():
    rows = [
        ["A/R", "C", "C", "C", "C", ""],  # task 0: too-many-consulted (warning)
        ["I", "I", "I", "I", "I", "I"],  # task 1: no-accountable, no-responsible (errors)
        ["A/R", "R", "R", "R", "A", "C"],  # task 2: multiple-accountable (error), too-many-responsible
        ["A/R", "I", "I", "I", "I", "I"],  # task 3: too-many-informed (info)
    ]  # Ana: A on 3 of 4 tasks and most of the hours; Fer: never R nor A.
    found = [(f.severity, f.rule, f.task_index, f.role) for f in check(plan_of(rows))]
    assert found == [
        ("error", "no-accountable", 1, None),
        ("error", "no-responsible", 1, None),
        ("error", "multiple-accountable", 2, None),
        ("warning", "too-many-consulted", 0, None),
        ("warning", "too-many-responsible", 2, None),
        ("warning", "overloaded-role", None, "Ana"),
        ("warning", "accountability-bottleneck", None, "Ana"),
        ("warning", "idle-role", None, "Fer"),
        ("info", "too-many-informed", 3, None),
    ]


def test_health_score_takes_points_per_error_and_warning_but_not_info():
    def findings(errors, warnings, infos):
        return (
            [Finding("no-accountable", "error")] * errors
            + [Finding("idle-role", "warning")] * warnings
            + [Finding("over-involved", "info")] * infos
        )

    assert health_score([]) == 100
    assert health_score(findings(2, 3, 10)) == 100 - 20 - 9
    assert health_score(findings(11, 0, 0)) == 0  # never below 0
    assert health_score(findings(1, 1, 0), Settings(error_penalty=25, warning_penalty=0)) == 75
    assert count_by_severity(findings(1, 2, 3)) == {"error": 1, "warning": 2, "info": 3}


# ----- the seeded plan --------------------------------------------------------------
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_seeded_plan_has_no_error_nor_warning(lang):
    findings = check(seed_plan(lang))
    assert [f for f in findings if f.severity in ("error", "warning")] == []
    assert health_score(findings) == 100


# ----- the vectorised rules agree with a plain reading of the catalogue ------------
def reference_task_rules(cells: np.ndarray, s: Settings) -> set[tuple[str, int]]:
    """The per-task rules written task by task, cell by cell, as a person reads them."""
    found = set()
    n = cells.shape[1]
    for i, row in enumerate(cells.tolist()):
        a = sum(c in (L.A, L.AR) for c in row)
        r = sum(c in (L.R, L.AR) for c in row)
        c_ = row.count(L.C)
        i_ = row.count(L.I)
        holders = a + r - row.count(L.AR)
        if all(c == L.EMPTY for c in row):
            found.add(("unassigned-task", i))
        else:
            if a == 0:
                found.add(("no-accountable", i))
            if r == 0:
                found.add(("no-responsible", i))
        if a > 1:
            found.add(("multiple-accountable", i))
        if r > s.too_many_responsible or (n >= s.responsible_all_min_team and r == n):
            found.add(("too-many-responsible", i))
        if c_ > s.consulted_share * n and c_ >= s.consulted_min:
            found.add(("too-many-consulted", i))
        others = [c for c in row if c not in (L.R, L.A, L.AR)]
        if n >= s.informed_min_team and holders and others and all(c == L.I for c in others):
            found.add(("too-many-informed", i))
        if n >= s.silo_min_team and holders and c_ == 0 and i_ == 0 and L.EMPTY in row:
            found.add(("no-consulted-informed", i))
    return found


def reference_role_rules(cells: np.ndarray, s: Settings, roles: list[str]) -> set[tuple[str, str]]:
    """The per-role rules that count letters, written role by role."""
    found = set()
    n_tasks, n = cells.shape
    for k, column in enumerate(cells.T.tolist()):
        if not any(c in (L.R, L.A, L.AR) for c in column):
            found.add(("idle-role", roles[k]))
        accountable = sum(c in (L.A, L.AR) for c in column)
        if n >= s.bottleneck_min_team and accountable / n_tasks > s.accountability_share:
            found.add(("accountability-bottleneck", roles[k]))
        if n >= s.over_involved_min_team and all(c in (L.R, L.A, L.AR, L.C) for c in column):
            found.add(("over-involved", roles[k]))
    return found


@hypothesis_settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 7).flatmap(
        lambda width: st.lists(st.lists(st.integers(0, 5), min_size=width, max_size=width), min_size=1, max_size=12)
    )
)
def test_letter_rules_match_a_task_by_task_and_role_by_role_reading(rows):
    cells = np.array(rows, dtype=np.int8)
    tasks = pd.DataFrame({"name": [f"T{i}" for i in range(len(rows))], "category": "", "nature": "", "effort": 1.0})
    roles = list(PEOPLE[: cells.shape[1]])
    findings = check(Plan.from_columns(tasks, [Role(r) for r in roles], cells))
    task_rules = {rule for rule, r in RULES.items() if r.scope == "task"} - {"duplicate-task"}
    role_rules = {"idle-role", "accountability-bottleneck", "over-involved"}
    assert {(f.rule, f.task_index) for f in findings if f.rule in task_rules} == reference_task_rules(cells, Settings())
    assert {(f.rule, f.role) for f in findings if f.rule in role_rules} == reference_role_rules(
        cells, Settings(), roles
    )


def test_findings_name_a_seeded_task_in_the_message_language():
    from raci.seed import seed_plan

    plan = seed_plan("es").set_letter(0, "CM", "A")  # two Accountable roles on the first task
    finding = next(f for f in check(plan) if f.rule == "multiple-accountable")
    assert finding.task == "Seleccionar plataformas de redes sociales"
    assert "'Select social media platforms'" in finding.message("en")
    assert "'Seleccionar plataformas de redes sociales'" in finding.message("es")


def test_names_differing_only_by_invisible_characters_are_duplicates():
    plan = plan_of([["A/R", "I"]] * 3, names=["Post", "Po\u200dst", "\u200fpost"])
    assert [f.task_index for f in check(plan) if f.rule == "duplicate-task"] == [0, 1, 2]
    roles = [Role("CM"), Role("C\u200cM"), Role("SMM")]
    found = [f for f in check(plan_of([["A/R", "I", "C"]], roles=roles)) if f.rule == "duplicate-role"]
    assert [f.role for f in found] == ["CM", "C\u200cM"]
