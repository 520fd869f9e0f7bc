"""The workbook's Team and Platforms sheets: the people behind the roles, and what they carry.

**Team** ("Equipo" in Spanish): columns A to D are the team, one row per person and role
share: person, hours a month, role, share (a percentage cell; 50 % is stored as 0.5). A
person without roles has one row with the role and share empty. :data:`SPARE_ROWS` empty
rows below are covered by the formulas, for people added in Excel. Every figure right of
them is a formula, so it follows letters, natures, hours and shares as they are edited:

* E "hours in role" (hours x share) and F "load carried" (the role's load x the row's
  hours in the role / the role's capacity), per row;
* H:K per role: capacity (its people's hours in it, else the Roles sheet's capacity),
  load (the Workload sheet's total) and utilisation (load / capacity, a percentage);
* M:P per person: hours, load (the sum of F over their rows) and utilisation.

These are :func:`raci.analysis.utilisation.utilisation`'s figures (tests recalculate
them with LibreOffice). Role and person names are matched with EXACT (case-sensitive,
no wildcards), so "CM*" is a name, not a pattern. Utilisation is empty where no
capacity (or no hours) is known. A person added in Excel counts in the role figures
but has no row of their own in M:P.

**Platforms** ("Plataformas"): one platform a row in column A.

:func:`write_team` writes both; :func:`team_from` reads columns A to D of the Team sheet
and column A of the Platforms sheet (headers and sheet names in either language),
raising :class:`WorkbookFileError` naming sheet, row and column of a bad cell. A
workbook without them has no people and no platforms.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from openpyxl.utils import quote_sheetname

from raci.errors import RaciError
from raci.files.cells import decode_text
from raci.files.errors import WorkbookFileError, show_cell
from raci.model import Plan
from raci.team import MAX_PERSON_HOURS, Person, Team

TEAM_SHEETS = {"en": "Team", "es": "Equipo"}
PLATFORM_SHEETS = {"en": "Platforms", "es": "Plataformas"}
#: Empty rows below the people that the formulas already cover.
SPARE_ROWS = 50
HEADERS = {
    "en": ("person", "hours a month", "role", "share", "hours in role (formula)", "load carried (h, formula)"),
    "es": ("persona", "horas al mes", "rol", "dedicación", "horas en el rol (fórmula)",
           "carga que lleva (h, fórmula)"),
}
ROLE_HEADERS = {"en": ("role", "capacity (h/month)", "load (h/month)", "utilisation"),
                "es": ("rol", "capacidad (h/mes)", "carga (h/mes)", "utilización")}
PERSON_HEADERS = {"en": ("person", "hours a month", "load (h/month)", "utilisation"),
                  "es": ("persona", "horas al mes", "carga (h/mes)", "utilización")}
PLATFORM_HEADER = {"en": "platform", "es": "plataforma"}


def team_rows(plan: Plan) -> list[tuple[Person, str | None]]:
    """The Team sheet's rows: (person, role) per share, (person, None) for a person without roles."""
    rows: list[tuple[Person, str | None]] = []
    for person in plan.people:
        rows.extend((person, role) for role in person.roles)
        if not person.roles:
            rows.append((person, None))
    return rows


def write_team(team_sheet, platform_sheet, plan: Plan, lang: str, sheets: tuple[str, str],  # noqa: ANN001
               cells, style) -> None:  # noqa: ANN001 - openpyxl objects and the workbook's cell writers
    """Fill the Team and Platforms sheets; ``sheets``: the titles of the Workload and Roles sheets."""
    text_cell, number_cell = cells
    bold, fill = style
    workload, roles_sheet = (quote_sheetname(name) for name in sheets)

    def header(row_texts: Iterable[str], first: int, sheet=team_sheet) -> None:  # noqa: ANN001
        for j, text in enumerate(row_texts, start=first):
            cell = text_cell(sheet, 1, j, text)
            cell.font, cell.fill = bold, fill

    header(HEADERS.get(lang, HEADERS["en"]), 1)
    header(ROLE_HEADERS.get(lang, ROLE_HEADERS["en"]), 8)
    header(PERSON_HEADERS.get(lang, PERSON_HEADERS["en"]), 13)
    rows = team_rows(plan)
    last = 1 + len(rows) + SPARE_ROWS
    first_row: dict[str, int] = {}
    for row, (person, role) in enumerate(rows, start=2):
        text_cell(team_sheet, row, 1, person.name)
        number_cell(team_sheet, row, 2, person.hours)
        first_row.setdefault(person.name, row)
        if role is not None:
            text_cell(team_sheet, row, 3, role)
            number_cell(team_sheet, row, 4, person.roles[role]).number_format = "0%"
    names, hours_in = f"$A$2:$A${last}", f"$E$2:$E${last}"
    roles_col = f"$C$2:$C${last}"
    n_roles = plan.n_roles
    loads = f"{workload}!$A$2:$A${n_roles + 1}", f"{workload}!$F$2:$F${n_roles + 1}"
    for row in range(2, last + 1):
        team_sheet.cell(row=row, column=4).number_format = "0%"
        team_sheet.cell(row=row, column=5, value=f'=IF(C{row}="",0,N(B{row})*N(D{row}))').number_format = "0.00"
        capacity = f"SUMPRODUCT(EXACT({roles_col},C{row})*{hours_in})"
        load = f"SUMPRODUCT(EXACT({loads[0]},C{row})*{loads[1]})"
        team_sheet.cell(row=row, column=6,
                        value=f'=IF(C{row}="",0,IF({capacity}>0,{load}*E{row}/{capacity},0))').number_format = "0.00"
    for k, short in enumerate(plan.role_names):
        row = k + 2
        text_cell(team_sheet, row, 8, short)
        staffed = f"SUMPRODUCT(EXACT({roles_col},H{row})*1)"
        own = f"{roles_sheet}!$D${row}"
        team_sheet.cell(row=row, column=9, value=(
            f'=IF({staffed}>0,SUMPRODUCT(EXACT({roles_col},H{row})*{hours_in}),IF({own}="","",{own}))'
        )).number_format = "0.00"
        team_sheet.cell(row=row, column=10, value=f"={workload}!$F${row}").number_format = "0.00"
        team_sheet.cell(row=row, column=11, value=f'=IF(N(I{row})>0,J{row}/I{row},"")').number_format = "0%"
    for k, person in enumerate(plan.people):
        row = k + 2
        text_cell(team_sheet, row, 13, person.name)
        team_sheet.cell(row=row, column=14, value=f"=$B${first_row[person.name]}").number_format = "0.00"
        team_sheet.cell(row=row, column=15,
                        value=f"=SUMPRODUCT(EXACT({names},M{row})*$F$2:$F${last})").number_format = "0.00"
        team_sheet.cell(row=row, column=16, value=f'=IF(N(N{row})>0,O{row}/N{row},"")').number_format = "0%"
    team_sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKLMNOP", (24, 12, 16, 11, 14, 16, 3, 16, 16, 14, 12, 3, 24, 12, 14, 12),
                             strict=True):
        team_sheet.column_dimensions[letter].width = float(width)

    header((PLATFORM_HEADER.get(lang, PLATFORM_HEADER["en"]),), 1, platform_sheet)
    for row, platform in enumerate(plan.platforms, start=2):
        text_cell(platform_sheet, row, 1, platform)
    platform_sheet.column_dimensions["A"].width = 24.0


def team_from(rows: Iterable[tuple], platforms: Iterable[tuple], plan: Plan,
              sheets: tuple[str, str]) -> Team:
    """The team the Team sheet's ``rows`` and the Platforms sheet's ``platforms`` (headers first) give."""
    team_sheet, platform_sheet = sheets
    known = set(plan.role_names)
    hours: dict[str, tuple[float, int]] = {}
    shares: dict[str, dict[str, tuple[float, int]]] = {}
    for number, values in enumerate(rows, start=1):
        if number == 1:
            continue
        name, hours_cell, role, share = (tuple(values) + (None,) * 4)[:4]
        name = decode_text(name).strip() if isinstance(name, str) else name
        role = decode_text(role) if isinstance(role, str) else role
        if isinstance(role, str) and role not in known:
            role = role.strip()  # "CM " typed by hand is CM; a role whose own name has spaces matches exactly
        if all(v in (None, "") for v in (name, hours_cell, role, share)):
            continue

        def fail(key: str, column: str, value: object = "", **params: object) -> WorkbookFileError:
            return WorkbookFileError(key, sheet=team_sheet, row=number, column=column,  # noqa: B023
                                     value=show_cell(value if value is not None else ""), **params)

        if name in (None, ""):
            raise fail("team_no_person", "A")
        name = str(name)
        said = _hours(hours_cell)
        if said is None:
            raise fail("team_bad_hours", "B", hours_cell, limit=MAX_PERSON_HOURS)
        if name in hours and hours[name][0] != said:
            raise fail("team_hours_differ", "B", hours_cell, name=name, first_row=hours[name][1])
        hours.setdefault(name, (said, number))
        person_shares = shares.setdefault(name, {})
        if role in (None, ""):
            if share not in (None, ""):
                raise fail("team_share_without_role", "C")
            continue
        role = str(role)
        if role not in known:
            raise fail("team_unknown_role", "C", role)
        if role in person_shares:
            raise fail("team_duplicate_role", "C", role, name=name, first_row=person_shares[role][1])
        fraction = _share(share)
        if fraction is None:
            raise fail("team_bad_share", "D", share)
        person_shares[role] = (fraction, number)
    people = []
    for name, (said, number) in hours.items():
        try:
            people.append(Person(name, said, {role: s for role, (s, _) in shares[name].items()}))
        except RaciError as error:
            raise WorkbookFileError("team_bad_person", sheet=team_sheet, row=number, column="A",
                                    value=show_cell(name), cause=error) from None
    names = []
    for number, values in enumerate(platforms, start=1):
        value = (tuple(values) + (None,))[0]
        text = decode_text(value).strip() if isinstance(value, str) else ("" if value is None else str(value))
        if number > 1 and text:
            names.append((number, text))
    try:
        return Team(tuple(people), tuple(text for _, text in names))
    except RaciError as error:
        try:
            Team(tuple(people))
        except RaciError:
            raise WorkbookFileError("team_bad_team", sheet=team_sheet, cause=error) from None
        for k in range(len(names)):  # the first platform that makes the list wrong
            try:
                Team((), tuple(text for _, text in names[: k + 1]))
            except RaciError as bad:
                raise WorkbookFileError("platforms_bad", sheet=platform_sheet, row=names[k][0], column="A",
                                        value=show_cell(names[k][1]), cause=bad) from None
        raise WorkbookFileError("team_bad_team", sheet=team_sheet, cause=error) from None  # pragma: no cover


def _hours(value: object) -> float | None:
    number = _float(value)
    return number if number is not None and 0 <= number <= MAX_PERSON_HOURS else None


def _share(value: object) -> float | None:
    if isinstance(value, str) and value.strip().endswith("%"):
        number = _float(value.strip()[:-1])
        number = number / 100 if number is not None else None
    else:
        number = _float(value)
    return number if number is not None and 0 < number <= 1 else None


def _float(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value.strip().replace(",", ".")) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
