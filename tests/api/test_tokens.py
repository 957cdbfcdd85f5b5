import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from api import services
from api.models import ApiToken
from audit.models import AccessEvent
from people import services as people_services

from ..factories import personnel_admin
from .conftest import client_with

PEOPLE = "/api/v1/people/"


def test_a_token_is_stored_as_its_digest_only_and_shown_once(login, agent):
    client = login(agent)
    response = client.post(
        reverse("api:tokens"), {"name": "Script", "access": "read", "lifetime": "30"}, follow=True
    )
    secret = response.context["made"]["secret"]
    assert secret.startswith("tp_") and secret in response.content.decode()
    token = ApiToken.objects.get(user=agent)
    assert secret not in {token.digest, token.prefix} and token.digest != secret
    again = client.get(reverse("api:tokens")).content.decode()
    assert secret not in again and token.prefix in again


def test_the_token_page_speaks_german(login, agent, settings):
    agent.preferred_language = "de"
    agent.save(update_fields=["preferred_language"])
    page = login(agent).get(reverse("api:tokens"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Neues Token" in page and "Ihre Tokens" in page


def test_a_token_acts_as_its_user_with_the_users_rights(token_for, lead, agent, other_agent):
    client, _token = token_for(lead)
    ids = {p["id"] for p in client.get(PEOPLE).json()["results"]}
    assert agent.pk in ids and lead.pk in ids and other_agent.pk not in ids
    assert client.get(f"{PEOPLE}{other_agent.pk}/").status_code == 404


def test_a_revoked_token_stops_at_once(token_for, agent):
    client, token = token_for(agent)
    assert client.get(PEOPLE).status_code == 200
    services.token_revoke(actor=agent, token=token)
    response = client.get(PEOPLE)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401


def test_an_expired_token_stops(token_for, agent):
    client, _token = token_for(agent, expires_at=timezone.now() + datetime.timedelta(days=1))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert client.get(PEOPLE).status_code == 401


def test_a_deactivated_users_tokens_stop_at_once(token_for, agent):
    client, _token = token_for(agent)
    people_services.user_deactivate(user=agent, by=personnel_admin())
    assert client.get(PEOPLE).status_code == 401


def test_a_read_token_cannot_write(token_for, hr):
    client, _token = token_for(hr)
    response = client.post(
        f"{PEOPLE}upsert/", {"external_id": "x", "email": "x@example.test"}, format="json"
    )
    assert response.status_code == 403 and response.json()["type"].endswith("forbidden")


def test_an_integration_reaches_only_its_endpoint_groups(integration):
    client, _token = integration(["kpis"])
    assert client.get(PEOPLE).status_code == 403
    assert client.get("/api/v1/key-figures/").status_code == 200


def test_every_use_is_audited_like_a_page_view(token_for, lead, agent, team):
    from feedback import services as feedback_services

    note = feedback_services.note_create(
        author=lead,
        agent=agent,
        observed_at=timezone.now(),
        channel="phone",
        kind="praise",
        situation="Calm",
    )
    feedback_services.note_share(note=note, by=lead)
    client, token = token_for(lead)
    assert client.get(f"/api/v1/coaching-notes/{note.pk}/").status_code == 200
    event = AccessEvent.objects.get(actor=lead, subject=agent)
    assert event.record == "note"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_tokens_are_throttled_per_token(token_for, agent, settings):
    from api.throttling import PerTokenThrottle

    client, _token = token_for(agent)
    other, _other_token = token_for(agent)
    rates = {"token": "3/min"}
    original = PerTokenThrottle.THROTTLE_RATES
    PerTokenThrottle.THROTTLE_RATES = rates
    try:
        answers = [client.get(PEOPLE).status_code for _ in range(4)]
        assert answers == [200, 200, 200, 429]
        assert other.get(PEOPLE).status_code == 200
    finally:
        PerTokenThrottle.THROTTLE_RATES = original


def test_a_token_with_a_wrong_secret_gets_a_problem(db):
    response = client_with("tp_" + "x" * 43).get(PEOPLE)
    assert response.status_code == 401
    assert response.json()["title"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer ünicode", "Basic abc"])
def test_malformed_authorization_headers_are_refused(client, db, header):
    response = client.get(PEOPLE, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
