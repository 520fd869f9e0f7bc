"""The planner layout's own names: its task headers and natures, in English and in Spanish.

A file the planner writes starts with these four headers and then one column per
role; a Spanish user's file says them in Spanish, with its natures as Spanish
words. Both languages are read back as the planner's own layout.
"""

from __future__ import annotations

from collections.abc import Sequence

#: The first four headers of the planner layout: the file's names of :data:`raci.model.TASK_COLUMNS`.
HEADER = ("task", "category", "nature", "effort_hours")
#: The same headers, and the natures, as a Spanish file writes them (both languages are read).
HEADERS = {"en": HEADER, "es": ("tarea", "categoría", "naturaleza", "horas")}
NATURE_WORDS = {"en": {"strategic": "strategic", "operational": "operational"},
                "es": {"strategic": "estratégica", "operational": "operativa"}}


def planner_header(lang: str) -> tuple[str, ...]:
    """The planner layout's task headers in ``lang`` (English for any other language)."""
    return HEADERS.get(lang, HEADER)


def nature_words(lang: str) -> dict[str, str]:
    """How a file in ``lang`` writes each nature ("estratégica", "operativa" in Spanish)."""
    return NATURE_WORDS.get(lang, NATURE_WORDS["en"])


def is_planner_header(headers: Sequence[str]) -> bool:
    """Whether a header row starts with the planner's own headers: :data:`HEADER` in any case, or the
    Spanish ones exactly as the planner writes them (a person's "Tarea, Categoría..." is someone's sheet)."""
    start = [text.strip() for text in headers[:len(HEADER)]]
    return [text.casefold() for text in start] == list(HEADER) or start == list(HEADERS["es"])
