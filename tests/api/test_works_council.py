"""Works-council switches apply to the API as to the pages: a switched-off feature's records are not
there for any token, and come back when it is switched on again."""

import datetime

import pytest

from kpis.models import KpiRecord
from skills.models import RatingSource

from ..skills.factories import RatingFactory

pytestmark = pytest.mark.django_db


def _ids(response) -> list:
    assert response.status_code == 200
    return [row["id"] for row in response.json()["results"]]


def test_individual_key_figures_switched_off_are_gone_from_the_api(
    settings, token_for, lead, agent
):
    record = KpiRecord.objects.create(
        agent=agent, period_start=datetime.date(2026, 6, 1), channel="phone", contacts=40
    )
    leads_client, _token = token_for(lead)
    own_client, _token = token_for(agent)
    assert _ids(leads_client.get("/api/v1/key-figures/")) == [record.pk]
    assert _ids(own_client.get("/api/v1/key-figures/")) == [record.pk]
    settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, "individual_kpis": False}
    assert _ids(leads_client.get("/api/v1/key-figures/")) == []
    assert _ids(own_client.get("/api/v1/key-figures/")) == []
    assert leads_client.get(f"/api/v1/key-figures/{record.pk}/").status_code == 404
    settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, "individual_kpis": True}
    assert _ids(leads_client.get("/api/v1/key-figures/")) == [record.pk]


def test_lead_skill_ratings_switched_off_are_gone_from_the_api(settings, token_for, lead, agent):
    by_lead = RatingFactory(agent=agent, rated_by=lead, source=RatingSource.LEAD)
    own = RatingFactory(agent=agent, rated_by=agent, source=RatingSource.SELF)
    client, _token = token_for(lead)
    assert sorted(_ids(client.get("/api/v1/skill-ratings/"))) == sorted([by_lead.pk, own.pk])
    settings.WORKS_COUNCIL_FEATURES = {
        **settings.WORKS_COUNCIL_FEATURES,
        "lead_skill_ratings": False,
    }
    assert _ids(client.get("/api/v1/skill-ratings/")) == [own.pk]
