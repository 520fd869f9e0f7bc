"""A scenario beside the plan it came from: the key figures before and after, each role's and person's
utilisation before and after, then the History page's comparison (letters changed, hours moved, both sides)."""

from __future__ import annotations

import math

import streamlit as st

from raci.i18n import hours, number, percent, signed_hours
from raci.model import Plan
from raci.whatif import Comparison, Figure, UseChange, compare
from ui import session
from ui.compare import plans_compared
from ui.text import lang
from ui.whatif_text import w

_TILES = ("people", "capacity", "busiest", "hours", "health")


def _value(figure: Figure, value: float | None) -> str:
    language = lang()
    if value is None:
        return "—"
    if figure.key == "busiest":
        return w("no_hours") if math.isinf(value) else percent(value, language)
    if figure.key in ("hours", "capacity", "unassigned"):
        return hours(value, language, None)
    if figure.key == "health":
        return f"{number(value, language)}/100"
    return number(value, language)


def _delta(figure: Figure) -> str | None:
    before, after = figure.before, figure.after
    if before is None or after is None or not (math.isfinite(before) and math.isfinite(after)):
        return None
    change = after - before
    if abs(change) < 1e-9:
        return None
    if figure.key == "busiest":
        return w("points", value=f"{change * 100:+.0f}")
    if figure.key in ("hours", "capacity", "unassigned"):
        return signed_hours(change, lang())
    return f"{change:+.0f}"


def key_figures(result: Comparison) -> None:
    """One tile per figure: the scenario's value, its change, and what the plan had."""
    with st.container(key="whatif_figures"):
        for column, key in zip(st.columns(len(_TILES)), _TILES, strict=True):
            figure = result.figure(key)
            worse_up = key in ("busiest", "hours")  # more utilisation or more work: red
            delta = _delta(figure)
            if delta is None:  # said, so that every tile has the same height and its caption lines up
                column.metric(w(f"figure_{key}"), _value(figure, figure.after), delta=w("same"), border=True,
                              delta_color="off", delta_arrow="off")
            else:
                column.metric(w(f"figure_{key}"), _value(figure, figure.after), delta=delta, border=True,
                              delta_color="inverse" if worse_up else "normal")
            column.caption(w("figure_before", value=_value(figure, figure.before)))


def _use(load: float | None, capacity: float | None, share: float | None) -> str:
    """"115,4 / 140 h · 82 %"; "115,4 h" with no capacity known; "—" where absent from that plan."""
    language = lang()
    if load is None:
        return "—"
    if capacity is None:
        return hours(load, language)
    if capacity <= 0:
        return f"{hours(load, language)} · {w('no_hours')}"
    return f"{number(load, language, 1)} / {hours(capacity, language, None)} · {percent(share or 0.0, language)}"


def _change(row: UseChange) -> str:
    if row.before is None or row.after is None or not (math.isfinite(row.before) and math.isfinite(row.after)):
        return "—"
    return w("points", value=f"{(row.after - row.before) * 100:+.0f}")


def use_table(rows: tuple[UseChange, ...], first: str, before: str, after: str) -> None:
    """Each role (or person) before and after, and the change in points of utilisation (names as data)."""
    st.dataframe({first: [r.name for r in rows],
                  before: [_use(r.load_before, r.capacity_before, r.before) for r in rows],
                  after: [_use(r.load_after, r.capacity_after, r.after) for r in rows],
                  w("change_points"): [_change(r) for r in rows]}, hide_index=True)


def scenario_compared(base: Plan, scenario: Plan, plan_label: str, scenario_label: str, version: int,
                      key: tuple) -> None:
    """The whole comparison of ``scenario`` with ``base`` (the plan's ``version`` it started from)."""
    result = session.derived(("whatif_compare", *key), lambda: compare(base, scenario, session.settings()))
    key_figures(result)
    roles, people = st.columns(2, gap="large")
    with roles:
        st.markdown(f"**{w('use_roles')}**")
        use_table(result.roles, w("role"), w("in_plan", version=version), w("in_scenario"))
    with people:
        st.markdown(f"**{w('use_people')}**")
        if result.people:
            use_table(result.people, w("person"), w("in_plan", version=version), w("in_scenario"))
        else:
            st.caption(w("no_people"))
    plans_compared(base, scenario, plan_label, scenario_label, plan_label, scenario_label, key="whatif_chart")
