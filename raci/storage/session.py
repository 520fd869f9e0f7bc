"""One person's editing session on a saved plan: open, autosave, follow other people's saves, restore.

A :class:`PlanSession` sits over a :class:`~raci.storage.store.Store` and keeps what
the session knows in a plain :class:`SessionState`: the open plan's id and name, the
version it is based on and that version's content (the base of a rebase), an edit
kept aside after a conflict, and why the last save failed, if it did.

Every change is saved as a new version. A save based on a stale version is never
applied over someone else's: my edit is re-applied on top of the newer version
(up to three times when the race is lost again), or, when it touches the same cells
differently, their version stays open and my edit is kept aside
(:attr:`SessionState.pending`). When the database cannot be reached the plan stays
in the session, the state says why, and the next save tries again (creating the
plan if the session started with the database down).

Nothing here draws anything: each method returns an :class:`Outcome`, the plan now
open plus :class:`Notice` s (a text key, its parameters and a level) that the app
turns into messages in the reader's language.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from raci.history import Description, describe, diff, rebase, render_description
from raci.i18n import translate
from raci.model import Plan
from raci.storage.access import LOCAL, AccessDenied
from raci.storage.store import PlanInfo, PlanNotFound, StaleVersion, Store, StoreDamaged, StoreError, StoreUnavailable

Level = Literal["info", "warning", "error"]

#: How many times a save that lost the race is re-applied on the newer version, waiting a little
#: longer each time (SAVE_BACKOFF seconds, doubling, at most 0.5 s: under 2 s in all). When every
#: attempt is lost, the edit is kept aside as after a conflict: a save never gives up silently.
SAVE_ATTEMPTS = 6
SAVE_BACKOFF = 0.05
#: The name of the plan a session creates when there is none (a key of raci/locales/<lang>/app.json).
FIRST_PLAN_NAME = "app.store.first_plan_name"
_SOMEONE = "app.store.someone"


@dataclass(frozen=True)
class Text:
    """A notice parameter that is itself a text, written in the reader's language (e.g. "Someone")."""

    key: str

    def message(self, lang: str) -> str:
        """The text in ``lang``."""
        return translate(self.key, lang)


@dataclass(frozen=True)
class Line:
    """A notice parameter that is a history line, as stored: written in the reader's language when shown."""

    stored: str

    def message(self, lang: str) -> str:
        """The line in ``lang`` (an older plain-text line as it was)."""
        return render_description(self.stored, lang)


@dataclass(frozen=True)
class Notice:
    """Something the user should be told: ``key`` (a full text key), ``params`` and ``level``.

    ``error`` is set when the notice reports a store error: its own ``message(lang)``
    then writes the sentence (``key`` and ``params`` are the error's, for reading).
    """

    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    level: Level = "info"
    error: StoreError | None = field(default=None, compare=False)

    @classmethod
    def of_error(cls, error: StoreError, level: Level = "error") -> Notice:
        """A notice that reports ``error``."""
        return cls(f"{error.AREA}.{error.PREFIX}{error.key}", dict(error.params), level, error)

    def message(self, lang: str) -> str:
        """The notice as one sentence in ``lang``."""
        if self.error is not None:
            return self.error.message(lang)
        params = {k: v.message(lang) if isinstance(v, (Text, Line)) else v for k, v in self.params.items()}
        return translate(self.key, lang, **params)


@dataclass
class SessionState:
    """What one session knows about the saved plan it has open (plain data: keep it anywhere).

    ``plan_id``/``name``: the open saved plan (None: not saved yet); ``head``: the version it
    is based on; ``saved``: that version's content; ``pending``: my edit kept aside after a
    conflict; ``problem``: why the last save or read failed (None: the plan is saved).
    """

    plan_id: str | None = None
    head: int | None = None
    saved: Plan | None = None
    pending: Plan | None = None
    name: str | None = None
    problem: StoreUnavailable | None = None

    @property
    def unsaved(self) -> bool:
        """True while the database could not be reached: the open plan is not (all) saved."""
        return self.problem is not None


@dataclass(frozen=True)
class Outcome:
    """What a session operation did: the plan now open (None: nothing changed), what to tell the user,
    and whether the session now follows a saved version (``adopted``: the link should name ``plan_id``)."""

    plan: Plan | None
    notices: list[Notice] = field(default_factory=list)
    adopted: bool = False


def _who(author: str) -> object:
    return author or Text(_SOMEONE)


class PlanSession:
    """One person's session on saved plans over a store (see the module docstring).

    ``store``: a Store, or a function that opens one (called on every operation, so a
    database that could not be opened is tried again; it raises StoreUnavailable when
    it still cannot). ``state``: what the session knew so far (a new one by default);
    the methods update it in place.
    """

    def __init__(self, store: Store | Callable[[], Store], state: SessionState | None = None) -> None:
        self._connect: Callable[[], Store] = (lambda: store) if isinstance(store, Store) else store
        self.state = state if state is not None else SessionState()
        self._adopted = False

    # ----- the pieces ---------------------------------------------------------------------
    def store(self) -> Store | None:
        """The store, or None (and the reason in the state) when it cannot be opened."""
        try:
            return self._connect()
        except StoreUnavailable as error:
            self.state.problem = error
            return None

    def _adopt(self, info: PlanInfo, saved: Plan) -> None:
        state = self.state
        state.plan_id, state.head, state.saved, state.name = info.id, info.head, saved, info.name
        state.problem = None
        self._adopted = True

    def _outcome(self, plan: Plan | None, notices: list[Notice] | None = None) -> Outcome:
        adopted, self._adopted = self._adopted, False
        return Outcome(plan, notices or [], adopted)

    # ----- operations ------------------------------------------------------------------------
    def open_initial(self, asked_id: str | None, default_plan: Plan, first_name: str, author: str = "") -> Outcome:
        """The plan a new session opens: the saved plan ``asked_id`` (a link), else ``default_plan``
        saved as a new plan of the visitor's own, called ``first_name`` (its id goes in the link).

        A visitor without a link never opens someone else's plan, nor pays for loading it.
        An unknown or damaged ``asked_id`` is a warning and a new plan; an unreachable database leaves
        ``default_plan`` open, unsaved (the first save that reaches the database creates it)."""
        db = self.store()
        if db is None:
            return self._outcome(default_plan)
        notices: list[Notice] = []
        try:
            if asked_id:
                try:
                    plan, info = db.open_plan(asked_id)
                    self._adopt(info, plan)
                    return self._outcome(plan)
                except PlanNotFound:
                    notices.append(Notice("app.store.not_found", {"plan": asked_id}, "warning"))
                except AccessDenied as denied:  # someone else's plan, or none: the same sentence, nothing of it
                    notices.append(Notice.of_error(denied, "warning"))
                except StoreDamaged as damaged:  # the link's plan cannot be read: say so, start a new one
                    notices.append(Notice.of_error(damaged, "warning"))
            if not getattr(db, "identity", LOCAL).local and (mine := db.list_plans()):
                # A signed-in user without a (usable) link comes back to the plan they worked on last.
                plan, info = db.open_plan(max(mine, key=lambda p: p.updated_at).id)
                self._adopt(info, plan)
                return self._outcome(plan, notices)
            info = db.create_plan(first_name, default_plan, author)
            self._adopt(info, default_plan)
            return self._outcome(default_plan, notices)
        except StoreUnavailable as error:
            self.state.problem = error
            return self._outcome(default_plan, notices)

    def save(self, plan: Plan, author: str = "", lang: str = "en", headline: Description | None = None) -> Outcome:
        """Save ``plan`` as the next version (its history line in ``lang``; ``headline`` first, if given).

        The outcome's plan is the plan now open: ``plan`` itself, my edit re-applied on a
        version someone else saved meanwhile, or, on a conflict, their version (mine is then
        kept aside in ``state.pending``). Without a database, ``plan`` stays open, unsaved.
        """
        db = self.store()
        if db is None:
            return self._outcome(plan)
        state = self.state
        notices: list[Notice] = []
        try:
            if state.plan_id is None:  # the database was unreachable when the session started
                info = db.create_plan(translate(FIRST_PLAN_NAME, lang), plan, author)
                self._adopt(info, plan)
                return self._outcome(plan)
            for attempt in range(SAVE_ATTEMPTS):
                if attempt:  # lost the race: let the other writer finish before trying again
                    time.sleep(min(SAVE_BACKOFF * 2 ** (attempt - 1), 0.5))
                try:  # the history line in the user's language
                    what = describe(diff(state.saved, plan))  # stored language-neutral
                    if headline is not None:  # "Reparto propuesto: 3 tareas, 6 letras cambiadas"
                        what = Description([*_parts(headline), *_parts(what)])
                    info = db.save(state.plan_id, plan, state.head, author, description=what)
                except StaleVersion as stale:
                    plan = self._merge(plan, stale, notices)
                    if plan is stale.plan:  # a conflict: their version stays open, mine is offered
                        return self._outcome(plan, notices)
                    continue
                self._adopt(info, plan)
                return self._outcome(plan, notices)
            # Every attempt lost the race: keep my edit aside, exactly as a conflict does, and say so.
            state.pending = plan
            notices.append(Notice("app.store.busy_kept_aside", {"attempts": SAVE_ATTEMPTS}, "warning"))
            return self._outcome(state.saved, notices)
        except StoreUnavailable as error:
            state.problem = error
        except StoreError as error:
            notices.append(Notice.of_error(error))
        return self._outcome(plan, notices)

    def _merge(self, mine: Plan, stale: StaleVersion, notices: list[Notice]) -> Plan:
        """Re-apply my edit on top of the newer version someone else saved."""
        state = self.state
        merged, conflicts = rebase(state.saved, mine, stale.plan)
        state.head, state.saved = stale.head, stale.plan
        who = _who(stale.author)
        if conflicts:
            state.pending = mine
            notices.append(Notice("app.store.conflict", {"who": who, "what": Line(stale.stored),
                                                         "count": len(conflicts)}, "warning"))
            return stale.plan
        notices.append(Notice("app.store.merged", {"who": who, "what": Line(stale.stored)}, "info"))
        return merged

    def switch_to(self, plan_id: str) -> Outcome:
        """Open another saved plan (dropping an edit kept aside); plan None, and why, when it cannot be."""
        db = self.store()
        if db is None:
            return self._outcome(None)
        try:
            plan, info = db.open_plan(plan_id)
        except StoreError as error:
            return self._outcome(None, [Notice.of_error(error)])
        self.state.pending = None
        self._adopt(info, plan)
        return self._outcome(plan)

    def newer_version(self) -> Outcome:
        """A version saved by someone else since this session's, now open, and who changed what.

        Plan None when there is none (or it cannot be known: no database, no saved plan,
        an unsaved edit of mine waiting to be saved).
        """
        db, state = self.store(), self.state
        if db is None or state.plan_id is None or state.unsaved:
            return self._outcome(None)
        try:
            latest = db.history(state.plan_id, limit=1)
            if not latest or latest[0].number == state.head:
                return self._outcome(None)
            plan, info = db.open_plan(state.plan_id)
        except StoreError:
            return self._outcome(None)
        self._adopt(info, plan)
        line = Line(latest[0].stored or latest[0].description)
        return self._outcome(plan, [Notice("app.store.updated", {"who": _who(latest[0].author), "what": line}, "info")])

    def restore(self, number: int, author: str = "") -> Outcome:
        """Make version ``number`` the newest version again (itself a new version); plan None, and why,
        when it cannot be (a stale base included: the next look for a newer version shows it)."""
        db, state = self.store(), self.state
        if db is None or state.plan_id is None:
            return self._outcome(None)
        try:
            info = db.restore(state.plan_id, number, state.head, author)
            plan = db.version(state.plan_id, info.head)
        except StoreError as error:
            return self._outcome(None, [Notice.of_error(error)])
        self._adopt(info, plan)
        return self._outcome(plan)


def _parts(description: Description) -> list:
    return description.parts if isinstance(description.parts, list) else [description.parts]
