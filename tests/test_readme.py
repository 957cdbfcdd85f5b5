"""The README stays true to its promises: the two commands first, the licence named, a table of
contents that lists every section, and the demo's reminder figures as the code sends them."""

import io
import re
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def section(heading: str) -> str:
    start = README.index(f"\n## {heading}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def slug(heading: str) -> str:
    """The anchor GitHub makes of a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def test_the_readme_opens_with_what_the_portal_is_and_the_two_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert first_block and first_block.group(1).startswith("make run")
    assert "\nmake test" in first_block.group(1)
    before = README[: first_block.start()]
    assert "team development portal" in before
    assert "![" not in before and "<img" not in before, "screenshots go below the commands"
    assert "\n## " not in before, "nothing else comes first"


def test_the_readme_names_the_licence_and_the_licence_is_there():
    opening = README[: README.index("\n## ")]
    assert "[Apache License 2.0](LICENSE)" in opening
    assert (ROOT / "LICENSE").read_text().lstrip().startswith("Apache License\n")


def test_the_table_of_contents_lists_every_section_and_only_those():
    headings = re.findall(r"^#{2,3} (.+)$", README, re.MULTILINE)
    anchors = {slug(heading) for heading in headings}
    contents = section("Contents")
    linked = set(re.findall(r"\]\(#([^)]+)\)", contents))
    sections = {slug(heading) for heading in re.findall(r"^## (.+)$", README, re.MULTILINE)}
    assert sections - {"contents"} - linked == set(), "add the section to the Contents"
    assert linked - anchors == set(), "the Contents link to headings that do not exist"


@pytest.mark.django_db
def test_the_demo_sends_the_reminders_the_readme_shows(settings):
    shown = re.search(
        r"seeded on (\d\d)\.(\d\d)\.(\d{4})\s+at\s+(\d\d:\d\d).*?```text\n(.*?)```",
        README,
        re.DOTALL,
    )
    assert shown, "the README shows a sweep of the demo with the date it was seeded"
    day, month, year, time, output = shown.groups()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    printed = io.StringIO()
    with time_machine.travel(f"{year}-{month}-{day} {time} +01:00", tick=False):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("send_reminders", stdout=printed)
    assert printed.getvalue().strip() == output.strip()


def test_the_readme_gives_the_version_of_pyproject():
    from portal.version import VERSION

    mentioned = re.findall(r"Version (\d+\.\d+\.\d+)|\"version\": \"(\d+\.\d+\.\d+)\"", README)
    assert mentioned and {a or b for a, b in mentioned} == {VERSION}
