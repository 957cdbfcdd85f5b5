"""With DEBUG off the portal refuses to start on a missing or public SECRET_KEY."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from portal.example_secrets import weak_secret_key

pytestmark = pytest.mark.database_independent

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "DATABASE_URL", "REDIS_URL"}
    }
    env["TRUSTED_PROXY_COUNT"] = "1"  # the proxy configuration production demands (None drops it)
    env.update(env_overrides)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_off_without_a_secret_key_refuses_to_start():
    result = run_check(DEBUG="false", ALLOWED_HOSTS="portal.example.com")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_debug_off_with_the_public_development_key_refuses_to_start():
    result = run_check(DEBUG="false", SECRET_KEY="django-insecure-development-only-change-me")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_debug_off_with_a_real_key_starts():
    result = run_check(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.example.com",
    )
    assert result.returncode == 0, result.stderr


def test_the_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(secrets.token_urlsafe(50) + "\n")
    result = run_check(
        DEBUG="false", SECRET_KEY_FILE=str(key_file), ALLOWED_HOSTS="portal.example.com"
    )
    assert result.returncode == 0, result.stderr


def test_development_runs_without_a_key():
    assert run_check(DEBUG="true").returncode == 0


@pytest.mark.parametrize(
    "key,reason",
    [
        ("Xy7#" * 5, "shorter than 50"),
        ("a" * 60, "fewer than 12 different"),
        ("abcdefghijklmnopqrstuvwxyz" * 3, "not random enough"),
        ("0123456789abcdef" * 4, "not random enough"),
    ],
    ids=["short", "one-letter", "alphabet", "hex-pattern"],
)
def test_debug_off_with_a_short_or_low_entropy_key_refuses_to_start(key, reason):
    result = run_check(DEBUG="false", SECRET_KEY=key, ALLOWED_HOSTS="portal.example.com")
    assert result.returncode != 0
    assert "SECRET_KEY is no production key" in result.stderr and reason in result.stderr


def test_every_example_key_the_repository_ships_is_refused():
    """Any SECRET_KEY written down in the repository (manifests, README, Makefile, scripts, tests)
    is refused in production; the tests make random keys when they need a good one."""
    pattern = re.compile(r"SECRET_KEY[\"']?\s*[:=]\s*[\"']([^\"'$`{]+)[\"']")
    found = {}
    for path in ROOT.rglob("*"):
        if (
            not path.is_file()
            or {".venv", ".git", "node_modules", "var"} & set(path.relative_to(ROOT).parts)
            or path.suffix not in {".py", ".yml", ".yaml", ".md", ".sh", ".toml", ".cfg", ""}
        ):
            continue
        for value in pattern.findall(path.read_text(errors="ignore")):
            found[value] = path.relative_to(ROOT)
    assert "change-me-to-50-random-characters" in found  # the scan sees the example manifest
    accepted = {value: path for value, path in found.items() if weak_secret_key(value) is None}
    assert accepted == {}


def test_a_random_key_is_accepted():
    assert weak_secret_key(secrets.token_urlsafe(50)) is None
    assert weak_secret_key(secrets.token_hex(32)) is None
