"""The JSON plan file: every plan round-trips exactly; every bad file gets one PlanFileError saying where."""

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raci import letters as L
from raci.files import PlanFileError
from raci.files.json import FORMAT, VERSION, read_json, write_json
from raci.i18n import translate
from raci.limits import MAX_EFFORT_HOURS
from raci.model import RESERVED_ROLE_NAMES, Plan, PlanError, Role, Task
from raci.seed import seed_plan
from raci.text import hidden_character

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROOT = Path(__file__).resolve().parents[2]

TRICKY = list("\"\\/{}[]:,\t\r\n \u00a0\u200d\u2028\u2029") + ["🚀", "ñ", "É", "ع", "ש", "€", "“", "–", "<", "&"]
# No hidden characters either (the model refuses them: raci.text.HIDDEN).
any_character = st.characters(exclude_characters="\x00", exclude_categories=("Cs",)).filter(
    lambda ch: hidden_character(ch) is None)
text = st.text(alphabet=st.sampled_from(TRICKY) | any_character, max_size=12)
names = text.filter(lambda s: s.strip() != "")
role_names = names.filter(lambda s: s.strip().casefold() not in RESERVED_ROLE_NAMES)
efforts = (st.floats(min_value=0, max_value=MAX_EFFORT_HOURS, allow_nan=False) | st.just(-0.0)
           | st.integers(0, 10_000).map(float) | st.sampled_from([0.1, 2.5, 1e-300, 9999.999999999998, 10_000.0]))
capacities = st.none() | st.floats(min_value=1e-300, allow_infinity=False) | st.integers(1, 10**6).map(float)


@st.composite
def plans(draw) -> Plan:
    shorts = draw(st.lists(role_names, min_size=0, max_size=5, unique=True))
    roles = [Role(short, draw(text), draw(st.sampled_from(["strategic", "operational", "other"])), draw(capacities))
             for short in shorts]
    n_tasks = draw(st.integers(min_value=0, max_value=6))
    column = lambda values: draw(st.lists(values, min_size=n_tasks, max_size=n_tasks))  # noqa: E731
    tasks = pd.DataFrame({
        "name": pd.Series(column(names), dtype=object),
        "category": pd.Series(column(text), dtype=object),
        "nature": pd.Series(column(st.sampled_from(["strategic", "operational", ""])), dtype=object),
        "effort": pd.Series(column(efforts), dtype="float64"),
    })
    codes = draw(st.lists(st.integers(0, len(L.LETTERS) - 1), min_size=n_tasks * len(roles),
                          max_size=n_tasks * len(roles)))
    return Plan.from_columns(tasks, roles, np.array(codes, dtype=np.int8).reshape(n_tasks, len(roles)))


def exactly_equal(a: Plan, b: Plan) -> bool:
    """==, and the efforts bit for bit (0.0 is not -0.0)."""
    bits = lambda plan: plan.tasks["effort"].to_numpy().view(np.int64).tolist()  # noqa: E731
    return a == b and bits(a) == bits(b) and [r.capacity for r in a.roles] == [r.capacity for r in b.roles]


# ----- round trip -------------------------------------------------------------------
@SETTINGS
@given(plan=plans())
def test_any_plan_round_trips_exactly(plan):
    data = write_json(plan)
    assert exactly_equal(read_json(data), plan)
    assert data.decode("utf-8")  # valid UTF-8
    assert json.loads(data)["format"] == "raci-plan"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_seeded_plan_round_trips_and_keeps_its_accents_readable(lang):
    plan = seed_plan(lang)
    data = write_json(plan)
    assert read_json(data) == plan
    text = data.decode("utf-8")
    assert not text.startswith("\ufeff")
    assert ("Planificación" if lang == "es" else "Planning") in text  # ensure_ascii=False
    assert '\n  "roles": [\n    {\n      "short": "SMM",' in text  # indent 2


def test_the_written_structure_is_the_documented_one():
    plan = Plan.create(
        [Task("Post", "Content", "operational", 2.0), Task("Plan", "", "strategic", 2.5)],
        [Role("SMM", "Social Media Manager", "strategic", 120.0), Role("CM", "Community Manager", "operational")],
        [["A", "R"], ["A/R", ""]],
    )
    assert json.loads(write_json(plan)) == {
        "format": "raci-plan", "version": 2,
        "roles": [
            {"short": "SMM", "name": "Social Media Manager", "profile": "strategic", "capacity": 120},
            {"short": "CM", "name": "Community Manager", "profile": "operational", "capacity": None},
        ],
        "tasks": [
            {"name": "Post", "category": "Content", "nature": "operational", "effort_hours": 2,
             "letters": {"SMM": "A", "CM": "R"}},
            {"name": "Plan", "category": "", "nature": "strategic", "effort_hours": 2.5, "letters": {"SMM": "A/R"}},
        ],
        "platforms": [], "people": [],
    }


def test_role_full_names_no_file_can_hold_are_refused_by_the_model():
    with pytest.raises(PlanError):
        Role("X", "a\x00b")
    with pytest.raises(PlanError):
        Role("X", "b\ud800c")


def test_a_minimal_hand_written_file_gets_the_documented_defaults():
    data = json.dumps({"format": "raci-plan", "version": 1, "roles": [{"short": "CM"}],
                       "tasks": [{"name": "Reply", "letters": {"CM": "A/R"}}, {"name": "Idle"}]})
    plan = read_json(data.encode())
    assert plan.roles == (Role("CM", "CM", "other", None),)
    assert plan.task(0) == Task("Reply", "", "", 0.0)
    assert plan.letters()["CM"].tolist() == ["A/R", ""]


def test_bom_str_and_empty_letters_are_accepted():
    plan = seed_plan("en")
    assert read_json(b"\xef\xbb\xbf" + write_json(plan)) == plan
    assert read_json(write_json(plan).decode("utf-8")) == plan
    data = json.loads(write_json(plan))
    data["tasks"][0]["letters"] = {"SMM": "A/R", "CM": ""}
    assert read_json(json.dumps(data).encode()).letter(0, "CM") == ""


def test_a_large_plan_round_trips():
    from benchmarks.generate import generated_plan

    plan = generated_plan(2000, 20)
    assert read_json(write_json(plan)) == plan


# ----- errors ----------------------------------------------------------------------
def doc(**changes) -> dict:
    base = {"format": "raci-plan", "version": 1,
            "roles": [{"short": "SMM", "name": "Social Media Manager", "profile": "strategic", "capacity": None},
                      {"short": "CM", "name": "Community Manager", "profile": "operational", "capacity": 80}],
            "tasks": [{"name": "Plan", "category": "Planning", "nature": "strategic", "effort_hours": 2,
                       "letters": {"SMM": "A/R", "CM": "C"}},
                      {"name": "Reply", "category": "Community", "nature": "operational", "effort_hours": 10,
                       "letters": {"SMM": "I", "CM": "A/R"}}]}
    base.update(changes)
    return base


def refused(data) -> PlanFileError:
    if not isinstance(data, (bytes, str)):
        data = json.dumps(data, ensure_ascii=False).encode("utf-8", errors="backslashreplace")
    with pytest.raises(PlanFileError) as caught:
        read_json(data)
    return caught.value


def with_task(**fields) -> dict:
    task = {"name": "Reply", "category": "Community", "nature": "operational", "effort_hours": 10,
            "letters": {"CM": "A/R"}, **fields}
    return doc(tasks=[doc()["tasks"][0], {k: v for k, v in task.items() if v is not ...}])


def with_role(**fields) -> dict:
    role = {"short": "CM", "name": "Community Manager", "profile": "operational", "capacity": None, **fields}
    return doc(roles=[doc()["roles"][0], {k: v for k, v in role.items() if v is not ...}])


def test_the_base_document_reads():
    assert read_json(json.dumps(doc()).encode()).n_tasks == 2


@pytest.mark.parametrize("data, key, params", [
    ({"format": "raci-plan-2"} | doc(format="something-else"), "json_format", {"value": '"something-else"'}),
    ([1, 2], "json_not_plan", {}),
    ({"roles": [], "tasks": []}, "json_not_plan", {}),
    (doc(version=3), "json_version_newer", {"version": 3, "supported": 2}),
    (doc(version=37), "json_version_newer", {"version": 37, "supported": 2}),
    (doc(version="1"), "json_version", {"value": '"1"'}),
    (doc(version=1.0), "json_version", {"value": "1.0"}),
    (doc(version=True), "json_version", {"value": "true"}),
    (doc(version=0), "json_version", {"value": "0"}),
])
def test_wrong_format_or_version(data, key, params):
    error = refused(data)
    assert error.key == key
    assert params.items() <= error.params.items()


def test_missing_version_and_keys():
    data = doc()
    del data["version"]
    error = refused(data)
    assert (error.key, error.column, error.params["name"]) == ("json_missing_key", "$", '"version"')
    data = doc()
    del data["tasks"]
    assert (refused(data).key, refused(data).params["name"]) == ("json_missing_key", '"tasks"')
    error = refused(with_role(short=...))
    assert (error.key, error.column, error.params["name"]) == ("json_missing_key", "$.roles[1]", '"short"')
    error = refused(with_task(name=...))
    assert (error.key, error.column, error.params["name"]) == ("json_missing_key", "$.tasks[1]", '"name"')


@pytest.mark.parametrize("data, column, key", [
    (doc(title="x"), "$", '"title"'),
    (with_role(capacity_hours=4), "$.roles[1]", '"capacity_hours"'),
    (with_task(effort=4), "$.tasks[1]", '"effort"'),
])
def test_unknown_keys_are_refused_so_that_typos_are_caught(data, column, key):
    error = refused(data)
    assert (error.key, error.column, error.params["name"]) == ("json_unknown_key", column, key)


def test_repeated_keys_are_refused():
    text = json.dumps(doc()).replace('"letters": {"SMM": "A/R"', '"letters": {"SMM": "R", "SMM": "A/R"', 1)
    error = refused(text.encode())
    assert (error.key, error.column, error.params["name"]) == ("json_duplicate_key", "$.tasks[0].letters", '"SMM"')
    text = json.dumps(doc()).replace('{"short": "CM"', '{"short": "CM", "short": "X"', 1)
    assert (refused(text.encode()).key, refused(text.encode()).column) == ("json_duplicate_key", "$.roles[1]")
    text = json.dumps(doc()).replace('"version": 1', '"version": 1, "version": 1', 1)
    assert (refused(text.encode()).key, refused(text.encode()).column) == ("json_duplicate_key", "$")


@pytest.mark.parametrize("data, key, column", [
    (doc(roles={"SMM": {}}), "json_not_list", "$.roles"),
    (doc(tasks="Plan"), "json_not_list", "$.tasks"),
    (doc(roles=["SMM"]), "json_not_object", "$.roles[0]"),
    (doc(tasks=[None]), "json_not_object", "$.tasks[0]"),
    (with_task(letters=["CM", "A/R"]), "json_not_object", "$.tasks[1].letters"),
    (with_task(name=3), "json_not_text", "$.tasks[1].name"),
    (with_task(category=None), "json_not_text", "$.tasks[1].category"),
    (with_role(short=7), "json_not_text", "$.roles[1].short"),
    (with_role(name=["Community"]), "json_not_text", "$.roles[1].name"),
    (with_task(name="  "), "json_empty_name", "$.tasks[1].name"),
    (with_role(short=""), "json_empty_name", "$.roles[1].short"),
    (with_task(name="a\x00b"), "json_bad_text", "$.tasks[1].name"),
    (with_task(category="\ud800"), "json_bad_text", "$.tasks[1].category"),
    (with_role(short="C\ud800M"), "json_bad_text", "$.roles[1].short"),
    (with_role(short="Task"), "json_reserved_role", "$.roles[1].short"),
    (with_role(short="SMM"), "json_duplicate_role", "$.roles[1].short"),
    (with_role(profile="Operativo"), "json_bad_profile", "$.roles[1].profile"),
    (with_role(profile=None), "json_bad_profile", "$.roles[1].profile"),
    (with_role(capacity=0), "json_bad_capacity", "$.roles[1].capacity"),
    (with_role(capacity="80"), "json_bad_capacity", "$.roles[1].capacity"),
    (with_role(capacity=True), "json_bad_capacity", "$.roles[1].capacity"),
    (with_task(nature="operativa"), "json_bad_nature", "$.tasks[1].nature"),
    (with_task(nature=1), "json_bad_nature", "$.tasks[1].nature"),
    (with_task(effort_hours=-1), "json_bad_effort", "$.tasks[1].effort_hours"),
    (with_task(effort_hours="12"), "json_bad_effort", "$.tasks[1].effort_hours"),
    (with_task(effort_hours=None), "json_bad_effort", "$.tasks[1].effort_hours"),
    (with_task(effort_hours=False), "json_bad_effort", "$.tasks[1].effort_hours"),
])
def test_wrong_values_are_refused_with_their_path(data, key, column):
    error = refused(data)
    assert (error.key, error.column, error.row) == (key, column, None)


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1" + "0" * 5000])
def test_numbers_json_cannot_hold_are_refused(literal):
    text = json.dumps(with_task(effort_hours=12345)).replace("12345", literal)
    error = refused(text.encode())
    assert (error.key, error.column) == ("json_bad_effort", "$.tasks[1].effort_hours")
    text = json.dumps(with_role(capacity=12345)).replace("12345", literal)
    assert refused(text.encode()).key == "json_bad_capacity"


@pytest.mark.parametrize("letter, shown", [("X", '"X"'), ("a/r", '"a/r"'), ("Responsable", '"Responsable"'),
                                           (1, "1"), (None, "null"), (["A", "R"], "[…]")])
def test_unknown_letters_name_the_task_and_the_role(letter, shown):
    error = refused(with_task(letters={"SMM": "I", "CM": letter}))
    assert (error.key, error.column) == ("json_bad_letter", "$.tasks[1].letters.CM")
    assert error.params == {"task": "Reply", "role": "CM", "value": shown}


def test_a_letter_for_a_role_the_plan_does_not_have():
    error = refused(with_task(letters={"CM": "A/R", "Designer 2": "C"}))
    assert (error.key, error.column) == ("json_unknown_role", '$.tasks[1].letters["Designer 2"]')
    assert error.params == {"task": "Reply", "role": "Designer 2", "roles": "SMM, CM"}
    error = refused(with_task(letters={"cm": "A/R"}))  # short names match exactly
    assert error.key == "json_unknown_role"


@pytest.mark.parametrize("text, line, col", [
    ('{"format": "raci-plan",\n "version": 1,\n "roles": [}', 3, 12),
    ('{"format": "raci-plan", "version": 1, "roles": [], "tasks": [],}', 1, 64),
    ("{'format': 'raci-plan'}", 1, 2),
    ('{"format": "raci-plan"} trailing', 1, 25),
    ('{"format": "raci-plan"', 1, 23),
    ('\n\n  {"format": "raci-\nplan"}', 3, 20),  # the line break inside the string
])
def test_bad_json_says_the_line_and_column(text, line, col):
    error = refused(text.encode())
    assert (error.key, error.row, error.params["col"]) == ("json_syntax", line, col)
    assert error.params["reason"]


def test_non_utf8_empty_too_large_and_too_deep():
    data = json.dumps(doc(), ensure_ascii=False).replace("Plan", "Planificación").replace(", ", ",\n")
    error = refused(data.encode("cp1252"))
    assert error.key == "json_encoding" and error.row == data[:data.index("ó")].count("\n") + 1
    assert refused(data.encode("utf-16")).key == "json_encoding"
    assert refused(b"").key == refused(b" \n\t").key == refused(b"\xef\xbb\xbf").key == "json_empty"
    with pytest.raises(PlanFileError) as caught:
        read_json(json.dumps(doc()).encode(), max_bytes=100)
    assert caught.value.key == "too_large"
    assert read_json(json.dumps(doc()).encode(), max_bytes=None).n_tasks == 2
    assert refused(b"[" * 200_000 + b"]" * 200_000).key in ("json_too_deep", "json_syntax")


def test_the_first_problem_in_document_order_is_reported():
    data = doc()
    data["roles"][1]["profile"] = "bad"
    data["tasks"][0]["letters"]["CM"] = "X"
    assert refused(data).column == "$.roles[1].profile"


# Anything at all: a PlanFileError or a plan, never another exception.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=20,
)


@SETTINGS
@given(st.binary(max_size=300))
def test_no_bytes_crash_the_reader(data):
    try:
        read_json(data)
    except PlanFileError as error:
        assert error.message("es") and error.message("en")


@SETTINGS
@given(plan=plans(), data=st.data())
def test_no_mangled_plan_file_crashes_the_reader(plan, data):
    document = json.loads(write_json(plan))
    # Replace one value somewhere in the document with anything.
    spots = []

    def walk(node):
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
        for key, child in children:
            spots.append((node, key))
            walk(child)

    walk(document)
    if spots:
        node, key = data.draw(st.sampled_from(spots))
        node[key] = data.draw(json_values)
    try:
        result = read_json(json.dumps(document, allow_nan=True).encode("utf-8", errors="surrogatepass"))
    except PlanFileError as error:
        assert error.key
    else:
        assert isinstance(result, Plan)


def test_the_format_constants():
    assert (FORMAT, VERSION) == ("raci-plan", 2)


# ----- messages ----------------------------------------------------------------------
def json_error_keys() -> set[str]:
    """The keys the JSON reader raises: its own, and the size check it shares (raci/files/limits.py)."""
    files = ROOT / "raci" / "files"
    names = ("json.py", "json_read.py", "json_team.py", "limits.py")
    source = "".join((files / name).read_text(encoding="utf-8") for name in names)
    return set(re.findall(r'PlanFileError\(\s*"(\w+)"', source))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_error_of_the_reader_has_a_sentence(lang):
    keys = json_error_keys()
    assert {"json_syntax", "json_bad_letter", "json_unknown_role", "too_large"} <= keys
    missing = sorted(k for k in keys if translate(f"files.{k}", lang) == f"files.{k}")
    if missing and all(k.startswith("json_") for k in missing) and len(missing) == len(
            [k for k in keys if k.startswith("json_")]):
        pytest.skip("the files.json_* texts are not integrated into raci/locales/*/files.json yet")
    assert not missing


@pytest.mark.parametrize("document, where", [
    (with_task(name="Re\u202eply"), "$.tasks[1].name"),
    (with_task(category="Comm\u2066unity"), "$.tasks[1].category"),
    (with_role(name="Community\u200b Manager"), "$.roles[1].name"),
])
def test_hidden_characters_are_refused_naming_where(document, where):
    error = refused(document)
    assert error.key == "json_hidden_char" and error.column == where
    assert "U+" in error.message("es") and "oculto" in error.message("es")


# ----- version 2: people, platforms, recurrences -------------------------------------------
def team_plan():
    from raci.team import Person
    return (seed_plan("es").add_person(Person("Lucía", 140, {"CM": 1.0}))
            .add_person(Person("Pablo", 70.5, {"CM": 0.5, "SMM": 0.75})))


def test_version_2_carries_people_platforms_and_recurrences():
    plan = team_plan()
    document = json.loads(write_json(plan))
    assert document["people"][1] == {"name": "Pablo", "hours": 70.5, "roles": {"CM": 0.5, "SMM": 0.75}}
    assert document["platforms"] == ["Instagram", "TikTok", "LinkedIn", "Facebook"]
    moderate = next(t for t in document["tasks"] if t["name"] == "Moderar conversaciones en línea")
    assert moderate["recurrence"] == {"times": 1, "per": "day", "minutes": 10, "per_platform": True, "estimate": True}
    assert moderate["effort_hours"] == 14  # 1 x 21 days x 10 min x 4 platforms
    assert read_json(write_json(plan)) == plan


def test_a_version_1_file_is_still_read_and_refuses_version_2_keys():
    document = json.loads(write_json(seed_plan("en")))
    for task in document["tasks"]:
        task.pop("recurrence", None)
    document.update(version=1)
    document.pop("people"), document.pop("platforms")
    plan = read_json(json.dumps(document).encode())
    assert plan.people == () and plan.platforms == () and all(r is None for r in plan.recurrences)
    document["people"] = []
    assert refused(document).key == "json_unknown_key"


@pytest.mark.parametrize(("change", "column", "words"), [
    (lambda d: d["people"][1]["roles"].update(XX=0.5), "$.people[1].roles.XX", "'XX'"),
    (lambda d: d["people"][1]["roles"].update(CM=2), "$.people[1]", "200 %"),
    (lambda d: d["people"][1].update(hours="many"), "$.people[1].hours", "many"),
    (lambda d: d["people"].append({"name": "lucía", "roles": {}}), "$.people", "lucía"),
    (lambda d: d["platforms"].append("tiktok"), "$.platforms", "tiktok"),
    (lambda d: d["platforms"].append(3), "$.platforms[4]", "3"),
    (lambda d: d["tasks"][13]["recurrence"].update(per="year"), "$.tasks[13].recurrence", "year"),
    (lambda d: d["tasks"][13]["recurrence"].update(minutes=0), "$.tasks[13].recurrence", "0"),
    (lambda d: d["tasks"][13]["recurrence"].update(per_platform="yes"), "$.tasks[13].recurrence.per_platform", "yes"),
    (lambda d: d["tasks"][13]["recurrence"].update(every=2), "$.tasks[13].recurrence", "every"),
])
def test_bad_people_platforms_and_recurrences_are_refused_with_where_and_what(change, column, words):
    document = json.loads(write_json(team_plan()))
    change(document)
    error = refused(document)
    assert error.column == column
    for lang in ("es", "en"):
        assert words in error.message(lang) and column in error.message(lang)
