"""Plan files: download the plan (CSV, Excel, JSON), the meeting report or the deck, replace it with an
uploaded file, or start again from the seed."""

import streamlit as st

from raci.files import MAX_FILE_BYTES, SUFFIXES, keep_team, plan_bytes, read_plan_bytes
from raci.files.csv import PlanFileError
from raci.output.report import report_html
from raci.seed import in_language, seed_plan
from raci.text import clip, file_stem
from ui import access, persistence, session
from ui.deck import deck_download
from ui.flash import flash
from ui.text import lang, t


def on_upload() -> None:
    upload = st.session_state.get("plan_upload")
    if upload is None:
        return
    try:
        new_plan = read_plan_bytes(upload.getvalue(), upload.name)
    except PlanFileError as error:  # the open plan stays as it was
        flash(t("files.refused", file=upload.name, reason=error.message(lang())), "error")
        return
    kept = keep_team(new_plan, session.plan())
    new_plan = kept.plan
    session.replace_plan(new_plan)
    message = t("files.imported", file=upload.name, tasks=new_plan.n_tasks, roles=new_plan.n_roles)
    if kept.roles:
        message += " " + t("files.team_kept", roles=clip(", ".join(kept.roles), 200))
    if kept.people or kept.recurrences:
        message += " " + t("files.people_kept", people=kept.people, recurrences=kept.recurrences)
    flash(message)


def on_reset() -> None:
    session.replace_plan(seed_plan(lang()))
    flash(t("files.reset_done"))


st.title(t("files.title"))
access.read_only_banner()

st.subheader(t("files.download"))
st.caption(t("files.download_help"))
# The files are built only when clicked, on another thread: they get the plan, not the session.
plan, language, name = session.plan(), lang(), persistence.plan_name()
stem = file_stem(name, t("files.stem_fallback"))


def file_for(name: str, **options: object) -> bytes:
    """The plan as the file ``name``, seeded tasks written in the user's language."""
    return plan_bytes(in_language(plan, language), name, lang=language, **options)


def report() -> bytes:
    return report_html(in_language(plan, language), language, title=name or None).encode("utf-8")


DOWNLOADS = [
    ("files.csv_comma", f"{stem}-raci.csv", "text/csv", {"delimiter": ","}),
    ("files.csv_semicolon", f"{stem}-raci-excel.csv", "text/csv", {"delimiter": ";"}),
    ("files.xlsx", f"{stem}-raci.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {}),
    ("files.json", f"{stem}-raci.json", "application/json", {}),
]
for column, (label, file_name, mime, options) in zip(st.columns(len(DOWNLOADS)), DOWNLOADS, strict=True):
    column.download_button(
        t(label), data=lambda name=file_name, o=options: file_for(name, **o),
        file_name=file_name, mime=mime, on_click="ignore", icon=":material/download:",
        key=f"download::{label}", width="stretch",
    )
report_column, deck_column = st.columns(2)
with report_column:
    st.download_button(
        t("files.report"), data=report, file_name=f"{stem}-{t('files.report_stem')}.html",
        mime="text/html", on_click="ignore", icon=":material/slideshow:", key="download::report", type="primary",
    )
    st.caption(t("files.report_help"))
with deck_column:
    deck_download("files")
    st.caption(t("files.deck_help"))

if access.can_edit():  # a viewer downloads; replacing or resetting the plan is for its editors
    st.subheader(t("files.upload"))
    st.caption(t("files.upload_help", limit=MAX_FILE_BYTES // (1024 * 1024)))
    st.file_uploader(t("files.upload_label"), type=[s.lstrip(".") for s in SUFFIXES], key="plan_upload",
                     on_change=on_upload)

    st.subheader(t("files.reset"))
    with st.popover(t("files.reset_button")):
        st.write(t("files.reset_confirm"))
        st.button(t("files.reset_yes"), on_click=on_reset, type="primary", key="reset_confirm")
