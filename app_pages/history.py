"""History: every saved version of the open plan; open, compare and restore any of them."""

import pandas as pd
import streamlit as st

from raci.i18n import date_text
from raci.storage import StoreError
from ui import access, persistence, session
from ui.auth import auth_enabled
from ui.compare import plans_compared
from ui.flash import flash
from ui.sharing import access_log
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
    plans_compared(old_plan, new_plan, labels[older], labels[newer], f"v{older}", f"v{newer}",
                   key=f"history_chart::{older}::{newer}")


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
          key="restore_version", disabled=target == st.session_state.get(persistence.HEAD) or not access.can_edit())

if auth_enabled():  # who shared the plan with whom, as what, when
    access_log(st.session_state.get(persistence.PLAN_ID))
