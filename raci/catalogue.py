"""The seeded catalogue (data/catalogue.toml): the document's tasks, categories and roles.

Everything here is read once and kept. Names are matched in either language, so
a plan written in Spanish and the same plan in English share task ids, and the
app can show a seeded task in the user's language.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from raci.text import fold

CATALOGUE_PATH = Path(__file__).resolve().parent.parent / "data" / "catalogue.toml"


@dataclass(frozen=True)
class CatalogueTask:
    """A task of the document, with its names in both languages and its defaults."""

    id: str
    es: str
    en: str
    category: str
    nature: str
    lead: str
    effort_hours_estimate: float
    letters: dict[str, str]
    source: str
    quote: str
    recurrence: dict[str, object] | None = None  # our estimate: times, per, minutes, per_platform

    def name(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


@dataclass(frozen=True)
class Category:
    id: str
    es: str
    en: str

    def name(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


@dataclass(frozen=True)
class RoleProfile:
    """One of the document's two roles, with its key skills and hiring advice."""

    short: str
    name: str
    profile: str
    texts: dict[str, object]

    def text(self, field: str, lang: str) -> object:
        """A bilingual field: 'role', 'focus', 'skills' (a list) or 'hiring'."""
        return self.texts[f"{field}_{'es' if lang == 'es' else 'en'}"]


@dataclass(frozen=True)
class Catalogue:
    source: dict[str, str]
    categories: tuple[Category, ...]
    roles: tuple[RoleProfile, ...]
    tasks: tuple[CatalogueTask, ...]

    def task(self, task_id: str) -> CatalogueTask:
        return next(t for t in self.tasks if t.id == task_id)

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)


@cache
def catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    """The catalogue, read once from ``data/catalogue.toml``."""
    with open(path, "rb") as handle:
        raw = tomllib.load(handle)
    role_keys = {"short", "name", "profile"}
    return Catalogue(
        source=raw["source"],
        categories=tuple(Category(**c) for c in raw["categories"]),
        roles=tuple(
            RoleProfile(r["short"], r["name"], r["profile"], {k: v for k, v in r.items() if k not in role_keys})
            for r in raw["roles"]
        ),
        tasks=tuple(CatalogueTask(**t) for t in raw["tasks"]),
    )


@cache
def _task_by_name() -> dict[str, CatalogueTask]:
    return {fold(name): t for t in catalogue().tasks for name in (t.es, t.en)}


@cache
def _category_by_name() -> dict[str, Category]:
    from raci.library import library  # the library reads this catalogue: imported when first needed

    return {fold(name): c for c in library().categories for name in (c.es, c.en, c.id)}


@lru_cache(maxsize=65_536)  # every save and every screen asks again for the same names
def find_task(name: str) -> CatalogueTask | None:
    """The catalogue task with this name in either language, if any."""
    return _task_by_name().get(fold(name))


def find_category(text: str) -> Category | None:
    """The catalogue's or the task library's category with this name (Spanish, English or id), if any."""
    return _category_by_name().get(fold(text))


def task_display_name(name: str, lang: str) -> str:
    """A seeded task's name in ``lang``; any other task's name as written."""
    task = find_task(name)
    return task.name(lang) if task else name


def category_display_name(text: str, lang: str) -> str:
    """A category of the document or of the task library in ``lang``; any other category as written."""
    category = find_category(text)
    return category.name(lang) if category else text


def slug(text: str) -> str:
    """'Diseñar banners (Q3)' -> 'disenar-banners-q3'."""
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60] or "task"


def task_ids(names: Sequence[str]) -> list[str]:
    """Stable ids for a plan's task names, in order.

    A seeded task keeps its catalogue id whatever the language it is written in;
    any other task gets a slug of its name. Repeats get '-2', '-3'...
    """
    seen: dict[str, int] = {}
    ids = []
    for name in names:
        task = find_task(name)
        base = task.id if task else slug(name)
        count = seen.get(base, 0) + 1
        seen[base] = count
        ids.append(base if count == 1 else f"{base}-{count}")
    return ids
