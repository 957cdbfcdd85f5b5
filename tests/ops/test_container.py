"""The image has what WeasyPrint needs and starts through the tested entrypoint; compose uses both."""

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

pytestmark = pytest.mark.database_independent

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()

# https://doc.courtbouillon.org/weasyprint/stable/first_steps.html — "Debian ≥ 11" installing with pip.
WEASYPRINT_DEBIAN_PACKAGES = {"libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"}


def instructions(keyword):
    joined = re.sub(r"\\\n", " ", DOCKERFILE)
    return [
        line[len(keyword) :].strip()
        for line in joined.splitlines()
        if line.startswith(keyword + " ")
    ]


def apt_packages():
    packages = set()
    for run in instructions("RUN"):
        for command in run.split("&&"):
            words = shlex.split(command)
            if words[:2] == ["apt-get", "install"]:
                packages |= {word for word in words[2:] if not word.startswith("-")}
    return packages


def test_the_image_is_debian_bookworm_like_ci():
    assert instructions("FROM") == ["python:3.11-slim-bookworm"]


def test_the_image_installs_the_packages_weasyprint_documents_and_fonts():
    packages = apt_packages()
    assert packages >= WEASYPRINT_DEBIAN_PACKAGES
    assert any(package.startswith("fonts-") for package in packages), "PDFs need at least one font"
    assert "--no-install-recommends" in DOCKERFILE and "rm -rf /var/lib/apt/lists/*" in DOCKERFILE


def test_the_build_fails_when_weasyprint_cannot_render_a_pdf():
    (build,) = [run for run in instructions("RUN") if "collectstatic" in run]
    assert "weasyprint.HTML(" in build and "write_pdf()" in build and "startswith(b'%PDF')" in build


def test_the_image_starts_through_the_entrypoint_as_an_unprivileged_user():
    assert instructions("ENTRYPOINT") == ['["/app/deploy/entrypoint.sh"]']
    assert os.access(ROOT / "deploy" / "entrypoint.sh", os.X_OK)
    tracked_mode = subprocess.run(
        ["git", "ls-files", "-s", "deploy/entrypoint.sh"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()[:1]
    assert tracked_mode in (["100755"], []), (
        "executable in git, so a fresh clone builds a working image"
    )
    assert instructions("USER") == ["portal"]
    assert "gunicorn" in instructions("CMD")[0]


def test_the_build_context_leaves_out_the_local_environment_and_data():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", "var", ".env"} <= set(ignored)


def compose():
    return YAML(typ="safe").load((ROOT / "docker-compose.yml").read_text())


def test_compose_creates_the_admin_and_migrates_only_in_the_web_container():
    services = compose()["services"]
    web = services["web"]["environment"]
    assert web["MIGRATE_ON_START"] == "true"
    assert {"ADMIN_EMAIL", "ADMIN_PASSWORD", "SEED_DEMO"} <= set(web)
    for name in ("worker", "beat"):
        assert services[name]["environment"]["MIGRATE_ON_START"] == "false"
        assert services[name]["depends_on"] == {"web": {"condition": "service_healthy"}}


def test_compose_shares_uploaded_files_between_its_portal_containers():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        assert "media:/app/var/media" in services[name]["volumes"]
        assert services[name]["environment"]["MEDIA_ROOT"] == "/app/var/media"


def test_gunicorn_forgets_the_metrics_of_a_finished_worker(monkeypatch, tmp_path):
    import runpy
    from types import SimpleNamespace

    from prometheus_client import multiprocess

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["bind"] == "0.0.0.0:8000" and config["workers"] == 4
    dead = []
    monkeypatch.setattr(multiprocess, "mark_process_dead", dead.append)
    config["child_exit"](None, SimpleNamespace(pid=4242))
    assert dead == [4242]


def test_the_entrypoint_empties_the_metrics_folder_at_start(tmp_path):
    import sys

    metrics = tmp_path / "prometheus"
    metrics.mkdir()
    (metrics / "counter_999.db").write_bytes(b"stale figures of a former process")
    env = {
        "PATH": os.environ["PATH"],
        "PYTHON": sys.executable,
        "MIGRATE_ON_START": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics),
    }
    result = subprocess.run(
        ["sh", str(ROOT / "deploy" / "entrypoint.sh"), "ls", "-A", str(metrics)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("Database at")
    assert metrics.is_dir() and list(metrics.iterdir()) == []
