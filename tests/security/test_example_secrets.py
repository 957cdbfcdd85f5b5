"""The secrets the repository ships as examples are refused with DEBUG off, like the development key."""

import secrets
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from portal.example_secrets import SECRET_VARIABLES, example_secrets_in

from .test_secret_key import run_check

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = YAML(typ="safe").load((ROOT / "deploy" / "k8s" / "secret.example.yaml").read_text())
SHIPPED = {name: value for name, value in EXAMPLE["stringData"].items() if value}
REAL_KEY = secrets.token_urlsafe(50)


@pytest.mark.parametrize("name", sorted(set(SHIPPED) - {"ADMIN_EMAIL"}))
def test_every_secret_of_the_example_file_is_recognised_as_an_example(name):
    assert name in SECRET_VARIABLES
    assert example_secrets_in({name: SHIPPED[name]}) == [name]


def test_a_portal_configured_with_the_example_file_refuses_to_start():
    result = run_check(
        DEBUG="false", ALLOWED_HOSTS="portal.example.com", **{**SHIPPED, "SENTRY_DSN": ""}
    )
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert "still hold the repository's example value 'change-me'" in message
    assert "SECRET_KEY" in message and "ADMIN_PASSWORD" in message and "METRICS_TOKEN" in message


def test_one_example_secret_among_real_ones_is_enough_to_refuse():
    result = run_check(
        DEBUG="false",
        ALLOWED_HOSTS="portal.example.com",
        SECRET_KEY=REAL_KEY,
        EMAIL_URL=SHIPPED["EMAIL_URL"],
    )
    assert result.returncode != 0
    assert result.stderr.strip().endswith(
        "(deploy/k8s/secret.example.yaml): EMAIL_URL. Set real ones."
    )


def test_real_secrets_start_and_development_keeps_its_defaults():
    real = run_check(
        DEBUG="false",
        ALLOWED_HOSTS="portal.example.com",
        SECRET_KEY=REAL_KEY,
        METRICS_TOKEN="a-real-token-3f9c",
    )
    assert real.returncode == 0, real.stderr
    assert run_check(DEBUG="true", METRICS_TOKEN="change-me").returncode == 0
