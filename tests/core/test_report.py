"""The meeting pack: one self-contained, escaped, bilingual HTML page (no browser here; see tests/browser)."""

import datetime as dt
import json
import re
import time
from pathlib import Path

import numpy as np
import plotly.offline
import pytest

from benchmarks.generate import generated_plan
from raci import letters as L
from raci.analysis.rules import check, health_score
from raci.analysis.settings import Settings
from raci.i18n import date_text, number, percent
from raci.letters import LETTER_COLORS
from raci.model import Plan, Role, Task
from raci.output import report, templating
from raci.output.report import CHARTS, LETTER_CLASSES, report_html
from raci.seed import seed_plan

XSS = "<script>alert(1)</script>"
WHEN = dt.datetime(2025, 3, 5, 9, 30)


def without_plotly(page: str) -> str:
    """The page without the embedded plotly.js (whose own source is not the report's doing)."""
    bundle = plotly.offline.get_plotlyjs()
    assert page.count(bundle) == 1
    return page.replace(bundle, "")


def hostile_plan() -> Plan:
    """User text everywhere that HTML, JSON in a script or a chart could trip on."""
    roles = [Role("SMM", "Social Media Manager", "strategic"), Role(XSS, "Tom & Jerry <b>bold</b>", "other", 20),
             Role("R&D", "\"quoted\" 'name' </script>", "operational")]
    tasks = [Task(XSS, XSS, "strategic", 3), Task("Tom & Jerry", "Q&A <i>", "operational", 2),
             Task('a "quote" and </style> too', "", "", 1)]
    return Plan.create(tasks, roles, [["A/R", "C", "I"], ["I", "R", "A"], ["", "", ""]])


@pytest.fixture(scope="module")
def seeded_en() -> str:
    return report_html(seed_plan("es"), "en", generated_at=WHEN)


# ----- self-contained ----------------------------------------------------------------
def test_plotly_js_is_embedded_exactly_once_and_every_chart_has_its_data(seeded_en):
    assert seeded_en.count("* plotly.js v") == 1
    assert seeded_en.count(plotly.offline.get_plotlyjs()) == 1
    rest = without_plotly(seeded_en)
    for kind in CHARTS:
        assert rest.count(f'data-figure="figure-{kind}"') == 1
        block = re.search(rf'<script type="application/json" id="figure-{kind}">(.*?)</script>', rest, re.S).group(1)
        spec = json.loads(block)
        assert spec["data"] and spec["layout"]["height"] > 0
    assert "heatmap" not in rest  # the HTML matrix takes its place
    assert rest.count("Plotly.newPlot(") == 1  # once, in the loop that draws every chart


def test_nothing_is_loaded_from_anywhere(seeded_en):
    rest = without_plotly(seeded_en)
    assert not re.search(r"<script[^>]*\bsrc\s*=", seeded_en, re.I)
    assert not re.search(r"<link\b", rest, re.I)
    assert not re.search(r"<(img|iframe|object|embed|video|audio|source)\b", rest, re.I)
    assert "@import" not in rest and "url(" not in rest and "@font-face" not in rest
    assert "http://" not in rest and "https://" not in rest
    assert "mathjax" not in rest.lower()
    # ...and the browser is told so: nothing may be fetched, whatever a script tries.
    assert "default-src 'none'" in rest and '<meta http-equiv="Content-Security-Policy"' in rest


def test_the_config_turns_off_every_link_and_mathjax(seeded_en):
    config = json.loads(re.search(r"var config = (\{.*?\});", seeded_en).group(1))
    assert config["displaylogo"] is False and config["showLink"] is False and config["typesetMath"] is False


# ----- escaping ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "es"])
def test_all_user_text_is_escaped(lang):
    page = report_html(hostile_plan(), lang, title=f"{XSS} & friends", generated_at=WHEN)
    assert XSS not in page
    assert "<b>bold</b>" not in page and "<i>" not in page
    assert "Tom & Jerry" not in page and "Q&A" not in page and "R&D" not in page
    assert "</style> too" not in page
    assert page.count("</script>") == page.count("<script")  # no script closed early by a name
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert f"<title>{escaped} &amp; friends · " in page
    assert f"<h1>{escaped} &amp; friends</h1>" in page
    assert f'<td class="task">{escaped}</td>' in page  # task name
    assert f"<td>{escaped}<span" in page  # category
    assert f'<th scope="row">{escaped}</th>' in page  # role short name, team table
    assert f'title="Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;"><span>{escaped}</span>' in page  # matrix header
    assert "Tom &amp; Jerry" in page and "Q&amp;A &lt;i&gt;" in page and "R&amp;D" in page
    assert "&quot;quoted&quot; &#x27;name&#x27; &lt;/script&gt;" in page
    # In the charts' JSON, names are \u escapes of plotly's own escaping (its labels are a small HTML:
    # escaped, they show as typed, see tests/browser/test_report.py).
    block = re.search(r'<script type="application/json" id="figure-category">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and "&" not in block
    names = [trace["name"] for trace in json.loads(block)["data"]]
    assert names == ["SMM", "&lt;script&gt;alert(1)&lt;/script&gt;", "R&amp;D"]
    workload_block = re.search(r'id="figure-workload">(.*?)</script>', page, re.S).group(1)
    assert json.loads(workload_block)["data"][0]["x"] == ["SMM", "&lt;script&gt;alert(1)&lt;/script&gt;", "R&amp;D"]


def test_findings_that_quote_user_text_are_escaped():
    page = report_html(hostile_plan(), "en", generated_at=WHEN)
    # unassigned-task quotes the task's name; idle-role the role's.
    assert "&#x27;a &quot;quote&quot; and &lt;/style&gt; too&#x27; has no letters at all" in page
    idle = Plan.create([Task("T", "", "", 1)], [Role("CM"), Role(XSS)], [["A/R", ""]])
    assert any(f.rule == "idle-role" for f in check(idle))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; is not Responsible" in report_html(idle, "en", generated_at=WHEN)


# ----- contents -------------------------------------------------------------------------
@pytest.mark.parametrize("lang, words", [
    ("en", ["Key figures", "The team", "Workload", "Findings", "RACI matrix", "Plan health", "Busiest role",
            "Select social media platforms", "Planning", "Generated on 5 Mar 2025, 09:30", "RACI plan"]),
    ("es", ["Cifras clave", "El equipo", "Carga de trabajo", "Hallazgos", "Matriz RACI", "Salud del plan",
            "Rol más cargado", "Seleccionar plataformas de redes sociales", "Planificación",
            "Generado el 5 mar 2025, 09:30", "Plan RACI"]),
])
def test_the_report_speaks_the_chosen_language_whatever_the_plan_is_written_in(lang, words):
    other = "es" if lang == "en" else "en"
    page = report_html(seed_plan(other), lang, generated_at=WHEN)
    assert f'<html lang="{lang}">' in page
    for word in words:
        assert word in page, word
    assert "report." not in without_plotly(page)  # no key left untranslated
    charts = without_plotly(page)
    assert ("Workload per role" if lang == "en" else "Carga de trabajo por rol") in charts


def test_every_label_exists_in_both_languages():
    plan = hostile_plan().add_task(Task("Idle", "", "", 0))
    for lang in ("en", "es"):
        for candidate in (plan, seed_plan(lang), Plan.create([], []), generated_plan(20, 12)):
            page = without_plotly(report_html(candidate, lang, generated_at=dt.date(2025, 12, 31)))
            assert not re.search(r"report\.[a-z_]+", page), re.search(r"report\.[a-z_]+", page)


def test_key_figures_are_shown_in_the_languages_formats():
    plan = generated_plan(100, 4)
    findings = check(plan)
    en = report_html(plan, "en", generated_at=WHEN)
    es = report_html(plan, "es", generated_at=WHEN)
    assert len(re.findall(r'<div class="tile [a-z]*" data-kpi=', en)) == 8
    score = health_score(findings)
    for page in (en, es):
        assert 'data-kpi="health"><div class="label">' in page
        assert f'<div class="value">{score}/100</div>' in page
    total = plan.tasks["effort"].sum()
    assert f"{total:,.0f} h" in en and f"{total:,.0f} h".replace(",", ".") in es
    assert (number(1234.5, "es", 1), number(1234.5, "en", 1)) == ("1.234,5", "1,234.5")
    assert (percent(0.41, "es"), percent(0.41, "en")) == ("41 %", "41%")


def test_title_and_date():
    plan = seed_plan("en")
    assert "<h1>RACI plan</h1>" in report_html(plan, "en", generated_at=WHEN)
    assert "<h1>Plan RACI</h1>" in report_html(plan, "es", title="  ", generated_at=WHEN)
    assert "<h1>Team Q3</h1>" in report_html(plan, "es", title="Team Q3", generated_at=WHEN)
    assert date_text(dt.date(2025, 12, 1), "es") == "1 dic 2025"
    assert date_text(dt.date(2025, 12, 1), "en") == "1 Dec 2025"
    assert date_text(WHEN, "es") == "5 mar 2025, 09:30"
    page = report_html(plan, "en")  # default: now
    today = dt.date.today()
    assert f'<time datetime="{today.isoformat()}' in page


def test_findings_are_listed_with_severity_rule_and_sentence():
    plan = hostile_plan()
    findings = check(plan)
    assert {f.severity for f in findings} >= {"error", "warning"}
    page = report_html(plan, "en", generated_at=WHEN)
    rows = re.findall(r'<tr class="finding sev-row-(\w+)">(.*?)</tr>', page, re.S)
    assert [severity for severity, _ in rows] == [f.severity for f in findings]
    for (_, row), finding in zip(rows, findings, strict=True):
        assert f"<code>{finding.rule}</code>" in row
        assert {"error": "Error", "warning": "Warning", "info": "Note"}[finding.severity] in row
    assert "has no letters at all" in page
    es = report_html(plan, "es", generated_at=WHEN)
    assert "Aviso" in es and "Gravedad" in es


def test_findings_name_seeded_tasks_in_the_report_language():
    plan = seed_plan("es").set_letter(0, "CM", "A")  # two Accountable on the first task
    page = report_html(plan, "en", generated_at=WHEN)
    assert "&#x27;Select social media platforms&#x27; has 2 Accountable roles" in page


def test_a_plan_without_findings_says_so():
    page = report_html(seed_plan("en"), "en", generated_at=WHEN)
    if not check(seed_plan("en")):
        assert "No findings: the plan follows every rule." in page


def test_the_matrix_is_coloured_by_letter_with_a_legend():
    plan = hostile_plan()
    page = report_html(plan, "en", generated_at=WHEN)
    for letter, css_class in LETTER_CLASSES.items():
        assert re.search(rf"\.{css_class}\{{background:{LETTER_COLORS[letter]};color:#(000000|FFFFFF)\}}", page)
        assert f'<span class="swatch {css_class}">' in page  # legend
    cells = re.findall(r'<td class="l (l-\w+)">([^<]*)</td>', page)
    assert len(cells) == plan.n_tasks * plan.n_roles
    expected = [(LETTER_CLASSES[L.LETTERS[c]], L.LETTERS[c]) for c in plan.cells.ravel()]
    assert cells == expected
    assert "print-color-adjust: exact" in page


def test_white_text_on_dark_letters_black_on_light():
    page = report_html(seed_plan("en"), "en", generated_at=WHEN)
    assert ".l-R{background:#0072B2;color:#FFFFFF}" in page
    assert ".l-I{background:#E69F00;color:#000000}" in page
    assert ".l-none{background:#F2F2F2;color:#000000}" in page


def test_print_stylesheet():
    page = report_html(seed_plan("en"), "en", generated_at=WHEN)
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert re.search(r"@page \{ size: A4 landscape;", css)
    prints = css[css.index("@media print"):]
    assert "break-before: page" in prints and "break-inside: avoid" in prints
    assert re.search(r"\.chart, tr\b", prints)  # charts and table rows are never cut in two
    assert "thead { display: table-header-group; }" in prints
    assert 'id="charts" class="page"' in page and 'id="matrix" class="page"' in page


def test_many_roles_get_narrow_columns_and_upright_names():
    page = report_html(generated_plan(30, 12), "en", generated_at=WHEN)
    assert '<table class="matrix many vertical" style="--role-head: 64px">' in page  # 'Rol 10': 6 characters
    page = report_html(seed_plan("en"), "en", generated_at=WHEN)
    assert '<table class="matrix" ' in page
    page = report_html(seed_plan("en").add_role(Role("Community lead " * 3)), "en", generated_at=WHEN)
    assert '<table class="matrix vertical" style="--role-head: 120px">' in page  # long names are cut at 120 px


def test_empty_plans_still_make_a_report():
    for plan in (Plan.create([], []), Plan.create([Task("T")], []), Plan.create([], [Role("CM")])):
        page = report_html(plan, "en", generated_at=WHEN)
        assert "there is no matrix to show" in page
        assert page.count('data-figure="figure-') == 3


def test_the_settings_are_the_ones_given():
    plan = hostile_plan()
    default = report_html(plan, "en", generated_at=WHEN)
    strict = report_html(plan, "en", generated_at=WHEN, settings=Settings(error_penalty=30, warning_penalty=5))
    findings = check(plan)
    assert f"{health_score(findings)}/100" in default
    assert f"{health_score(findings, Settings(error_penalty=30, warning_penalty=5))}/100" in strict
    assert "100 minus 30 per error and 5 per warning" in strict


def test_a_thousand_tasks_by_twenty_roles_is_fast_and_small():
    plan = generated_plan(1000, 20)
    start = time.perf_counter()
    page = report_html(plan, "es", generated_at=WHEN)
    assert time.perf_counter() - start < 5
    assert len(page.encode("utf-8")) < 8 * 1024 * 1024
    assert page.count('<td class="num">1000</td>') == 1  # every task is in the matrix
    assert len(re.findall(r'<td class="l ', page)) == 20_000
    assert np.count_nonzero(plan.cells == L.AR) == page.count('<td class="l l-AR">')


# ----- the templates -----------------------------------------------------------------------
OUTPUT = Path(report.__file__).resolve().parent


def test_the_environment_is_built_once_and_escapes_everything(monkeypatch):
    env = templating.environment()
    assert env is templating.environment()
    assert env.autoescape is True
    monkeypatch.setattr(templating, "Environment", lambda *args, **kwargs: pytest.fail("a new environment per page"))
    assert "<h1>RACI plan</h1>" in report_html(seed_plan("en"), "en", generated_at=WHEN)


def test_the_stylesheet_and_the_script_are_the_package_files_inlined():
    page = report_html(seed_plan("en"), "en", generated_at=WHEN)
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert (OUTPUT / "static" / "report.css").read_text(encoding="utf-8") in css
    script = (OUTPUT / "static" / "report.js").read_text(encoding="utf-8")
    assert page.count(script) == 1
    assert "var config = " in page.split(script)[0][-2000:]  # the script runs where `config` is defined


def test_no_template_prints_anything_unescaped_but_through_a_named_filter():
    for path in (OUTPUT / "templates").glob("*.j2"):
        text = path.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", "") and "autoescape false" not in text, path.name
        assert "{% raw" not in text, path.name


def test_the_filters_for_style_and_script_refuse_what_could_break_out():
    filters = templating.environment().filters
    assert filters["css_string"]('Pá"gina\\ </style>') == '"Pá\\22 gina\\5c  \\3c /style\\3e "'
    for bad in ("red; } body { display: none", "</style>", "x\\y", "a{b}"):
        with pytest.raises(ValueError):
            filters["css_value"](bad)
    assert filters["css_value"]('#004488') == "#004488"
    with pytest.raises(ValueError):
        filters["inline_script"]("var a = '</SCRIPT>';")
    with pytest.raises(ValueError):
        filters["inline_style"]("a { } </Style>")
    assert filters["script_json"]('{"a": "</script><b>&"}') == '{"a": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'


@pytest.mark.parametrize("lang, load, capacity, effort", [("es", "2,5 h", "3,5 h", "2,25"),
                                                            ("en", "2.5 h", "3.5 h", "2.25")])
def test_hours_and_efforts_are_written_in_the_reports_language(lang, load, capacity, effort):
    plan = Plan.create([Task("A", "c", "strategic", 2.25), Task("B", "", "operational", 0.25)],
                       [Role("CM", capacity=3.5)], [["R"], ["R"]])
    page = report_html(plan, lang, generated_at=WHEN)
    used = "71 %" if lang == "es" else "71%"  # 2.5 of 3.5 h
    assert f'<td class="num">{load}</td><td class="num">{capacity}</td><td class="num">{used}</td></tr>' in page
    assert f'<td class="num">{effort}</td><td class="l l-R">R</td>' in page  # the matrix
    assert 'data-kpi="hours"><div class="label">' in page and f'<div class="value">{load}</div>' in page


def test_the_team_table_uses_peoples_hours_and_lists_the_people():
    from raci.team import Person
    plan = (seed_plan("es").add_person(Person("Lucía", 80, {"CM": 1.0}))
            .add_person(Person("Pablo <b>", 140, {"CM": 0.5})))
    page = report_html(plan, "es", generated_at=WHEN)
    assert "<h3>Personas</h3>" in page and "Pablo &lt;b&gt;" in page and "CM 50 %" in page
    assert '<td class="num">150 h</td>' in page  # the CM's capacity: 80 + 70 h
