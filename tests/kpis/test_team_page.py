import datetime

import pytest
from django.utils import timezone

from kpis.models import KpiRecord

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role,status",
    [
        ("agent", 404),
        ("lead", 200),
        ("other_lead", 404),
        ("hr", 200),
        ("admin", 200),
    ],
)
def test_the_team_kpi_page_is_for_the_lead_and_hr(cast, team, login, role, status):
    assert login(cast[role]).get(f"/teams/{team.pk}/kpis/").status_code == status


def test_the_team_page_shows_weekly_medians(cast, team, login):
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday() + 7)
    for who, aht in ((cast["agent"], 300), (cast["colleague"], 500)):
        KpiRecord.objects.create(
            agent=who, period_start=monday, channel="phone", contacts=100, aht_seconds=aht
        )
    weeks = login(cast["lead"]).get(f"/teams/{team.pk}/kpis/").context["weeks"]
    assert weeks == [
        {
            "week": monday,
            "agents": 2,
            "qa_agents": 0,
            "contacts": 200,
            "aht_seconds": 400,
            "fcr": None,
            "csat": None,
            "qa_score": None,
            "qa_evaluations": None,
        }
    ]


def test_the_team_kpi_page_needs_as_many_queries_for_50_weeks_of_rows_as_for_5(cast, team, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast["lead"])
    today = timezone.localdate()

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/teams/{team.pk}/kpis/")
        return len(ctx.captured_queries)

    for week in range(1, 6):
        KpiRecord.objects.create(
            agent=cast["agent"],
            period_start=today - datetime.timedelta(weeks=week),
            channel="phone",
            contacts=10,
        )
    few = count()
    for day in range(1, 46):
        KpiRecord.objects.create(
            agent=cast["colleague"],
            period="day",
            period_start=today - datetime.timedelta(days=day),
            channel="phone",
            contacts=10,
        )
    assert count() == few
