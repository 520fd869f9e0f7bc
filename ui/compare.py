"""Two plans side by side: what changed in words, the letters changed, the hours moved, both matrices and charts.

Shared by the History page (two versions) and the What if... page (a scenario beside its plan).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from raci.analysis.workload import workload
from raci.history import describe, diff
from raci.i18n import hours, signed_hours
from raci.model import Plan
from raci.output.charts import FIGURES
from ui import session
from ui.grid import letters_table
from ui.safe import md
from ui.text import lang, t


def plans_compared(old_plan: Plan, new_plan: Plan, old_label: str, new_label: str, old_name: str, new_name: str,
                   key: str) -> None:
    """The change from ``old_plan`` to ``new_plan``: a sentence, the letters and hours that changed, then both.

    ``old_name``/``new_name`` head the short columns ("v3"); ``old_label``/``new_label`` the two sides
    (user text, shown escaped); ``key`` keeps the charts of two comparisons on one page apart.
    """
    changes = diff(old_plan, new_plan)
    st.info(md(describe(changes).text(lang())), icon=":material/compare_arrows:")
    if changes.letter_changes:
        st.dataframe(
            pd.DataFrame({t("matrix.task"): [c.task for c in changes.letter_changes],
                          t("history.role"): [c.role for c in changes.letter_changes],
                          old_name: [c.old or "—" for c in changes.letter_changes],
                          new_name: [c.new or "—" for c in changes.letter_changes]}),
            hide_index=True,
        )
    roles = list(dict.fromkeys([*changes.hours_before, *changes.hours_after]))  # the workload runs here, not on save
    before = [changes.hours_before.get(r, 0.0) for r in roles]
    after = [changes.hours_after.get(r, 0.0) for r in roles]
    st.dataframe({t("history.role"): roles,  # figures written as the reader's language writes them
                  old_name: [hours(h, lang()) for h in before], new_name: [hours(h, lang()) for h in after],
                  t("history.moved"): [signed_hours(b - a, lang()) for a, b in zip(before, after, strict=True)]},
                 hide_index=True)

    left, right = st.columns(2)  # the two plans side by side, under the summary of what changed
    for column, label, plan, side in ((left, old_label, old_plan, "old"), (right, new_label, new_plan, "new")):
        with column:
            st.markdown(f"**{md(label)}**")
            letters_table(plan)
            st.plotly_chart(FIGURES["workload"](plan, workload(plan, session.settings()), lang()), theme=None,
                            key=f"{key}::{side}", width="stretch")
