"""The version of pyproject.toml is what `manage.py version`, `/healthz` and the admins' footer say."""

import io
import tomllib
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.version import VERSION, read_version

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_the_version_is_the_one_in_pyproject():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["project"]["version"] == VERSION
    assert read_version(ROOT / "pyproject.toml") == VERSION


def test_manage_py_version_prints_it():
    out = io.StringIO()
    call_command("version", stdout=out)
    assert out.getvalue() == f"{VERSION}\n"


def test_healthz_names_the_version(client):
    assert client.get(reverse("healthz")).json()["version"] == VERSION


def test_the_footer_shows_the_version_to_administrators_in_their_language(login, admin_user):
    admin_user.preferred_language = "de"
    admin_user.save()
    page = login(admin_user).get(reverse("hr_overview")).content.decode()
    assert f"Version {VERSION}" in page


@pytest.mark.parametrize("role", ["agent", "lead", "hr"])
def test_the_footer_shows_no_version_to_anyone_else(login, cast, role):
    home = login(cast[role]).get(reverse("home"), follow=True)
    assert home.status_code == 200
    assert f"Version {VERSION}" not in home.content.decode()


def test_the_sign_in_page_shows_no_version(client):
    assert f"Version {VERSION}" not in client.get(reverse("login")).content.decode()
