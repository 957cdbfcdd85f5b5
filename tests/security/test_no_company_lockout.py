"""One client address must never stand for the whole company: limits per address apply only where
the address is trustworthy, and a portal behind a proxy it cannot see refuses to start."""

import secrets

import pytest
from axes.models import AccessAttempt

from security import throttling
from security.models import RateLimitHit

from .test_secret_key import run_check

LOGIN = "/accounts/login/"
RESET = "/accounts/password_reset/"
INGRESS = {"REMOTE_ADDR": "10.0.0.2"}
KEY = secrets.token_urlsafe(50)

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(agent):
    agent.set_password("password")
    agent.save()
    return agent


def spray(client, times, **extra):
    for n in range(times):
        client.post(LOGIN, {"username": f"made-up-{n}@example.test", "password": "x"}, **extra)


def test_thirty_failures_for_made_up_addresses_do_not_lock_out_a_real_user_behind_the_proxy(
    client, user, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    spray(client, 30, HTTP_X_FORWARDED_FOR="203.0.113.66", **INGRESS)
    attacker = client.post(
        LOGIN,
        {"username": "agent@example.test", "password": "password"},
        HTTP_X_FORWARDED_FOR="203.0.113.66",
        **INGRESS,
    )
    assert attacker.status_code == 429  # the sprayer's own address is locked
    response = client.post(
        LOGIN,
        {"username": "agent@example.test", "password": "password"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **INGRESS,
    )
    assert response.status_code == 302


def test_behind_a_proxy_the_portal_was_not_told_about_nobody_is_locked_by_address(
    client, user, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    spray(client, 30, HTTP_X_FORWARDED_FOR="203.0.113.66", **INGRESS)
    response = client.post(
        LOGIN,
        {"username": "agent@example.test", "password": "password"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **INGRESS,
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(ip_address="10.0.0.2").exists()


def test_behind_an_unseen_proxy_the_per_email_lock_stays(client, user, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_EMAIL = 8
    for n in range(8):
        client.post(
            LOGIN,
            {"username": "agent@example.test", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
            **INGRESS,
        )
    response = client.post(
        LOGIN,
        {"username": "agent@example.test", "password": "password"},
        HTTP_X_FORWARDED_FOR="198.51.100.99",
        **INGRESS,
    )
    assert response.status_code == 429


def test_without_a_trustworthy_address_password_resets_are_not_one_quota_for_everybody(
    client, db, settings
):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 5
    for n in range(12):
        response = client.post(
            RESET,
            {"email": f"person{n}@example.test"},
            **INGRESS,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
        assert response.status_code == 302
    assert RateLimitHit.objects.count() == 12  # e-mails only
    for _ in range(3):
        client.post(
            RESET, {"email": "person0@example.test"}, HTTP_X_FORWARDED_FOR="1.2.3.4", **INGRESS
        )
    assert (
        client.post(
            RESET, {"email": "person0@example.test"}, HTTP_X_FORWARDED_FOR="1.2.3.4", **INGRESS
        ).status_code
        == 429
    )


def test_a_proxy_header_too_short_for_the_configured_proxies_gives_no_address(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", **INGRESS)
    assert throttling.client_address(request) is None
    assert throttling.client_address(rf.get("/", **INGRESS)) is None


def test_debug_off_without_the_proxy_configuration_refuses_to_start():
    result = run_check(
        DEBUG="false", SECRET_KEY=KEY, ALLOWED_HOSTS="portal.example.com", TRUSTED_PROXY_COUNT=None
    )
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT" in result.stderr
    ok = run_check(
        DEBUG="false", SECRET_KEY=KEY, ALLOWED_HOSTS="portal.example.com", TRUSTED_PROXY_COUNT="1"
    )
    assert ok.returncode == 0, ok.stderr


def test_the_manifests_and_compose_set_the_proxy_configuration():
    from pathlib import Path

    from ruamel.yaml import YAML

    root = Path(__file__).resolve().parents[2]
    configmap = YAML(typ="safe").load((root / "deploy/k8s/base/configmap.yaml").read_text())
    assert configmap["data"]["TRUSTED_PROXY_COUNT"] == "1"
    compose = YAML(typ="safe").load((root / "docker-compose.yml").read_text())
    assert "TRUSTED_PROXY_COUNT" in compose["services"]["web"]["environment"]
