"""``python -m raci plans share|unshare|access``: the local administrator's view of a plan's access."""

import json

import pytest

from raci.seed import seed_plan
from raci.storage import Identity, Store
from tests.store.test_cli_plans import one_line, raci


@pytest.fixture
def saved(store_url):
    with Store(store_url) as store:
        info = store.acting(Identity.of("ana@marca.es")).create_plan("Marca B", seed_plan("es"), "ana@marca.es")
    return store_url, info.id


def test_share_unshare_and_access_as_text_and_json(saved):
    url, plan_id = saved
    done = raci("plans", "share", plan_id, "Luis@Marca.es", "--as", "editor", "--db", url, "--lang", "en")
    assert done.returncode == 0
    assert done.stdout.decode().strip() == f"Plan {plan_id} is shared with luis@marca.es as editor."
    assert raci("plans", "share", plan_id, "@otra.es", "--as", "viewer", "--db", url).returncode == 0
    said = json.loads(raci("plans", "access", plan_id, "--format", "json", "--db", url).stdout)
    assert said["owner"] == "ana@marca.es"
    assert [(g["who"], g["role"]) for g in said["grants"]] == [("@otra.es", "viewer"), ("luis@marca.es", "editor")]
    assert [e["action"] for e in said["events"]] == ["shared", "shared"] and said["meeting_links"] == []
    with Store(url) as store:
        assert store.acting(Identity.of("pablo@otra.es")).role_of(plan_id) == "viewer"
    text = raci("plans", "access", plan_id, "--db", url, "--lang", "es").stdout.decode()
    assert text.startswith("Propietario: ana@marca.es") and "luis@marca.es  editor" in text
    assert raci("plans", "unshare", plan_id, "luis@marca.es", "--db", url).returncode == 0
    with Store(url) as store:
        assert store.acting(Identity.of("luis@marca.es")).role_of(plan_id) is None


@pytest.mark.parametrize("args, message", [
    (["share", "zzzzzzzzzz", "a@b.es", "--as", "viewer"], "There is no plan"),
    (["share", "{plan}", "not an e-mail", "--as", "viewer"], "is not an e-mail address"),
    (["unshare", "{plan}", "nadie@x.es"], "The plan is not shared with nadie@x.es."),
])
def test_refusals_are_one_line_and_exit_2(saved, args, message):
    url, plan_id = saved
    done = raci("plans", *[a.replace("{plan}", plan_id) for a in args], "--db", url, "--lang", "en")
    assert message in one_line(done)
