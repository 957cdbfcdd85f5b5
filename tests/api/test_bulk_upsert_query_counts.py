"""The key figures' bulk upsert costs a fixed number of queries, however many records it carries."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.models import ExternalKey
from kpis.models import KpiRecord
from tests.factories import make_agent

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)
CHANNELS = ["phone", "email", "chat", "social"]


def records(agents, count, first_day):
    """`count` daily records over the agents and channels; odd agents named by their external id."""
    per_day = len(agents) * len(CHANNELS)
    return [
        {
            "agent": f"X-{n % len(agents)}" if n % 2 else agents[n % len(agents)].email,
            "period_start": (first_day - datetime.timedelta(days=n // per_day)).isoformat(),
            "channel": CHANNELS[(n // len(agents)) % len(CHANNELS)],
            "contacts": 20 + n % 7,
            "aht_seconds": 300,
            "fcr": 0.75,
            "csat": 4.2,
            "csat_answers": 3,
            "qa_score": 88.5,
        }
        for n in range(count)
    ]


def upload(client, body) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/api/v1/key-figures/bulk/", body, format="json")
    assert response.status_code == 200, response.json()
    return response.json(), len(captured)


@time_machine.travel("2026-03-03 10:00 +01:00", tick=False)
def test_the_bulk_upsert_costs_as_many_queries_for_1000_records_as_for_10(integration, team):
    agents = [make_agent(team) for _ in range(10)]
    ExternalKey.objects.bulk_create(
        ExternalKey(kind=ExternalKey.Kind.PERSON, external_id=f"X-{n}", object_id=agent.pk)
        for n, agent in enumerate(agents)
    )
    client, _token = integration(["kpis"])
    few = {"source": "ACD", "period": "day", "records": records(agents, 10, DAY)}
    many = {"source": "ACD", "period": "day", "records": records(agents, 1000, DAY)}

    upload(client, few)  # the token's first use records the use; the source is created once
    KpiRecord.objects.all().delete()
    first_few, few_queries = upload(client, few)
    KpiRecord.objects.all().delete()
    first_many, many_queries = upload(client, many)
    again, again_queries = upload(client, many)

    assert first_few["changed"] == 10 and first_many["changed"] == 1000
    assert again["changed"] == 0  # the same records again change nothing
    assert many_queries == few_queries
    assert again_queries == few_queries
    assert KpiRecord.objects.filter(period="day").count() == 1000
