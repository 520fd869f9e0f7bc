"""The task library (data/library.toml): tasks social-media teams really do, searched and used for suggestions.

The library holds the document's tasks (read from data/catalogue.toml, source
"document") and our own practice (data/library.toml, source "practice"), each
with its names in Spanish and English, category, nature, usual owner and a
recurrence or hours a month. :func:`search` finds tasks as the user types
(accents and case ignored, both languages at once); :func:`suggest` proposes a
category, nature and owner for a task typed freely, from the most similar
library tasks (rapidfuzz string similarity, no model). Both cut the text they
are given to :data:`MAX_QUERY_CHARS` and look at every task once: their cost is
linear in the library, which is fixed.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

from raci.catalogue import Category, catalogue
from raci.limits import MAX_EFFORT_HOURS, MAX_NAME_CHARS
from raci.model import NATURES
from raci.recurrence import Recurrence, RecurrenceError
from raci.text import fold

LIBRARY_PATH = Path(__file__).resolve().parent.parent / "data" / "library.toml"

#: Characters of typed text that search and suggest look at (the rest is ignored: a task name is short).
MAX_QUERY_CHARS = 200
#: Most matches one search returns.
MAX_RESULTS = 50
#: The owners a library task may have.
OWNERS: tuple[str, ...] = ("SMM", "CM")
SOURCES: tuple[str, ...] = ("document", "practice")

_TASK_KEYS = {"id", "name_es", "name_en", "category", "nature", "owner", "recurrence", "effort_hours", "source",
              "keywords"}
_REQUIRED = {"id", "name_es", "name_en", "category", "nature", "owner", "source"}


class LibraryError(ValueError):
    """data/library.toml holds something that cannot be: the message names the entry and the field."""


@dataclass(frozen=True)
class LibraryTask:
    """A task of the library: its names, category id, nature, usual owner, effort and where it comes from."""

    id: str
    es: str
    en: str
    category: str
    nature: str
    owner: str
    source: str
    recurrence: Recurrence | None = None
    effort_hours: float | None = None
    keywords: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        """The name in ``lang`` (Spanish for 'es', English otherwise)."""
        return self.es if lang == "es" else self.en

    def hours(self, platforms: int = 1) -> float:
        """Hours a month: from the recurrence (on ``platforms`` platforms when it is per platform) or as given."""
        if self.recurrence is not None:
            return self.recurrence.hours(platforms)
        return float(self.effort_hours or 0.0)


@dataclass(frozen=True)
class Library:
    """Every category (the catalogue's and the library's own) and every task."""

    categories: tuple[Category, ...]
    tasks: tuple[LibraryTask, ...]

    def category(self, category_id: str) -> Category:
        """The category with this id."""
        return next(c for c in self.categories if c.id == category_id)

    def task(self, task_id: str) -> LibraryTask:
        """The task with this id."""
        return next(t for t in self.tasks if t.id == task_id)


@dataclass(frozen=True)
class Suggestion:
    """What :func:`suggest` proposes for a typed name, the library tasks it came from and how sure it is (0-1)."""

    category: str
    nature: str
    owner: str
    confidence: float
    similar: tuple[LibraryTask, ...]


# ----- loading and validation ------------------------------------------------------------------------------------
def _fail(where: str, message: str) -> LibraryError:
    return LibraryError(f"data/library.toml, {where}: {message}")


def _text(raw: Mapping[str, object], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"'{key}' must be a non-empty text")
    if len(value) > MAX_NAME_CHARS:
        raise _fail(where, f"'{key}' is longer than {MAX_NAME_CHARS} characters")
    return value.strip()


def _effort(raw: Mapping[str, object], where: str) -> tuple[Recurrence | None, float | None]:
    if ("recurrence" in raw) == ("effort_hours" in raw):
        raise _fail(where, "give exactly one of 'recurrence' and 'effort_hours'")
    if "recurrence" in raw:
        given = raw["recurrence"]
        if not isinstance(given, dict) or not {"times", "per", "minutes"} <= set(given) \
                or not set(given) <= {"times", "per", "minutes", "per_platform"}:
            raise _fail(where, "'recurrence' must be { times = ..., per = \"day|week|month\", minutes = ... }"
                               " with an optional per_platform = true")
        try:
            return Recurrence(**given, estimate=True), None
        except RecurrenceError as error:
            raise _fail(where, f"'recurrence' is not valid: {error.message('en')}") from None
    hours = raw["effort_hours"]
    if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not math.isfinite(hours) \
            or not 0 < hours <= MAX_EFFORT_HOURS:
        raise _fail(where, f"'effort_hours' must be a number above 0 and at most {MAX_EFFORT_HOURS:g}")
    return None, float(hours)


def _practice_task(raw: object, index: int, categories: set[str]) -> LibraryTask:
    where = f"task {index + 1}"
    if not isinstance(raw, dict):
        raise _fail(where, "each [[tasks]] entry must be a table")
    if isinstance(raw.get("id"), str):
        where = f"task {index + 1} ('{raw['id']}')"
    unknown = set(raw) - _TASK_KEYS
    if unknown:
        raise _fail(where, f"unknown field(s) {', '.join(sorted(unknown))}")
    missing = _REQUIRED - set(raw)
    if missing:
        raise _fail(where, f"missing field(s) {', '.join(sorted(missing))}")
    task_id = _text(raw, "id", where)
    if task_id != task_id.lower() or not all(ch.isalnum() or ch == "-" for ch in task_id):
        raise _fail(where, "'id' must be lower-case letters, digits and dashes")
    if raw["category"] not in categories:
        raise _fail(where, f"unknown category '{raw['category']}' (known: {', '.join(sorted(categories))})")
    if raw["nature"] not in NATURES:
        raise _fail(where, f"'nature' must be one of {', '.join(NATURES)}, not '{raw['nature']}'")
    if raw["owner"] not in OWNERS:
        raise _fail(where, f"'owner' must be one of {', '.join(OWNERS)}, not '{raw['owner']}'")
    if raw["source"] != "practice":
        raise _fail(where, "'source' must be \"practice\" (the document's tasks are read from data/catalogue.toml)")
    keywords = _keywords(raw, where)
    recurrence, hours = _effort(raw, where)
    return LibraryTask(task_id, _text(raw, "name_es", where), _text(raw, "name_en", where), raw["category"],
                       raw["nature"], raw["owner"], "practice", recurrence, hours, keywords)


def _keywords(raw: Mapping[str, object], where: str) -> tuple[str, ...]:
    keywords = raw.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
        raise _fail(where, "'keywords' must be a list of non-empty texts")
    return tuple(k.strip() for k in keywords)


def _document_tasks(entries: object) -> list[LibraryTask]:
    """The catalogue's tasks as library tasks: the owner is the role with A/R (or A) in the seeded letters, the
    keywords those the library's [[document]] tables give them."""
    if not isinstance(entries, list):
        raise LibraryError("data/library.toml: 'document' must be a list of [[document]] tables")
    known = {task.id for task in catalogue().tasks}
    keywords: dict[str, tuple[str, ...]] = {}
    for index, entry in enumerate(entries):
        where = f"document entry {index + 1}"
        if not isinstance(entry, dict) or set(entry) != {"id", "keywords"}:
            raise _fail(where, "each [[document]] entry needs exactly id and keywords")
        if entry["id"] not in known:
            raise _fail(where, f"'{entry['id']}' is not a task of data/catalogue.toml")
        if entry["id"] in keywords:
            raise _fail(where, f"'{entry['id']}' already has its keywords")
        keywords[entry["id"]] = _keywords(entry, f"{where} ('{entry['id']}')")
    tasks = []
    for task in catalogue().tasks:
        owner = next((role for role, letter in task.letters.items() if letter in ("A/R", "A")), task.lead)
        recurrence = Recurrence(**task.recurrence, estimate=True) if task.recurrence else None
        tasks.append(LibraryTask(task.id, task.es, task.en, task.category, task.nature, owner, "document",
                                 recurrence, None if recurrence else float(task.effort_hours_estimate),
                                 keywords.get(task.id, ())))
    return tasks


def load_library(path: Path = LIBRARY_PATH) -> Library:
    """Read and check the library: the catalogue's tasks and categories, then data/library.toml's.

    Raises :class:`LibraryError` naming the entry at fault: an unknown field, category, nature or owner, a bad
    recurrence or effort, a repeated id, or a name that another task already has (in either language, accents
    and case ignored).
    """
    try:
        with open(path, "rb") as handle:
            raw = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise LibraryError(f"data/library.toml is not valid TOML: {error}") from None
    unknown = set(raw) - {"categories", "document", "tasks"}
    if unknown:
        raise LibraryError(f"data/library.toml: unknown table(s) {', '.join(sorted(unknown))}"
                           " (use [[categories]], [[document]] and [[tasks]])")
    categories = list(catalogue().categories)
    for index, entry in enumerate(raw.get("categories", [])):
        where = f"category {index + 1}"
        if not isinstance(entry, dict) or set(entry) != {"id", "es", "en"}:
            raise _fail(where, "each [[categories]] entry needs exactly id, es and en")
        if any(entry["id"] == c.id for c in categories):
            raise _fail(where, f"category id '{entry['id']}' is already used")
        categories.append(Category(_text(entry, "id", where), _text(entry, "es", where), _text(entry, "en", where)))
    known = {c.id for c in categories}
    tasks = _document_tasks(raw.get("document", []))
    entries = raw.get("tasks", [])
    if not isinstance(entries, list):
        raise LibraryError("data/library.toml: 'tasks' must be a list of [[tasks]] tables")
    ids = {t.id: "the catalogue" for t in tasks}
    names = {fold(name): t.id for t in tasks for name in (t.es, t.en)}
    for index, entry in enumerate(entries):
        task = _practice_task(entry, index, known)
        where = f"task {index + 1} ('{task.id}')"
        if task.id in ids:
            raise _fail(where, f"id '{task.id}' is already used by {ids[task.id]}")
        ids[task.id] = f"task {index + 1}"
        for name in (task.es, task.en):
            other = names.get(fold(name))
            if other is not None and other != task.id:
                raise _fail(where, f"the name '{name}' is already the name of '{other}'")
            names[fold(name)] = task.id
        tasks.append(task)
    return Library(tuple(categories), tuple(tasks))


@cache
def library() -> Library:
    """The library, read once."""
    return load_library()


@cache
def _by_name() -> dict[str, LibraryTask]:
    return {fold(name): task for task in library().tasks for name in (task.es, task.en)}


def find(name: str) -> LibraryTask | None:
    """The library task with exactly this name (either language, accents, case and spaces ignored), if any."""
    return _by_name().get(fold(str(name or "")[:MAX_NAME_CHARS]))


def category_name(category_id: str, lang: str) -> str:
    """A library category's name in ``lang`` (the catalogue's four included)."""
    return library().category(category_id).name(lang)


# ----- search and suggestion ----------------------------------------------------------------------------------------
def _query(text: object) -> str:
    return fold(str(text or "")[:MAX_QUERY_CHARS])


def _split(folded: str) -> list[str]:
    """The words of a folded text: runs of letters and digits."""
    return "".join(ch if ch.isalnum() else " " for ch in folded).split()


@cache
def _index() -> tuple[tuple[LibraryTask, tuple[str, ...]], ...]:
    """Each task with the folded texts it is found by: both names and its keywords."""
    return tuple((task, tuple(fold(text) for text in (task.es, task.en, *task.keywords))) for task in library().tasks)


@cache
def _search_words() -> tuple[tuple[str, ...], ...]:
    """Each task's words (both names and its keywords), in the order of :func:`_index`."""
    return tuple(tuple(dict.fromkeys(_split(" ".join(texts)))) for _, texts in _index())


def _search_score(query: str, words: tuple[str, ...], texts: tuple[str, ...], known: tuple[str, ...]) -> float:
    """How well a task answers what is typed: one of its texts contains it (best at a word's start), else every
    typed word starts one of its words (the last one may be half typed) or is a typo of one, else 0."""
    contained = [text for text in texts if query in text]
    if contained:
        at_word = any(text.startswith(query) or f" {query}" in text for text in contained)
        return 300.0 + (10.0 if at_word else 0.0) - min(len(text) for text in contained) / 100
    if not words:
        return 0.0
    total = 0.0
    for word in words:
        best = 0.0
        for other in known:
            if other.startswith(word):
                best = 1.0
                break
            if len(word) >= 4:
                ratio = fuzz.ratio(word, other) / 100
                best = ratio if ratio >= TYPO_RATIO and ratio > best else best
        if not best:
            return 0.0
        total += best
    return 200.0 + 10 * total / len(words) - len(texts[0]) / 100


def search(query: str, lang: str, limit: int = 6) -> list[LibraryTask]:
    """Library tasks whose name or keywords (in either language) hold what is typed, best first.

    Accents, case and extra spaces are ignored ("RESENAS" finds "Responder a reseñas..."); the words may come in any
    order ("stories diarias"), the last one half typed, and a word of four letters or more may carry a typo
    ("calender"). At most ``limit`` tasks (capped at :data:`MAX_RESULTS`); none for fewer than two letters.
    """
    folded = _query(query)
    if len(folded) < 2 or limit <= 0:
        return []
    words = tuple(dict.fromkeys(_split(folded)))[:20]
    scored = []
    for (task, texts), known in zip(_index(), _search_words(), strict=True):
        score = _search_score(folded, words, texts, known)
        if score > 0:
            scored.append((-score, fold(task.name(lang)), task))
    scored.sort(key=lambda item: item[:2])
    return [task for _, _, task in scored[: min(limit, MAX_RESULTS)]]


#: Words that say nothing about a task (Spanish and English), left out of the comparison; platform names too
#: (a task is the same on Instagram or TikTok).
STOPWORDS = frozenset(
    "a al and ante as at by con de del e el en for from in la las los o of on or para per por the their to un una"
    " uno unos unas with y our nuestro nuestra nuestros nuestras su sus"
    " instagram ig insta tiktok facebook fb linkedin youtube yt twitter threads pinterest twitch whatsapp".split())
#: The least rapidfuzz ratio (0-1) for a word to count as a typo of another ("respoder" / "responder": 0.94;
#: "vacaciones" / "valoraciones": 0.82, not one).
TYPO_RATIO = 0.85
#: How many of the most similar tasks vote in a suggestion.
SUGGEST_NEIGHBOURS = 3
#: The least similarity (0-1) of the most similar task for a suggestion to be made.
SUGGEST_MIN_SCORE = 0.34
#: A neighbour votes only when it is at least this share as similar as the most similar task.
SUGGEST_NEIGHBOUR_SHARE = 0.75


def _words(folded: str) -> tuple[str, ...]:
    """The words of a folded text that carry meaning: stopwords and single letters left out."""
    return tuple(word for word in _split(folded) if len(word) > 1 and word not in STOPWORDS)


def _word_similarity(typed: str, known: str) -> float:
    """How close a typed word is to a library word (0-1): 1 the same word; 0.95 a plural ("kpis" / "kpi");
    0.9 the same stem (a shared start of five letters with at most three more on either word, or all of
    the shorter of four or more: "anuncios" / "anuncio", "optimizar" / "optimise", not "contestar" /
    "contenido"); 0.85 a known word of five letters or more inside the typed one ("microinfluencers");
    rapidfuzz's ratio for a typo (:data:`TYPO_RATIO` or more: "respoder"); else 0."""
    if typed == known:
        return 1.0
    if typed in (known + "s", known + "es") or known in (typed + "s", typed + "es"):
        return 0.95
    shorter = min(len(typed), len(known))
    common = next((i for i, (a, b) in enumerate(zip(typed, known, strict=False)) if a != b), shorter)
    if (common >= 5 and max(len(typed), len(known)) - common <= 3) or (common >= 4 and common == shorter):
        return 0.9
    if len(known) >= 5 and known in typed:
        return 0.85
    ratio = fuzz.ratio(typed, known) / 100 if shorter >= 4 else 0.0
    return ratio if ratio >= TYPO_RATIO else 0.0


@dataclass(frozen=True)
class _Vocabulary:
    bags: tuple[tuple[LibraryTask, frozenset[str]], ...]
    weight: dict[str, float]  # a word's inverse document frequency: rare words tell tasks apart
    unknown_weight: float  # a word no task uses says little: it weighs as the commonest word


@cache
def _vocabulary() -> _Vocabulary:
    bags = tuple((task, frozenset(word for text in texts for word in _words(text))) for task, texts in _index())
    counts: dict[str, int] = {}
    for _, bag in bags:
        for word in bag:
            counts[word] = counts.get(word, 0) + 1
    total = len(bags)
    weight = {word: math.log(1 + total / count) for word, count in counts.items()}
    return _Vocabulary(bags, weight, min(weight.values(), default=1.0))


def _similarities(folded: str) -> list[tuple[float, LibraryTask]]:
    """Every task's similarity (0-1) to a typed name: the share of the typed words' weight its words match."""
    vocabulary = _vocabulary()
    typed = list(dict.fromkeys(_words(folded)))[:40]
    if not typed:
        return []
    # Each typed word against every word the library uses, once: its weight and every task's match come from it.
    similar = [{known: _word_similarity(word, known) for known in vocabulary.weight} for word in typed]
    weights = []
    for word, closeness in zip(typed, similar, strict=True):
        if word in vocabulary.weight:
            weights.append(vocabulary.weight[word])
        else:  # a typo or a form of a known word weighs as that word; a word the library never uses, as the commonest
            score, best = max(((value, known) for known, value in closeness.items()), default=(0.0, ""))
            weights.append(vocabulary.weight[best] if score else vocabulary.unknown_weight)
    total = sum(weights)
    scored = []
    for task, bag in vocabulary.bags:
        matched = sum(weight * max((closeness[known] for known in bag), default=0.0)
                      for closeness, weight in zip(similar, weights, strict=True))
        scored.append((matched / total, task))
    scored.sort(key=lambda item: -item[0])
    return scored


def suggest(name: str, lang: str) -> Suggestion | None:
    """Category, nature and owner for a typed task name, from the most similar library tasks; None if none is close.

    The name's words (stopwords left out) are compared with each task's words in both languages and its keywords,
    a typo or another form of a word counting almost as the word, each word weighted by how rare it is in the
    library. The :data:`SUGGEST_NEIGHBOURS` most similar tasks (those at least :data:`SUGGEST_NEIGHBOUR_SHARE` as
    similar as the first) vote for each field, weighted by their similarity. The confidence is the best similarity
    (0-1) times the smallest share of the vote a chosen field got. ``lang`` orders nothing: both languages count.
    """
    scored = _similarities(_query(name))
    if not scored or scored[0][0] < SUGGEST_MIN_SCORE:
        return None
    best = scored[0][0]
    neighbours = [(score, task) for score, task in scored[:SUGGEST_NEIGHBOURS]
                  if score >= best * SUGGEST_NEIGHBOUR_SHARE]
    total = sum(score for score, _ in neighbours)
    shares = []
    chosen = {}
    for field in ("category", "nature", "owner"):
        votes: dict[str, float] = {}
        for score, task in neighbours:
            votes[getattr(task, field)] = votes.get(getattr(task, field), 0.0) + score
        chosen[field] = max(votes, key=votes.get)
        shares.append(votes[chosen[field]] / total)
    confidence = round(min(1.0, best) * min(shares), 2)
    return Suggestion(chosen["category"], chosen["nature"], chosen["owner"], confidence,
                      tuple(task for _, task in neighbours))
