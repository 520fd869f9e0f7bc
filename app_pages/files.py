"""Plan files: download the plan as CSV, replace it with an uploaded CSV, or start again from the seed."""

import streamlit as st

from raci.csvio import PlanFileError, read_csv, write_csv
from raci.seed import in_language, seed_plan
from ui import session
from ui.text import lang, t


def on_upload() -> None:
    upload = st.session_state.get("plan_upload")
    if upload is None:
        return
    try:
        new_plan = read_csv(upload.getvalue())
    except PlanFileError as error:  # the open plan stays as it was
        session.flash(t("files.refused", file=upload.name, reason=error.message(lang())), "error")
        return
    session.replace_plan(new_plan)
    session.flash(t("files.imported", file=upload.name, tasks=new_plan.n_tasks, roles=new_plan.n_roles))


def on_reset() -> None:
    session.replace_plan(seed_plan(lang()))
    session.flash(t("files.reset_done"))


st.title(t("files.title"))
session.show_flash()

st.subheader(t("files.download"))
# The files are built only when clicked, on another thread: they get the plan, not the session.
plan, language = session.plan(), lang()
st.caption(t("files.download_help"))
downloads = [(",", "files.csv_comma", "raci-plan.csv"), (";", "files.csv_semicolon", "raci-plan-excel-es.csv")]
for column, (delimiter, label, file_name) in zip(st.columns(2), downloads, strict=True):
    column.download_button(
        t(label), data=lambda d=delimiter: write_csv(in_language(plan, language), d), file_name=file_name,
        mime="text/csv", on_click="ignore", icon=":material/download:", key=f"download::{file_name}", width="stretch",
    )

st.subheader(t("files.upload"))
st.caption(t("files.upload_help"))
st.file_uploader(t("files.upload_label"), type=["csv", "tsv", "txt"], key="plan_upload", on_change=on_upload)

st.subheader(t("files.reset"))
with st.popover(t("files.reset_button")):
    st.write(t("files.reset_confirm"))
    st.button(t("files.reset_yes"), on_click=on_reset, type="primary", key="reset_confirm")
