"""Agents matched by e-mail, by an identifier linked once, or by a unique name; never guessed."""

import io
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from kpis import services
from kpis.matching import AgentMatcher
from kpis.models import AgentIdentifier, KpiImport, KpiRecord
from tests.factories import make_agent

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parent / "files" / "presets"


@pytest.fixture(autouse=True)
def frozen(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel("2026-06-20 12:00 +02:00", tick=False):
        yield


@pytest.mark.parametrize(
    "identifier,name",
    [
        ("agent@example.test", ""),
        ("AGENT@example.test", ""),
        ("", "Agent, Jonas"),
        ("", "Jonas Agent"),
        ("", "jonas agent"),
        ("", "Jónas Agént"),
        ("jagent", "Agent, Jonas"),
    ],
)
def test_an_agent_is_found_by_email_or_by_full_name_in_either_order(cast, identifier, name):
    assert AgentMatcher(None).match(identifier, name).agent_id == cast["agent"].pk


def test_a_name_two_agents_share_is_never_guessed(cast, team):
    make_agent(team, email="anna1@example.test", first_name="Anna", last_name="Kowalski")
    make_agent(team, email="anna2@example.test", first_name="Anna", last_name="Kowalski")
    match = AgentMatcher(None).match("", "Kowalski, Anna")
    assert (
        match.agent_id is None
        and match.unmatched == "Kowalski, Anna"
        and "several agents" in match.problem
    )


def test_two_rules_pointing_at_two_people_is_an_error(cast):
    match = AgentMatcher(None).match("agent@example.test", "Clara Colleague")
    assert match.agent_id is None and "two people" in match.problem


def test_a_linked_identifier_is_used_for_its_source_only(cast):
    source, other = services.source_for("Connect"), services.source_for("Other")
    AgentIdentifier.objects.create(source=source, identifier="jdoe", agent=cast["colleague"])
    assert AgentMatcher(source).match("JDoe", "Doe, Jane").agent_id == cast["colleague"].pk
    assert AgentMatcher(other).match("jdoe", "Doe, Jane").agent_id is None


def _connect_file_with_an_unknown_agent() -> bytes:
    content = (FILES / "amazon_connect.csv").read_text()
    return (
        content
        + '"jdoe","Doe, Jane","2026-06-02T00:00:00.000+02:00","2026-06-03T00:00:00.000+02:00",'
        '"Hotline","7","300.00","-"\n"jdoe","Doe, Jane","2026-06-03T00:00:00.000+02:00",'
        '"2026-06-04T00:00:00.000+02:00","Hotline","3","400.00","-"\n'
    ).encode()


def test_an_unmatched_agent_is_listed_once_linked_in_the_preview_and_matched_next_time(
    cast, login, django_capture_on_commit_callbacks
):
    client = login(cast["hr"])
    client.post(
        "/kpis/imports/",
        {
            "source": "Connect",
            "file": SimpleUploadedFile("w23.csv", _connect_file_with_an_unknown_agent()),
        },
    )
    kpi_import = KpiImport.objects.get()
    mapping = {
        "agent": "Agent",
        "agent_name": "Agent Name",
        "period_start": "StartInterval",
        "contacts": "Contacts handled",
        "aht_seconds": "Average handle time",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            kpi_import.get_absolute_url(),
            {**mapping, "preset": "amazon_connect", "file_channel": "phone", "check": "1"},
        )
    kpi_import.refresh_from_db()
    assert kpi_import.status == "failed" and kpi_import.result["unmatched"] == [
        ["jdoe", 2]
    ]  # listed once
    page = client.get(kpi_import.get_absolute_url())
    assert page.context["link_form"].identifiers == ["jdoe"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/kpis/imports/{kpi_import.pk}/link/",
            {"agent_0": "Olga Other <other.agent@example.test>"},
        )
    kpi_import.refresh_from_db()
    assert kpi_import.status == "checked" and kpi_import.error_count == 0
    assert AgentIdentifier.objects.get().agent == cast["other_agent"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kpis/imports/{kpi_import.pk}/import/")
    assert KpiRecord.objects.get(agent=cast["other_agent"]).contacts == 10
    report = services.import_file(
        io.BytesIO(_connect_file_with_an_unknown_agent()),
        "w24.csv",
        source=services.source_for("Connect"),
        channel="phone",
        write=False,
    )
    assert report.unmatched == {} and report.error_count == 0  # remembered for the next file


def test_linking_to_someone_who_is_not_an_agent_is_refused(cast, login):
    client = login(cast["hr"])
    client.post(
        "/kpis/imports/",
        {
            "source": "Connect",
            "file": SimpleUploadedFile("w23.csv", _connect_file_with_an_unknown_agent()),
        },
    )
    kpi_import = KpiImport.objects.get()
    response = client.post(
        f"/kpis/imports/{kpi_import.pk}/link/", {"agent_0": "hr@example.test"}, follow=True
    )
    assert "No agent with this e-mail address" in response.content.decode()
    assert not AgentIdentifier.objects.exists()
