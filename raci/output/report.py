"""The meeting pack: the whole plan as ONE self-contained HTML file that works offline.

:func:`report_html` returns a page to open in any browser, mail around or print
to PDF: the plan's name and date, the key figures, the team, the charts
(workload, strategic vs operational split, hours per category), the findings as
sentences and the RACI matrix as a table coloured by letter, with a legend.

Self-contained means no request at all when it opens: plotly.js is embedded
once, each chart is its JSON drawn by ``Plotly.newPlot``, there is no CDN, web
font, MathJax or image to fetch, and a Content-Security-Policy (``default-src
'none'``) makes sure nothing is. Every text that comes from the plan (task
names, categories, role names, the title) is HTML-escaped; seeded tasks and
categories are shown in the report's language.

Printing is part of the design: A4 landscape pages, the charts and the
matrix each start a page, a heading stays with what follows it, no table row or chart is cut in two, the
matrix's header row repeats on every page, the letter colours print as on
screen (``print-color-adjust: exact``) and pages are numbered.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterable
from functools import cache

import numpy as np
import plotly.io as pio
import plotly.offline

from raci import letters as L
from raci.analysis.rules import RULES, Finding, check, count_by_severity, health_score, severity_name
from raci.analysis.settings import DEFAULT_SETTINGS, Settings
from raci.analysis.summary import KeyFigures, key_figures
from raci.analysis.workload import Workload, workload
from raci.catalogue import category_display_name, task_display_name
from raci.i18n import normalise_lang, translate
from raci.letters import LETTER_COLORS
from raci.model import Plan
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


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


# ----- numbers and dates in the report's language ----------------------------------------
def number(value: float, lang: str, digits: int = 0) -> str:
    """1234.5 -> '1,234.5' (en) or '1.234,5' (es)."""
    text = f"{value + 0.0:,.{digits}f}"  # + 0.0: never "-0"
    if lang == "es":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(share: float, lang: str) -> str:
    """0.45 -> '45%' (en) or '45 %' (es)."""
    return f"{number(100 * share, lang)}{' %' if lang == 'es' else '%'}"


def hours(value: float, lang: str) -> str:
    """Hours as a figure: whole hours, or one decimal below 10 when not whole ('2.5 h')."""
    digits = 1 if value < 10 and round(value, 1) != round(value) else 0
    return f"{number(value, lang, digits)} h"


def date_text(moment: dt.date, lang: str) -> str:
    """A date (and time, for a datetime) as the language writes it: '5 March 2025, 09:30'."""
    month = _t("months", lang).split(",")[moment.month - 1].strip()
    params = {"day": moment.day, "month": month, "year": moment.year}
    if isinstance(moment, dt.datetime):
        return _t("date_time", lang, time=f"{moment:%H:%M}", **params)
    return _t("date", lang, **params)


# ----- the pieces -------------------------------------------------------------------------
def _letter_css() -> str:
    rules = []
    for letter, css_class in LETTER_CLASSES.items():
        color = LETTER_COLORS[letter]
        rules.append(f".{css_class}{{background:{color};color:{L.text_color(color)}}}")
    return "\n".join(rules)


def _tiles(figures: KeyFigures, plan: Plan, findings: list[Finding], settings: Settings, lang: str) -> str:
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
        ("hours", hours(figures.total_effort, lang), _t("kpi_hours_note", lang), ""),
        ("unassigned", hours(figures.unassigned_effort, lang), _t("kpi_unassigned_note", lang),
         "poor" if figures.unassigned_effort > 0 else ""),
        ("strategic", percent(figures.strategic_share, lang),
         _t("kpi_strategic_note", lang, share=percent(1 - figures.strategic_share, lang)), ""),
        ("busiest", busiest.short if busiest else "—",
         _t("kpi_busiest_note", lang, hours=hours(figures.busiest_hours, lang), name=busiest.name)
         if busiest else _t("kpi_busiest_none", lang), ""),
    ]
    items = "".join(
        f'<div class="tile {grade}" data-kpi="{key}"><div class="label">{_e(_t(f"kpi_{key}", lang))}</div>'
        f'<div class="value">{_e(value)}</div><div class="note">{_e(note)}</div></div>'
        for key, value, note, grade in tiles
    )
    return f'<div class="tiles">{items}</div>'


def _decimals(value: float) -> int:
    """0 for whole hours, else 1 or 2 decimals, as many as the value needs (at most 2)."""
    return 0 if float(value).is_integer() else 1 if round(value, 1) == value else 2


def _team(plan: Plan, load: Workload, lang: str) -> str:
    if not plan.n_roles:
        return ""
    accountable = np.isin(plan.cells, L.ACCOUNTABLE_CODES).sum(axis=0)
    responsible = np.isin(plan.cells, L.RESPONSIBLE_CODES).sum(axis=0)
    rows = []
    for k, role in enumerate(plan.roles):
        total = float(load.load.iloc[k])
        capacity = "—" if role.capacity is None else hours(role.capacity, lang)
        over = role.capacity is not None and total > role.capacity
        rows.append(
            f"<tr><th scope=\"row\">{_e(role.short)}</th><td>{_e(role.name)}</td>"
            f"<td>{_e(_t(f'profile_{role.profile}', lang))}</td>"
            f'<td class="num">{int(responsible[k])}</td><td class="num">{int(accountable[k])}</td>'
            f'<td class="num{" over" if over else ""}">{hours(total, lang)}</td><td class="num">{capacity}</td></tr>'
        )
    numeric = ' class="num"'
    heads = "".join(
        f'<th scope="col"{numeric if i > 2 else ""}>{_e(_t(key, lang))}</th>'
        for i, key in enumerate(("team_role", "team_name", "team_profile", "team_responsible",
                                 "team_accountable", "team_load", "team_capacity"))
    )
    return (f'<h3>{_e(_t("section_team", lang))}</h3>'
            f'<table class="team"><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


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
    spec = pio.to_json(figure, validate=False, engine="json")
    # plotly already writes <, > and / as \u escapes; this keeps it so whatever its version.
    return spec.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _charts(plan: Plan, load: Workload, lang: str) -> tuple[str, str]:
    """The chart placeholders and their data blocks (JSON in <script type=application/json>)."""
    boxes, data = [], []
    for kind in CHARTS:
        boxes.append(f'<figure class="chart" id="chart-{kind}" data-figure="figure-{kind}" '
                     f'aria-label="{_e(_t(f"chart_{kind}", lang))}"></figure>')
        data.append(f'<script type="application/json" id="figure-{kind}">{_figure_json(plan, load, kind, lang)}'
                    "</script>")
    return "".join(boxes), "".join(data)


def _legend(lang: str) -> str:
    items = "".join(
        f'<span class="key"><span class="swatch {LETTER_CLASSES[letter]}">{_e(letter) or "&nbsp;"}</span>'
        f'{_e(_t(f"letter_{key}", lang))}</span>'
        for letter, key in (("R", "R"), ("A", "A"), ("A/R", "AR"), ("C", "C"), ("I", "I"), ("", "none"))
    )
    return f'<div class="legend" aria-label="{_e(_t("legend", lang))}">{items}</div>'


def _matrix(plan: Plan, lang: str) -> str:
    if not plan.n_tasks or not plan.n_roles:
        return f'<p class="empty">{_e(_t("matrix_empty", lang))}</p>'
    many = plan.n_roles >= MANY_ROLES
    # Role names longer than a letter column is wide are written upwards.
    vertical = many or any(len(role.short) > 6 for role in plan.roles)
    classes = "matrix" + (" many" if many else "") + (" vertical" if vertical else "")
    # Upright names need a header as tall as the longest (up to 120 px, then cut with "…").
    head_height = min(120, 16 + 8 * max(len(role.short) for role in plan.roles))
    role_heads = "".join(
        f'<th scope="col" class="role" title="{_e(role.name)}"><span>{_e(role.short)}</span></th>'
        for role in plan.roles
    )
    columns = ('<colgroup><col class="c-num"><col class="c-task"><col class="c-cat"><col class="c-effort">'
               + '<col class="c-role">' * plan.n_roles + "</colgroup>")
    head = (f'<thead><tr><th scope="col" class="num">#</th><th scope="col">{_e(_t("col_task", lang))}</th>'
            f'<th scope="col">{_e(_t("col_category", lang))}</th>'
            f'<th scope="col" class="num">{_e(_t("col_effort", lang))}</th>{role_heads}</tr></thead>')
    # One piece of HTML per letter code, picked for every cell at once.
    cell_html = np.array([f'<td class="l {LETTER_CLASSES[letter]}">{_e(letter)}</td>' for letter in L.LETTERS],
                         dtype=object)
    cells = cell_html[plan.cells]
    natures = {nature: _e(_t(f"nature_{nature or 'none'}", lang)) for nature in ("strategic", "operational", "")}
    names = plan.tasks["name"].tolist()
    categories = plan.tasks["category"].tolist()
    efforts = plan.tasks["effort"].tolist()
    category_cache: dict[str, str] = {}
    rows = []
    for i, (name, category, nature, effort) in enumerate(
            zip(names, categories, plan.tasks["nature"].tolist(), efforts, strict=True)):
        shown = category_cache.get(category)
        if shown is None:
            shown = category_cache[category] = _e(category_display_name(category, lang)) or "—"
        rows.append(
            f'<tr><td class="num">{i + 1}</td><td class="task">{_e(task_display_name(name, lang))}</td>'
            f'<td>{shown}<span class="nature n-{nature or "none"}">{natures[nature]}</span></td>'
            f'<td class="num">{number(effort, lang, _decimals(effort))}</td>'
            f'{"".join(cells[i])}</tr>'
        )
    return (f'<table class="{classes}" style="--role-head: {head_height}px">{columns}{head}'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _findings(findings: Iterable[Finding], lang: str) -> str:
    findings = list(findings)
    if not findings:
        return f'<p class="empty ok">{_e(_t("findings_none", lang))}</p>'
    counts = count_by_severity(findings)
    summary = _t("findings_counts", lang, errors=counts["error"], warnings=counts["warning"], notes=counts["info"])
    rows = []
    for finding in findings:
        rows.append(
            f'<tr class="finding sev-row-{finding.severity}">'
            f'<td><span class="sev sev-{finding.severity}">{_e(severity_name(finding.severity, lang))}</span></td>'
            f'<td><span class="rule-title">{_e(RULES[finding.rule].title(lang))}</span>'
            f"<code>{_e(finding.rule)}</code></td>"
            f"<td>{_e(finding.message(lang))}</td></tr>"
        )
    head = "".join(f'<th scope="col">{_e(_t(key, lang))}</th>' for key in ("col_severity", "col_rule", "col_message"))
    return (f'<p class="counts">{_e(summary)}</p><table class="findings"><colgroup><col class="c-sev">'
            f'<col class="c-rule"><col></colgroup><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


@cache
def _plotly_js() -> str:
    return plotly.offline.get_plotlyjs()


def _stylesheet(lang: str) -> str:
    page = _t("page", lang).replace("\\", "").replace('"', "")
    return _CSS.replace("__LETTERS__", _letter_css()).replace("__PAGE__", page).replace("__FONT__", _FONT).replace(
        "__STRATEGIC__", NATURE_COLORS["strategic"]).replace("__OPERATIONAL__", NATURE_COLORS["operational"])


# ----- the page -----------------------------------------------------------------------------
def report_html(
    plan: Plan,
    lang: str = "en",
    title: str | None = None,
    generated_at: dt.date | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> str:
    """The meeting pack of ``plan`` as one self-contained HTML page (a str), in ``lang``.

    ``title`` is the plan's name (default: "RACI plan" in ``lang``); ``generated_at``
    the date shown (a datetime, with its time, or a date; default: now).
    """
    lang = normalise_lang(lang)
    title = title if title is not None and title.strip() else _t("default_title", lang)
    moment = generated_at if generated_at is not None else dt.datetime.now().astimezone()
    load = workload(plan, settings)
    findings = check(plan, settings)
    figures = key_figures(plan, load, findings, health_score(findings, settings))
    boxes, data = _charts(plan, load, lang)
    when = date_text(moment, lang)
    size = _t("plan_size", lang, tasks=number(plan.n_tasks, lang), roles=number(plan.n_roles, lang))
    sections = [
        f'<header class="cover"><div><div class="eyebrow">{_e(_t("pack", lang))}</div><h1>{_e(title)}</h1></div>'
        f'<div class="meta"><time datetime="{_e(moment.isoformat())}">{_e(_t("generated", lang, date=when))}</time>'
        f"<br>{_e(size)}</div></header>",
        f'<section id="summary"><h2>{_e(_t("section_summary", lang))}</h2>'
        f"{_tiles(figures, plan, findings, settings, lang)}{_team(plan, load, lang)}</section>",
        f'<section id="findings"><h2>{_e(_t("section_findings", lang))}</h2>'
        f"{_findings(findings, lang)}</section>",
        f'<section id="charts" class="page"><h2>{_e(_t("section_charts", lang))}</h2>{boxes}</section>',
        f'<section id="matrix" class="page"><h2>{_e(_t("section_matrix", lang))}</h2>{_legend(lang)}'
        f"{_matrix(plan, lang)}</section>",
        f'<footer>{_e(_t("footer", lang, title=title, date=when))}</footer>',
    ]
    config = json.dumps(_PLOTLY_CONFIG)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="RACI planner">\n<title>{_e(title)} · {_e(when)}</title>\n'
        f"<style>\n{_stylesheet(lang)}\n</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(sections)
        + f"\n</main>\n{data}\n<script>{_plotly_js()}</script>\n<script>{_DRAW.replace('__CONFIG__', config)}</script>"
        "\n</body>\n</html>\n"
    )


_DRAW = """
(function () {
  var config = __CONFIG__;
  var charts = [];
  document.querySelectorAll("figure[data-figure]").forEach(function (box) {
    var spec = JSON.parse(document.getElementById(box.getAttribute("data-figure")).textContent);
    charts.push(box);
    Plotly.newPlot(box, spec.data, spec.layout, config);
  });
  function fit() { charts.forEach(function (box) { Plotly.Plots.resize(box); }); }
  window.addEventListener("beforeprint", fit);
  window.addEventListener("afterprint", fit);
})();
"""

_CSS = """
:root { --ink: #1F2A33; --muted: #5B6770; --line: #D9DEE3; --paper: #FFFFFF; --bg: #F3F5F7; --accent: #004488; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.45 __FONT__; }
main { max-width: 1080px; margin: 0 auto; padding: 28px 20px 40px; }
header.cover { display: flex; justify-content: space-between; align-items: flex-end; gap: 24px;
  border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 20px; }
.eyebrow { text-transform: uppercase; letter-spacing: .09em; font-size: 12px; font-weight: 700; color: var(--accent); }
h1 { font-size: 30px; line-height: 1.15; margin: 4px 0 0; overflow-wrap: anywhere; }
.meta { color: var(--muted); font-size: 14px; text-align: right; white-space: nowrap; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 18px 24px 20px;
  margin: 0 0 20px; }
h2 { font-size: 20px; margin: 0 0 14px; }
h3 { font-size: 15px; margin: 20px 0 8px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }
.tile { border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 8px; padding: 10px 14px;
  min-width: 0; }
.tile.good { border-top-color: #117733; } .tile.fair { border-top-color: #DDAA33; }
.tile.poor { border-top-color: #B2182B; }
.tile .label { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase;
  letter-spacing: .04em; }
.tile .value { font-size: 27px; font-weight: 700; line-height: 1.2; margin: 3px 0 2px; overflow-wrap: anywhere; }
.tile .note { font-size: 13px; color: var(--muted); overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
thead th { background: #EAEEF2; font-size: 12.5px; font-weight: 700; vertical-align: bottom; }
tbody th { font-weight: 700; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.over { color: #B2182B; font-weight: 700; }
.chart { height: 320px; margin: 0 0 18px; }
.chart:last-child { margin-bottom: 0; }
.counts { color: var(--muted); margin: -6px 0 12px; }
.findings col.c-sev { width: 96px; } .findings col.c-rule { width: 230px; }
.findings td { font-size: 13.5px; }
.rule-title { display: block; font-weight: 600; }
code { font: 11.5px ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; color: var(--muted); }
.sev { display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 12px; font-weight: 700; }
.sev-error { background: #FBE1E3; color: #8E1B24; } .sev-warning { background: #FFF0D1; color: #7A4A00; }
.sev-info { background: #E3EDF7; color: #1D4E7E; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0 0 12px; font-size: 13px; }
.legend .key { white-space: nowrap; }
.swatch { display: inline-block; min-width: 34px; padding: 1px 6px; margin-right: 6px; border-radius: 4px;
  text-align: center; font-weight: 700; }
.matrix { table-layout: fixed; font-size: 13px; }
.matrix col.c-num { width: 40px; } .matrix col.c-cat { width: 210px; } .matrix col.c-effort { width: 62px; }
.matrix col.c-role { width: 62px; }
.matrix td { padding: 4px 6px; vertical-align: middle; }
.matrix th.role { text-align: center; }
.matrix td.l { text-align: center; font-weight: 700; border: 2px solid #FFFFFF; padding: 3px 0; }
.matrix .nature { display: block; font-size: 11.5px; color: var(--muted); }
.matrix .nature::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 50%;
  margin-right: 5px; background: #BBBBBB; }
.matrix .n-strategic::before { background: __STRATEGIC__; }
.matrix .n-operational::before { background: __OPERATIONAL__; }
.matrix.many { font-size: 12px; } .matrix.many col.c-role { width: 27px; } .matrix.many col.c-cat { width: 140px; }
.matrix.vertical th.role { padding: 4px 0; height: var(--role-head, 120px); vertical-align: bottom; }
.matrix.vertical th.role span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; max-height: calc(var(--role-head, 120px) - 8px); display: inline-block; }
.matrix.many td.l { font-size: 11px; border-width: 1px; }
.empty { color: var(--muted); font-style: italic; } .empty.ok { color: #117733; font-style: normal; font-weight: 600; }
footer { color: var(--muted); font-size: 12px; text-align: center; }
__LETTERS__
@page { size: A4 landscape; margin: 11mm 10mm 12mm;
  @bottom-right { content: "__PAGE__ " counter(page) " / " counter(pages); font: 8pt __FONT__; color: #5B6770; } }
@media print {
  body { background: #FFFFFF; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section { border: 0; border-radius: 0; padding: 0; margin: 0 0 6mm; }
  section.page { break-before: page; }
  h2, h3, .counts, .legend { break-after: avoid; }
  .tile, .chart, tr, .legend, header.cover { break-inside: avoid; }
  thead { display: table-header-group; }
  .modebar-container { display: none !important; }
  footer { display: none; }
}
"""
