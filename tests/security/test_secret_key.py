"""With DEBUG off the portal refuses to start on a missing or public SECRET_KEY."""

import os
import subprocess
import sys
from pathlib import Path

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
        SECRET_KEY="k" * 10 + "x7!kq2#a-real-random-looking-key-9f3a8c1d5e0b",
        ALLOWED_HOSTS="portal.example.com",
    )
    assert result.returncode == 0, result.stderr


def test_the_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text("x7!kq2#a-real-random-looking-key-from-a-file-9f3a8c1d5e0b\n")
    result = run_check(
        DEBUG="false", SECRET_KEY_FILE=str(key_file), ALLOWED_HOSTS="portal.example.com"
    )
    assert result.returncode == 0, result.stderr


def test_development_runs_without_a_key():
    assert run_check(DEBUG="true").returncode == 0
