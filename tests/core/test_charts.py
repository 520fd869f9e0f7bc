import re

import numpy as np
import pytest

from raci import letters as L
from raci.analysis.rules import check, health_score
from raci.analysis.summary import key_figures
from raci.analysis.workload import workload
from raci.letters import LETTER_COLORS
from raci.model import Plan, Role, Task
from raci.output.charts import FIGURES, HEATMAP_MAX_TASKS, NATURE_COLORS, role_colors
from raci.seed import seed_plan


@pytest.mark.parametrize("lang, title", [("es", "Carga de trabajo por rol"), ("en", "Workload per role")])
def test_every_chart_builds_in_both_languages(lang, title):
    plan = seed_plan(lang)
    figures = {kind: make(plan, workload(plan), lang) for kind, make in FIGURES.items()}
    assert set(figures) == {"workload", "split", "category", "heatmap", "utilisation"}
    assert figures["workload"].layout.title.text.startswith(title)
    for figure in figures.values():
        assert figure.layout.font.size >= 18  # readable on a projector


def test_letter_colours_are_the_same_in_every_chart():
    plan = seed_plan("en")
    bars = FIGURES["workload"](plan, workload(plan), "en")
    assert [trace.marker.color for trace in bars.data[:4]] == [LETTER_COLORS[x] for x in "RACI"]
    heat = FIGURES["heatmap"](plan, workload(plan), "en").data[0]
    colours = {LETTER_COLORS[L.LETTERS[code]] for code in np.unique(plan.cells)}
    assert colours <= {color for _, color in heat.colorscale}


def test_the_workload_chart_marks_each_known_capacity():
    plan = seed_plan("es")
    assert not [t for t in FIGURES["workload"](plan, workload(plan), "es").data if t.name == "Capacidad"]
    plan = plan.update_role("CM", capacity=80.0)
    marks = [t for t in FIGURES["workload"](plan, workload(plan), "es").data if t.name == "Capacidad"]
    assert len(marks) == 1 and list(marks[0].x) == ["CM"] and list(marks[0].y) == [80.0]
    assert marks[0].customdata[0] == "80,0 h"


def test_split_shows_hours_and_shares_per_nature():
    plan = seed_plan("es")
    split = FIGURES["split"](plan, workload(plan), "es")
    names = [trace.name for trace in split.data]
    assert names == ["Estratégica", "Operativa"]
    assert [trace.marker.color for trace in split.data] == [NATURE_COLORS["strategic"], NATURE_COLORS["operational"]]
    assert split.data[0].text[0] == "90 %"  # the SMM: 90 % strategic (a Spanish chart writes "90 %")


def test_category_chart_gives_each_role_its_colour_and_translates_categories():
    plan = seed_plan("es")
    chart = FIGURES["category"](plan, workload(plan), "en")
    assert [trace.name for trace in chart.data] == ["SMM", "CM"]
    assert [trace.marker.color for trace in chart.data] == list(role_colors(plan).values())
    assert list(chart.data[0].x) == ["Planning", "Analysis", "Community building", "Content distribution"]


def test_heatmap_shows_at_most_a_screenful_of_tasks_and_says_so():
    tasks = [Task(f"Tarea {i}", "", "operational", 1) for i in range(HEATMAP_MAX_TASKS + 10)]
    plan = Plan.create(tasks, [Role("CM", profile="operational")], [["A/R"]] * len(tasks))
    heat = FIGURES["heatmap"](plan, workload(plan), "en")
    assert len(heat.data[0].y) == HEATMAP_MAX_TASKS
    assert f"first {HEATMAP_MAX_TASKS} of {len(tasks)}" in heat.layout.title.text


def test_key_figures_of_the_seeded_plan():
    plan = seed_plan("en")
    load = workload(plan)
    findings = check(plan)
    figures = key_figures(plan, load, findings, health_score(findings))
    assert (figures.tasks, figures.roles, figures.health_score, figures.errors) == (22, 2, 100, 0)
    assert figures.total_effort == pytest.approx(174.2)  # five tasks' hours derived from their recurrence
    assert figures.busiest_role == "CM"
    assert 0.3 < figures.strategic_share < 0.5


def test_user_text_in_charts_is_shown_as_typed_never_as_plotly_html():
    link = '<a href="https://example.com">CM</a>'
    plan = Plan.create([Task("<b>Lanzar</b> & medir", "<i>Cat</i>", "operational", 3)],
                       [Role(link, profile="operational")], [["A/R"]])
    load = workload(plan)
    for make in FIGURES.values():
        spec = make(plan, load, "en").to_json()
        assert "<a href" not in spec and "<b>" not in spec and "<i>" not in spec
    assert FIGURES["heatmap"](plan, load, "en").data[0].y[0] == "1. &lt;b&gt;Lanzar&lt;/b&gt; &amp; medir"


# ----- figures in the reader's language ------------------------------------------------------
def figures_plan() -> Plan:
    """CM: 80.1 h, 45 % of them strategic; SMM: over a thousand hours (a thousands separator)."""
    return Plan.create([Task("Estrategia", "Plan", "strategic", 36.1), Task("Publicar", "Pub", "operational", 44),
                        Task("Informe", "Pub", "operational", 1234)],
                       [Role("CM", profile="operational"), Role("SMM", profile="strategic")],
                       [["R", "A"], ["R", ""], ["", "R"]])


SPANISH = {"cm": "80,1 h", "smm": "1.234,0 h", "totals": ["80 h", "1.238 h"], "strategic": "36,1 h (45 %)",
           "operational": "44,0 h (55 %)", "share": "45 %", "separators": ",."}
ENGLISH = {"cm": "80.1 h", "smm": "1,234.0 h", "totals": ["80 h", "1,238 h"], "strategic": "36.1 h (45%)",
           "operational": "44.0 h (55%)", "share": "45%", "separators": ".,"}


@pytest.mark.parametrize("lang, expected", [("es", SPANISH), ("en", ENGLISH)])
def test_labels_and_hovers_show_numbers_as_the_language_writes_them(lang, expected):
    plan = figures_plan()
    load = workload(plan)
    bars = FIGURES["workload"](plan, load, lang)
    responsible = bars.data[0]
    assert list(responsible.customdata) == [expected["cm"], expected["smm"]]
    assert responsible.hovertemplate == "%{x}: %{customdata}<extra>R</extra>"
    assert list(bars.data[-1].text) == expected["totals"]  # whole hours over each bar
    split = FIGURES["split"](plan, load, lang)
    assert split.data[0].text[0] == expected["share"]  # CM: 36.1 of 80.1 h strategic
    assert split.data[0].customdata[0] == expected["strategic"]
    assert split.data[1].customdata[0] == expected["operational"]
    assert split.data[0].hovertemplate == "%{y}: %{customdata}<extra>" + split.data[0].name + "</extra>"
    category = FIGURES["category"](plan, load, lang)
    assert category.data[1].customdata[1] == expected["smm"]
    for figure in (bars, split, category, FIGURES["heatmap"](plan, load, lang)):
        assert figure.layout.separators == expected["separators"]  # the axes' ticks too
        for trace in figure.data:
            # No d3 number format is left anywhere (they write English: "80.1", "45%").
            for template in (trace.hovertemplate, getattr(trace, "texttemplate", None)):
                assert template is None or not re.search(r"%\{[^}]*:", template), template


def test_a_share_too_thin_to_label_is_still_in_the_hover():
    plan = Plan.create([Task("Big", "", "operational", 99), Task("Small", "", "strategic", 1)], [Role("CM")],
                       [["R"], ["R"]])
    split = FIGURES["split"](plan, workload(plan), "es")
    strategic = split.data[0]
    assert strategic.text[0] == ""  # 1 % does not fit in its bar
    assert strategic.customdata[0] == "1,0 h (1 %)"


def test_long_task_names_in_the_heatmap_are_cut_and_marked():
    name = "Una tarea con un nombre larguísimo que no cabe en la etiqueta de una fila del mapa"
    plan = Plan.create([Task(name, "", "", 1)], [Role("CM")], [["A/R"]])
    label = FIGURES["heatmap"](plan, workload(plan), "es").data[0].y[0]
    assert label == f"1. {name[:59]}…"


def test_utilisation_shows_roles_and_people_against_a_dashed_full_line():
    from raci.team import Person

    plan = seed_plan("es")
    empty = FIGURES["utilisation"](plan, workload(plan), "es")
    assert not empty.data and "capacidad" in empty.layout.annotations[0].text  # says there is nothing to measure
    plan = plan.add_person(Person("Lucía", 140, {"CM": 1.0})).add_person(Person("<b>Pablo</b>", 100, {"CM": 0.5}))
    figure = FIGURES["utilisation"](plan, workload(plan), "es")
    roles, people = figure.data
    assert list(roles.y[1]) == ["CM"]  # the SMM has no capacity: left out
    assert list(people.y[1]) == ["Lucía", "&lt;b&gt;Pablo&lt;/b&gt;"]
    load = workload(plan).load["CM"]
    assert roles.x[0] == pytest.approx(load / 190 * 100)
    assert roles.text[0] == f"{round(load / 190 * 100)} %"
    colours = role_colors(plan)
    assert list(roles.marker.color) == [colours["CM"]] and list(people.marker.color) == [colours["CM"]] * 2
    line = figure.layout.shapes[0]
    assert (line.x0, line.x1, line.line.dash) == (100, 100, "dash")
    english = FIGURES["utilisation"](plan, workload(plan), "en")
    assert english.layout.title.text == "Utilisation" and english.layout.xaxis.ticksuffix == "%"
    assert figure.layout.xaxis.ticksuffix == " %"


def test_the_workload_chart_marks_capacity_from_people():
    from raci.team import Person

    plan = seed_plan("es").add_person(Person("Lucía", 140, {"CM": 1.0})).add_person(Person("Pablo", 100, {"CM": 0.5}))
    marks = [t for t in FIGURES["workload"](plan, workload(plan), "es").data if t.name == "Capacidad"]
    assert list(marks[0].x) == ["CM"] and list(marks[0].y) == [190.0]
