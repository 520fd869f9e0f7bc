"""The findings list: errors, warnings and notes as sentences, in the user's language."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from raci.analysis.rules import Finding, severity_name
from ui import session
from ui.flash import BOXES
from ui.safe import md
from ui.text import lang, t

_ICON = {"error": ":material/error:", "warning": ":material/warning:", "info": ":material/lightbulb:"}


def findings_list(findings: Sequence[Finding], limit: int | None = None) -> None:
    """Each finding as a coloured box with its sentence; 'all clear' when there are none."""
    if not findings:
        st.success(t("findings.none"), icon=":material/check_circle:")
        return
    shown = findings if limit is None else findings[:limit]
    for finding in shown:
        BOXES[finding.severity](md(finding.message(lang())), icon=_ICON[finding.severity])
    if len(shown) < len(findings):
        st.caption(t("findings.more", count=len(findings) - len(shown)))


def findings_table() -> None:
    """Every finding of the open plan in one sortable table (one element, built once per plan)."""
    findings = session.analysis().findings
    if findings:
        language = lang()
        st.dataframe(
            session.derived(("findings table", language), lambda: {
                t("findings.severity"): [severity_name(f.severity, language) for f in findings],
                t("findings.rule"): [f.rule for f in findings],
                t("findings.message"): [f.message(language) for f in findings]}),
            hide_index=True,
        )
