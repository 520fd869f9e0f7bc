"""*Proponer reparto / Suggest a balance*: the balancer's proposal shown as a decision, never applied behind
the user's back. The moves as sentences with a tick each, the utilisation before and after on one chart,
the findings that go and come; accepting the ticked moves is one new version ("Reparto propuesto: 3 tareas").

The proposal is kept for the plan version it was made for: once the plan changes it is dropped.
"""

from __future__ import annotations

import streamlit as st

from raci.analysis import analyse
from raci.analysis.balance import DEFAULT_TIME_LIMIT, BalanceError, Proposal, balance
from raci.analysis.rules import Finding
from raci.catalogue import task_display_name
from raci.history import Description
from raci.i18n import translate
from raci.output.charts import balance_figure
from ui import live, session
from ui.safe import md
from ui.text import lang, t

_OPEN, _PROPOSAL = "balance_open", "balance_proposal"


def b(key: str, **params: object) -> str:
    """A text of the balance panel (raci/locales/<lang>/balance.json, keys ``ui_*``)."""
    return translate(f"balance.ui_{key}", lang(), **params)


def balance_button(where: str) -> None:
    """The button that opens the panel (``where``: the page, so each page's button has its own key)."""
    st.button(b("open"), key=f"balance_open::{where}", icon=":material/balance:", help=b("open_help"),
              on_click=lambda: st.session_state.update({_OPEN: True}))


def balance_panel(where: str) -> None:
    """The options, the proposal and the choice; nothing until the button opened it."""
    if not st.session_state.get(_OPEN):
        return
    live.whole_page()  # its options and proposal are the plan's: an owner's click redraws the page
    plan = session.plan()
    with st.container(border=True, key=f"balance_panel_{where}"):
        st.subheader(b("title"))
        st.caption(b("help"))
        ids = plan.task_ids
        names = {tid: task_display_name(name, lang()) for tid, name in zip(ids, plan.names, strict=True)}
        left, right = st.columns(2)
        goals = {goal: b(f"target_{goal}") for goal in ("capacity", "even")}
        left.radio(b("target"), list(goals), key="balance_target", horizontal=True, format_func=goals.get)
        left.toggle(b("nature_fit"), value=True, key="balance_fit", help=b("nature_fit_help"))
        right.number_input(b("max_moves"), min_value=0, max_value=max(plan.n_tasks, 1), value=None, step=1,
                           key="balance_max", placeholder=b("max_moves_any"))
        right.multiselect(b("locked"), ids, key="balance_locked", format_func=lambda tid: md(names.get(tid, tid)),
                          placeholder=t("choose.one"), help=b("locked_help"))
        go, close = st.columns([1, 1])
        go.button(b("propose"), type="primary", key=f"balance_go::{where}", on_click=_propose)
        close.button(b("close"), key=f"balance_close::{where}", on_click=_discard)
        proposal = _current()
        if proposal is not None:
            _show(proposal)


def _current() -> Proposal | str | None:
    """The proposal made for the plan as it is now (or why none could be made); None once the plan changed."""
    kept = st.session_state.get(_PROPOSAL)
    if kept is None or kept[0] != session.version():
        return None
    return kept[1]


def _propose() -> None:
    state = st.session_state
    plan = session.plan()
    locked = [tid for tid in state.get("balance_locked") or [] if tid in set(plan.task_ids)]
    try:
        proposal = balance(plan, session.settings(), locked=locked, any_role=not state.get("balance_fit", True),
                           max_moves=state.get("balance_max"), target=1.0 if state.get("balance_target") != "even"
                           else 0.0, time_limit=DEFAULT_TIME_LIMIT)
    except BalanceError as error:
        state[_PROPOSAL] = (session.version(), error.message(lang()))
        return
    state[_PROPOSAL] = (session.version(), proposal)
    for move in proposal.moves:  # every move ticked to begin with
        state[f"balance_pick::{move.task_id}"] = True


def _discard() -> None:
    st.session_state[_OPEN] = False
    st.session_state[_PROPOSAL] = None


def _accept(proposal: Proposal, chosen: list[str]) -> None:
    if not chosen:
        return
    done = session.apply(lambda p: proposal.apply(p, chosen),
                         headline=Description.line("balanced", count=len(chosen)))
    if done:
        _discard()


def _show(proposal: Proposal | str) -> None:
    if isinstance(proposal, str):  # why no proposal could be made
        st.error(md(proposal))
        return
    language = lang()
    summary = md(proposal.summary(language))
    if not proposal.moves:
        st.info(summary, icon=":material/check_circle:")
        return
    (st.success if proposal.optimal else st.warning)(summary, icon=":material/balance:")
    chosen = []
    for move in proposal.moves:
        key = f"balance_pick::{move.task_id}"
        text = move.text(language).replace(move.task, task_display_name(move.task, language), 1)
        if st.checkbox(md(text), key=key):
            chosen.append(move.task_id)
    figure = session.derived(("balance_figure", id(proposal), language),
                             lambda: balance_figure(proposal.before, proposal.after, language))
    st.plotly_chart(figure, key="balance_chart", width="stretch", theme=None, config={"displaylogo": False})
    _findings(proposal)
    every = [move.task_id for move in proposal.moves]
    accept_all, accept_some, drop = st.columns(3)
    accept_all.button(b("accept_all", count=len(every)), type="primary", key="balance_accept_all",
                      on_click=_accept, args=(proposal, every))
    accept_some.button(b("accept", count=len(chosen)), disabled=not chosen or chosen == every, key="balance_accept",
                       on_click=_accept, args=(proposal, chosen))
    drop.button(b("discard"), key="balance_discard", on_click=_discard)


def _findings(proposal: Proposal) -> None:
    """The findings the accepted moves would clear, and those they would bring (worked out once per proposal)."""
    gone, new = session.derived(("balance_findings", id(proposal)), lambda: _changes(proposal))
    language = lang()
    if gone:
        st.markdown(f"**{b('findings_gone', count=len(gone))}**")
        for finding in gone[:8]:
            st.caption(f":material/check: {md(finding.message(language))}")
    if new:
        st.markdown(f"**{b('findings_new', count=len(new))}**")
        for finding in new[:8]:
            st.caption(f":material/warning: {md(finding.message(language))}")


def _changes(proposal: Proposal) -> tuple[list[Finding], list[Finding]]:
    before = session.analysis().findings
    after = analyse(proposal.apply(session.plan()), session.settings()).findings
    return _difference(before, after), _difference(after, before)


def _difference(these: list[Finding], those: list[Finding]) -> list[Finding]:
    seen = {(f.rule, f.task, f.role, f.person) for f in those}
    return [f for f in these if (f.rule, f.task, f.role, f.person) not in seen]
