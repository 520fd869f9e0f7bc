"""The My work screen's pieces: the role or person picker, the brief as Streamlit elements, its downloads.

The brief itself is raci.output.brief's (one per plan, language and role or person, built once per plan);
every user text is shown as text (dataframes, escaped Markdown), never as HTML.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from raci.i18n import hours, percent, translate
from raci.output.brief import Brief, BriefRow, brief, brief_html, brief_pdf, pdf_available, section_total
from raci.text import file_stem
from ui import persistence, session
from ui.capacity import bar
from ui.grid import letter_column
from ui.safe import md
from ui.text import lang, t

KIND, ROLE, PERSON = "mywork_kind", "mywork_role", "mywork_person"


def b(key: str, **params: object) -> str:
    """A text of the My work screen (raci/locales/<lang>/brief.json), in the session's language."""
    return translate(f"brief.{key}", lang(), **params)


def picker() -> tuple[str, str] | None:
    """The role (or, when the plan has people, the person) whose brief is shown: ("role"|"person", name)."""
    plan = session.plan()
    if not plan.n_roles:
        st.info(b("no_roles"))
        return None
    people = [p.name for p in plan.people]
    kind = "role"
    if people:
        if st.session_state.get(KIND) not in ("role", "person"):
            st.session_state[KIND] = "role"
        labels = {k: b(f"kind_{k}") for k in ("role", "person")}  # written now: format_func may run elsewhere
        kind = st.segmented_control(b("pick_kind"), list(labels), format_func=labels.get, key=KIND,
                                    required=True) or "role"
    options = plan.role_names if kind == "role" else people
    key = ROLE if kind == "role" else PERSON
    if st.session_state.get(key) not in options:  # a role renamed or removed since: start from the first
        st.session_state[key] = options[0]
    names = {r.short: f"{r.short} · {r.name}" if r.name != r.short else r.short for r in plan.roles}
    chosen = st.selectbox(b(f"pick_{kind}"), options, key=key, format_func=lambda o: names.get(o, o)
                          if kind == "role" else o, placeholder=t("choose.one"))
    return kind, chosen


def current_brief(kind: str, who: str) -> Brief:
    """The brief of ``who``, built once per plan, language and choice."""
    plan, language, settings = session.plan(), lang(), session.settings()
    return session.derived(("brief", kind, who, language),
                           lambda: brief(plan, language, settings=settings, **{kind: who}))


def load_figures(result: Brief) -> None:
    """Load, capacity and share of capacity as metrics, and the capacity bar (red over 100 %) with the status."""
    language, load = lang(), result.load
    left, middle, right = st.columns(3)
    left.metric(b("load_metric"), hours(load.hours, language, 1))
    middle.metric(b("capacity_metric"), "—" if load.capacity is None else hours(load.capacity, language, 1))
    right.metric(b("share_metric"), "—" if load.share is None else percent(load.share, language))
    if load.share is None:
        st.caption(f"{b('status_unknown')}: {b('load_unknown')}")
    else:  # the app's capacity bar, red over 100 %, as on the Assignment and Team pages
        bar(load.share)
        st.caption(b(f"status_{load.status}"))


def sections(result: Brief) -> None:
    """The four sections, each a heading, a line saying what it means and its tasks as a table."""
    language = lang()
    for key, rows in result.sections:
        st.subheader(b(f"section_{key}"))
        if not rows:
            st.caption(b(f"empty_{key}"))
            continue
        st.caption(f"{b(f'intro_{key}')} · {section_total(len(rows), _sum(rows), language)}")
        other = b("col_doers" if key == "own" else "col_owner")
        frame = pd.DataFrame({  # what the eye needs first on the left; the recurrence, often long, last
            "task": pd.Series([r.task for r in rows], dtype="str"),
            "category": pd.Series([r.category for r in rows], dtype="str"),
            "role": pd.Series([r.role for r in rows], dtype="str"),
            "letter": [[r.letter] for r in rows],
            "hours": pd.Series([hours(r.hours, language, 1) for r in rows], dtype="str"),
            "other": pd.Series([(r.doers if key == "own" else r.owner) or b("nobody") for r in rows], dtype="str"),
            "effort": pd.Series([hours(r.effort, language, None) for r in rows], dtype="str"),
            "recurrence": pd.Series([r.recurrence for r in rows], dtype="str"),
        })
        if result.kind == "role":
            frame = frame.drop(columns="role")
        # The same widths in every section, so that the four tables line up.
        config = {
            "task": st.column_config.TextColumn(b("col_task"), width=290),
            "category": st.column_config.TextColumn(b("col_category"), width=160),
            "role": st.column_config.TextColumn(b("col_role"), width=70),
            "letter": letter_column(b("col_letter"), disabled=True),
            "hours": st.column_config.TextColumn(b("col_hours"), width=85),
            "effort": st.column_config.TextColumn(b("col_effort"), width=90),
            "recurrence": st.column_config.TextColumn(b("col_recurrence"), width=300),
            "other": st.column_config.TextColumn(other, width=160),
        }
        st.dataframe(frame, hide_index=True, column_config=config, key=f"mywork_{key}",
                     height=min(35 * (len(rows) + 1) + 3, 420))


def _sum(rows: tuple[BriefRow, ...]) -> float:
    return sum(r.hours for r in rows)


def downloads(result: Brief) -> None:
    """The print hint and the brief as HTML and PDF, each built only when clicked (the PDF by Chromium)."""
    language, name = lang(), persistence.plan_name()
    st.info(b("print_hint"), icon=":material/print:")
    stem = f"{file_stem(name, b('stem'))}-{file_stem(result.who, b('stem'))}"

    def page() -> str:  # on another thread when clicked: it gets the brief, not the session
        return brief_html(result, language, title=name or None)

    html_column, pdf_column = st.columns(2)
    html_column.download_button(b("download_html"), data=lambda: page().encode("utf-8"), file_name=f"{stem}.html",
                                mime="text/html", on_click="ignore", icon=":material/download:",
                                key="download::brief::html", width="stretch")
    available = pdf_available()
    pdf_column.download_button(b("download_pdf"), data=lambda: brief_pdf(page()) if available else b"",
                               file_name=f"{stem}.pdf", mime="application/pdf", on_click="ignore",
                               icon=":material/picture_as_pdf:", key="download::brief::pdf", width="stretch",
                               disabled=not available, help=b("pdf_help") if available else b("pdf_unavailable"))
    if not available:
        pdf_column.caption(b("pdf_unavailable"))


def heading(result: Brief) -> None:
    """Who the brief is of: the role and its full name (or the person and their roles), and its people."""
    st.subheader(md(f"{result.who} · {result.name}" if result.name and result.name != result.who else result.who))
    if result.people:
        st.caption(md(b("people", people=result.people)))
