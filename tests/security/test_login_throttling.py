"""Login lockout per lower-cased e-mail and client address, behind a configured trusted proxy."""

import pytest
from axes.models import AccessAttempt

LOGIN = "/accounts/login/"


def fail(client, email, **extra):
    return client.post(LOGIN, {"username": email, "password": "wrong"}, **extra)


def sign_in(client, email, **extra):
    return client.post(LOGIN, {"username": email, "password": "password"}, **extra)


@pytest.fixture
def user(agent):
    agent.set_password("password")
    agent.save()
    return agent


def test_the_lockout_counts_an_address_in_any_letter_case_as_one(client, user):
    for email in [
        "Agent@Example.test",
        "agent@example.test",
        "AGENT@example.TEST",
        "agent@EXAMPLE.test",
        "aGent@example.test",
    ]:
        fail(client, email)
    response = sign_in(client, "agent@example.test")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"agent@example.test"}


def test_without_a_configured_proxy_a_forwarded_header_is_ignored(client, user):
    for n in range(5):
        fail(client, "agent@example.test", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    # Spoofing a new address per attempt does not escape the lockout.
    assert (
        sign_in(client, "agent@example.test", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code
        == 429
    )


def test_behind_a_trusted_proxy_each_client_is_counted_by_its_own_address(
    client, user, colleague, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(5):
        fail(client, "agent@example.test", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert (
        sign_in(
            client, "agent@example.test", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy
        ).status_code
        == 429
    )
    # Another person behind the same proxy signs in as usual.
    colleague.set_password("password")
    colleague.save()
    response = sign_in(
        client, "colleague@example.test", HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy
    )
    assert response.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


def test_one_address_trying_many_accounts_is_locked(client, user, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 6
    for n in range(6):
        fail(client, f"someone{n}@example.test")
    assert sign_in(client, "agent@example.test").status_code == 429


def test_one_account_tried_from_many_addresses_is_locked(client, user, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_EMAIL = 8
    for n in range(8):
        fail(client, "agent@example.test", REMOTE_ADDR=f"198.51.100.{n}")
    assert sign_in(client, "agent@example.test", REMOTE_ADDR="198.51.100.200").status_code == 429


def test_a_few_typos_do_not_lock_anyone(client, user):
    for _ in range(4):
        fail(client, "agent@example.test")
    assert sign_in(client, "agent@example.test").status_code == 302


def test_a_listed_proxy_is_believed_and_anyone_else_is_not(client, user, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    fail(
        client,
        "agent@example.test",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7",
    )
    fail(client, "agent@example.test", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "203.0.113.7",
        "192.0.2.9",
    }


def test_two_proxies_in_a_row_skip_the_inner_proxy_entry(client, user, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    fail(
        client,
        "agent@example.test",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7, 10.0.0.9",
    )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
