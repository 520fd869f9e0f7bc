"""The analysis settings: every threshold, weight and penalty in one place.

The rule catalogue (``shared/guides/raci-rules.md``) gives the defaults; a team
may change any of them. ``Settings`` is immutable and checked when built, so a
bad value fails where it is typed, not halfway through an analysis. The app
shows the settings with :meth:`Settings.describe`; the texts live in the
``setting.*`` keys of ``raci/locales/<lang>/rules.json`` (thresholds and
penalties) and ``workload.json`` (workload fractions).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, NamedTuple

from raci.i18n import translate

# The kinds of value a setting may take; each has its own check in __post_init__.
_COUNT = "count"  # a whole number of roles, 1 or more
_SHARE = "share"  # a fraction of something, 0 to 1
_RATIO = "ratio"  # a multiplier, 1 or more
_POINTS = "points"  # health-score points, 0 or more
_HOURS = "hours"  # hours a month, above 0


def _setting(default: float, kind: str, area: str = "rules") -> Any:
    return field(default=default, metadata={"kind": kind, "area": area})


class SettingDescription(NamedTuple):
    """One setting as the app shows it: its field name, a label, its value, why it matters."""

    name: str
    label: str
    value: float
    explanation: str


@dataclass(frozen=True)
class Settings:
    """Thresholds of the rules, workload fractions and health-score penalties.

    Counts are numbers of roles, shares are fractions (0.5 = 50 %), hours are
    the unit of task effort.
    """

    # ----- per task ---------------------------------------------------------
    #: too-many-responsible fires when a task has MORE Responsible roles than this (roles).
    too_many_responsible: int = _setting(3, _COUNT)
    #: ...or when every role is Responsible, in a team of at least this many roles.
    responsible_all_min_team: int = _setting(3, _COUNT)
    #: too-many-consulted fires when MORE than this fraction of the roles is Consulted (share)...
    consulted_share: float = _setting(0.5, _SHARE)
    #: ...and at least this many roles are Consulted (roles).
    consulted_min: int = _setting(3, _COUNT)
    #: too-many-informed only looks at teams of at least this many roles.
    informed_min_team: int = _setting(4, _COUNT)
    #: no-consulted-informed (possible silo) only looks at teams of at least this many roles.
    silo_min_team: int = _setting(3, _COUNT)

    # ----- per role ---------------------------------------------------------
    #: overloaded-role fires when a role with no known capacity has a load MORE than this many times the team mean (x).
    overload_ratio: float = _setting(1.5, _RATIO)
    #: accountability-bottleneck fires when a role is Accountable for MORE than this share of tasks.
    accountability_share: float = _setting(0.7, _SHARE)
    #: ...in a team of at least this many roles.
    bottleneck_min_team: int = _setting(3, _COUNT)
    #: over-involved only looks at teams of at least this many roles.
    over_involved_min_team: int = _setting(4, _COUNT)
    #: nature-mismatch fires when MORE than this share of a role's classified load is of the
    #: other nature (a strategic role on operational tasks, or the reverse).
    nature_mismatch_share: float = _setting(0.4, _SHARE)

    # ----- workload (fractions of a task's effort, in hours) ------------------
    #: Each Accountable role (A or A/R) adds this fraction of the task's effort to its load.
    accountable_fraction: float = _setting(0.10, _SHARE, "workload")
    #: Each Consulted role adds this fraction of the task's effort.
    consulted_fraction: float = _setting(0.05, _SHARE, "workload")
    #: Each Informed role adds this fraction of the task's effort.
    informed_fraction: float = _setting(0.02, _SHARE, "workload")

    # ----- people and capacity ----------------------------------------------
    #: Hours a month of one full-time person: a new person's hours, and one FTE in the staffing advice.
    full_time_hours: float = _setting(140, _HOURS)
    #: under-used fires when a role or person with a capacity uses LESS than this share of it.
    under_used_share: float = _setting(0.5, _SHARE)

    # ----- health score (starts at 100, floor 0; info findings cost nothing) ---
    #: Points taken off the health score per error.
    error_penalty: float = _setting(10, _POINTS)
    #: Points taken off the health score per warning.
    warning_penalty: float = _setting(3, _POINTS)

    def __post_init__(self) -> None:
        for spec in fields(self):
            value = getattr(self, spec.name)
            kind = spec.metadata["kind"]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError(f"{spec.name} must be a number, not {value!r}")
            if kind == _COUNT and (value != int(value) or value < 1):
                raise ValueError(f"{spec.name} must be a whole number of roles, 1 or more: {value!r}")
            if kind == _SHARE and not 0 <= value <= 1:
                raise ValueError(f"{spec.name} must be a fraction between 0 and 1: {value!r}")
            if kind == _RATIO and value < 1:
                raise ValueError(f"{spec.name} must be 1 or more: {value!r}")
            if kind == _POINTS and value < 0:
                raise ValueError(f"{spec.name} must be 0 or more: {value!r}")
            if kind == _HOURS and not 0 < value <= 744:
                raise ValueError(f"{spec.name} must be hours a month, above 0 and at most 744: {value!r}")
            if kind == _COUNT:
                object.__setattr__(self, spec.name, int(value))

    @classmethod
    def from_dict(cls, values: Mapping[str, object]) -> Settings:
        """Settings from a mapping of field names (missing ones keep their default).

        Raises ValueError on an unknown name or a bad value.
        """
        known = {spec.name for spec in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
        return cls(**values)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, float]:
        """Every setting by field name (the inverse of :meth:`from_dict`)."""
        return asdict(self)

    def describe(self, lang: str = "en") -> list[SettingDescription]:
        """Every setting with a label and an explanation in ``lang``, in declaration order."""
        described = []
        for spec in fields(self):
            key = f"{spec.metadata['area']}.setting.{spec.name}"
            described.append(
                SettingDescription(
                    spec.name,
                    translate(f"{key}.label", lang),
                    getattr(self, spec.name),
                    translate(key, lang),
                )
            )
        return described


DEFAULT_SETTINGS = Settings()
