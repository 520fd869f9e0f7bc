"""The rules: what a practitioner checks along each task, down each role and on the plan.

:func:`check` runs every rule of the catalogue (``shared/guides/raci-rules.md``)
and returns :class:`Finding` objects; :data:`RULES` lists the rules with their
severity (for filters and docs); :func:`health_score` sums the findings up in
one number. Thresholds come from :class:`raci.analysis.settings.Settings`.

Precise definitions, where the catalogue leaves room (n = number of roles):

* ``unassigned-task``: the row is empty; reported instead of ``no-accountable``
  and ``no-responsible``.
* ``too-many-responsible``: more R (R or A/R) than ``too_many_responsible``, or
  every role R in a team of ``responsible_all_min_team``+ roles.
* ``too-many-consulted``: C on more than ``consulted_share`` x n roles and on at
  least ``consulted_min`` roles.
* ``too-many-informed``: in a team of ``informed_min_team``+ roles, the task has
  at least one R/A holder (R, A or A/R) and every other role, at least one, is I.
  A task with no holder at all is left to the errors above.
* ``no-consulted-informed``: in a team of ``silo_min_team``+ roles, the task has
  R/A holders, no C, no I, and at least one role left out (empty cell). When
  every role already holds R or A there is nobody to consult.
* ``idle-role``: no R, A or A/R on any task.
* ``overloaded-role``: a role with no known capacity whose load
  (:mod:`raci.analysis.workload`) is more than ``overload_ratio`` x the team mean
  (``params['variant']`` is 'mean'). A role whose capacity is known (from its people,
  else its own ``Role.capacity``; :func:`raci.analysis.utilisation.capacities`) is
  measured against it only, by ``over-capacity``.
* ``over-capacity``: a role or a person with a known capacity whose utilisation
  (load / capacity, :mod:`raci.analysis.utilisation`) is above 100 %; variant
  'role' or 'person' ('role_no_hours' / 'person_no_hours' when the capacity is 0 h
  and there is load).
* ``under-used``: a role or a person with a capacity above 0 h using less than
  ``under_used_share`` of it; variant 'role' or 'person'.
* ``person-overbooked``: a person whose shares of their time add up to more than
  100 % (``params['share']``, ``params['roles']``).
* ``accountability-bottleneck``: A or A/R on more than ``accountability_share``
  of the tasks, in a team of ``bottleneck_min_team``+ roles.
* ``over-involved``: R, A, A/R or C on every task, in a team of
  ``over_involved_min_team``+ roles.
* ``nature-mismatch``: a strategic-profile role whose load on operational tasks
  is more than ``nature_mismatch_share`` of its load on classified tasks
  (strategic + operational; tasks with no nature do not count), or an
  operational-profile role on strategic tasks. Profile 'other' never fires.
* ``duplicate-task``: task names equal after trimming outer spaces and
  case-folding ('Post ' == 'post'). Accents are kept: the guide says trim and
  case-fold, and in Spanish an accent can change the word. Every task of a
  repeated name gets a finding.
* ``duplicate-role``: role short names equal after trimming and case-folding
  (the plan already forbids exact repeats); every role involved gets a finding.
* ``empty-plan``: no tasks or no roles; then no other rule runs.

Order of the findings: errors, then warnings, then info; within a severity the
task findings in task order, then the role findings in role order, then the
person findings in the plan's order of people; on the same task, role or person,
in the order of :data:`RULES`.

Everything is counted on the whole code matrix at once; a Finding is built only
for what fires, and its sentence is written only when :meth:`Finding.message`
is called.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import numpy as np
import pandas as pd

from raci import letters as L
from raci.analysis.settings import DEFAULT_SETTINGS, Settings
from raci.analysis.utilisation import Utilisation, utilisation
from raci.analysis.workload import classified_shares, letter_nature_hours
from raci.catalogue import task_display_name
from raci.i18n import normalise_lang, number, percent, placeholders, translate
from raci.model import Plan
from raci.text import IGNORED_PATTERN

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
HEALTH_START = 100


@dataclass(frozen=True)
class Rule:
    """One rule of the catalogue: its id (stable, part of the product), severity and scope."""

    id: str
    severity: Severity
    scope: Literal["task", "role", "person", "role-person", "plan"]  # role-person: either

    def title(self, lang: str = "en") -> str:
        """A short name for filters ('Several Accountable')."""
        return translate(f"rules.{self.id}.title", lang)

    def description(self, lang: str = "en") -> str:
        """One line: when the rule fires and why it matters."""
        return translate(f"rules.{self.id}.description", lang)


#: Every rule, in catalogue order (this order breaks ties when sorting findings).
RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("empty-plan", "error", "plan"),
        Rule("duplicate-task", "error", "task"),
        Rule("duplicate-role", "error", "role"),
        Rule("unassigned-task", "error", "task"),
        Rule("no-accountable", "error", "task"),
        Rule("multiple-accountable", "error", "task"),
        Rule("no-responsible", "error", "task"),
        Rule("too-many-responsible", "warning", "task"),
        Rule("too-many-consulted", "warning", "task"),
        Rule("too-many-informed", "info", "task"),
        Rule("no-consulted-informed", "info", "task"),
        Rule("idle-role", "warning", "role"),
        Rule("overloaded-role", "warning", "role"),
        Rule("over-capacity", "warning", "role-person"),
        Rule("person-overbooked", "warning", "person"),
        Rule("accountability-bottleneck", "warning", "role"),
        Rule("over-involved", "info", "role"),
        Rule("nature-mismatch", "info", "role"),
        Rule("under-used", "info", "role-person"),
    )
}
_RULE_RANK = {rule_id: rank for rank, rule_id in enumerate(RULES)}
_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def severity_name(severity: str, lang: str = "en") -> str:
    """'error', 'warning', 'info' in ``lang`` ('Aviso', 'Nota'...)."""
    return translate(f"rules.severity.{severity}", lang)


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a rule found: which rule, how serious, about which task and/or role.

    ``task_index`` is the task's position in the plan and ``task`` its name;
    ``role`` is a role's short name, ``person`` a person's name (people findings).
    ``params`` holds the figures of the sentence
    (counts, shares, other roles) and, for rules with two wordings, ``variant``.
    """

    rule: str
    severity: Severity
    task_index: int | None = None
    task: str | None = None
    role: str | None = None
    params: Mapping[str, object] = field(default_factory=dict, hash=False)
    person: str | None = None

    def message(self, lang: str = "en") -> str:
        """What is wrong and how to fix it, as one sentence in ``lang``.

        A task of the document is named in ``lang`` (the plan may be written in the other one).
        """
        lang = normalise_lang(lang)
        key = f"rules.{self.rule}"
        if "variant" in self.params:
            key += f".{self.params['variant']}"
        used = placeholders(key, lang)  # a parameter the sentence does not show is never written out
        values = {name: _written(name, value, lang) for name, value in self.params.items() if name in used}
        task = task_display_name(self.task, lang) if self.task else self.task
        return translate(key, lang, task=task, role=self.role, person=self.person, **values)

    def title(self, lang: str = "en") -> str:
        """The rule's short name in ``lang``."""
        return RULES[self.rule].title(lang)

    def to_dict(self, lang: str | None = None) -> dict[str, object]:
        """A JSON-ready form; with ``lang``, also the sentence in that language."""
        data: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity,
            "task_index": self.task_index,
            "task": self.task,
            "role": self.role,
            "person": self.person,
            "params": {k: list(v) if isinstance(v, tuple) else v for k, v in self.params.items()},
        }
        if lang is not None:
            data["message"] = self.message(lang)
        return data


def _written(name: str, value: object, lang: str) -> object:
    """A parameter as the sentence shows it: shares as percents, hours with one decimal."""
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if isinstance(value, float):
        return percent(value, lang) if name.endswith("share") else number(value, lang, 1)
    return value


def check(plan: Plan, settings: Settings = DEFAULT_SETTINGS) -> list[Finding]:
    """Every finding of every rule on ``plan``, errors first (see the module docstring)."""
    n_tasks, n_roles = plan.cells.shape
    if n_tasks == 0 or n_roles == 0:
        variant = "no_roles" if n_tasks else ("no_tasks" if n_roles else "no_tasks_roles")
        return [Finding("empty-plan", "error", params={"variant": variant})]

    names: list[str] = list(plan.names)
    shorts = plan.role_names
    holds = [plan.cells == code for code in range(len(L.LETTERS))]  # one mask per letter code
    collect = _Collector(n_tasks, n_roles)
    _plan_rules(plan, collect, names, shorts)
    _task_rules(holds, settings, collect, names, shorts)
    _role_rules(plan, holds, settings, collect, shorts)
    return collect.sorted()


_MAX_NAMED = 10  # other roles a duplicate-role finding names


def _same_name_keys(names: pd.Series) -> pd.Series:
    """What two names share when they are the same name: trimmed, case-folded, invisible characters ignored."""
    return names.str.replace(IGNORED_PATTERN, "", regex=True).str.strip().str.casefold()


def _plan_rules(plan: Plan, collect: _Collector, names: list[str], shorts: list[str]) -> None:
    folded = _same_name_keys(plan.column("name"))
    repeated = folded.duplicated(keep=False).to_numpy()
    if repeated.any():
        rows = np.flatnonzero(repeated)
        keys = folded.to_numpy(dtype=object)[rows]
        groups = pd.Series(rows).groupby(keys, sort=False).agg(tuple)
        same = [groups[key] for key in keys]
        collect.tasks("duplicate-task", rows, names, ({"count": len(g), "tasks": g} for g in same))

    by_key: dict[str, list[int]] = {}
    for k, key in enumerate(_same_name_keys(pd.Series(shorts, dtype=str))):
        by_key.setdefault(key, []).append(k)
    groups = [group for group in by_key.values() if len(group) > 1]
    columns = sorted(k for group in groups for k in group)
    group_of = {k: group for group in groups for k in group}
    # Each role names the others of its group; a group of thousands names its first few.
    others = ({"others": tuple(shorts[j] for j in group_of[k][:_MAX_NAMED + 1] if j != k)[:_MAX_NAMED]}
              for k in columns)
    collect.roles("duplicate-role", np.array(columns, dtype=np.int64), shorts, others)


def _task_rules(
    holds: list[np.ndarray], settings: Settings, collect: _Collector, names: list[str], shorts: list[str]
) -> None:
    n_roles = holds[0].shape[1]
    count = [np.count_nonzero(mask, axis=1) for mask in holds]  # per task, roles with each code
    n_empty, n_consulted, n_informed = count[L.EMPTY], count[L.C], count[L.I]
    n_accountable = count[L.A] + count[L.AR]
    n_responsible = count[L.R] + count[L.AR]
    n_holders = count[L.R] + count[L.A] + count[L.AR]
    empty_row = n_empty == n_roles

    rows = np.flatnonzero(empty_row)
    collect.tasks("unassigned-task", rows, names, _no_params(rows))
    rows = np.flatnonzero((n_accountable == 0) & ~empty_row)
    collect.tasks("no-accountable", rows, names, _no_params(rows))
    rows = np.flatnonzero(n_accountable > 1)
    accountable = _holders(holds[L.A] | holds[L.AR], rows, shorts)
    collect.tasks("multiple-accountable", rows, names, ({"count": len(r), "roles": r} for r in accountable))
    rows = np.flatnonzero((n_responsible == 0) & ~empty_row)
    collect.tasks("no-responsible", rows, names, _no_params(rows))

    limit = settings.too_many_responsible
    everyone = n_roles >= settings.responsible_all_min_team
    rows = np.flatnonzero((n_responsible > limit) | (everyone & (n_responsible == n_roles)))
    collect.tasks(
        "too-many-responsible",
        rows,
        names,
        (
            {"variant": "all" if everyone and c == n_roles else "limit", "count": c, "limit": limit}
            for c in n_responsible[rows].tolist()
        ),
    )

    many = (n_consulted > settings.consulted_share * n_roles) & (n_consulted >= settings.consulted_min)
    rows = np.flatnonzero(many)
    collect.tasks(
        "too-many-consulted", rows, names, ({"count": c, "team": n_roles} for c in n_consulted[rows].tolist())
    )

    if n_roles >= settings.informed_min_team:
        rows = np.flatnonzero((n_holders > 0) & (n_informed > 0) & (n_informed == n_roles - n_holders))
        collect.tasks("too-many-informed", rows, names, ({"count": c} for c in n_informed[rows].tolist()))
    if n_roles >= settings.silo_min_team:
        rows = np.flatnonzero((n_holders > 0) & (n_consulted == 0) & (n_informed == 0) & (n_empty > 0))
        collect.tasks("no-consulted-informed", rows, names, _no_params(rows))


def _role_rules(
    plan: Plan, holds: list[np.ndarray], settings: Settings, collect: _Collector, shorts: list[str]
) -> None:
    n_tasks, n_roles = plan.cells.shape
    count = [np.count_nonzero(mask, axis=0) for mask in holds]  # per role, tasks with each code
    n_accountable = count[L.A] + count[L.AR]
    n_holding = count[L.R] + count[L.A] + count[L.AR]

    columns = np.flatnonzero(n_holding == 0)
    collect.roles("idle-role", columns, shorts, _no_params(columns))

    hours = letter_nature_hours(plan, settings)  # (roles, letters, natures)
    load = hours.sum(axis=(1, 2))
    mean = float(load.mean())
    # A role with a known capacity (from its people, else its own number) is measured against it
    # only, by over-capacity: a small role must not make a CM at 96 of 100 h "twice the mean".
    # The team mean judges the roles without one.
    use = utilisation(plan, dict(zip(shorts, load.tolist(), strict=True)))
    has_capacity = np.array([r.capacity is not None for r in use.roles], dtype=bool)
    columns = np.flatnonzero(~has_capacity & (load > settings.overload_ratio * mean))
    collect.roles(
        "overloaded-role",
        columns,
        shorts,
        ({"variant": "mean", "load": float(load[k]), "mean": mean, "ratio": float(load[k] / mean)}
         for k in columns.tolist()),
    )
    _capacity_rules(use, settings, collect, shorts)

    if n_roles >= settings.bottleneck_min_team:
        share = n_accountable / n_tasks
        columns = np.flatnonzero(share > settings.accountability_share)
        collect.roles(
            "accountability-bottleneck",
            columns,
            shorts,
            ({"count": int(n_accountable[k]), "total": n_tasks, "share": float(share[k])} for k in columns.tolist()),
        )

    if n_roles >= settings.over_involved_min_team:
        columns = np.flatnonzero(n_holding + count[L.C] == n_tasks)
        collect.roles("over-involved", columns, shorts, _no_params(columns))

    shares = classified_shares(hours.sum(axis=1))  # (roles, strategic / operational share)
    profiles = [r.profile for r in plan.roles]
    # A strategic role's share on operational tasks; an operational role's on strategic ones.
    share = np.array([shares[k, 1 if p == "strategic" else 0] for k, p in enumerate(profiles)])
    columns = np.flatnonzero((np.array(profiles) != "other") & (share > settings.nature_mismatch_share))
    collect.roles(
        "nature-mismatch",
        columns,
        shorts,
        ({"variant": profiles[k], "share": float(share[k])} for k in columns.tolist()),
    )


def _capacity_rules(use: Utilisation, settings: Settings, collect: _Collector, shorts: list[str]) -> None:
    """over-capacity, under-used (roles and people) and person-overbooked: one pass over each."""
    role_uses = [(k, u.capacity, u.load, u.utilisation) for k, u in enumerate(use.roles)]
    person_uses = [(k, p.hours, p.load, p.utilisation) for k, p in enumerate(use.people)]
    people = [p.name for p in use.people]
    for who, uses in (("role", role_uses), ("person", person_uses)):
        over = [(k, cap, load, share) for k, cap, load, share in uses if share is not None and share > 1]
        under = [(k, cap, load, share) for k, cap, load, share in uses
                 if share is not None and cap and cap > 0 and share < settings.under_used_share]
        add = collect.roles if who == "role" else collect.people
        names = shorts if who == "role" else people
        for rule, chosen in (("over-capacity", over), ("under-used", under)):
            add(rule, _positions(chosen), names, (_use_params(who, cap, load, share) for _, cap, load, share in chosen))
    booked = [(k, p) for k, p in enumerate(use.people) if p.booked > 1 + 1e-9]
    collect.people(
        "person-overbooked",
        _positions(booked),
        people,
        ({"share": float(p.booked), "count": len(p.roles), "roles": tuple(p.roles)} for _, p in booked),
    )


def _positions(items: list[tuple]) -> np.ndarray:
    return np.array([item[0] for item in items], dtype=np.int64)


def _use_params(who: str, capacity: float, load: float, share: float) -> dict[str, object]:
    if not np.isfinite(share):  # no hours at all, and some load: no percentage to show
        return {"variant": f"{who}_no_hours", "load": float(load), "capacity": float(capacity)}
    return {"variant": who, "load": float(load), "capacity": float(capacity), "share": float(share)}


class _Collector:
    """Findings in rule batches plus their sort keys, sorted once at the end."""

    def __init__(self, n_tasks: int, n_roles: int = 0) -> None:
        self.n_tasks = n_tasks
        self.n_roles = n_roles
        self.findings: list[Finding] = []
        self.keys: list[np.ndarray] = []

    def tasks(self, rule: str, rows: np.ndarray, names: list[str], params: Iterable[dict]) -> None:
        """One finding of ``rule`` per task position in ``rows``, with its params."""
        severity = RULES[rule].severity
        pairs = zip(rows.tolist(), params, strict=True)
        found = [Finding(rule, severity, i, names[i], None, p) for i, p in pairs]
        self._add(rule, rows, found)

    def roles(self, rule: str, columns: np.ndarray, shorts: list[str], params: Iterable[dict]) -> None:
        """One finding of ``rule`` per role position in ``columns``, with its params."""
        severity = RULES[rule].severity
        pairs = zip(columns.tolist(), params, strict=True)
        found = [Finding(rule, severity, None, None, shorts[k], p) for k, p in pairs]
        self._add(rule, self.n_tasks + columns, found)  # roles sort after every task

    def people(self, rule: str, positions: np.ndarray, names: list[str], params: Iterable[dict]) -> None:
        """One finding of ``rule`` per person position in ``positions`` (the plan's order of people)."""
        severity = RULES[rule].severity
        pairs = zip(positions.tolist(), params, strict=True)
        found = [Finding(rule, severity, None, None, None, p, names[k]) for k, p in pairs]
        self._add(rule, self.n_tasks + self.n_roles + positions, found)  # people sort after every role

    def _add(self, rule: str, places: np.ndarray, found: list[Finding]) -> None:
        if not found:
            return
        key = np.empty((3, len(found)), dtype=np.int64)
        key[0] = _SEVERITY_RANK[RULES[rule].severity]
        key[1] = places
        key[2] = _RULE_RANK[rule]
        self.findings.extend(found)
        self.keys.append(key)

    def sorted(self) -> list[Finding]:
        """Every finding: by severity, then task/role position, then catalogue order."""
        if not self.findings:
            return []
        key = np.concatenate(self.keys, axis=1)
        order = np.lexsort((key[2], key[1], key[0]))
        found = self.findings
        return [found[i] for i in order.tolist()]


#: The parameters of a finding that has none: one shared, read-only mapping, so that a plan with
#: thousands of findings does not allocate (and make the garbage collector scan) as many empty dicts.
_NO_PARAMS: Mapping[str, object] = MappingProxyType({})


def _no_params(positions: np.ndarray) -> Iterator[Mapping[str, object]]:
    return itertools.repeat(_NO_PARAMS, len(positions))


def _holders(mask: np.ndarray, rows: np.ndarray, shorts: list[str]) -> list[tuple[str, ...]]:
    """For each row in ``rows``, the short names of the roles where ``mask`` is true."""
    hit_rows, hit_cols = np.nonzero(mask[rows])
    names = np.asarray(shorts, dtype=object)[hit_cols].tolist()
    bounds = [0, *np.cumsum(np.bincount(hit_rows, minlength=len(rows))).tolist()]
    return [tuple(names[a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def health_score(findings: Sequence[Finding], settings: Settings = DEFAULT_SETTINGS) -> int:
    """100 minus the penalty of each error and warning (info costs nothing), never below 0."""
    counts = count_by_severity(findings)
    penalty = settings.error_penalty * counts["error"] + settings.warning_penalty * counts["warning"]
    return max(0, round(HEALTH_START - penalty))


def count_by_severity(findings: Sequence[Finding]) -> dict[str, int]:
    """How many errors, warnings and info findings there are (every severity present, maybe 0)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts
