"""The central lists a new app plugs into, as CONTRIBUTING.md's checklist names them: an app that
forgets one fails here (the other places have guards of their own, which CONTRIBUTING.md names too)."""

import re
import tomllib
from pathlib import Path

from django.conf import settings

from portal import sections
from portal.management.commands.seed_demo import DEMO_APPS

from .core.test_layering import our_apps

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text()


def test_every_app_with_sections_is_gathered_by_the_shared_pages():
    with_sections = {
        f"{app}.sections" for app in our_apps() if (ROOT / app / "sections.py").is_file()
    }
    assert with_sections - {"portal.sections"} - set(sections.SECTION_MODULES) == set(), (
        "add the app's sections module to portal.sections.SECTION_MODULES"
    )


def test_every_app_with_reminders_is_asked_by_the_sweep():
    providers = {
        f"{app}.reminders.due_reminders"
        for app in our_apps()
        if "def due_reminders" in _text(ROOT / app / "reminders.py")
    }
    assert providers - set(settings.REMINDER_PROVIDERS) == set(), (
        "add the app's due_reminders to REMINDER_PROVIDERS in portal/settings.py"
    )


def test_every_app_with_demo_data_is_seeded_by_the_demo():
    with_demo = {app for app in our_apps() if (ROOT / app / "demo.py").is_file()}
    assert with_demo - {"people"} - set(DEMO_APPS) == set(), (
        "add the app to DEMO_APPS in portal/management/commands/seed_demo.py"
    )


def test_every_app_is_first_party_to_the_import_sorter():
    first_party = set(PYPROJECT["tool"]["ruff"]["lint"]["isort"]["known-first-party"])
    assert set(our_apps()) - first_party == set(), (
        "add the app to known-first-party under [tool.ruff.lint.isort] in pyproject.toml"
    )


def test_the_checklist_names_guard_tests_that_exist():
    named = re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", CONTRIBUTING)
    assert len(named) >= 8, "CONTRIBUTING.md's checklist names its guard tests"
    missing = [
        f"{path}::{test}"
        for path, test in named
        if not re.search(rf"^def {test}\(", _text(ROOT / path), re.MULTILINE)
    ]
    assert missing == [], "CONTRIBUTING.md names guard tests that do not exist"


def test_the_checklist_names_every_guard_of_this_file():
    guards = re.findall(r"^def (test_every_\w+)\(", Path(__file__).read_text(), re.MULTILINE)
    assert [
        guard for guard in guards if f"tests/test_new_app_checklist.py::{guard}" not in CONTRIBUTING
    ] == []


def _text(path: Path) -> str:
    return path.read_text() if path.is_file() else ""
