"""Long lists shown a page at a time, so a 1,000-task plan draws as fast as a 20-task one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import streamlit as st

from ui.text import t

T = TypeVar("T")
PAGE_SIZE = 25


def page_of(items: Sequence[T], key: str, size: int = PAGE_SIZE) -> Sequence[T]:
    """The slice of ``items`` on the page the user chose (a page picker appears when needed)."""
    pages = max(1, -(-len(items) // size))
    if pages == 1:
        return items
    if st.session_state.get(key, 1) > pages:  # the list got shorter
        st.session_state[key] = pages
    number = st.pagination(pages, key=key)
    start = (number - 1) * size
    st.caption(t("paging.showing", first=start + 1, last=min(start + size, len(items)), total=len(items)))
    return items[start : start + size]
