import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from portal.celery import app as celery_app

pytestmark = pytest.mark.database_independent

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "portal.example.com",
            "TRUSTED_PROXY_COUNT": "1",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_embedded_default_needs_no_redis():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CELERY_BROKER_URL)",
        env_overrides={},
    )
    assert result.stdout.strip().splitlines()[-1] == "filesystem://"


def test_redis_url_selects_redis_as_the_broker():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CELERY_BROKER_URL)",
        env_overrides={"REDIS_URL": "redis://127.0.0.1:6379/3"},
    )
    assert result.stdout.strip().splitlines()[-1] == "redis://127.0.0.1:6379/3"


def test_the_cache_is_per_process_unless_cache_url_names_a_redis():
    show = "from django.conf import settings; print(settings.CACHES['default'])"
    default = run_manage("shell", "-c", show, env_overrides={}).stdout.strip().splitlines()[-1]
    shared = run_manage(
        "shell", "-c", show, env_overrides={"CACHE_URL": "redis://127.0.0.1:6379/2"}
    )
    assert "locmem.LocMemCache" in default
    assert (
        "redis.RedisCache" in shared.stdout
        and "'LOCATION': 'redis://127.0.0.1:6379/2'" in shared.stdout
    )


def test_a_cache_url_that_is_not_redis_stops_the_start_with_a_sentence():
    result = run_manage("check", env_overrides={"CACHE_URL": "memcache://127.0.0.1:11211"})
    assert result.returncode != 0
    assert "CACHE_URL must be a Redis URL" in result.stderr


def test_celery_is_configured_from_django_settings():
    assert celery_app.main == "portal"
    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.timezone == "Europe/Berlin"


def test_docker_compose_validates_against_the_compose_specification():
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.compose-spec", str(ROOT / "docker-compose.yml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_docker_compose_defines_the_production_like_stack():
    from ruamel.yaml import YAML

    services = YAML(typ="safe").load((ROOT / "docker-compose.yml").read_text())["services"]
    assert {"web", "worker", "beat", "db", "redis", "mail"} <= set(services)
    assert "gunicorn" in str(services["web"]["command"])
    assert "beat" in str(services["beat"]["command"])
