"""Assignment: every task grouped by category, with a one-click choice of owner (ui/owner_board.py)."""

from collections.abc import Sequence

import streamlit as st

from raci.catalogue import category_display_name, task_display_name
from raci.i18n import decimals, number
from ui import access, live, session
from ui.balance import balance_button, balance_panel
from ui.capacity import load_panel
from ui.findings_panel import findings_list
from ui.owner_board import SHARED, Pick, choice, owner_board, task
from ui.paging import page_of
from ui.safe import md
from ui.search import found_tasks, task_search
from ui.text import lang, t


def on_pick(pick: Pick) -> None:
    """A click on the board: the task's owners or its Accountable, if the task is still where it was."""
    live.edited()
    plan = session.plan()
    ids = plan.task_ids
    if pick.task not in ids or not set(pick.values) <= set(plan.role_names) | {SHARED}:
        return  # the plan moved under the click (or the page sent something else): the board is redrawn from it
    index = ids.index(pick.task)
    if pick.control == "owner":
        owners = plan.role_names if SHARED in pick.values else list(pick.values)
        if owners != plan.owners(index):
            session.apply(lambda p: p.assign_owner(index, owners))
    elif len(pick.values) == 1 and pick.values[0] in plan.owners(index):
        session.apply(lambda p: p.set_accountable(index, pick.values[0]))


def board_groups(plan, shown: Sequence[int], titles: dict[str, str]) -> list[dict]:  # noqa: ANN001
    """The board's data for the tasks ``shown``, grouped under their category's title: each task's name, nature
    and effort, who does it and who is its Accountable."""
    language, many = lang(), plan.n_roles > 2
    options = [(r, r) for r in plan.role_names] + ([] if many else [(SHARED, t("assign.shared"))])
    owner_label, accountable_label = t("assign.owner"), t("assign.accountable")
    ids, groups = plan.task_ids, []
    for index in shown:
        effort = t("effort.hours", hours=number(plan.efforts[index], language, decimals(plan.efforts[index])))
        nature = t(f"nature.{plan.natures[index] or 'none'}")
        owners = plan.owners(index)
        on = set(owners) if many or len(owners) < 2 else {SHARED}
        accountable = None
        if len(owners) > 1:
            accountable = choice(accountable_label, [(r, f"A: {r}") for r in owners], set(plan.accountable(index)))
        title = titles[plan.categories[index]]
        if not groups or groups[-1]["title"] != title:
            groups.append({"title": title, "rows": []})
        groups[-1]["rows"].append(task(ids[index], task_display_name(plan.names[index], language),
                                       f"{nature} · {effort}", choice(owner_label, options, on, multi=many),
                                       accountable))
    return groups


def figures_panel() -> None:
    """Each role's hours and the findings."""
    result = session.analysis()
    load_panel(session.plan(), result.workload.load)
    st.subheader(t("findings.title"))
    findings_list(result.findings, limit=8)


@st.fragment
def board_and_figures() -> None:
    """The tasks and the figures they move: a click reruns this part of the page alone (ui/live.py)."""
    live.refresh()
    plan = session.plan()
    board, panel = st.columns([3, 1], gap="large")
    with panel:
        figures_panel()
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
        owner_board(board_groups(plan, page_of(order, key="assign_page"), labels), key="owner_board",
                    disabled=not access.can_edit(), on_pick=on_pick)


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
board_and_figures()
