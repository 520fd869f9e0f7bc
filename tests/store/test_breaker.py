"""The circuit breaker: a database that timed out fails at once for a while, then is tried again."""

from __future__ import annotations

import threading

import pytest

from raci.storage import StoreUnavailable
from raci.storage.breaker import CircuitBreaker, breaker_for, reset


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def timed_out(key: str = "timeout") -> StoreUnavailable:
    return StoreUnavailable(key, detail="connection timeout expired", url="postgresql://raci@db/raci", seconds="3")


def test_a_closed_breaker_lets_every_call_through():
    breaker = CircuitBreaker(30, clock=FakeClock())
    for _ in range(3):
        breaker.check()
    assert not breaker.is_open


@pytest.mark.parametrize("key", ["timeout", "locked", "unreachable"])
def test_after_a_timeout_calls_fail_at_once_with_the_same_message(key):
    clock = FakeClock()
    breaker = CircuitBreaker(30, clock=clock)
    breaker.failure(timed_out(key))
    assert breaker.is_open
    clock.now += 29.9
    with pytest.raises(StoreUnavailable) as caught:
        breaker.check()
    assert caught.value.key == key and caught.value.message("en") == timed_out(key).message("en")
    assert caught.value.message("es") == timed_out(key).message("es")
    assert "not tried again" in caught.value.detail and "connection timeout expired" in caught.value.detail


@pytest.mark.parametrize("key", ["disk_full", "unwritable", "bad_url", "not_a_database", "failed"])
def test_failures_that_cost_no_wait_do_not_open_it(key):
    breaker = CircuitBreaker(30, clock=FakeClock())
    breaker.failure(timed_out(key))
    breaker.check()
    assert not breaker.is_open


def test_after_retry_after_one_caller_tries_again_and_a_success_closes_it():
    clock = FakeClock()
    breaker = CircuitBreaker(30, clock=clock)
    breaker.failure(timed_out())
    clock.now += 30
    breaker.check()  # the trial goes through...
    with pytest.raises(StoreUnavailable):
        breaker.check()  # ...while the others still fail at once until it reports
    breaker.success()
    breaker.check()
    assert not breaker.is_open


def test_a_failed_trial_opens_it_for_another_retry_after():
    clock = FakeClock()
    breaker = CircuitBreaker(30, clock=clock)
    breaker.failure(timed_out())
    clock.now += 31
    breaker.check()
    breaker.failure(timed_out())
    clock.now += 29
    with pytest.raises(StoreUnavailable):
        breaker.check()
    clock.now += 1
    breaker.check()


def test_retry_after_zero_never_opens():
    breaker = CircuitBreaker(0, clock=FakeClock())
    breaker.failure(timed_out())
    assert not breaker.is_open
    breaker.check()  # would raise StoreUnavailable if it had opened


def test_threads_see_one_trial_and_the_rest_fail_at_once():
    clock = FakeClock()
    breaker = CircuitBreaker(30, clock=clock)
    breaker.failure(timed_out())
    clock.now += 30
    through, refused = [], []
    start = threading.Barrier(16)

    def call() -> None:
        start.wait()
        try:
            breaker.check()
            through.append(1)
        except StoreUnavailable:
            refused.append(1)

    threads = [threading.Thread(target=call) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)
    assert len(through) == 1 and len(refused) == 15


def test_one_breaker_per_database_url_and_process():
    reset()
    first = breaker_for("sqlite:////tmp/a.db", 30)
    assert breaker_for("sqlite:////tmp/a.db", 10) is first and first.retry_after == 10
    assert breaker_for("sqlite:////tmp/b.db", 30) is not first
    reset()
    assert breaker_for("sqlite:////tmp/a.db", 30) is not first
