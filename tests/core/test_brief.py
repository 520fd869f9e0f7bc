"""Role briefs: every task of a role in exactly the right section, with its hours and owner; load against
capacity; a person's brief; refusals in the reader's language; user text escaped in the page."""

import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raci import letters as L
from raci.analysis import DEFAULT_SETTINGS, workload
from raci.analysis.utilisation import utilisation
from raci.catalogue import task_display_name
from raci.model import RESERVED_ROLE_NAMES, Plan, Role, Task
from raci.output.brief import MAX_SHOWN_ROWS, BriefError, brief, brief_html
from raci.seed import seed_plan
from raci.team import Person, Team
from raci.text import hidden_character

WHEN = dt.datetime(2026, 12, 3, 9, 30)
XSS = "<script>alert(1)</script>"
SECTION_OF = {"R": "do", "A/R": "do", "A": "own", "C": "consulted", "I": "informed"}


def four_roles() -> Plan:
    """SMM, CM, a designer and an analyst, with people, a recurring task and the awkward cases: a task
    owned by nobody, one owned twice, one done by nobody, one shared by three."""
    roles = [Role("SMM", "Social Media Manager", "strategic"), Role("CM", "Community Manager", "operational"),
             Role("Diseño", "Diseñadora", "operational", 60), Role("DATA", "Analista", "strategic", 40)]
    from raci.recurrence import Recurrence
    tasks = [Task("Plan the content strategy", "Planning", "strategic", 8),
             Task("Moderar conversaciones en línea", "Difusión de contenido", "operational", 0,
                  Recurrence(1, "day", 10, per_platform=True)),
             Task("Banners", "Diseño", "operational", 12),
             Task("Informe mensual", "Análisis", "strategic", 6),
             Task("Nadie lo aprueba", "", "", 5),
             Task("Dos dueños", "", "", 4),
             Task("Nadie lo hace", "", "", 3),
             Task("Entre tres", "Campañas", "strategic", 9)]
    letters = [["A/R", "C", "I", "C"],
               ["I", "A/R", "", "I"],
               ["A", "C", "R", ""],
               ["C", "I", "", "A/R"],
               ["R", "R", "C", "I"],
               ["A", "A/R", "", ""],
               ["A", "I", "C", "I"],
               ["A/R", "R", "R", "C"]]
    team = Team((Person("Lucía", 140, {"CM": 1.0}), Person("Pablo", 120, {"CM": 0.5, "Diseño": 0.5}),
                 Person("Ana", 100, {"SMM": 1.0})), ("Instagram", "TikTok"))
    return Plan.create(tasks, roles, letters, team)


PLANS = {"seeded": lambda lang: seed_plan(lang), "four roles": lambda lang: four_roles()}


def expected_hours(plan: Plan, i: int, k: int) -> float:
    """The workload formula for one cell, written out again here."""
    code, effort = plan.cells[i, k], plan.efforts[i]
    doers = sum(c in L.RESPONSIBLE_CODES for c in plan.cells[i])
    s = DEFAULT_SETTINGS
    return {L.R: effort / doers if doers else 0, L.AR: effort / doers + s.accountable_fraction * effort,
            L.A: s.accountable_fraction * effort, L.C: s.consulted_fraction * effort,
            L.I: s.informed_fraction * effort}.get(code, 0.0)


def expected_roles(plan: Plan, i: int, codes: tuple[int, ...]) -> str:
    """The roles of task i with one of ``codes``, each with its people: "SMM (Ana), CM (Lucía, Pablo)"."""
    def named(short: str) -> str:
        people = [p.name for p in plan.team.people_in(short)]
        return f"{short} ({', '.join(people)})" if people else short
    return ", ".join(named(plan.roles[j].short) for j in range(plan.n_roles) if plan.cells[i, j] in codes)


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("which", list(PLANS))
def test_every_task_of_every_role_is_in_exactly_its_section_with_its_hours_and_owner(which, lang):
    plan = PLANS[which](lang)
    load = workload(plan).load
    for k, role in enumerate(plan.roles):
        result = brief(plan, lang, role=role.short)
        assert result.kind == "role" and result.who == role.short and result.name == role.name
        seen = {key: [row.task for row in rows] for key, rows in result.sections}
        for i in range(plan.n_tasks):
            letter = L.LETTERS[plan.cells[i, k]]
            name = task_display_name(plan.names[i], lang)
            places = [key for key, names in seen.items() if name in names]
            if not letter:
                assert places == [], (role.short, name)
                continue
            assert places == [SECTION_OF[letter]], (role.short, name, letter)
            row = next(r for r in dict(result.sections)[places[0]] if r.task == name)
            assert row.letter == letter and row.role == role.short
            assert row.hours == pytest.approx(expected_hours(plan, i, k))
            assert row.effort == pytest.approx(plan.efforts[i])
            assert row.owner == expected_roles(plan, i, L.ACCOUNTABLE_CODES)
            assert row.doers == expected_roles(plan, i, L.RESPONSIBLE_CODES)
        # The rows add up to the role's load, and the sections list tasks in plan order.
        assert sum(r.hours for _, rows in result.sections for r in rows) == pytest.approx(load[role.short])
        assert result.load.hours == pytest.approx(load[role.short])
        for _, rows in result.sections:
            positions = [[task_display_name(n, lang) for n in plan.names].index(r.task) for r in rows]
            assert positions == sorted(positions)


def test_the_seeded_cm_does_its_eleven_tasks_and_is_consulted_and_told_about_the_smms():
    result = brief(seed_plan("en"), "en", role="CM")
    assert [len(rows) for _, rows in result.sections] == [11, 0, 6, 5]
    moderate = next(r for r in result.do if r.task == "Moderate online conversations")
    assert moderate.letter == "A/R" and moderate.owner == "CM" and moderate.hours == pytest.approx(15.4)
    assert moderate.recurrence == "1 per day x 10 min x 4 platforms = 14.0 h/month"
    monitor = next(r for r in result.do if r.task == "Monitor social media and trends")
    assert monitor.letter == "R" and monitor.owner == "SMM" and monitor.doers == "SMM, CM"
    assert {r.owner for r in result.consulted + result.informed} == {"SMM"}
    assert result.load.capacity is None and result.load.status == "unknown"


def test_owners_name_their_people_and_a_task_nobody_owns_says_so():
    plan = four_roles()
    result = brief(plan, "es", role="Diseño")
    banners = next(r for r in result.do if r.task == "Banners")
    assert banners.owner == "SMM (Ana)" and banners.doers == "Diseño (Pablo)"
    nobody = next(r for r in result.consulted if r.task == "Nadie lo aprueba")
    assert nobody.owner == ""
    assert "nadie" in brief_html(result, "es", WHEN)
    two = next(r for r in brief(plan, "en", role="SMM").own if r.task == "Dos dueños")
    assert two.owner == "SMM (Ana), CM (Lucía, Pablo)"
    owned_undone = next(r for r in brief(plan, "en", role="SMM").own if r.task == "Nadie lo hace")
    assert owned_undone.doers == ""


def test_load_against_capacity_with_a_share_and_a_status():
    plan = four_roles()
    use = utilisation(plan, workload(plan).load.to_dict())
    for role in plan.roles:
        result = brief(plan, "en", role=role.short)
        used = use.role(role.short)
        assert result.load.capacity == pytest.approx(used.capacity)
        assert result.load.share == pytest.approx(used.utilisation)
        share = used.utilisation
        assert result.load.status == ("over" if share > 1 else "under" if share < 0.5 else "ok")
    cm = brief(plan, "en", role="CM")
    assert cm.load.capacity == pytest.approx(200) and cm.people == "Lucía 100% · Pablo 50%"
    tight = plan.update_role("DATA", capacity=1)  # nobody staffs DATA: its own number is its capacity
    over = brief(tight, "es", role="DATA")
    assert over.load.status == "over" and over.load.share > 1
    page = brief_html(over, "es", WHEN)
    assert "status-over" in page and "Por encima de su capacidad" in page and 'style="width: 100.0%"' in page


def test_a_persons_brief_is_their_roles_rows_weighted_by_their_part_of_each_role():
    plan = four_roles()
    result = brief(plan, "en", person="Pablo")
    assert result.kind == "person" and result.who == "Pablo" and result.name == "CM 50% · Diseño 50%"
    banners = next(r for r in result.do if r.task == "Banners")
    diseno = next(r for r in brief(plan, "en", role="Diseño").do if r.task == "Banners")
    # Pablo is all of Diseño's staff (60 of its 60 h): he carries all of its share of Banners.
    assert banners.role == "Diseño" and banners.hours == pytest.approx(diseno.hours)
    share_of_cm = 60 / 200  # Pablo gives the CM 60 of its 200 h
    cm_rows = [r for _, rows in result.sections for r in rows if r.role == "CM"]
    cm_brief = {(r.task, r.letter): r.hours for _, rows in brief(plan, "en", role="CM").sections for r in rows}
    assert cm_rows and all(r.hours == pytest.approx(cm_brief[(r.task, r.letter)] * share_of_cm) for r in cm_rows)
    # A task Pablo has in both roles shows once per role, together.
    both = [r.role for r in result.consulted + result.do if r.task == "Entre tres"]
    assert both == ["CM", "Diseño"]
    person_use = next(p for p in utilisation(plan, workload(plan).load.to_dict()).people if p.name == "Pablo")
    assert result.load.hours == pytest.approx(person_use.load)
    assert sum(r.hours for _, rows in result.sections for r in rows) == pytest.approx(person_use.load)
    assert result.load.capacity == 120
    page = brief_html(result, "es", WHEN)
    assert '<col class="c-role">' in page and "Ficha: Pablo" in page and "Ficha personal" in page


def test_a_person_with_no_roles_or_hours_gets_an_empty_brief():
    plan = four_roles().add_person(Person("Nadie", 0, {}))
    result = brief(plan, "es", person="Nadie")
    assert result.rows == 0 and result.load.hours == 0 and result.load.share is None
    assert "Ninguna tarea que hacer." in brief_html(result, "es", WHEN)


@pytest.mark.parametrize("lang, text", [
    ("es", "No hay ningún rol llamado 'XX'. Los roles del plan: SMM, CM."),
    ("en", "There is no role called 'XX'. The plan's roles: SMM, CM."),
])
def test_an_unknown_role_is_refused_listing_the_known_ones(lang, text):
    with pytest.raises(BriefError) as error:
        brief(seed_plan(lang), lang, role="XX")
    assert error.value.message(lang) == text


def test_an_unknown_person_or_no_choice_is_refused_in_the_readers_language():
    with pytest.raises(BriefError) as error:
        brief(four_roles(), "es", person="Marta")
    assert error.value.message("es") == ("No hay ninguna persona llamada 'Marta'. "
                                         "Las personas del plan: Lucía, Pablo, Ana.")
    with pytest.raises(BriefError) as error:
        brief(seed_plan("en"), "en", person="Marta")
    assert error.value.message("en").endswith("The plan's people: nobody.")
    with pytest.raises(BriefError) as error:
        brief(seed_plan("en"), "en")
    assert "--role" in error.value.message("en")
    with pytest.raises(BriefError):
        brief(four_roles(), "en", role="CM", person="Lucía")


def hostile_plan() -> Plan:
    roles = [Role("SMM"), Role(XSS, "Tom & Jerry <b>bold</b>", "other", 20), Role("R&D", "\"q\" </style>")]
    tasks = [Task(XSS, XSS, "strategic", 3), Task("Tom & Jerry", "Q&A <i>", "operational", 2),
             Task('a "quote" and </style> too', "", "", 1)]
    team = Team((Person("<img src=x onerror=alert(1)>", 100, {XSS: 1.0}),))
    return Plan.create(tasks, roles, [["A/R", "C", "I"], ["I", "R", "A"], ["C", "A/R", ""]], team)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_hostile_task_role_and_person_names_are_escaped_in_the_page(lang):
    plan = hostile_plan()
    pages = [brief_html(brief(plan, lang, role=r), lang, WHEN, title=f"{XSS} & co") for r in plan.role_names]
    pages.append(brief_html(brief(plan, lang, person="<img src=x onerror=alert(1)>"), lang, WHEN))
    for page in pages:
        assert XSS not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
        assert "Tom & Jerry" not in page and "R&D" not in page and "</style> too" not in page
        assert page.count("</style>") == 1 and "<script" not in page
        style = page.split("<style>")[1].split("</style>")[0]
        assert "<" not in style.replace("\\3c ", "")  # the running head is a CSS string: '<' as an escape
    page = pages[1]
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert f'<span class="who">{escaped}</span>' in page and f"{escaped} &amp; co" in page
    assert f'<td class="task">{escaped}</td>' in page and "Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;" in page


def test_the_page_is_offline_and_printable_on_a4():
    page = brief_html(brief(seed_plan("es"), "es", role="CM"), "es", WHEN, title="Marca")
    assert "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "@import" not in page and "url(" not in page
    assert "size: A4 portrait" in page and "@media print" in page
    assert '<body class="brief normal">' in page
    assert "<title>Ficha: CM · Marca</title>" in page and "3 dic 2026, 09:30" in page


def test_a_dense_role_gets_smaller_type_and_past_a_page_a_continued_note():
    def page_for(n: int) -> str:
        tasks = [Task(f"Tarea {i}", "Cat", "operational", 1) for i in range(n)]
        plan = Plan.create(tasks, [Role("CM"), Role("SMM")], [["A/R", "C"]] * n)
        return brief_html(brief(plan, "es", role="CM"), "es", WHEN)

    # One-line rows: about 46 fit a page in normal type, 55 in compact, 69 in dense.
    assert '<body class="brief normal">' in page_for(40)
    assert '<body class="brief compact">' in page_for(50)
    assert '<body class="brief dense">' in page_for(60)
    assert '<body class="brief dense continues">' in page_for(80)
    long = page_for(MAX_SHOWN_ROWS + 30)
    assert '<body class="brief dense continues">' in long
    assert '@top-right { content: "CM · continúa"' in long and "@page :first { @top-right { content: none; } }" in long
    assert long.count('<td class="task">') == MAX_SHOWN_ROWS
    assert "…y 30 tareas más (33,0 h)" in long


def test_the_work_is_linear_in_the_plan(monkeypatch):
    """No whole-plan step per row: the array-wide operations run as often for 2,000 tasks as for 200
    (a brief that looked each row up with np.isin over the plan took 400 s at 100,000 x 50)."""
    from benchmarks.generate import generated_plan

    def whole_plan_steps(n: int) -> int:
        plan = generated_plan(n, 10)
        calls = []
        real_isin, real_nonzero = np.isin, np.count_nonzero
        monkeypatch.setattr(np, "isin", lambda *a, **k: calls.append("isin") or real_isin(*a, **k))
        monkeypatch.setattr(np, "count_nonzero", lambda *a, **k: calls.append("nonzero") or real_nonzero(*a, **k))
        brief(plan, "en", role=plan.role_names[0])
        monkeypatch.undo()
        return len(calls)

    assert whole_plan_steps(2_000) == whole_plan_steps(200) > 0


# ----- any plan ---------------------------------------------------------------------------------
any_character = st.characters(exclude_characters="\x00", exclude_categories=("Cs",)).filter(
    lambda ch: hidden_character(ch) is None)
text = st.text(alphabet=st.sampled_from(list("<>&\"' /") + ["é", "🚀"]) | any_character, max_size=8)
names = text.filter(lambda s: s.strip() != "")
role_names = names.filter(lambda s: s.strip().casefold() not in RESERVED_ROLE_NAMES)


@st.composite
def plans_with_people(draw) -> Plan:
    shorts = draw(st.lists(role_names, min_size=1, max_size=5, unique=True))
    roles = [Role(s, draw(text), draw(st.sampled_from(["strategic", "operational", "other"])),
                  draw(st.none() | st.floats(0.5, 500))) for s in shorts]
    n = draw(st.integers(0, 8))
    frame = pd.DataFrame({"name": pd.Series(draw(st.lists(names, min_size=n, max_size=n)), dtype=object),
                          "category": pd.Series(draw(st.lists(text, min_size=n, max_size=n)), dtype=object),
                          "nature": pd.Series(draw(st.lists(st.sampled_from(["strategic", "operational", ""]),
                                                            min_size=n, max_size=n)), dtype=object),
                          "effort": pd.Series(draw(st.lists(st.floats(0, 10_000), min_size=n, max_size=n)),
                                              dtype="float64")})
    codes = draw(st.lists(st.integers(0, len(L.LETTERS) - 1), min_size=n * len(roles), max_size=n * len(roles)))
    people = draw(st.lists(st.tuples(names, st.floats(0, 744), st.dictionaries(st.sampled_from(shorts),
                                                                                 st.floats(0.01, 1), max_size=3)),
                           max_size=3, unique_by=lambda p: p[0].strip().casefold()))
    team = Team(tuple(Person(name, hours, shares) for name, hours, shares in people))
    return Plan.from_columns(frame, roles, np.array(codes, dtype=np.int8).reshape(n, len(roles)), team)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans_with_people(), lang=st.sampled_from(["es", "en"]), data=st.data())
def test_any_plan_and_role_or_person_gives_a_brief_and_a_page(plan, lang, data):
    role = data.draw(st.sampled_from(plan.role_names))
    result = brief(plan, lang, role=role)
    k = plan.role_index(role)
    assert result.rows == int(np.count_nonzero(plan.cells[:, k]))
    assert sum(r.hours for _, rows in result.sections for r in rows) == pytest.approx(
        workload(plan).load[role], rel=1e-9, abs=1e-6)
    page = brief_html(result, lang, WHEN)
    assert page.count("</style>") == 1 and "<script" not in page
    if plan.people:
        person = data.draw(st.sampled_from([p.name for p in plan.people]))
        page = brief_html(brief(plan, lang, person=person), lang, WHEN)
        assert page.count("</style>") == 1


# ----- PDF refusals (no real browser needed) ----------------------------------------------------------
def test_no_browser_is_said_in_the_readers_language(monkeypatch):
    from raci.output import brief as module

    monkeypatch.setattr(module, "browser_path", lambda: None)
    assert not module.pdf_available()
    with pytest.raises(BriefError) as error:
        module.brief_pdf("<p>x</p>")
    assert error.value.message("es").startswith("Una ficha en PDF necesita Chromium")


@pytest.mark.parametrize("script, reason", [("sleep 30", "> 1 s"), ("exit 0", "no PDF")])
def test_a_browser_that_hangs_or_prints_nothing_is_a_sentence_and_leaves_no_process(tmp_path, monkeypatch,
                                                                                    script, reason):
    import os
    import subprocess

    from raci.output import brief as module

    fake = tmp_path / "chromium"
    fake.write_text(f"#!/bin/sh\necho $$ > {tmp_path / 'pid'}\n{script}\n")
    fake.chmod(0o755)
    monkeypatch.setattr(module, "browser_path", lambda: str(fake))
    with pytest.raises(BriefError) as error:
        module.brief_pdf("<p>x</p>", timeout=1)
    assert error.value.message("en") == f"Chromium could not print the brief to PDF ({reason})."
    pid = int((tmp_path / "pid").read_text())
    alive = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    assert alive in ("", "Z"), alive  # gone (or a zombie of nobody's, about to be reaped)
    assert os.path.exists(fake)
