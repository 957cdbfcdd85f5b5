"""Password resets are throttled per e-mail address and per client address."""

import pytest
import time_machine
from django.core import mail

from security.models import RateLimitHit

RESET = "/accounts/password_reset/"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 3
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 5


def test_the_fourth_request_for_one_address_within_an_hour_is_refused(client, agent):
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False):
        for _ in range(3):
            assert client.post(RESET, {"email": "agent@example.test"}).status_code == 302
        response = client.post(RESET, {"email": "Agent@Example.test"})
    assert response.status_code == 429
    assert "Too many password reset requests" in response.content.decode()
    assert len(mail.outbox) == 3


def test_an_hour_later_a_reset_can_be_asked_for_again(client, agent):
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False):
        for _ in range(3):
            client.post(RESET, {"email": "agent@example.test"})
    with time_machine.travel("2026-03-02 10:01 +01:00", tick=False):
        assert client.post(RESET, {"email": "agent@example.test"}).status_code == 302


def test_one_client_address_cannot_ask_for_many_accounts(client, agent):
    for n in range(5):
        client.post(RESET, {"email": f"someone{n}@example.test"})
    assert client.post(RESET, {"email": "agent@example.test"}).status_code == 429
    assert (
        client.post(RESET, {"email": "agent@example.test"}, REMOTE_ADDR="198.51.100.1").status_code
        == 302
    )


def test_unknown_addresses_count_too_so_the_answer_reveals_no_accounts(client, db):
    for _ in range(3):
        assert client.post(RESET, {"email": "nobody@example.test"}).status_code == 302
    assert client.post(RESET, {"email": "nobody@example.test"}).status_code == 429


def test_only_hashes_are_stored(client, agent):
    client.post(RESET, {"email": "agent@example.test"})
    keys = list(RateLimitHit.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert all("agent" not in key and "127.0.0.1" not in key for key in keys)


def test_the_german_page_explains_the_refusal(client, agent):
    client.cookies["django_language"] = "de"
    for _ in range(3):
        client.post(RESET, {"email": "agent@example.test"})
    response = client.post(RESET, {"email": "agent@example.test"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()
