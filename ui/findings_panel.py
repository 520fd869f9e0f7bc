"""The findings list: errors, warnings and notes as sentences, in the user's language."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from raci.rules import Finding, severity_name
from ui.safe import md
from ui.text import lang, t

_BOX = {"error": st.error, "warning": st.warning, "info": st.info}
_ICON = {"error": ":material/error:", "warning": ":material/warning:", "info": ":material/lightbulb:"}


def findings_list(findings: Sequence[Finding], limit: int | None = None) -> None:
    """Each finding as a coloured box with its sentence; 'all clear' when there are none."""
    if not findings:
        st.success(t("findings.none"), icon=":material/check_circle:")
        return
    shown = findings if limit is None else findings[:limit]
    for finding in shown:
        _BOX[finding.severity](md(finding.message(lang())), icon=_ICON[finding.severity])
    if len(shown) < len(findings):
        st.caption(t("findings.more", count=len(findings) - len(shown)))


def findings_table(findings: Sequence[Finding]) -> None:
    """Every finding in one sortable table (one element, however many findings)."""
    if findings:
        st.dataframe(
            {t("findings.severity"): [severity_name(f.severity, lang()) for f in findings],
             t("findings.rule"): [f.rule for f in findings],
             t("findings.message"): [f.message(lang()) for f in findings]},
            hide_index=True,
        )
