"""Webhook workers racing each other on real connections: every delivery reaches its receiver exactly once.

Each worker runs in a thread of its own, so it has its own database connection and commits for real
(transaction=True), as two Celery workers sweeping at the same moment would on PostgreSQL. The first
test makes the worst interleaving certain: both workers read the same due rows before either claims
them, then both try the conditional claim at once; the loser's update waits for the winner's row
locks and then finds the rows taken. The second lets four workers sweep small batches freely.

On SQLite the race is PostgreSQL's to prove: the test database there is in memory with a shared cache,
which refuses a second writer at once ("table is locked") where a file database waits its turn, so the
workers take turns, one run of the worker at a time, each still on its own connection.
"""

import threading

import pytest
from django.db import connection

from api import webhooks
from api.models import WebhookDelivery
from core import events

from .test_webhooks import deliver_feedback, receiver, subscribe  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)
State = WebhookDelivery.State
CONCURRENT = connection.vendor == "postgresql"


class _Turns:
    """On SQLite, one worker at a time (see the module's docstring); on PostgreSQL, no waiting."""

    def __init__(self):
        self.lock = threading.Lock()

    def __enter__(self):
        return self.lock.acquire() if not CONCURRENT else None

    def __exit__(self, *exc):
        if not CONCURRENT:
            self.lock.release()


TURNS = _Turns()


def in_parallel(workers: int, work, start: threading.Barrier | None = None) -> list:
    """Run `work()` in `workers` threads, each on its own connection, started together; their results."""
    start = start or threading.Barrier(workers, timeout=30)
    results: list = [None] * workers
    failures: list = []

    def run(index):
        try:
            start.wait()
            results[index] = work()
        except Exception as error:  # re-raised in the test's thread
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a worker did not finish"
    if failures:
        raise failures[0]
    return results


@pytest.fixture
def recorded(subscribe, lead, agent, monkeypatch):  # noqa: F811
    """`recorded(n)`: n feedback deliveries recorded for one subscriber; no worker started on commit."""
    monkeypatch.setattr(webhooks, "_start_worker", lambda: None)
    subscribe(events.FEEDBACK_DELIVERED)

    def make(count):
        for _n in range(count):
            deliver_feedback(lead, agent)
        rows = list(WebhookDelivery.objects.values_list("delivery_id", flat=True))
        assert len(rows) == count
        return {str(r) for r in rows}

    return make


def received_ids(receiver) -> list[str]:  # noqa: F811
    return [r["headers"][webhooks.ID_HEADER] for r in receiver.requests]


def test_two_sweeps_that_read_the_same_due_rows_at_once_send_each_delivery_exactly_once(
    recorded,
    receiver,  # noqa: F811
    monkeypatch,
):
    ids = recorded(10)
    both_have_read = threading.Barrier(2, timeout=30)
    calls = threading.local()
    original_free = webhooks._free

    def free_after_both_read():
        # claim() asks for _free() once for its read of the due rows and once for its update:
        # the second time, wait until the other worker has read the same rows too.
        calls.count = getattr(calls, "count", 0) + 1
        if calls.count == 2 and CONCURRENT:
            both_have_read.wait()
        return original_free()

    monkeypatch.setattr(webhooks, "_free", free_after_both_read)

    def one_sweep():
        with TURNS:
            return webhooks.deliver()

    reports = in_parallel(2, one_sweep)
    assert sorted(r.delivered for r in reports) == [0, 10]
    assert all(r.unconfirmed == 0 and not r.errors for r in reports)
    assert sorted(received_ids(receiver)) == sorted(ids)  # each once, none twice
    rows = WebhookDelivery.objects.values_list("state", "attempts", "claimed_by")
    assert set(rows) == {(State.DELIVERED, 1, "")}


def test_four_workers_sweeping_small_batches_together_deliver_everything_exactly_once(
    recorded,
    receiver,  # noqa: F811
):
    ids = recorded(24)

    def sweep_until_done():
        delivered = 0
        for _round in range(30):
            with TURNS:
                delivered += webhooks.deliver(limit=3).delivered
                if not WebhookDelivery.objects.filter(state=State.PENDING).exists():
                    break
        return delivered

    delivered = in_parallel(4, sweep_until_done)
    assert sum(delivered) == 24
    assert sorted(received_ids(receiver)) == sorted(ids)
    assert set(WebhookDelivery.objects.values_list("state", "attempts")) == {(State.DELIVERED, 1)}
