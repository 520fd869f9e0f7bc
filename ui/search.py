"""The task search of the Assignment and RACI pages: type part of a name and the list narrows."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from raci.catalogue import task_display_name
from raci.i18n import LANGS
from raci.text import fold
from ui import session
from ui.text import t


def task_search(key: str) -> str:
    """The search field; what was typed, stripped."""
    return st.text_input(t("search.label"), key=key, placeholder=t("search.placeholder"), max_chars=200,
                         icon=":material/search:").strip()


def found_tasks(rows: Sequence[int], query: str) -> list[int]:
    """The tasks of ``rows`` whose name, as shown or as stored, contains ``query`` (accents and case ignored)."""
    if not query:
        return list(rows)
    plan = session.plan()
    # A seeded task is found by its name in either language, and by the name the plan stores;
    # folded once per plan, so a rerun with a query only folds the query.
    folded = session.derived(("searchable_names",), lambda: [
        fold("\x00".join({name, *(task_display_name(name, other) for other in LANGS)})) for name in plan.names])
    wanted = fold(query)
    return [i for i in rows if wanted in folded[i]]
