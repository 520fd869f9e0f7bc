"""RACI matrix: every letter editable, tasks and roles managed, findings beside."""

import streamlit as st

from raci.analysis.rules import RULES
from ui import access, session
from ui.findings_panel import findings_list, findings_table
from ui.grid import legend, raci_grid
from ui.plan_editors import role_editor, task_editor
from ui.search import found_tasks, task_search
from ui.text import lang, t

st.title(t("matrix.title"))
st.caption(t("matrix.help"))
access.read_only_banner()
plan = session.plan()
result = session.analysis()
grid_side, findings_side = st.columns([4, 1], gap="medium")

with findings_side:
    st.metric(t("health.score"), f"{result.score}/100")
    st.subheader(t("findings.title"))
    findings_list(result.findings, limit=8)
    if len(result.findings) > 8:
        with st.expander(t("findings.all", count=len(result.findings))):
            findings_table()

with grid_side:
    query = task_search("matrix_search")
    flagged = st.toggle(t("matrix.only_flagged"), key="matrix_only_flagged")
    rows, rules = found_tasks(range(plan.n_tasks), query), []
    if flagged:
        titles = {f.rule: RULES[f.rule].title(lang()) for f in result.findings if f.task_index is not None}
        rules = st.multiselect(t("matrix.rules"), sorted(titles),
                               placeholder=t("choose.many"), key="matrix_rules", format_func=titles.get)
        concerned = {f.task_index for f in result.findings
                     if f.task_index is not None and (not rules or f.rule in rules)}
        rows = [i for i in rows if i in concerned]
    if flagged or query:
        st.caption(t("matrix.filtered", shown=len(rows), total=plan.n_tasks))
    raci_grid(rows, filter_signature=f"{flagged}:{','.join(rules)}" + (f":{query}" if query else ""))
    with st.expander(t("matrix.legend")):
        legend()
    if access.can_edit():
        task_editor()
        role_editor()
