"""The balancer against an exhaustive search: every owner choice of every task of small plans, enumerated.

The reference builds each task's choices with the owner control itself (``Plan.assign_owner``) and
measures each with ``workload`` on a one-task plan, so it shares no code with the programme it checks.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from raci import letters as L
from raci.analysis.balance import STEP, BalanceError, apply_moves, balance
from raci.analysis.settings import Settings
from raci.analysis.workload import workload
from raci.model import Plan, Role, Task
from raci.seed import seed_plan
from raci.team import Person, Team

TIE = 1e-7
PROFILES = ("strategic", "operational", "other")


def fits(profile: str, nature: str) -> bool:
    return not nature or profile == "other" or profile == nature


def choices_of(plan: Plan, index: int, any_role: bool, capacity: list[float]) -> list[tuple[tuple[str, ...], Plan]]:
    """Keep, then every owner choice the balancer may propose, each as the plan it gives (no duplicate of keep)."""
    roles = plan.role_names
    nature = plan.natures[index]
    ok = [r for k, r in enumerate(roles) if capacity[k] > 0 and (any_role or fits(plan.role(r).profile, nature))]
    doers = plan.owners(index)
    options = [((r,), r) for r in ok]
    options += [((a, b), a) for a, b in itertools.permutations(ok, 2) if a in doers or b in doers]
    found = [((), plan)]
    for owners, accountable in options:
        moved = plan.assign_owner(index, list(owners), accountable)
        if not np.array_equal(moved.cells[index], plan.cells[index]):
            found.append((owners, moved))
    return found


def task_load(plan: Plan, index: int, settings: Settings) -> np.ndarray:
    one = Plan.create([plan.task(index)], plan.roles, [[L.LETTERS[c] for c in plan.cells[index]]])
    return workload(one, settings).load.to_numpy()


def exhaustive(plan: Plan, settings: Settings, capacity: list[float], locked: set[str], any_role: bool,
               max_moves: int | None, target: float) -> tuple[float, int, float]:
    """(lowest level, fewest moves at it, hours left on roles without hours) over every combination."""
    cap = np.array(capacity)
    measured = cap > 0
    per_task = []
    for i in range(plan.n_tasks):
        if plan.task_ids[i] in locked:
            opts = [((), plan)]
        else:
            opts = choices_of(plan, i, any_role, capacity)
        per_task.append([(task_load(p, i, settings), _doing(p, i, settings, ~measured), bool(o)) for o, p in opts])
    loads = np.zeros((1, plan.n_roles))
    doing = np.zeros(1)
    moves = np.zeros(1, dtype=int)
    for opts in per_task:
        loads = (loads[:, None, :] + np.array([o[0] for o in opts])[None, :, :]).reshape(-1, plan.n_roles)
        doing = (doing[:, None] + np.array([o[1] for o in opts])[None, :]).reshape(-1)
        moves = (moves[:, None] + np.array([o[2] for o in opts], dtype=int)[None, :]).reshape(-1)
    ok = np.ones(len(moves), dtype=bool) if max_moves is None else moves <= max_moves
    least_doing = doing[ok].min()
    ok &= doing <= least_doing + TIE * max(1.0, least_doing) + 1e-9
    util = (loads[:, measured] / cap[measured]).max(axis=1)
    level = np.maximum(math.floor(target / STEP + 1e-9), np.ceil((util - TIE) / STEP - 1e-9))
    best = level[ok].min()
    ok &= level == best
    return best, int(moves[ok].min()), least_doing


def _doing(plan: Plan, index: int, settings: Settings, absent: np.ndarray) -> float:
    row = plan.cells[index]
    effort = plan.efforts[index]
    doers = np.isin(row, L.RESPONSIBLE_CODES)
    share = effort / doers.sum() if doers.any() else 0.0
    hours = np.where(doers, share, 0.0) + np.where(np.isin(row, L.ACCOUNTABLE_CODES),
                                                   settings.accountable_fraction * effort, 0.0)
    return float(hours[absent].sum())


@st.composite
def small_plans(draw):
    n_roles = draw(st.integers(2, 3))
    any_role = draw(st.booleans())
    n_tasks = draw(st.integers(1, 8 if (n_roles == 2 or not any_role) else 5))
    profiles = [draw(st.sampled_from(PROFILES)) for _ in range(n_roles)]
    roles = [Role(f"R{k}", profile=profiles[k], capacity=float(draw(st.integers(5, 60))) if draw(st.booleans())
                  else None) for k in range(n_roles)]
    tasks, rows = [], []
    for i in range(n_tasks):
        tasks.append(Task(f"T{i}", nature=draw(st.sampled_from(["strategic", "operational", ""])),
                          effort=float(draw(st.integers(0, 20)))))
        row = [draw(st.sampled_from(["", "", "C", "I", "R"])) for _ in range(n_roles)]
        owner = draw(st.integers(0, n_roles - 1))
        if draw(st.integers(0, 4)) == 0 and n_roles > 1:  # an A apart from the doer
            row[owner] = "A"
            row[(owner + 1) % n_roles] = "R"
        else:
            row[owner] = "A/R"
        rows.append(row)
    plan = Plan.create(tasks, roles, rows)
    if draw(st.integers(0, 3)) == 0:  # someone absent: a role with no hours at all
        absent = draw(st.sampled_from(plan.role_names))
        plan = plan.with_team(Team((Person("Ausente", 0.0, {absent: 1.0}),), ()))
    locked = {tid for tid in plan.task_ids if draw(st.integers(0, 4)) == 0}
    max_moves = draw(st.one_of(st.none(), st.integers(0, 3)))
    target = draw(st.sampled_from([0.0, 0.5, 1.0]))
    full_time = float(draw(st.sampled_from([40, 140])))
    return plan, Settings(full_time_hours=full_time), locked, any_role, max_moves, target


def capacities_of(plan: Plan, settings: Settings) -> list[float]:
    from raci.analysis.utilisation import capacities

    known = capacities(plan)
    return [settings.full_time_hours if known[r] is None else known[r] for r in plan.role_names]


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_plans())
def test_the_optimiser_agrees_with_every_combination_enumerated(case):
    plan, settings, locked, any_role, max_moves, target = case
    capacity = capacities_of(plan, settings)
    combos = math.prod(len(choices_of(plan, i, any_role, capacity)) for i in range(plan.n_tasks)
                       if plan.task_ids[i] not in locked)
    assume(combos <= 200_000)
    best, fewest, least_doing = exhaustive(plan, settings, capacity, locked, any_role, max_moves, target)
    proposal = balance(plan, settings, locked=locked, any_role=any_role, max_moves=max_moves, target=target)
    assert proposal.optimal
    after = proposal.apply(plan)
    cap = np.array(capacity)
    measured = cap > 0
    util = (workload(after, settings).load.to_numpy()[measured] / cap[measured]).max()
    level = max(math.floor(target / STEP + 1e-9), math.ceil((util - TIE) / STEP - 1e-9))
    assert level == best
    assert len(proposal.moves) == fewest
    absent = ~measured
    left = sum(_doing(after, i, settings, absent) for i in range(after.n_tasks))
    assert left == pytest.approx(least_doing, abs=1e-6)
    # what the proposal says of the team after is what the plan after carries
    load = workload(after, settings).load
    for role in proposal.after.roles:
        assert role.load == pytest.approx(load[role.role])
    # never a lock, never a misfit, never more moves than allowed, every moved task one A and a doer
    moved = {m.task_id for m in proposal.moves}
    assert not moved & locked
    assert max_moves is None or len(moved) <= max_moves
    for move in proposal.moves:
        i = move.index
        assert sum(x in ("A", "A/R") for x in move.after.values()) == 1
        assert any(x in ("R", "A/R") for x in move.after.values())
        for role in move.owners:
            assert any_role or fits(plan.role(role).profile, plan.natures[i])
            assert capacity[plan.role_index(role)] > 0
        assert move.after == {r: L.LETTERS[c] for r, c in zip(plan.role_names, after.cells[i], strict=True)}


def test_the_seeded_plan_needs_no_move_at_full_time_and_one_when_balanced_fully():
    plan = seed_plan("es")
    assert balance(plan).moves == ()
    assert balance(plan).reason == "within_target"
    even = balance(plan, target=0)
    assert even.optimal and len(even.moves) >= 1
    assert even.after.max_utilisation < even.before.max_utilisation


def test_an_overloaded_cm_gives_work_to_the_smm_in_the_fewest_moves():
    plan = seed_plan("es")
    plan = plan.update_role("CM", capacity=90.0)
    fit = balance(plan)  # the CM's tasks are operational: with nature fit the SMM takes back its own share
    assert fit.optimal and fit.before.role("CM").utilisation > 1 > fit.after.role("SMM").utilisation
    for move in fit.moves:
        assert plan.natures[move.index] != "operational" or move.owners == ("CM",)
    proposal = balance(plan, any_role=True)
    assert proposal.optimal and proposal.after.max_utilisation <= 1 + 1e-9
    # the sentence names the task, the owners before and after, and the hours each role gains or frees
    text = proposal.moves[0].text("es")
    assert text.startswith(plan.names[proposal.moves[0].index] + ":")
    assert "->" in text and " h" in text


def test_any_role_and_locks_and_the_best_n_changes():
    plan = seed_plan("en").update_role("CM", capacity=60.0)
    fit = balance(plan)
    free = balance(plan, any_role=True)
    assert free.after.max_utilisation <= fit.after.max_utilisation + 1e-9
    best_two = balance(plan, any_role=True, max_moves=2)
    assert len(best_two.moves) <= 2
    assert best_two.after.max_utilisation >= free.after.max_utilisation - 1e-9
    everything = set(plan.task_ids)
    assert balance(plan, locked=everything).reason == "locked"
    assert balance(plan, max_moves=0).reason == "max_moves"


def test_an_absent_person_hands_their_tasks_to_a_backup_first():
    plan = seed_plan("es")
    plan = plan.with_team(Team((Person("Lucía", 0.0, {"CM": 1.0}), Person("Pablo", 140.0, {"SMM": 1.0})), ()))
    proposal = balance(plan, any_role=True)
    after = proposal.apply(plan)
    cm = plan.role_index("CM")
    assert not np.isin(after.cells[:, cm], (L.R, L.A, L.AR)).any()  # nobody left doing or owning on the CM
    assert proposal.before.role("CM").utilisation is None


def test_accepting_some_moves_applies_only_those():
    plan = seed_plan("en").update_role("CM", capacity=50.0)
    proposal = balance(plan, any_role=True)
    assert len(proposal.moves) >= 2
    first = proposal.moves[0]
    some = proposal.apply(plan, [first.task_id])
    assert some == plan.assign_owner(first.index, list(first.owners), first.accountable)
    assert apply_moves(plan, []) == plan


@pytest.mark.parametrize("kwargs, key", [
    ({"locked": ["nope"]}, "balance_unknown_lock"),
    ({"max_moves": -1}, "balance_bad_max_moves"),
    ({"time_limit": 0}, "balance_bad_time_limit"),
    ({"time_limit": float("nan")}, "balance_bad_time_limit"),
    ({"target": -0.1}, "balance_bad_target"),
])
def test_bad_requests_are_refused_with_a_sentence(kwargs, key):
    with pytest.raises(BalanceError) as caught:
        balance(seed_plan("en"), **kwargs)
    assert caught.value.key == key
    assert caught.value.message("es") != caught.value.message("en")


def test_the_proposal_as_json_and_a_summary_in_both_languages():
    plan = seed_plan("es").update_role("CM", capacity=90.0)
    proposal = balance(plan)
    said = proposal.as_dict()
    assert said["optimal"] is True and said["gap"] == 0.0
    assert said["before"]["max_utilisation"] > said["after"]["max_utilisation"]
    assert said["moves"][0]["before"]["CM"] in ("A/R", "R")
    assert "%" in proposal.summary("es") and "%" in proposal.summary("en")
