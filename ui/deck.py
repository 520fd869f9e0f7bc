"""The meeting deck's download button, the same on the Plan files page and in the Meeting view."""

from __future__ import annotations

import streamlit as st

from raci.output.deck import DeckError, check_deck_size, deck_pptx
from raci.seed import in_language
from raci.text import file_stem
from ui import persistence, session
from ui.text import lang, t

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def deck_download(key: str, help_text: str | None = None) -> None:
    """A button that downloads the open plan as a PowerPoint deck, built only when clicked.

    A plan too large for a deck gets the reason instead of the button (checked before any work).
    """
    plan, language, name = session.plan(), lang(), persistence.plan_name()
    try:
        check_deck_size(plan)
    except DeckError as error:
        st.warning(error.message(language), icon=":material/slideshow:")
        return
    settings = session.settings()

    def deck() -> bytes:  # on another thread when clicked: it gets the plan, not the session
        return deck_pptx(in_language(plan, language), language, title=name or None, settings=settings)

    stem = file_stem(name, t("files.stem_fallback"))
    st.download_button(t("files.deck"), data=deck, file_name=f"{stem}-{t('files.deck_stem')}.pptx", mime=PPTX,
                       on_click="ignore", icon=":material/co_present:", key=f"download::deck::{key}",
                       help=help_text)
