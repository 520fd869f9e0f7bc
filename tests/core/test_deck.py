"""The meeting deck, read back with python-pptx: every slide's content, charts as chart parts with
the plan's numbers, every task and letter on some matrix slide, user text as text."""

import io
import math
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.util import Inches

from benchmarks.generate import generated_plan
from raci import letters as L
from raci.analysis import analyse, severity_name
from raci.analysis.advice import staffing_advice
from raci.analysis.utilisation import utilisation
from raci.catalogue import category_display_name, task_display_name
from raci.i18n import translate
from raci.letters import LETTER_COLORS
from raci.model import Plan, Role, Task
from raci.output.deck import (
    CHART_MAX_ITEMS,
    MAX_SLIDES,
    ROLES_PER_SLIDE,
    ROWS_PER_SLIDE,
    TOP_FINDINGS,
    DeckError,
    check_deck_size,
    deck_pptx,
    slide_count,
)
from raci.output.report import tiles
from raci.seed import seed_plan
from raci.team import Person
from tests.core.test_csv_hypothesis import plans

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def open_deck(data: bytes) -> Presentation:
    return Presentation(io.BytesIO(data))


def texts(slide) -> list[str]:  # noqa: ANN001
    """Every text frame's text on the slide, in shape order (tables and charts aside)."""
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]


def heading(slide) -> str:  # noqa: ANN001
    return texts(slide)[0]


def chart_on(slide):  # noqa: ANN001, ANN201
    charts = [shape.chart for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1
    return charts[0]


def slide_titled(deck: Presentation, title: str):  # noqa: ANN201
    found = [slide for slide in deck.slides if heading(slide).startswith(title)]
    assert len(found) == 1, [heading(s) for s in deck.slides]
    return found[0]


def series_values(chart) -> dict[str, list[float]]:  # noqa: ANN001
    """Every series of every plot (bars and the line of a combination chart) by name."""
    return {series.name: list(series.values) for plot in chart.plots for series in plot.series}


def matrix_tables(deck: Presentation) -> list:
    return [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]


def four_roles(lang: str = "es") -> Plan:
    """The seeded plan with a designer and a paid-media role, and three people (two roles over capacity)."""
    plan = seed_plan(lang).add_role(Role("Diseño", "Diseñador gráfico", "operational"), letter="I")
    plan = plan.add_role(Role("Ads", "Paid media <b>specialist</b>", "strategic"))
    plan = plan.set_letter(3, "Ads", "R").set_letter(13, "Diseño", "R")
    plan = plan.add_person(Person("Ana", 120, {"SMM": 1.0})).add_person(Person("Luis", 60, {"CM": 1.0}))
    return plan.add_person(Person("Pablo", 140, {"Diseño": 0.5, "Ads": 0.5}))


# ----- the slides, in order ------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_seeded_deck_has_every_slide_in_order_in_the_users_language(lang):
    plan = seed_plan(lang)
    deck = open_deck(deck_pptx(plan, lang, title="Marca Sol · Q1"))
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))  # 16:9
    headings = [heading(slide) for slide in deck.slides]
    matrix = translate("report.section_matrix", lang)
    assert headings == [
        "Marca Sol · Q1", translate("report.section_summary", lang), translate("charts.workload_title", lang),
        translate("charts.split_title", lang), translate("charts.category_title", lang),
        translate("report.section_findings", lang), matrix, matrix,  # 22 tasks: two matrix slides
    ]
    assert len(deck.slides) == slide_count(plan)
    title = texts(deck.slides[0])
    assert translate("report.pack", lang) in title
    assert translate("report.plan_size", lang, tasks=22, roles=2) in title[-1]
    assert deck.core_properties.title == "Marca Sol · Q1"


def test_the_key_figures_are_the_reports_tiles():
    plan = four_roles("es")
    result = analyse(plan)
    shown = texts(open_deck(deck_pptx(plan, "es")).slides[1])
    for tile in tiles(result.figures, plan, result.findings, result_settings(), "es"):
        assert tile.label in shown and tile.value in shown


def result_settings():  # noqa: ANN201
    from raci.analysis import DEFAULT_SETTINGS

    return DEFAULT_SETTINGS


# ----- the charts are chart parts holding the plan's numbers --------------------------------------------
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_workload_chart_holds_each_roles_hours_by_letter_and_its_total(lang):
    plan = four_roles(lang)
    load = analyse(plan).workload
    deck = open_deck(deck_pptx(plan, lang))
    chart = chart_on(slide_titled(deck, translate("charts.workload_title", lang)))
    assert chart.chart_type.name == "COLUMN_STACKED"
    assert list(chart.plots[0].categories) == plan.role_names
    values = series_values(chart)
    for letter in "RACI":
        assert values[translate(f"charts.letter_{letter}", lang)] == pytest.approx(
            load.by_letter[letter].tolist(), abs=0.006)
    # The totals ride on a line chart of their own (no line drawn), labelled above each bar.
    assert values[translate("deck.total", lang)] == pytest.approx(load.by_letter["total"].tolist(), abs=0.006)
    line = chart._chartSpace.find(f"{C}chart/{C}plotArea/{C}lineChart")  # noqa: SLF001
    assert line is not None and line.find(f"{C}ser/{C}dLbls/{C}dLblPos").get("val") == "t"
    # The colours are the app's letter colours.
    for series, letter in zip(chart.plots[0].series, "RACI", strict=True):
        assert str(series.format.fill.fore_color.rgb) == LETTER_COLORS[letter].lstrip("#").upper()


def test_the_split_and_category_charts_hold_the_plans_hours():
    plan = four_roles("en")
    load = analyse(plan).workload
    deck = open_deck(deck_pptx(plan, "en"))
    split = chart_on(slide_titled(deck, translate("charts.split_title", "en")))
    assert split.chart_type.name == "BAR_STACKED_100"
    assert list(split.plots[0].categories) == plan.role_names[::-1]  # a bar chart lists bottom-up
    values = series_values(split)
    assert values["Strategic"] == pytest.approx(load.by_nature["strategic"].tolist()[::-1], abs=0.006)
    assert values["Operational"] == pytest.approx(load.by_nature["operational"].tolist()[::-1], abs=0.006)
    category = chart_on(slide_titled(deck, translate("charts.category_title", "en")))
    assert list(category.plots[0].categories) == [category_display_name(c, "en") for c in load.by_category.columns]
    values = series_values(category)
    for role in plan.role_names:
        assert values[role] == pytest.approx(load.by_category.loc[role].tolist(), abs=0.006)


def test_the_utilisation_chart_has_roles_and_people_against_a_100_percent_line():
    plan = four_roles("es")
    use = utilisation(plan, analyse(plan).workload.load)
    deck = open_deck(deck_pptx(plan, "es"))
    chart = chart_on(slide_titled(deck, translate("charts.utilisation_title", "es")))
    bars = chart.plots[0]
    expected = [r.utilisation for r in use.roles if r.utilisation is not None]
    expected += [p.utilisation for p in use.people]
    assert list(bars.series[0].values) == pytest.approx([round(v, 3) for v in expected])
    labels = [category.label for category in bars.categories]
    assert labels == [r.role for r in use.roles if r.utilisation is not None] + ["Ana", "Luis", "Pablo"]
    assert [parent.label for parent in bars.categories.levels[1]] == ["Roles", "Personas"]
    line = chart.plots[1]  # the 100 % line: a line chart on the same axes
    assert type(line).__name__ == "LinePlot"
    assert list(line.series[0].values) == [1.0] * len(expected)
    assert chart.value_axis.maximum_scale >= max(expected)


def test_no_utilisation_slide_or_advice_without_capacity():
    plan = seed_plan("en")
    deck = open_deck(deck_pptx(plan, "en"))
    headings = [heading(slide) for slide in deck.slides]
    assert translate("charts.utilisation_title", "en") not in headings
    assert translate("report.section_advice", "en") not in headings


def test_the_findings_slide_lists_the_most_serious_as_sentences():
    plan = four_roles("es")
    for k in range(12):  # tasks nobody owns: errors first
        plan = plan.add_task(Task(f"Tarea huérfana {k}", "Planificación", "strategic", 2.0))
    findings = analyse(plan).findings
    assert len(findings) > TOP_FINDINGS
    slide = slide_titled(open_deck(deck_pptx(plan, "es")), translate("report.section_findings", "es"))
    body = "\n".join(texts(slide))
    for finding in findings[:TOP_FINDINGS]:
        assert finding.message("es") in body
        assert severity_name(finding.severity, "es") in body
    assert findings[TOP_FINDINGS].message("es") not in body
    assert translate("deck.more_findings", "es", count=len(findings) - TOP_FINDINGS) in body


def test_the_staffing_advice_has_a_slide_when_a_role_is_over_capacity():
    plan = four_roles("es")
    advice = staffing_advice(plan, utilisation(plan, analyse(plan).workload.load), lang="es")
    assert advice
    slide = slide_titled(open_deck(deck_pptx(plan, "es")), translate("report.section_advice", "es"))
    body = "\n".join(texts(slide))
    for item in advice:
        assert item.message in body


# ----- the matrix ------------------------------------------------------------------------------------
def check_matrix(plan: Plan, deck: Presentation, lang: str) -> None:
    """Every task on some slide with every role's letter, coloured by letter; the header on every table."""
    seen = {}
    for table in matrix_tables(deck):
        header = [table.cell(0, k).text for k in range(len(table.columns))]
        assert header[:4] == ["#", translate("report.col_task", lang),
                              translate("report.col_category", lang).split(" · ")[0],
                              translate("report.col_effort", lang)]
        roles = header[4:]
        first = _offset(plan, roles)
        assert 1 <= len(roles) <= ROLES_PER_SLIDE
        assert len(table.rows) - 1 <= ROWS_PER_SLIDE
        for row in range(1, len(table.rows)):
            index = int(table.cell(row, 0).text.replace(".", "").replace(",", "")) - 1
            name = table.cell(row, 1).text
            assert one_line(task_display_name(plan.names[index], lang)).startswith(name.rstrip("…"))
            for k, _role in enumerate(roles, start=4):
                cell = table.cell(row, k)
                assert cell.text == plan.letter(index, plan.role_names[first + k - 4])
                assert str(cell.fill.fore_color.rgb) == LETTER_COLORS[cell.text].lstrip("#").upper()
                seen[(index, first + k - 4)] = cell.text
    assert len(seen) == plan.n_tasks * plan.n_roles


def one_line(text: str) -> str:
    """A name as a slide shows it: line breaks and tabs as spaces, characters XML cannot hold dropped."""
    spaced = re.sub("\r\n|[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]", " ", text)
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", spaced)


def _offset(plan: Plan, roles: list[str]) -> int:
    """The position of a table's first role column among the plan's roles (names may be cut)."""
    count = len(roles)
    for start in range(0, plan.n_roles, ROLES_PER_SLIDE):
        if min(ROLES_PER_SLIDE, plan.n_roles - start) == count and all(
                one_line(plan.role_names[start + k]).startswith(r.rstrip("…")) for k, r in enumerate(roles)):
            return start
    raise AssertionError(roles)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_task_and_letter_of_the_seeded_and_four_role_plans_is_on_a_matrix_slide(lang):
    for plan in (seed_plan(lang), four_roles(lang)):
        check_matrix(plan, open_deck(deck_pptx(plan, lang)), lang)


def test_a_wide_plan_continues_its_roles_on_more_slides():
    plan = generated_plan(40, 14, seed=3)
    deck = open_deck(deck_pptx(plan, "en"))
    tables = matrix_tables(deck)
    assert len(tables) == math.ceil(40 / ROWS_PER_SLIDE) * math.ceil(14 / ROLES_PER_SLIDE) == 6
    assert [len(t.columns) - 4 for t in tables] == [12, 2] * 3
    check_matrix(plan, deck, "en")
    assert len(deck.slides) == slide_count(plan)


def test_a_chart_of_many_roles_shows_the_busiest_and_says_so():
    plan = generated_plan(60, 40, seed=1)
    load = analyse(plan).workload
    deck = open_deck(deck_pptx(plan, "en"))
    slide = [s for s in deck.slides if heading(s).startswith(translate("charts.workload_title", "en"))][0]
    assert translate("deck.busiest_of", "en", shown=CHART_MAX_ITEMS, total=40) in heading(slide)
    shown = list(chart_on(slide).plots[0].categories)
    busiest = set(load.by_letter["total"].sort_values(ascending=False).index[:CHART_MAX_ITEMS])
    assert len(shown) == CHART_MAX_ITEMS and set(shown) == busiest
    assert shown == [role for role in plan.role_names if role in busiest]  # in the plan's order


def test_an_empty_plan_gets_a_deck_that_says_so():
    for plan in (Plan.create([], []), Plan.create([], [Role("CM", "Community Manager")])):
        deck = open_deck(deck_pptx(plan, "es"))
        assert translate("report.matrix_empty", "es") in "\n".join(texts(deck.slides[-1]))
        assert len(deck.slides) == slide_count(plan)


# ----- text is only ever text ---------------------------------------------------------------------------
def test_user_text_is_text_and_characters_xml_cannot_hold_are_dropped():
    name = "<b>Lanzar</b> & «campaña»\r\n\x01=SUM(A1)"
    plan = Plan.create([Task(name, "<i>cat</i>", "strategic", 3.0)], [Role("CM<script>", "x")])
    plan = plan.set_letter(0, "CM<script>", "A/R")
    deck = open_deck(deck_pptx(plan, "en", title="<title>Plan</title>"))
    assert heading(deck.slides[0]) == "<title>Plan</title>"
    table = matrix_tables(deck)[0]
    assert table.cell(1, 1).text == "<b>Lanzar</b> & «campaña» =SUM(A1)"
    assert table.cell(1, 2).text == "<i>cat</i>"
    assert table.cell(0, 4).text == "CM<script>"


def test_a_hidden_character_shows_as_an_escape():
    plan = seed_plan("en")
    deck = open_deck(deck_pptx(plan, "en", title="Plan\u202eevil"))
    assert heading(deck.slides[0]) == "Plan<U+202E>evil"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans(), lang=st.sampled_from(["es", "en"]))
def test_any_plan_gives_a_deck_that_opens_with_every_task_and_letter(plan, lang):
    deck = open_deck(deck_pptx(plan, lang))
    assert len(deck.slides) == slide_count(plan)
    if plan.n_tasks:
        check_matrix(plan, deck, lang)


# ----- bounded ----------------------------------------------------------------------------------------
def test_a_plan_needing_too_many_slides_is_refused_before_any_work():
    plan = generated_plan(ROWS_PER_SLIDE * MAX_SLIDES, 1)
    with pytest.raises(DeckError) as caught:
        check_deck_size(plan)
    with pytest.raises(DeckError):
        deck_pptx(plan, "es")
    message = caught.value.message("es")
    assert "400" in message and "6.000" in message
    check_deck_size(generated_plan(ROWS_PER_SLIDE * (MAX_SLIDES - 20), 1))  # a large plan that fits


def test_the_matrix_cells_are_the_plans_own_not_a_copy_of_the_first_slide():
    plan = generated_plan(31, 3, seed=5)
    tables = matrix_tables(open_deck(deck_pptx(plan, "en")))
    letters = np.array([[tables[i // ROWS_PER_SLIDE].cell(i % ROWS_PER_SLIDE + 1, 4 + r).text for r in range(3)]
                        for i in range(31)])
    assert (letters == L.LETTER_ARRAY[plan.cells]).all()
