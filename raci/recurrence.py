"""Effort that recurs: "3 por semana x 45 min x 4 plataformas = 39,0 h/mes".

A task's effort may be given as a recurrence instead of a plain number of hours: how
many times per day, week or month, the minutes each time takes, and whether it repeats
on every platform the plan lists. Hours per month are derived from it and rounded to
0.1 h: per day counts :data:`WORKING_DAYS_PER_MONTH` days, per week 52/12 weeks, per
month 1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from raci.errors import PlanError
from raci.i18n import decimals, number, translate

#: Working days in a month, for a task done every working day.
WORKING_DAYS_PER_MONTH = 21
#: How many times a period fits in a month.
PER_MONTH: dict[str, float] = {"day": float(WORKING_DAYS_PER_MONTH), "week": 52 / 12, "month": 1.0}
PERIODS: tuple[str, ...] = tuple(PER_MONTH)
#: Bounds a recurrence must keep (a typo of 10,000 a day is refused, not planned).
MAX_TIMES = 1_000
MAX_MINUTES = 24 * 60


class RecurrenceError(PlanError):
    """A recurrence that cannot be: a period not day/week/month, times or minutes out of range."""


@dataclass(frozen=True)
class Recurrence:
    """``times`` per ``per`` (day, week or month), ``minutes`` each, on every platform if ``per_platform``.

    ``estimate`` marks our own estimate (the seeded tasks), as opposed to the team's figure.
    """

    times: float
    per: str
    minutes: float
    per_platform: bool = False
    estimate: bool = False

    def __post_init__(self) -> None:
        if self.per not in PER_MONTH:
            raise RecurrenceError("bad_period", value=self.per)
        for name, value, limit in (("times", self.times, MAX_TIMES), ("minutes", self.minutes, MAX_MINUTES)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                    or not 0 < value <= limit:
                raise RecurrenceError("bad_recurrence", what=name, value=value, limit=limit)
            object.__setattr__(self, name, float(value))
        object.__setattr__(self, "per_platform", bool(self.per_platform))
        object.__setattr__(self, "estimate", bool(self.estimate))

    def hours(self, platforms: int) -> float:
        """Hours per month, rounded to 0.1 h; a per-platform task counts every platform (at least one)."""
        count = max(1, platforms) if self.per_platform else 1
        return round(self.times * PER_MONTH[self.per] * self.minutes / 60 * count + 1e-9, 1)

    def formula(self, platforms: int, lang: str) -> str:
        """The derivation as the user reads it: "3 por semana x 45 min x 4 plataformas = 39,0 h/mes"."""
        times = number(self.times, lang, decimals(self.times))
        minutes = number(self.minutes, lang, decimals(self.minutes))
        parts = [translate(f"plan_error.recurrence_{self.per}", lang, times=times),
                 translate("plan_error.recurrence_minutes", lang, minutes=minutes)]
        if self.per_platform:
            parts.append(translate("plan_error.recurrence_platforms", lang, count=max(1, platforms)))
        return " x ".join(parts) + " = " + translate(
            "plan_error.recurrence_total", lang, hours=number(self.hours(platforms), lang, 1))

    def as_dict(self) -> dict[str, object]:
        """The JSON form: ``{"times": 3, "per": "week", "minutes": 45, "per_platform": true}``."""
        times = int(self.times) if self.times.is_integer() else self.times
        minutes = int(self.minutes) if self.minutes.is_integer() else self.minutes
        said: dict[str, object] = {"times": times, "per": self.per, "minutes": minutes,
                                   "per_platform": self.per_platform}
        if self.estimate:
            said["estimate"] = True
        return said
