"""The meeting pack: the whole plan as ONE self-contained HTML file that works offline.

:func:`report_html` returns a page to open in any browser, mail around or print
to PDF: the plan's name and date, the key figures, the team, the charts
(workload, strategic vs operational split, hours per category), the findings as
sentences and the RACI matrix as a table coloured by letter, with a legend.

The page is the Jinja2 template ``raci/output/templates/report.html.j2`` (its
pieces are the macros of ``templates/parts.html.j2``, its environment is
``raci/output/templating.py``); this module only gathers what it shows, already
in the reader's language, numbers and dates included (``raci.i18n``). The
stylesheet and the drawing script are the package files ``static/report.css`` and
``static/report.js``, inlined when the page is built.

Self-contained means no request at all when it opens: plotly.js is embedded
once, each chart is its JSON drawn by ``Plotly.newPlot``, there is no CDN, web
font, MathJax or image to fetch, and a Content-Security-Policy (``default-src
'none'``) makes sure nothing is. Every text the template prints is HTML-escaped
by the environment (user text: task names, categories, role names, the title);
the few values written into a ``<style>`` or ``<script>`` go through a filter
named for that place. Seeded tasks and categories are shown in the report's
language.

Printing is part of the design: A4 landscape pages, the charts and the
matrix each start a page, a heading stays with what follows it, no table row or chart is cut in two, the
matrix's header row repeats on every page, the letter colours print as on
screen (``print-color-adjust: exact``) and pages are numbered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import plotly.io as pio
import plotly.offline
from markupsafe import Markup

from raci import letters as L
from raci.analysis import (
    DEFAULT_SETTINGS,
    RULES,
    Analysis,
    Finding,
    KeyFigures,
    Settings,
    Workload,
    analyse,
    count_by_severity,
    severity_name,
)
from raci.analysis.advice import advice_summary, staffing_advice
from raci.analysis.utilisation import utilisation
from raci.catalogue import category_display_name, task_display_name
from raci.i18n import date_text, decimals, hours, normalise_lang, number, percent, translate
from raci.letters import LETTER_COLORS
from raci.model import Plan, Role
from raci.output import templating
from raci.output.charts import FIGURES, NATURE_COLORS
from raci.text import clip

#: The charts of the pack, in order (the heatmap's place is taken by the HTML matrix).
CHARTS: tuple[str, ...] = ("workload", "split", "category")
#: Each chart's height in pixels: two fit on one A4 landscape page.
CHART_HEIGHT = 320
#: A role column is this narrow, and its name written upwards, from this many roles on.
MANY_ROLES = 9
#: Class names of the letters in the matrix (a class per letter, its colour in the stylesheet).
LETTER_CLASSES = {"": "l-none", "R": "l-R", "A": "l-A", "C": "l-C", "I": "l-I", "A/R": "l-AR"}
_PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "showLink": False, "showSendToCloud": False,
                  "typesetMath": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"],
                  "toImageButtonOptions": {"format": "png", "scale": 2}}
_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif'


def _t(key: str, lang: str, **params: object) -> str:
    return translate(f"report.{key}", lang, **params)


def _hours(value: float, lang: str) -> str:
    """Hours as a key figure: whole hours, or one decimal below 10 when not whole ('2.5 h', '2,5 h')."""
    return hours(value, lang, 1 if value < 10 and round(value, 1) != round(value) else 0)


@cache
def _plotly_js() -> str:
    return plotly.offline.get_plotlyjs()


# ----- what the page shows ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Tile:
    """One key-figure tile: its label, its value and a note under it; ``grade`` colours its top edge."""

    key: str
    label: str
    value: str
    note: str
    grade: str


@dataclass(frozen=True, slots=True)
class Head:
    """A column heading of the team table (``numeric``: right-aligned)."""

    text: str
    numeric: bool = False


@dataclass(frozen=True, slots=True)
class TeamRow:
    """One role in the team table, its figures already written in the report's language."""

    short: str
    name: str
    profile: str
    responsible: int
    accountable: int
    load: str
    over: bool
    capacity: str
    utilisation: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One person in the people table, figures written in the report's language."""

    name: str
    roles: str  # "CM 50 % · Diseño 50 %"
    hours: str
    load: str
    utilisation: str
    over: bool


@dataclass(frozen=True, slots=True)
class Team:
    """The team table (None for a plan without roles), and its people (empty when the plan names none)."""

    title: str
    heads: list[Head]
    rows: list[TeamRow]
    people_title: str
    people_heads: list[Head]
    people: list[PersonRow]
    advice_title: str
    advice_summary: str  # "Faltan 1,5 personas...", "El equipo está dentro de su capacidad", "" (no capacity known)
    advice: list[str]  # one sentence per role over capacity, quoting the document's hiring advice


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One finding as a table row: severity, rule title and id, the sentence."""

    severity: str
    severity_name: str
    title: str
    rule: str
    message: str


@dataclass(frozen=True, slots=True)
class Findings:
    """The findings section: the rows (most serious first) and their counts, or ``none`` when there are none."""

    none: str
    summary: str
    heads: list[str]
    rows: list[FindingRow]


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart's box and its Plotly figure as JSON text (``plotly.io.to_json``)."""

    kind: str
    label: str
    spec: str


@dataclass(frozen=True, slots=True)
class LegendKey:
    """One letter of the legend with its swatch class and meaning."""

    css_class: str
    letter: str
    text: str


@dataclass(frozen=True, slots=True)
class Legend:
    """The letters' legend above the matrix."""

    label: str
    keys: list[LegendKey]


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One task of the matrix; ``cells`` is the row's letter cells, rendered by the template's macro."""

    number: int
    task: str
    category: str
    nature: str
    nature_text: str
    effort: str
    cells: Markup


@dataclass(frozen=True, slots=True)
class Matrix:
    """The matrix table, or just the ``empty`` sentence when the plan has no tasks or no roles."""

    empty: str
    classes: str = ""
    head_height: int = 0
    heads: dict[str, str] | None = None
    roles: Sequence[Role] = ()
    rows: list[MatrixRow] | None = None


def tiles(figures: KeyFigures, plan: Plan, findings: list[Finding], settings: Settings, lang: str) -> list[Tile]:
    counts = count_by_severity(findings)
    score = figures.health_score
    grade = "good" if score >= 80 else "fair" if score >= 50 else "poor"
    busiest = plan.role(figures.busiest_role) if figures.busiest_role is not None else None
    categories = plan.tasks["category"].nunique()
    tiles = [
        ("health", f"{score}/100",
         _t("kpi_health_note", lang, error=number(settings.error_penalty, lang),
            warning=number(settings.warning_penalty, lang)), grade),
        ("findings", f"{counts['error']} · {counts['warning']}", _t("kpi_findings_note", lang, notes=counts["info"]),
         "poor" if counts["error"] else "fair" if counts["warning"] else "good"),
        ("tasks", number(figures.tasks, lang), _t("kpi_tasks_note", lang, categories=categories), ""),
        ("roles", number(figures.roles, lang), clip(", ".join(plan.role_names), 60) or "—", ""),
        ("hours", _hours(figures.total_effort, lang), _t("kpi_hours_note", lang), ""),
        ("unassigned", _hours(figures.unassigned_effort, lang), _t("kpi_unassigned_note", lang),
         "poor" if figures.unassigned_effort > 0 else ""),
        ("strategic", percent(figures.strategic_share, lang),
         _t("kpi_strategic_note", lang, share=percent(1 - figures.strategic_share, lang)), ""),
        ("busiest", busiest.short if busiest else "—",
         _t("kpi_busiest_note", lang, hours=_hours(figures.busiest_hours, lang), name=busiest.name)
         if busiest else _t("kpi_busiest_none", lang), ""),
    ]
    return [Tile(key, _t(f"kpi_{key}", lang), value, note, grade) for key, value, note, grade in tiles]


def _team(plan: Plan, load: Workload, settings: Settings, lang: str) -> Team | None:
    if not plan.n_roles:
        return None
    accountable = np.isin(plan.cells, L.ACCOUNTABLE_CODES).sum(axis=0)
    responsible = np.isin(plan.cells, L.RESPONSIBLE_CODES).sum(axis=0)
    use = utilisation(plan, load.load)
    rows = []
    for k, (role, used) in enumerate(zip(plan.roles, use.roles, strict=True)):
        rows.append(TeamRow(
            short=role.short, name=role.name, profile=_t(f"profile_{role.profile}", lang),
            responsible=int(responsible[k]), accountable=int(accountable[k]), load=_hours(used.load, lang),
            over=used.utilisation is not None and used.utilisation > 1,
            capacity="—" if used.capacity is None else _hours(used.capacity, lang),
            utilisation=_share(used.utilisation, lang),
        ))
    keys = ("team_role", "team_name", "team_profile", "team_responsible", "team_accountable", "team_load",
            "team_capacity", "team_utilisation")
    heads = [Head(_t(key, lang), numeric=i > 2) for i, key in enumerate(keys)]
    people = [PersonRow(
        name=person.name,
        roles=" · ".join(f"{role} {percent(share, lang)}" for role, share in person.roles.items()) or "—",
        hours=_hours(person.hours, lang), load=_hours(person.load, lang),
        utilisation=_share(person.utilisation, lang),
        over=person.utilisation is not None and person.utilisation > 1,
    ) for person in use.people]
    people_keys = ("people_name", "people_roles", "people_hours", "team_load", "team_utilisation")
    people_heads = [Head(_t(key, lang), numeric=i > 1) for i, key in enumerate(people_keys)]
    advice = staffing_advice(plan, use, settings, lang, load=load)
    summary = advice_summary(advice, use, lang) if use.known else ""
    return Team(_t("section_team", lang), heads, rows, _t("section_people", lang), people_heads, people,
                _t("section_advice", lang), summary, [a.message for a in advice])


def _share(value: float | None, lang: str) -> str:
    return "—" if value is None else percent(value, lang)


def _figure_json(plan: Plan, load: Workload, kind: str, lang: str) -> str:
    figure = FIGURES[kind](plan, load, lang)
    # Sized for a report page rather than a projector; the legend stays under the plot.
    figure.update_layout(
        height=CHART_HEIGHT, autosize=True,
        font={"size": 13, "family": _FONT}, title={"font": {"size": 17}, "x": 0, "xref": "container", "pad": {"l": 4}},
        margin={"l": 10, "r": 10, "t": 48, "b": 10},
        legend={"y": -0.16, "font": {"size": 12}},
        uniformtext={"mode": "hide", "minsize": 10},  # a label that does not fit is left out, not shrunk
    )
    for trace in figure.data:
        if getattr(trace, "textfont", None) is not None and trace.textfont.size:
            trace.textfont.size = 12  # the value labels of bars and totals
    return pio.to_json(figure, validate=False, engine="json")


def _charts(plan: Plan, load: Workload, lang: str) -> list[Chart]:
    return [Chart(kind, _t(f"chart_{kind}", lang), _figure_json(plan, load, kind, lang)) for kind in CHARTS]


def _legend(lang: str) -> Legend:
    keys = [LegendKey(LETTER_CLASSES[letter], letter, _t(f"letter_{key}", lang))
            for letter, key in (("R", "R"), ("A", "A"), ("A/R", "AR"), ("C", "C"), ("I", "I"), ("", "none"))]
    return Legend(_t("legend", lang), keys)


def _matrix(plan: Plan, lang: str) -> Matrix:
    empty = _t("matrix_empty", lang)
    if not plan.n_tasks or not plan.n_roles:
        return Matrix(empty)
    many = plan.n_roles >= MANY_ROLES
    # Role names longer than a letter column is wide are written upwards.
    vertical = many or any(len(role.short) > 6 for role in plan.roles)
    classes = "matrix" + (" many" if many else "") + (" vertical" if vertical else "")
    # Upright names need a header as tall as the longest (up to 120 px, then cut with "…").
    head_height = min(120, 16 + 8 * max(len(role.short) for role in plan.roles))
    heads = {"task": _t("col_task", lang), "category": _t("col_category", lang), "effort": _t("col_effort", lang)}
    natures = {nature: _t(f"nature_{nature or 'none'}", lang) for nature in ("strategic", "operational", "")}
    # The template's cell for each letter code, rendered once and picked for every cell at once.
    cell = templating.environment().get_template("parts.html.j2").module.letter_cell
    cell_html = np.array([cell(LETTER_CLASSES[letter], letter) for letter in L.LETTERS], dtype=object)
    cells = cell_html[plan.cells]
    shown: dict[str, str] = {}
    rows = []
    for i, (name, category, nature, effort) in enumerate(zip(
            plan.tasks["name"].tolist(), plan.tasks["category"].tolist(), plan.tasks["nature"].tolist(),
            plan.tasks["effort"].tolist(), strict=True)):
        if category not in shown:
            shown[category] = category_display_name(category, lang) or "—"
        rows.append(MatrixRow(i + 1, task_display_name(name, lang), shown[category], nature or "none",
                              natures[nature], number(effort, lang, decimals(effort)), Markup("".join(cells[i]))))
    return Matrix(empty, classes, head_height, heads, plan.roles, rows)


def _findings(findings: Sequence[Finding], lang: str) -> Findings:
    counts = count_by_severity(findings)
    rows = [FindingRow(f.severity, severity_name(f.severity, lang), RULES[f.rule].title(lang), f.rule, f.message(lang))
            for f in findings]
    return Findings(
        none=_t("findings_none", lang),
        summary=_t("findings_counts", lang, errors=counts["error"], warnings=counts["warning"], notes=counts["info"]),
        heads=[_t(key, lang) for key in ("col_severity", "col_rule", "col_message")],
        rows=rows,
    )


def letter_styles() -> list[dict[str, str]]:
    """Each letter class with its background and text colour, for a page's stylesheet (the report, the briefs)."""
    return [{"css_class": css_class, "background": LETTER_COLORS[letter],
             "color": L.text_color(LETTER_COLORS[letter])} for letter, css_class in LETTER_CLASSES.items()]


# ----- the page -----------------------------------------------------------------------------
def report_html(
    plan: Plan,
    lang: str = "en",
    title: str | None = None,
    generated_at: dt.date | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    analysis: Analysis | None = None,
) -> str:
    """The meeting pack of ``plan`` as one self-contained HTML page (a str), in ``lang``.

    ``title`` is the plan's name (default: "RACI plan" in ``lang``); ``generated_at``
    the date shown (a datetime, with its time, or a date; default: now); ``analysis``
    the plan's :func:`raci.analysis.analyse` under ``settings`` when the caller has it.
    """
    lang = normalise_lang(lang)
    title = title if title is not None and title.strip() else _t("default_title", lang)
    moment = generated_at if generated_at is not None else dt.datetime.now().astimezone()
    result = analysis if analysis is not None else analyse(plan, settings)
    return _page(plan, lang, title, moment, settings, result.workload, result.findings, result.figures)


def _page(plan: Plan, lang: str, title: str, moment: dt.date, settings: Settings, load: Workload,
          findings: list[Finding], figures: KeyFigures) -> str:
    """The page from the plan and its analysis, all already computed."""
    when = date_text(moment, lang)
    return templating.environment().get_template("report.html.j2").render(
        lang=lang,
        title=title,
        when=when,
        moment_iso=moment.isoformat(),
        pack=_t("pack", lang),
        generated=_t("generated", lang, date=when),
        size=_t("plan_size", lang, tasks=number(plan.n_tasks, lang), roles=number(plan.n_roles, lang)),
        sections={key: _t(f"section_{key}", lang) for key in ("summary", "findings", "charts", "matrix")},
        tiles=tiles(figures, plan, findings, settings, lang),
        team=_team(plan, load, settings, lang),
        findings=_findings(findings, lang),
        charts=_charts(plan, load, lang),
        legend=_legend(lang),
        matrix=_matrix(plan, lang),
        footer=_t("footer", lang, title=title, date=when),
        # The stylesheet's and the script's own values.
        font=_FONT,
        nature_colors=NATURE_COLORS,
        chart_height=CHART_HEIGHT,
        page_label=_t("page", lang),
        letter_styles=letter_styles(),
        stylesheet=templating.static_text("report.css"),
        plotly_js=_plotly_js(),
        plotly_config=_PLOTLY_CONFIG,
        draw_script=templating.static_text("report.js"),
    )
