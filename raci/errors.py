"""The planner's one error type: what went wrong as a key and parameters, said in the reader's language.

Every refusal of the package (a plan operation, a file, the store) is a :class:`RaciError`:
``key`` names the problem, ``params`` fill in its sentence, and ``message(lang)`` writes
that sentence from ``raci/locales/<lang>/<area>.json``. Subclasses only say which area
their sentences live in (``AREA`` and ``PREFIX``) and, for files, where the problem is.
"""

from __future__ import annotations

from raci.i18n import number, translate


class RaciError(Exception):
    """A refusal with a sentence in both languages: ``key``, ``params``, ``message(lang)``."""

    #: The locale area (file) of this error's sentences, and the prefix of its keys there.
    AREA = "plan"
    PREFIX = ""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params

    def message_params(self, lang: str) -> dict[str, object]:
        """The parameters as the sentence in ``lang`` uses them (a subclass may translate some)."""
        return dict(self.params)

    def message(self, lang: str = "en") -> str:
        """The problem as one sentence in ``lang``."""
        return translate(f"{self.AREA}.{self.PREFIX}{self.key}", lang, **self.message_params(lang))

    def __str__(self) -> str:
        return self.message("en")


class PlanError(RaciError, ValueError):
    """An operation that would make the plan inconsistent (bad name, unknown role, person or recurrence...).

    Defined here, below :mod:`raci.model`, so that the people (:mod:`raci.team`) and recurrences
    (:mod:`raci.recurrence`) the model holds raise it too; ``raci.model.PlanError`` is the same class.
    """

    AREA = "plan_error"

    def message_params(self, lang: str) -> dict[str, object]:
        params = dict(self.params)
        if "what" in params:
            params["what"] = translate(f"plan_error.what_{params['what']}", lang)
        for name in ("limit", "found", "tasks", "roles"):  # counts in the reader's own digits ("2,000", "2.000")
            if isinstance(params.get(name), (int, float)):
                params[name] = number(params[name], lang)
        return params
