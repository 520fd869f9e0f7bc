"""Access per plan, checked by the store itself: every operation as a stranger, a viewer, an editor, the owner.

Called directly on ``Store.acting(identity)``, as a forged websocket message would reach it: the page
draws nothing enabled for a viewer, and this is what refuses anyway. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from raci.seed import seed_plan
from raci.storage import LOCAL, AccessDenied, Identity, ReadOnly, Store, StoreError
from raci.storage.access import role_of
from raci.storage.schema import MEETING_LINKS

ANA = Identity.of("ana@marca.es", "Ana")  # the owner
LUIS = Identity.of("luis@marca.es", "Luis")  # an editor
MARTA = Identity.of("marta@otra.es", "Marta")  # a viewer
EVE = Identity.of("eve@fuera.es", "Eve")  # a stranger
NO_ACCESS = "You have no access to this plan, or it does not exist."


@pytest.fixture
def shared(store: Store) -> tuple[Store, str, str]:
    """Ana's plan (with a scenario) shared with Luis as editor and Marta as viewer."""
    ana = store.acting(ANA)
    info = ana.create_plan("Cliente secreto", seed_plan("es"), ANA.email)
    ana.share(info.id, LUIS.email, "editor")
    ana.share(info.id, MARTA.email, "viewer")
    scenario = ana.create_scenario(info.id, "Contratar un segundo CM", ANA.email)
    return store, info.id, scenario.id


def operations(store: Store, plan_id: str, scenario_id: str) -> dict[str, tuple[str, object]]:
    """Every plan operation, the role it needs, and how to call it as someone."""
    plan, info = store.open_plan(plan_id)
    edited = plan.set_letter(0, "CM", "R")
    return {
        "open": ("viewer", lambda a: a.open_plan(plan_id)),
        "history": ("viewer", lambda a: a.history(plan_id)),
        "version": ("viewer", lambda a: a.version(plan_id, 1)),
        "duplicate": ("viewer", lambda a: a.duplicate(plan_id, "Copia")),
        "scenarios": ("viewer", lambda a: a.scenarios(plan_id)),
        "compare": ("viewer", lambda a: a.compare(scenario_id)),
        "parent_of": ("viewer", lambda a: a.parent_of(scenario_id)),
        "access": ("viewer", lambda a: a.access(plan_id)),
        "access_log": ("viewer", lambda a: a.access_log(plan_id)),
        "save": ("editor", lambda a: a.save(plan_id, edited, store.open_plan(plan_id)[1].head, "x")),
        "restore": ("editor", lambda a: a.restore(plan_id, 1, store.open_plan(plan_id)[1].head, "x")),
        "rename": ("editor", lambda a: a.rename(plan_id, "Otro nombre")),
        "create_scenario": ("editor", lambda a: a.create_scenario(plan_id, "Black Friday")),
        "save_scenario": ("editor", lambda a: a.save(scenario_id, edited, store.open_plan(scenario_id)[1].head)),
        "rebase_scenario": ("editor", lambda a: a.rebase_scenario(scenario_id)),
        "promote": ("editor", lambda a: a.promote(scenario_id)),
        "share": ("owner", lambda a: a.share(plan_id, "nuevo@marca.es", "viewer")),
        "unshare": ("owner", lambda a: a.unshare(plan_id, MARTA.email)),
        "meeting_link": ("owner", lambda a: a.create_meeting_link(plan_id)),
        "meeting_links": ("owner", lambda a: a.meeting_links(plan_id)),
        "transfer": ("owner", lambda a: a.transfer(plan_id, LUIS.email)),
        "delete": ("owner", lambda a: a.delete(plan_id)),
    }


OPERATIONS = ["open", "history", "version", "duplicate", "scenarios", "compare", "parent_of", "access", "access_log",
              "save", "restore", "rename", "create_scenario", "save_scenario", "rebase_scenario", "promote", "share",
              "unshare", "meeting_link", "meeting_links", "transfer", "delete"]
RANK = {None: 0, "viewer": 1, "editor": 2, "owner": 3}


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("who, role", [(EVE, None), (MARTA, "viewer"), (LUIS, "editor"), (ANA, "owner"),
                                       (LOCAL, "owner")])
def test_every_operation_checks_access_itself(shared, operation, who, role):
    store, plan_id, scenario_id = shared
    needed, call = operations(store, plan_id, scenario_id)[operation]
    acting = store.acting(who)
    assert acting.role_of(plan_id) == role and acting.role_of(scenario_id) == role  # a scenario: its plan's
    if role is None:
        with pytest.raises(AccessDenied) as refused:
            call(acting)
        assert refused.value.message("en") == NO_ACCESS  # nothing of the plan, not even its name
    elif RANK[role] < RANK[needed]:
        with pytest.raises(ReadOnly):
            call(acting)
    else:
        call(acting)


def test_a_stranger_learns_nothing_a_made_up_id_would_not_tell(shared):
    store, plan_id, scenario_id = shared
    eve = store.acting(EVE)
    for target in (plan_id, scenario_id, "zzzzzzzzzz", "", "x" * 500):
        with pytest.raises(AccessDenied) as refused:
            eve.open_plan(target)
        assert refused.value.message("es") == "No tienes acceso a este plan, o no existe."
        assert refused.value.params == {}
    assert eve.list_plans() == [] and eve.list_plans(include_deleted=True) == []
    store.acting(ANA).delete(plan_id)
    with pytest.raises(AccessDenied):
        store.acting(EVE).undelete(plan_id)


def test_each_user_lists_only_what_they_may_see(shared):
    store, plan_id, _ = shared
    own = store.acting(EVE).create_plan("El de Eve", seed_plan("en"), EVE.email)
    assert [p.name for p in store.acting(MARTA).list_plans()] == ["Cliente secreto"]
    assert [p.name for p in store.acting(EVE).list_plans()] == ["El de Eve"]
    assert {p.id for p in store.acting(LOCAL).list_plans()} == {plan_id, own.id}
    with pytest.raises(AccessDenied):
        store.acting(ANA).open_plan(own.id)


def test_a_domain_grant_and_the_highest_role_apply(shared):
    store, plan_id, _ = shared
    ana = store.acting(ANA)
    ana.share(plan_id, "@otra.es", "editor")  # Marta is a viewer by name, an editor by her domain
    assert store.acting(MARTA).role_of(plan_id) == "editor"
    assert store.acting(Identity.of("pablo@otra.es")).role_of(plan_id) == "editor"
    assert store.acting(Identity.of("pablo@otra.es.evil.com")).role_of(plan_id) is None
    ana.unshare(plan_id, "@otra.es")
    assert store.acting(MARTA).role_of(plan_id) == "viewer"
    with pytest.raises(StoreError) as refused:
        ana.share(plan_id, "not an e-mail", "viewer")
    assert refused.value.key == "bad_email"
    with pytest.raises(StoreError):
        ana.share(plan_id, "ok@marca.es", "owner")


def test_sharing_changes_are_recorded_with_who_whom_what_and_when(shared):
    store, plan_id, _ = shared
    ana = store.acting(ANA)
    ana.unshare(plan_id, MARTA.email)
    ana.transfer(plan_id, LUIS.email)
    log = store.acting(LUIS).access_log(plan_id)
    assert [(e.actor, e.action, e.principal, e.role) for e in log] == [
        ("ana@marca.es", "owner_changed", "luis@marca.es", "owner"),
        ("ana@marca.es", "unshared", "marta@otra.es", ""),
        ("ana@marca.es", "shared", "marta@otra.es", "viewer"),
        ("ana@marca.es", "shared", "luis@marca.es", "editor")]
    assert all(e.at.tzinfo is not None for e in log)
    assert store.acting(ANA).role_of(plan_id) == "editor"  # the former owner stays as an editor
    assert store.acting(LUIS).access(plan_id).owner == "luis@marca.es"


def test_a_meeting_link_opens_signed_out_until_revoked_and_its_token_is_never_stored(shared):
    store, plan_id, _ = shared
    ana = store.acting(ANA)
    token = ana.create_meeting_link(plan_id)
    assert len(token) >= 22  # 16 random bytes, URL-safe
    plan, info = store.open_meeting(token)
    assert info.id == plan_id and plan == store.open_plan(plan_id)[0]
    (link,) = ana.meeting_links(plan_id)
    assert link.last_used_at is not None and link.revoked_at is None
    rows = store._run(lambda conn: conn.execute(sa.select(MEETING_LINKS.c.token_hash)).scalars().all())
    assert rows == [hashlib.sha256(token.encode()).hexdigest()] and token not in rows
    for forged in (token[:-1] + ("A" if token[-1] != "A" else "B"), "x" * 22, "", None):
        with pytest.raises(AccessDenied):
            store.open_meeting(forged)
    ana.revoke_meeting_link(plan_id, link.id)
    with pytest.raises(AccessDenied) as refused:
        store.open_meeting(token)
    assert refused.value.message("en") == NO_ACCESS


def test_plans_from_before_access_belong_to_the_administrator_once_one_is_set(store, monkeypatch):
    old = store.create_plan("Plan de antes", seed_plan("es"))  # no owner, as after the migration
    monkeypatch.delenv("RACI_ADMIN_EMAIL", raising=False)
    assert store.acting(EVE).role_of(old.id) == "owner"  # open to everyone until an administrator is set
    monkeypatch.setenv("RACI_ADMIN_EMAIL", "Admin@Marca.es")
    assert store.acting(EVE).role_of(old.id) is None
    assert store.acting(Identity.of("admin@marca.es")).role_of(old.id) == "owner"
    assert store.acting(Identity.of("admin@marca.es")).access(old.id).owner == "admin@marca.es"


def test_scenarios_have_their_plans_access_and_cannot_be_shared_apart(shared):
    store, plan_id, scenario_id = shared
    with pytest.raises(StoreError) as refused:
        store.acting(ANA).share(scenario_id, "x@marca.es", "viewer")
    assert refused.value.key == "scenario_access"
    store.acting(ANA).unshare(plan_id, LUIS.email)
    assert store.acting(LUIS).role_of(scenario_id) is None


@settings(max_examples=200, deadline=None)
@given(grants=st.lists(st.tuples(st.sampled_from(["ana@a.es", "luis@a.es", "@a.es", "@b.es", "eve@b.es"]),
                                 st.sampled_from(["viewer", "editor"])), max_size=6),
       owner=st.sampled_from([None, "ana@a.es", "boss@c.es"]),
       admin=st.sampled_from([None, "boss@c.es"]),
       who=st.sampled_from(["ana@a.es", "luis@a.es", "eve@b.es", "zoe@d.es", "boss@c.es"]))
def test_the_role_is_the_highest_that_applies(grants, owner, admin, who):
    expected = None
    if (owner or admin) in (None, who):
        expected = "owner"
    else:
        for grantee, role in grants:
            if grantee == who or grantee == "@" + who.split("@")[1]:
                expected = max([expected, role], key=lambda r: RANK[r])
    assert role_of(Identity.of(who), owner, grants, admin) == expected
