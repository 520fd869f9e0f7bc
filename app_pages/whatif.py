"""What if...?: a plan's scenarios (make, open, discard, restore) and, inside one, one-step changes, the
comparison with the plan it came from, and applying it to that plan or discarding it."""

import streamlit as st

from raci.storage import StoreError
from ui import access, persistence, scenarios, session
from ui.safe import md
from ui.text import lang
from ui.whatif_compare import scenario_compared
from ui.whatif_steps import add_person, backup_panel, remove_or_absent, scale
from ui.whatif_text import w


def read(action):  # noqa: ANN001, ANN201
    """A store read the page needs: its refusal said in a sentence, and the page stops there."""
    try:
        return action()
    except StoreError as error:
        st.error(md(error.message(lang())))
        st.stop()


st.title(w("title"))
access.read_only_banner()
db, plan_id = persistence.store(), st.session_state.get(persistence.PLAN_ID)
if db is None or plan_id is None:
    st.info(w("needs_saved"))
    st.stop()
scenarios.report()
parent = scenarios.parent_plan()

if parent is None:  # a plan: its scenarios
    st.caption(w("intro", plan=md(persistence.plan_name())))
    listed = read(lambda: db.scenarios(plan_id, include_deleted=True))
    listing, making = st.columns([3, 2], gap="large")
    with listing:
        st.subheader(w("list_title"))
        scenarios.scenario_list(db, plan_id, [s for s in listed if s.deleted_at is None])
    if access.can_edit():  # a viewer sees the scenarios and compares them; making and discarding is for editors
        with making:
            scenarios.new_scenario(db, plan_id)
        scenarios.scenario_bin(db, listed)
    st.stop()

# A scenario: what to try, how it compares, and what to do with it.
comparison = read(lambda: db.compare(plan_id))
st.subheader(w("heading", scenario=md(persistence.plan_name()), plan=md(parent.name)))
st.caption(w("scenario_help"))
if not access.can_edit():
    st.button(w("back", plan=md(parent.name)), on_click=scenarios.back_to_plan, args=(parent,),
              icon=":material/arrow_back:", key="whatif_back")
    scenario_compared(comparison.base, session.plan(), w("plan_label", plan=parent.name,
                      version=comparison.scenario.base_version), w("scenario_label", scenario=persistence.plan_name()),
                      comparison.scenario.base_version, key=(parent.id, comparison.scenario.base_version))
    st.stop()
promote, discard, back = st.columns(3)
with promote.popover(w("promote"), type="primary", width="stretch", icon=":material/publish:"):
    st.write(w("promote_confirm", plan=md(parent.name), version=comparison.parent.head + 1))
    st.button(w("promote_yes"), on_click=scenarios.promote, args=(db, plan_id), type="primary",
              key="whatif_promote")
with discard.popover(w("discard"), width="stretch", icon=":material/delete:"):
    st.write(w("discard_confirm", days=persistence.KEEP_DELETED.days))
    st.button(w("discard_yes"), on_click=scenarios.discard, args=(db, comparison.scenario, parent.id),
              type="primary", key="whatif_discard")
back.button(w("back", plan=md(parent.name)), on_click=scenarios.back_to_plan, args=(parent,), width="stretch",
            icon=":material/arrow_back:", key="whatif_back")
if comparison.moved_on:
    st.warning(w("moved_on", plan=md(parent.name), base=comparison.scenario.base_version,
                 head=comparison.parent.head), icon=":material/update:")
    st.button(w("update"), on_click=scenarios.bring_up_to_date, args=(db, plan_id), key="whatif_update")

st.subheader(w("steps"))
left, right = st.columns(2, gap="large")
with left, st.container(border=True):
    add_person()
with right:
    with st.container(border=True):
        remove_or_absent()
    with st.container(border=True):
        scale()
backup_panel()

st.subheader(w("compare"))
plan_label = w("plan_label", plan=parent.name, version=comparison.scenario.base_version)
scenario_label = w("scenario_label", scenario=persistence.plan_name())
scenario_compared(comparison.base, session.plan(), plan_label, scenario_label, comparison.scenario.base_version,
                  key=(parent.id, comparison.scenario.base_version))
