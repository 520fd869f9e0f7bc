"""Assignment: every task grouped by category, with a one-click choice of owner."""

import streamlit as st

from raci.catalogue import category_display_name, task_display_name
from raci.i18n import decimals, number
from ui import access, live, session
from ui.balance import balance_button, balance_panel
from ui.capacity import load_panel
from ui.findings_panel import findings_list
from ui.paging import page_of
from ui.safe import md
from ui.search import found_tasks, task_search
from ui.text import lang, t

SHARED = "__shared__"


def owner_value(plan, index: int):  # noqa: ANN001, ANN201
    """What the owner control shows for a task: a role, 'shared', or the list of doers."""
    owners = plan.owners(index)
    if plan.n_roles > 2:
        return owners
    if len(owners) == 2:
        return SHARED
    return owners[0] if owners else None


def on_owner_change(index: int, task_id: str, key: str) -> None:
    live.edited()
    plan = session.plan()
    if plan.task_ids[index] != task_id:  # the plan moved under the click: do nothing
        return
    chosen = st.session_state.get(key)
    if chosen in (None, []):
        return  # a task always keeps an owner; the control is re-drawn from the plan
    owners = plan.role_names if chosen == SHARED else ([chosen] if isinstance(chosen, str) else chosen)
    session.apply(lambda p: p.assign_owner(index, owners))


def on_accountable_change(index: int, task_id: str, key: str) -> None:
    live.edited()
    role = st.session_state.get(key)
    if role and session.plan().task_ids[index] == task_id:
        session.apply(lambda p: p.set_accountable(index, role))


@st.fragment
def task_row(index: int) -> None:
    """One task: its name, effort and owner; a click reruns this row and the figures (ui/live.py)."""
    plan = session.plan()
    task_id = plan.task_ids[index]
    live.spots(task_id)
    name, main, side = st.columns([3.6, 4.8, 3.6], vertical_alignment="center", gap="small")
    name.markdown(f"**{md(task_display_name(plan.names[index], lang()))}**")
    nature = t(f"nature.{plan.natures[index] or 'none'}")
    effort = t("effort.hours", hours=number(plan.efforts[index], lang(), decimals(plan.efforts[index])))
    name.caption(f"{nature} · {effort}")

    key = f"owner::{task_id}"
    st.session_state[key] = owner_value(plan, index)
    options = plan.role_names if plan.n_roles > 2 else [*plan.role_names, SHARED]
    shared_label = t("assign.shared")
    main.segmented_control(
        t("assign.owner"), options, key=key, label_visibility="collapsed",
        selection_mode="multi" if plan.n_roles > 2 else "single",
        format_func=lambda o: shared_label if o == SHARED else md(o),
        on_change=on_owner_change, args=(index, task_id, key), disabled=not access.can_edit(),
    )
    owners = plan.owners(index)
    if len(owners) > 1:
        acc_key = f"acc::{task_id}"
        accountable = plan.accountable(index)
        st.session_state[acc_key] = accountable[0] if len(accountable) == 1 else None
        side.segmented_control(
            t("assign.accountable"), owners, key=acc_key, format_func=lambda r: f"A: {md(r)}",
            label_visibility="collapsed", on_change=on_accountable_change, args=(index, task_id, acc_key),
            disabled=not access.can_edit(),
        )


st.title(t("assign.title"))
plan = session.plan()
if plan.n_roles == 2:
    st.caption(t("assign.help", first=md(plan.role_names[0]), second=md(plan.role_names[1])))
else:
    st.caption(t("assign.help_many"))
access.read_only_banner()
if access.can_edit():
    balance_button("assign")
    balance_panel("assign")
board, panel = st.columns([3, 1], gap="large")



def figures_panel() -> None:
    """Each role's hours and the findings, drawn again after a row's edit."""
    result = session.analysis()
    load_panel(session.plan(), result.workload.load)
    st.subheader(t("findings.title"))
    findings_list(result.findings, limit=8)


with panel:
    live.slot("panel", figures_panel)

with board:
    labels = {c: category_display_name(c, lang()) or t("category.none") for c in plan.categories}
    categories = list(labels)
    query = task_search("assign_search")
    chosen = st.pills(t("assign.categories"), categories, selection_mode="multi", key="assign_categories",
                      format_func=lambda c: md(labels[c]))
    by_category: dict[str, list[int]] = {c: [] for c in categories}
    for i, c in enumerate(plan.categories):
        by_category[c].append(i)
    order = found_tasks([i for c in categories if not chosen or c in chosen for i in by_category[c]], query)
    if query:
        st.caption(t("search.found", shown=len(order), total=plan.n_tasks, query=md(query)) if order
                   else t("search.none", query=md(query)))
    current_category = None
    for index in page_of(order, key="assign_page"):
        category = plan.categories[index]
        if category != current_category:
            current_category = category
            st.subheader(md(labels[category]), divider="gray")
        task_row(index)
