"""History: every saved version of the open plan; open, compare and restore any of them."""

import pandas as pd
import streamlit as st

from raci.analysis.workload import workload
from raci.history import describe, diff
from raci.i18n import date_text, hours, signed_hours
from raci.output.charts import FIGURES
from raci.storage import StoreError
from ui import persistence, session
from ui.flash import flash
from ui.grid import letters_table
from ui.safe import md
from ui.text import lang, t

st.title(t("history.title"))
db, plan_id = persistence.store(), st.session_state.get(persistence.PLAN_ID)
if db is None or plan_id is None:
    st.info(t("history.unavailable"))
    st.stop()
try:
    versions = db.history(plan_id)
except StoreError as error:
    st.error(error.message(lang()))
    st.stop()

when = {v.number: t("history.damaged") if v.damaged else date_text(v.created_at.astimezone(), lang())
        for v in versions}
labels = {v.number: f"v{v.number} · {when[v.number]} · {v.author or '—'}" for v in versions}
st.dataframe(
    pd.DataFrame({t("history.version"): [v.number for v in versions], t("history.when"): list(when.values()),
                  t("history.author"): [v.author for v in versions],
                  t("history.change"): [v.description_text(lang()) for v in versions]}),
    hide_index=True, height=min(38 * (len(versions) + 1), 320),
)

st.subheader(t("history.compare"))
numbers = [v.number for v in versions]
left, right = st.columns(2)
older = left.selectbox(t("history.from"), numbers, index=min(1, len(numbers) - 1), format_func=labels.get,
                       placeholder=t("choose.one"), key="history_from")
newer = right.selectbox(t("history.to"), numbers, index=0, format_func=labels.get,
                        placeholder=t("choose.one"), key="history_to")
try:  # a version whose stored content is damaged cannot be compared; the rest of the page still works
    old_plan, new_plan = db.version(plan_id, older), db.version(plan_id, newer)
except StoreError as error:
    st.warning(t("history.cannot_compare", reason=error.message(lang())), icon=":material/broken_image:")
else:
    changes = diff(old_plan, new_plan)
    st.info(md(describe(changes).text(lang())), icon=":material/compare_arrows:")
    if changes.letter_changes:
        st.dataframe(
            pd.DataFrame({t("matrix.task"): [c.task for c in changes.letter_changes],
                          t("history.role"): [c.role for c in changes.letter_changes],
                          f"v{older}": [c.old or "—" for c in changes.letter_changes],
                          f"v{newer}": [c.new or "—" for c in changes.letter_changes]}),
            hide_index=True,
        )
    roles = list(dict.fromkeys([*changes.hours_before, *changes.hours_after]))  # the workload runs here, not on save
    before = [changes.hours_before.get(r, 0.0) for r in roles]
    after = [changes.hours_after.get(r, 0.0) for r in roles]
    st.dataframe({t("history.role"): roles,  # figures written as the reader's language writes them
                  f"v{older}": [hours(h, lang()) for h in before], f"v{newer}": [hours(h, lang()) for h in after],
                  t("history.moved"): [signed_hours(b - a, lang()) for a, b in zip(before, after, strict=True)]},
                 hide_index=True)

    left, right = st.columns(2)  # the two versions side by side, under the summary of what changed
    for column, number, plan in ((left, older, old_plan), (right, newer, new_plan)):
        with column:
            st.markdown(f"**{md(labels[number])}**")
            letters_table(plan)
            st.plotly_chart(FIGURES["workload"](plan, workload(plan, session.settings()), lang()), theme=None,
                            key=f"history_chart::{number}::{column is left}", width="stretch")


def on_restore(number: int) -> None:
    restored = persistence.restore(number)
    if restored is not None:
        session.replace_plan(restored, save=False)
        flash(t("history.restored", version=number))


st.subheader(t("history.restore"))
st.caption(t("history.restore_help"))
target = st.selectbox(t("history.version"), numbers, format_func=labels.get,
                      placeholder=t("choose.one"), key="history_restore")
st.button(t("history.restore_button", version=target), on_click=on_restore, args=(target,), type="primary",
          key="restore_version", disabled=target == st.session_state.get(persistence.HEAD))
