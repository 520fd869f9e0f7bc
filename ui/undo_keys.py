"""Ctrl+Z / Ctrl+Shift+Z (Cmd on a Mac, and Ctrl+Y) press the sidebar's Deshacer / Rehacer buttons.

Streamlit's own button shortcuts also fire while the user types in a field, which would take
Ctrl+Z away from the text being typed; this tiny script component listens on the page instead
and leaves every key pressed in a text field, select or editable grid cell to the browser.
It carries no data: nothing the user typed reaches it.
"""

from __future__ import annotations

import streamlit as st

_JS = """export default function () {
    if (window.__raciUndoKeys) return;
    window.__raciUndoKeys = true;
    const editable = el => !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
    document.addEventListener("keydown", event => {
        if (!(event.ctrlKey || event.metaKey) || event.altKey || editable(event.composedPath()[0])) return;
        const key = event.key.toLowerCase();
        const redoY = key === "y" && !event.shiftKey;
        const which = key === "z" ? (event.shiftKey ? "redo" : "undo") : (redoY ? "redo" : null);
        if (!which) return;
        const button = document.querySelector(`.st-key-${which} button`);
        event.preventDefault();
        if (button && !button.disabled) button.click();
    });
}"""
_component = st.components.v2.component("raci_undo_keys", js=_JS)


def undo_keys() -> None:
    """Listen for the undo and redo keys on this page (once per browser tab)."""
    _component(key="undo_keys", height=0)
