"""The plan's charts as Plotly figures: plain functions from a plan and its workload.

Made for a projector: large fonts, colour-blind-safe colours (Okabe-Ito for the
letters, Paul Tol's for natures and roles), and the same colour for a letter,
a nature or a role in every chart. Titles, axes, legends, value labels and hovers
follow ``lang``: Plotly's own number formats (d3) are English only, so every figure
a chart writes is formatted by ``raci.i18n`` first ("80,1 h", "45 %" in Spanish;
"80.1 h", "45%" in English) and shown as text (``text``, or ``customdata`` in the
hover), and the axes' ticks take the language's separators (``layout.separators``).
"""

from __future__ import annotations

import html
from collections.abc import Callable

import numpy as np
import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol

from raci import letters as L
from raci.analysis.balance import Side
from raci.analysis.utilisation import capacities, utilisation
from raci.analysis.workload import Workload
from raci.catalogue import category_display_name, task_display_name
from raci.i18n import hours, normalise_lang, percent, translate
from raci.letters import LETTER_COLORS
from raci.model import Plan
from raci.text import clip

#: Natures (Paul Tol's high-contrast scheme, distinct from the letters).
NATURE_COLORS = {"strategic": "#004488", "operational": "#DDAA33", "unclassified": "#BBBBBB"}
#: Roles, in plan order (Paul Tol's muted scheme), cycling after nine roles.
ROLE_COLORS = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")

FONT_SIZE = 18
TITLE_SIZE = 26
HEATMAP_MAX_TASKS = 150  # a heatmap taller than this is unreadable on a screen; the rest is summarised


#: The capacity marks: dark, so that they read on every letter colour.
CAPACITY_COLOR = "#1F2A33"


def _t(key: str, lang: str, **params: object) -> str:
    return translate(f"charts.{key}", lang, **params)


def label(text: str) -> str:
    """User text as a chart label: Plotly reads labels as its own small HTML (<b>, <a href>...),
    so a role called '<a href="...">CM</a>' must be escaped to show as typed, not as a link."""
    return html.escape(text, quote=False)


def separators(lang: str) -> str:
    """Plotly's ``layout.separators`` for ``lang``: its decimal mark then its thousands mark (',.' in Spanish)."""
    locale = normalise_lang(lang)
    return get_decimal_symbol(locale) + get_group_symbol(locale)


def role_colors(plan: Plan) -> dict[str, str]:
    """Each role's colour, stable for a given plan order."""
    return {role: ROLE_COLORS[k % len(ROLE_COLORS)] for k, role in enumerate(plan.role_names)}


def _figure(traces: list[dict], title: str, lang: str, subtitle: str = "", **layout: object) -> go.Figure:
    """One figure from plain trace and layout dicts, built (and validated) in one step.

    Building from dicts costs ~2 ms a figure where Plotly's incremental API
    (add_bar, update_layout, templates) costs ~10 ms: it matters at every edit.
    """
    grid = {"gridcolor": "#E6E6E6", "zerolinecolor": "#BDBDBD", "automargin": True}
    spec_layout = {
        # Short titles, the unit in a subtitle: a half-width chart at 1280 px must not cut them.
        "title": {"text": title, "font": {"size": TITLE_SIZE}, "x": 0.01, "xanchor": "left",
                  **({"subtitle": {"text": subtitle, "font": {"size": FONT_SIZE - 2, "color": "#5F6B73"}}}
                     if subtitle else {})},
        "font": {"size": FONT_SIZE, "color": "#1F2A33"},
        "separators": separators(lang),  # the axes' tick numbers in the reader's language
        "template": "none",  # an explicit light style: a Plotly template costs ~8 ms a figure
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        # Legend under the plot: above it, it collides with the title in a half-width column.
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.14, "xanchor": "left", "x": 0, "traceorder": "normal"},
        "margin": {"l": 20, "r": 20, "t": 100 if subtitle else 70, "b": 20},
        **layout,
        "xaxis": {**grid, **layout.get("xaxis", {})},
        "yaxis": {**grid, **layout.get("yaxis", {})},
    }
    return go.Figure({"data": traces, "layout": spec_layout})


def workload_figure(plan: Plan, workload: Workload, lang: str) -> go.Figure:
    """Hours per role, stacked by the letter they come from (R, A, C, I)."""
    roles = [label(r) for r in workload.by_letter.index]
    traces = []
    for letter in ("R", "A", "C", "I"):
        values = workload.by_letter[letter].tolist()
        traces.append({"type": "bar", "name": _t(f"letter_{letter}", lang), "x": roles, "y": values,
                       "marker": {"color": LETTER_COLORS[letter]}, "customdata": [hours(v, lang) for v in values],
                       "hovertemplate": "%{x}: %{customdata}<extra>" + letter + "</extra>"})
    totals = workload.by_letter["total"].tolist()
    traces.append({"type": "scatter", "mode": "text", "x": roles, "y": totals, "showlegend": False, "cliponaxis": False,
                   "text": [hours(v, lang, 0) for v in totals], "texttemplate": "%{text}", "textposition": "top center",
                   "hoverinfo": "skip", "textfont": {"size": FONT_SIZE}})
    known = {role: hours_ for role, hours_ in capacities(plan).items() if hours_ is not None}
    if known:  # a dash across each role's bar at its capacity (its people's hours, else its own number)
        shown = [label(r) for r in workload.by_letter.index if r in known]
        values = [known[r] for r in workload.by_letter.index if r in known]
        traces.append({"type": "scatter", "mode": "markers", "name": _t("capacity", lang), "x": shown, "y": values,
                       "marker": {"symbol": "line-ew", "size": 44, "line": {"width": 3, "color": CAPACITY_COLOR}},
                       "customdata": [hours(v, lang) for v in values],
                       "hovertemplate": "%{x}: " + _t("capacity", lang) + " %{customdata}<extra></extra>"})
    return _figure(traces, _t("workload_title", lang), lang, _t("workload_subtitle", lang), barmode="stack",
                   yaxis={"title": {"text": _t("hours_axis", lang)}}, xaxis={"showgrid": False})


def split_figure(plan: Plan, workload: Workload, lang: str) -> go.Figure:
    """Strategic vs operational hours per role, each bar labelled with its share."""
    roles = [label(r) for r in workload.by_nature.index]
    totals = workload.by_nature.sum(axis=1).replace(0, np.nan)
    traces = []
    for nature in ("strategic", "operational", "unclassified"):
        spent = workload.by_nature[nature]
        if nature == "unclassified" and not spent.any():
            continue
        shares = (spent / totals).fillna(0).tolist()
        name = _t(f"nature_{nature}", lang)
        traces.append({
            "type": "bar", "orientation": "h", "name": name, "y": roles, "x": spent.tolist(),
            "marker": {"color": NATURE_COLORS[nature]},
            "text": [percent(v, lang) if v >= 0.04 else "" for v in shares], "texttemplate": "%{text}",
            "customdata": [f"{hours(h, lang)} ({percent(v, lang)})"
                           for h, v in zip(spent.tolist(), shares, strict=True)],
            "textposition": "inside", "insidetextanchor": "middle", "textfont": {"size": FONT_SIZE},
            "hovertemplate": "%{y}: %{customdata}<extra>" + name + "</extra>",
        })
    return _figure(traces, _t("split_title", lang), lang, _t("split_subtitle", lang), barmode="stack",
                   yaxis={"autorange": "reversed", "showgrid": False},
                   uniformtext={"mode": "hide", "minsize": 12})  # a share that does not fit is left out


def category_figure(plan: Plan, workload: Workload, lang: str) -> go.Figure:
    """Hours per category, one bar per role, in the role's colour."""
    labels = [label(category_display_name(c, lang)) or _t("no_category", lang) for c in workload.by_category.columns]
    colors = role_colors(plan)
    traces = []
    for role in workload.by_category.index:
        values = workload.by_category.loc[role].tolist()
        traces.append({"type": "bar", "name": label(role), "x": labels, "y": values, "marker": {"color": colors[role]},
                       "customdata": [hours(v, lang) for v in values],
                       "hovertemplate": "%{x}: %{customdata}<extra>" + label(role) + "</extra>"})
    return _figure(traces, _t("category_title", lang), lang, barmode="group",
                   yaxis={"title": {"text": _t("hours_axis", lang)}}, xaxis={"showgrid": False})


def heatmap_figure(plan: Plan, workload: Workload, lang: str) -> go.Figure:
    """The matrix itself: one coloured, lettered cell per task and role."""
    shown = min(plan.n_tasks, HEATMAP_MAX_TASKS)
    cells = plan.cells[:shown]
    names = [task_display_name(n, lang) for n in plan.tasks["name"].iloc[:shown]]
    n = len(L.LETTERS)
    # Discrete colours: code c (0..n-1, scaled to c/(n-1)) falls in the band [c/n, (c+1)/n].
    scale = []
    for code, letter in enumerate(L.LETTERS):
        scale += [[code / n, LETTER_COLORS[letter]], [(code + 1) / n, LETTER_COLORS[letter]]]
    title = _t("heatmap_title", lang)
    if shown < plan.n_tasks:
        title += " " + _t("heatmap_first", lang, shown=shown, total=plan.n_tasks)
    trace = {
        "type": "heatmap", "z": cells.tolist(), "x": [label(r) for r in plan.role_names],
        "y": [f"{i + 1}. {label(clip(name))}" for i, name in enumerate(names)],  # numbered: names may repeat
        "text": L.LETTER_ARRAY[cells].tolist(), "texttemplate": "%{text}", "textfont": {"size": FONT_SIZE},
        "colorscale": scale, "zmin": 0, "zmax": n - 1, "showscale": False, "xgap": 3, "ygap": 3,
        "hovertemplate": "%{y} · %{x}: %{text}<extra></extra>",
    }
    return _figure([trace], title, lang, yaxis={"autorange": "reversed", "showgrid": False},
                   xaxis={"side": "top", "showgrid": False},
                   height=max(420, 34 * shown + 160), margin={"l": 20, "r": 20, "t": 130, "b": 20})


def _known(value: float | None) -> bool:
    return value is not None and np.isfinite(value)


def utilisation_figure(plan: Plan, workload: Workload, lang: str) -> go.Figure:
    """Each role's and each person's load as a % of their capacity, against a dashed 100 % line.

    Roles and people without a capacity are left out; a plan with no capacity at all gets a
    figure saying so (and where to give one). A person's bar takes the colour of their main role.
    """
    use = utilisation(plan, workload.load)
    colors = role_colors(plan)
    groups = (("utilisation_roles", [(r.role, r.load, r.capacity, r.utilisation, r.role) for r in use.roles]),
              ("utilisation_people", [(p.name, p.load, p.hours, p.utilisation, max(p.roles, key=p.roles.get))
                                      for p in use.people if p.roles]))
    title, subtitle = _t("utilisation_title", lang), _t("utilisation_subtitle", lang)
    traces, rows = [], 0
    for group, items in groups:
        shown = [item for item in items if _known(item[3])]
        if not shown:
            continue
        rows += len(shown)
        name = _t(group, lang)
        traces.append({
            "type": "bar", "orientation": "h", "name": name, "showlegend": False,
            "y": [[name] * len(shown), [label(item[0]) for item in shown]],  # grouped: a person may share a role's name
            "x": [item[3] * 100 for item in shown],
            "marker": {"color": [colors.get(item[4], ROLE_COLORS[0]) for item in shown],
                       "line": {"width": [3 if item[3] > 1 else 0 for item in shown], "color": CAPACITY_COLOR}},
            "text": [percent(item[3], lang) for item in shown], "texttemplate": "%{text}", "textposition": "outside",
            "cliponaxis": False, "textfont": {"size": FONT_SIZE},
            "customdata": [f"{hours(item[1], lang)} / {hours(item[2], lang)}" for item in shown],
            "hovertemplate": "%{y}: %{text} (%{customdata})<extra></extra>",
        })
    if not traces:
        return _figure([], title, lang, subtitle, height=320,
                       xaxis={"visible": False}, yaxis={"visible": False},
                       annotations=[{"text": _t("utilisation_none", lang), "showarrow": False, "xref": "paper",
                                     "yref": "paper", "x": 0.5, "y": 0.5, "font": {"size": FONT_SIZE}}])
    top = max(max(trace["x"]) for trace in traces)
    suffix = percent(0.0, lang).replace("0", "", 1)  # "%" in English, " %" in Spanish
    return _figure(traces, title, lang, subtitle, barmode="overlay", height=max(360, 46 * rows + 200),
                   xaxis={"title": {"text": _t("utilisation_axis", lang)}, "range": [0, max(120.0, top * 1.15)],
                          "ticksuffix": suffix},
                   yaxis={"autorange": "reversed", "showgrid": False},
                   shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": 100, "x1": 100, "y0": 0, "y1": 1,
                            "line": {"color": CAPACITY_COLOR, "width": 2, "dash": "dash"}}])


def balance_figure(before: Side, after: Side, lang: str) -> go.Figure:
    """Each role's utilisation before and after a suggested balance, side by side, against the 100 % line.

    Roles with no hours at all (everyone in them absent) are left out: they have no utilisation.
    """
    shown = [(b, after.role(b.role)) for b in before.roles if b.utilisation is not None]
    traces = []
    for key, side, color in (("balance_before", 0, "#BBBBBB"), ("balance_after", 1, "#004488")):
        values = [pair[side].utilisation for pair in shown]
        traces.append({
            "type": "bar", "orientation": "h", "name": _t(key, lang), "y": [label(b.role) for b, _ in shown],
            "x": [v * 100 for v in values], "marker": {"color": color},
            "text": [percent(v, lang) for v in values], "texttemplate": "%{text}", "textposition": "outside",
            "cliponaxis": False, "textfont": {"size": FONT_SIZE},
            "customdata": [f"{hours(pair[side].load, lang)} / {hours(pair[side].capacity, lang)}" for pair in shown],
            "hovertemplate": "%{y}: %{text} (%{customdata})<extra></extra>",
        })
    top = max([v for trace in traces for v in trace["x"]], default=100.0)
    suffix = percent(0.0, lang).replace("0", "", 1)
    return _figure(traces, _t("balance_title", lang), lang, "", barmode="group",
                   height=max(300, 70 * len(shown) + 160),
                   xaxis={"title": {"text": _t("utilisation_axis", lang)}, "range": [0, max(120.0, top * 1.15)],
                          "ticksuffix": suffix},
                   yaxis={"autorange": "reversed", "showgrid": False},
                   shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": 100, "x1": 100, "y0": 0, "y1": 1,
                            "line": {"color": CAPACITY_COLOR, "width": 2, "dash": "dash"}}])


#: The charts by kind, as the app, the meeting view and the command line name them.
FIGURES: dict[str, Callable[[Plan, Workload, str], go.Figure]] = {
    "workload": workload_figure,
    "split": split_figure,
    "category": category_figure,
    "heatmap": heatmap_figure,
    "utilisation": utilisation_figure,
}
