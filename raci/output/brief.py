"""Role briefs: one page per role (or per person) saying what is theirs in the plan.

A brief has four sections, one per kind of involvement, and every task where the role
has a letter is in exactly one of them:

- **do**: R or A/R (the role does the work; A/R also owns it),
- **own**: A without R (the role signs the outcome off; someone else does it),
- **consulted**: C, **informed**: I.

Each row gives the task (a seeded task in the reader's language), its category, the
letter, the hours the role carries for it (the workload formula of
:mod:`raci.analysis.workload`, so the rows of a brief add up to the role's load), the
task's own hours or recurrence ("3 por semana x 45 min x 4 plataformas = 39,0 h/mes"),
who owns it (the A role, and its people when the plan has people) and who does it.
Then the role's load against its capacity (:mod:`raci.analysis.utilisation`).

A person's brief is the briefs of their roles, each row weighted by the person's part
of that role's capacity (as their load is): Lucía gives the CM 140 of its 210 h, so she
carries 2/3 of each CM row's hours.

:func:`brief` is one pass over the plan's tasks (O(tasks x roles) for the owners);
:func:`brief_html` renders the template ``templates/brief.html.j2`` (one A4 page when
printed; a long brief gets smaller type, and past what one page holds it continues on
the next with a note, its pages numbered); :func:`brief_pdf` prints that page to PDF
with the system Chromium, as the chart images do (:mod:`raci.output.images`).
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from raci import letters as L
from raci.analysis.settings import DEFAULT_SETTINGS, Settings
from raci.analysis.utilisation import capacities, utilisation
from raci.analysis.workload import cell_hours, workload
from raci.catalogue import category_display_name, task_display_name
from raci.errors import PlanError
from raci.i18n import date_text, decimals, hours, normalise_lang, number, percent, translate
from raci.model import Plan
from raci.output import templating
from raci.output.charts import ROLE_COLORS, role_colors
from raci.output.images import browser_path
from raci.output.report import LETTER_CLASSES, letter_styles
from raci.text import clip

#: The sections of a brief, in order, and the letters each one holds.
SECTIONS: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("do", (L.R, L.AR)), ("own", (L.A,)), ("consulted", (L.C,)), ("informed", (L.I,)),
)
#: Rows a brief's page shows in all; past it each section says how many more tasks (and hours) it has.
MAX_SHOWN_ROWS = 400
#: The type sizes of a printed brief, largest first (the stylesheet's body classes): per size, the points of one
#: line of a table row, of a row's padding and border, the characters a line of the task, category and owner
#: columns holds, and whether a recurrence goes under the task (a line of its own) or after it.
DENSITY: tuple[tuple[str, float, float, int, int, bool], ...] = (
    ("normal", 9.8, 2.6, 46, 20, True),
    ("compact", 8.8, 1.6, 52, 23, False),
    ("dense", 7.3, 1.0, 60, 26, False),
)
#: Points of an A4 page's height a brief's tables may take (297 mm less margins, the heading and the load),
#: and what each section takes besides its rows (its heading and the table's head; an empty one: one line).
PAGE_POINTS, SECTION_POINTS, EMPTY_SECTION_POINTS = 680.0, 40.0, 20.0
#: Names of the people of an owner role, at most this many (then "+N").
MAX_OWNER_PEOPLE = 3
#: Seconds Chromium may take to print a brief.
PDF_TIMEOUT = 60
_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif'


class BriefError(PlanError):
    """A brief that cannot be made: an unknown role or person, or no browser to print it."""

    AREA = "brief"
    PREFIX = "error_"


def _t(key: str, lang: str, **params: object) -> str:
    return translate(f"brief.{key}", lang, **params)


@dataclass(frozen=True, slots=True)
class BriefRow:
    """One task of a brief, written in the brief's language (``hours``: what the role or person carries)."""

    task: str
    category: str
    role: str  # the role through which the task is theirs (a person may hold several)
    letter: str  # "R", "A", "A/R", "C", "I"
    hours: float
    effort: float  # the task's own hours a month
    recurrence: str  # the derivation of a recurring effort, "" for plain hours
    owner: str  # the A role(s), with their people: "SMM (Ana)"; "" when nobody owns the task
    doers: str  # the R and A/R roles, likewise; "" when nobody does it


@dataclass(frozen=True, slots=True)
class Load:
    """Load against capacity: ``share`` = hours / capacity; ``status`` over, ok, under or unknown (no capacity)."""

    hours: float
    capacity: float | None
    share: float | None
    status: str


@dataclass(frozen=True, slots=True)
class Brief:
    """What one role or person does, owns, is consulted on and told about in a plan, and their load."""

    kind: str  # "role" or "person"
    who: str  # the role's short name or the person's name
    name: str  # the role's full name, or the person's roles ("CM 50 % · Diseño 50 %")
    color: str  # the role's colour in the app (a person: their first role's)
    people: str  # a role's people ("Lucía 100 % · Pablo 50 %"), "" when nobody staffs it
    do: tuple[BriefRow, ...]
    own: tuple[BriefRow, ...]
    consulted: tuple[BriefRow, ...]
    informed: tuple[BriefRow, ...]
    load: Load
    tasks: int  # tasks in the plan

    @property
    def sections(self) -> tuple[tuple[str, tuple[BriefRow, ...]], ...]:
        """(section key, rows) in the order of :data:`SECTIONS`."""
        return (("do", self.do), ("own", self.own), ("consulted", self.consulted), ("informed", self.informed))

    @property
    def rows(self) -> int:
        return len(self.do) + len(self.own) + len(self.consulted) + len(self.informed)


def brief(plan: Plan, lang: str = "en", role: str | None = None, person: str | None = None,
          settings: Settings = DEFAULT_SETTINGS) -> Brief:
    """The brief of ``role`` (a short name) or of ``person`` (a name) in ``plan``, written in ``lang``.

    BriefError (a sentence in the reader's language listing the known ones) for an unknown role or
    person, or when neither or both are given.
    """
    lang = normalise_lang(lang)
    if (role is None) == (person is None):
        raise BriefError("role_or_person", roles=_known(plan.role_names, "roles", lang))
    if role is not None and role not in plan.role_names:
        raise BriefError("unknown_role", name=clip(role, 60), known=_known(plan.role_names, "roles", lang))
    if person is not None and person not in [p.name for p in plan.people]:
        raise BriefError("unknown_person", name=clip(person, 60),
                         known=_known([p.name for p in plan.people], "people", lang))
    load = workload(plan, settings)
    use = utilisation(plan, load.load.to_dict())
    colors = role_colors(plan)
    rows_of = _Rows(plan, lang, settings)
    if role is not None:
        used = use.role(role)
        staff = [(p.name, p.roles[role]) for p in plan.team.people_in(role)]
        sections = rows_of.sections({role: 1.0})
        return Brief("role", role, plan.role(role).name, colors[role],
                     " · ".join(f"{name} {percent(share, lang)}" for name, share in staff),
                     *sections, _load(used.load, used.capacity, used.utilisation, settings), plan.n_tasks)
    someone = plan.team.person(person)
    used = next(p for p in use.people if p.name == person)
    capacity = capacities(plan)
    weights = {r: someone.hours * share / capacity[r] if capacity.get(r) else 0.0 for r, share in someone.roles.items()}
    sections = rows_of.sections(weights)
    roles = " · ".join(f"{r} {percent(share, lang)}" for r, share in someone.roles.items())
    color = colors[next(iter(someone.roles))] if someone.roles else ROLE_COLORS[0]
    return Brief("person", someone.name, roles, color, "", *sections,
                 _load(used.load, someone.hours, used.utilisation, settings), plan.n_tasks)


def _known(names: list[str], what: str, lang: str) -> str:
    return clip(", ".join(names), 200) if names else _t(f"no_{what}_known", lang)


def _load(carried: float, capacity: float | None, share: float | None, settings: Settings) -> Load:
    if share is None:
        status = "unknown"
    elif share > 1:
        status = "over"
    elif share < settings.under_used_share:
        status = "under"
    else:
        status = "ok"
    return Load(float(carried), capacity, share, status)


class _Rows:
    """The rows of the briefs of one plan: per task its owners and doers, written once."""

    def __init__(self, plan: Plan, lang: str, settings: Settings) -> None:
        self.plan, self.lang = plan, lang
        self.hours = cell_hours(plan, settings)  # the workload formula, cell by cell: rows add up to the load
        # Who owns and who does each task, as boolean matrices made once: a row's names are one lookup each.
        self.marks = {codes: np.isin(plan.cells, codes) for codes in (L.ACCOUNTABLE_CODES, L.RESPONSIBLE_CODES)}
        staff: dict[str, list[str]] = {}
        for someone in plan.people:
            for role in someone.roles:
                staff.setdefault(role, []).append(someone.name)
        self.staffed = {r.short: _with_people(r.short, staff.get(r.short, [])) for r in plan.roles}
        self._owner: dict[int, str] = {}
        self._doers: dict[int, str] = {}
        self._names: dict[int, tuple[str, str, str]] = {}
        self._categories: dict[str, str] = {}

    def sections(self, weights: dict[str, float]) -> tuple[tuple[BriefRow, ...], ...]:
        """The four sections for roles ``weights`` (role -> the part of its hours that is the brief's)."""
        found: dict[str, list[tuple[int, int, BriefRow]]] = {key: [] for key, _ in SECTIONS}
        for order, (role, weight) in enumerate(weights.items()):
            k = self.plan.role_index(role)
            column = self.plan.cells[:, k]
            for key, codes in SECTIONS:
                for i in np.flatnonzero(np.isin(column, codes)).tolist():
                    found[key].append((i, order, self._row(i, k, int(column[i]), weight)))
        # Plan order, then the person's role order: a task the person has in two roles shows twice, together.
        return tuple(tuple(row for _, _, row in sorted(found[key], key=lambda item: item[:2])) for key, _ in SECTIONS)

    def _row(self, i: int, k: int, code: int, weight: float) -> BriefRow:
        task, category, recurrence = self._text(i)
        return BriefRow(task, category, self.plan.roles[k].short, L.LETTERS[code], float(self.hours[i, k]) * weight,
                        float(self.plan.efforts[i]), recurrence,
                        self._who(i, L.ACCOUNTABLE_CODES, self._owner), self._who(i, L.RESPONSIBLE_CODES, self._doers))

    def _text(self, i: int) -> tuple[str, str, str]:
        if i not in self._names:
            recurrence = self.plan.recurrences[i]
            category = self.plan.categories[i]
            if category not in self._categories:  # a plan has few categories: each one looked up once
                self._categories[category] = category_display_name(category, self.lang)
            self._names[i] = (task_display_name(self.plan.names[i], self.lang), self._categories[category],
                              recurrence.formula(len(self.plan.platforms), self.lang) if recurrence else "")
        return self._names[i]

    def _who(self, i: int, codes: tuple[int, ...], memo: dict[int, str]) -> str:
        if i not in memo:
            memo[i] = ", ".join(self.staffed[self.plan.roles[k].short] for k in np.flatnonzero(self.marks[codes][i]))
        return memo[i]


def _with_people(role: str, names: list[str]) -> str:
    if not names:
        return role
    shown = ", ".join(names[:MAX_OWNER_PEOPLE])
    more = len(names) - MAX_OWNER_PEOPLE
    return f"{role} ({shown}{f' +{more}' if more > 0 else ''})"


# ----- the page -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Row:
    task: str
    category: str
    role: str
    letter: str
    css_class: str
    hours: str
    effort: str
    recurrence: str
    other: str  # the owner, or in the own section who does it
    nobody: bool


@dataclass(frozen=True, slots=True)
class _Section:
    key: str
    title: str
    intro: str
    total: str
    other_head: str
    rows: list[_Row]
    more: str  # "…and 12 more tasks (30 h)" when the page shows only the first rows
    empty: str


def brief_html(result: Brief, lang: str = "en", generated_at: dt.date | None = None, title: str | None = None) -> str:
    """The brief as one self-contained HTML page (a str) in ``lang``: offline, printable on one A4 page.

    ``generated_at`` is the date shown (default: now); ``title`` the plan's name, if it has one.
    """
    lang = normalise_lang(lang)
    moment = generated_at if generated_at is not None else dt.datetime.now().astimezone()
    when = date_text(moment, lang)
    person = result.kind == "person"
    room = MAX_SHOWN_ROWS
    sections = []
    for key, rows in result.sections:
        shown, room = rows[:room], max(0, room - len(rows))
        left = rows[len(shown):]
        more = _t("more_rows", lang, count=number(len(left), lang), hours=_hours(sum(r.hours for r in left), lang)) \
            if left else ""
        sections.append(_Section(
            key, _t(f"section_{key}", lang), _t(f"intro_{key}", lang),
            section_total(len(rows), sum(r.hours for r in rows), lang),
            _t("col_doers" if key == "own" else "col_owner", lang),
            [_Row(r.task, r.category or "—", r.role, r.letter, LETTER_CLASSES[r.letter], _hours(r.hours, lang),
                  hours(r.effort, lang, decimals(r.effort, 1)), r.recurrence,
                  (r.doers if key == "own" else r.owner) or _t("nobody", lang),
                  not (r.doers if key == "own" else r.owner)) for r in shown],
            more, _t(f"empty_{key}", lang)))
    heights = {size[0]: _height(sections, person, size) for size in DENSITY}
    density = next((name for name, height in heights.items() if height <= PAGE_POINTS), DENSITY[-1][0])
    continues = heights[density] > PAGE_POINTS
    load = result.load
    heading = _t(f"heading_{result.kind}", lang, who=result.who)
    return templating.environment().get_template("brief.html.j2").render(
        lang=lang,
        heading=heading,
        title=title or "",
        who=result.who,
        name=result.name if result.name != result.who else "",
        people=_t("people", lang, people=result.people) if result.people else "",
        kind_label=_t(f"kind_{result.kind}", lang),
        eyebrow=_t(f"eyebrow_{result.kind}", lang),
        generated=_t("generated", lang, date=when),
        moment_iso=moment.isoformat(),
        size=_t("plan_size", lang, tasks=number(result.tasks, lang)),
        load=_load_view(load, lang),
        sections=sections,
        person=person,
        heads={key: _t(f"col_{key}", lang) for key in ("task", "category", "role", "letter", "hours", "effort")},
        density=density,
        continues=continues,
        continued=_t("continued", lang, who=result.who),
        footer=_t(f"footer_{result.kind}", lang),
        page_label=_t("page", lang),
        font=_FONT,
        role_color=result.color,
        letter_styles=letter_styles(),
        stylesheet=templating.static_text("report.css") + "\n" + templating.static_text("brief.css"),
    )


def section_total(count: int, carried: float, lang: str) -> str:
    """"11 tasks · 113.3 h" ("1 task · 2.0 h")."""
    key = "section_total_one" if count == 1 else "section_total"
    return _t(key, lang, count=number(count, lang), hours=_hours(carried, lang))


def _height(sections: list[_Section], person: bool, size: tuple[str, float, float, int, int, bool]) -> float:
    """Roughly how many points of the page the sections take at one type size (a line's worth of error)."""
    _, line, padding, task_chars, narrow_chars, recurrence_below = size
    if person:  # the "As" column narrows the task column
        task_chars = int(task_chars * 0.83)
    total = 0.0
    for section in sections:
        if not section.rows:
            total += EMPTY_SECTION_POINTS
            continue
        total += SECTION_POINTS + (line if section.more else 0.0)
        for row in section.rows:
            task = len(row.task) + (0 if recurrence_below or not row.recurrence else len(row.recurrence) + 1)
            lines = max(-(-task // task_chars), -(-len(row.category) // narrow_chars),
                        -(-len(row.other) // narrow_chars), 1)
            if recurrence_below and row.recurrence:
                lines += 0.75 * -(-len(row.recurrence) // int(task_chars * 1.15))  # in smaller type
            total += lines * line + padding
    return total


@dataclass(frozen=True, slots=True)
class _LoadView:
    label: str
    value: str
    note: str
    status: str
    status_text: str
    width: float  # the bar's filled share, 0 to 100


def _load_view(load: Load, lang: str) -> _LoadView:
    if load.capacity is None or load.share is None:
        return _LoadView(_t("load", lang), _hours(load.hours, lang), _t("load_unknown", lang), "unknown",
                         _t("status_unknown", lang), 0.0)
    return _LoadView(_t("load", lang), f"{_hours(load.hours, lang)} / {_hours(load.capacity, lang)}",
                     _t("load_share", lang, share=percent(load.share, lang)), load.status,
                     _t(f"status_{load.status}", lang), round(max(0.0, min(load.share, 1.0)) * 100, 1))


def _hours(value: float, lang: str) -> str:
    return hours(value, lang, 1)


# ----- PDF ------------------------------------------------------------------------------------------
def _print(command: list[str], timeout: float, home: str) -> None:
    """Run Chromium in a process group of its own; past ``timeout`` the whole group (its renderers too) ends."""
    try:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "HOME": home}, start_new_session=True)
    except OSError as error:
        raise BriefError("pdf_failed", reason=error.strerror or str(error)) from None
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        raise BriefError("pdf_failed", reason=f"> {timeout:g} s") from None


def pdf_available() -> bool:
    """Whether a brief can be printed to PDF here (a Chromium is installed)."""
    return browser_path() is not None


def brief_pdf(html: str, timeout: float = PDF_TIMEOUT) -> bytes:
    """The page ``html`` printed to PDF (A4, as its @page says) by the system Chromium, headless.

    BriefError ``no_browser`` when there is no Chromium, ``pdf_failed`` when it does not print in ``timeout`` s.
    The browser runs on a profile of its own in a temporary folder, offline (the page fetches nothing).
    """
    path = browser_path()
    if path is None:
        raise BriefError("no_browser")
    with tempfile.TemporaryDirectory(prefix="raci-brief-") as folder:
        page, out = Path(folder) / "brief.html", Path(folder) / "brief.pdf"
        page.write_text(html, encoding="utf-8")
        command = [path, "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--disable-extensions", "--no-pdf-header-footer", f"--user-data-dir={Path(folder) / 'profile'}",
                   f"--print-to-pdf={out}", page.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        _print(command, timeout, folder)
        data = out.read_bytes() if out.exists() else b""
    if not data.startswith(b"%PDF"):
        raise BriefError("pdf_failed", reason="no PDF")
    return data
