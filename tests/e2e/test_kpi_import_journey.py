"""HR imports an Amazon Connect export with an agent the portal does not know yet, in German and English."""

from pathlib import Path

import pytest
import time_machine
from django.utils import translation
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from kpis.models import AgentIdentifier, KpiRecord
from people.models import Role
from tests.factories import TeamFactory, UserFactory, make_agent

pytestmark = pytest.mark.e2e
FILES = Path(__file__).parent.parent / "kpis" / "files" / "presets"


def connect_file_with_an_unknown_agent(tmp_path) -> Path:
    content = (FILES / "amazon_connect.csv").read_text() + (
        '"jdoe","Doe, Jane","2026-06-02T00:00:00.000+02:00","2026-06-03T00:00:00.000+02:00","Hotline","7","300.00","-"\n'
    )
    path = tmp_path / "connect-week-23.csv"
    path.write_text(content)
    return path


@pytest.mark.parametrize("language", ["de", "en"])
def test_hr_links_an_unknown_agent_in_the_preview_and_imports(
    transactional_db, sign_in, live_server, page, tmp_path, language, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    traveller = time_machine.travel("2026-06-20 12:00 +02:00", tick=True)
    traveller.start()
    try:
        _journey(sign_in, live_server, page, tmp_path, language)
    finally:
        traveller.stop()


def _journey(sign_in, live_server, page, tmp_path, language):
    team = TeamFactory(name="Hotline")
    make_agent(team, email="agent@example.test", first_name="Jonas", last_name="Agent")
    make_agent(team, email="colleague@example.test", first_name="Clara", last_name="Colleague")
    make_agent(team, email="jane.doe@example.test", first_name="Janina", last_name="Doerfler")
    UserFactory(role=Role.HR, email="hr@example.test")
    sign_in("hr@example.test", password="secret-pass-123", language=language)
    with translation.override(language):
        t = {
            text: _(text)
            for text in (
                "Source system",
                "File (CSV or XLSX)",
                "Upload and check",
                "Channel for the whole file",
                "Phone",
                "Update preview",
                "Import",
                "Link agents",
                "Agents not recognised",
                "Imported",
            )
        }
        unknown = _("unknown: %(agent)s") % {"agent": "jdoe"}
    page.goto(f"{live_server.url}/kpis/imports/")
    page.get_by_label(t["Source system"]).fill("Amazon Connect")
    page.get_by_label(t["File (CSV or XLSX)"]).set_input_files(
        str(connect_file_with_an_unknown_agent(tmp_path))
    )
    page.get_by_role("button", name=t["Upload and check"]).click()

    expect(page.locator(".alert-info strong")).to_contain_text(
        "Amazon Connect"
    )  # recognised, for confirmation
    page.get_by_label(t["Channel for the whole file"]).select_option(label=t["Phone"])
    page.get_by_role("button", name=t["Update preview"]).click()
    preview = page.locator("table").first
    expect(preview).to_contain_text("Jonas Agent")  # the agent is shown in the preview
    expect(preview).to_contain_text(unknown)
    expect(
        page.get_by_role("button", name=t["Import"], exact=True)
    ).to_be_disabled()  # errors: no import

    expect(page.get_by_role("heading", name=t["Agents not recognised"])).to_be_visible()
    page.get_by_label("jdoe").fill("Janina Doerfler <jane.doe@example.test>")
    page.get_by_role("button", name=t["Link agents"]).click()
    expect(page.locator("table").first).to_contain_text("Janina Doerfler")
    import_button = page.get_by_role("button", name=t["Import"], exact=True)
    expect(import_button).to_be_enabled()
    import_button.click()
    expect(page.locator(".alert-success")).to_contain_text(t["Imported"])

    assert AgentIdentifier.objects.get().identifier == "jdoe"
    assert KpiRecord.objects.get(agent__email="jane.doe@example.test").contacts == 7
    assert KpiRecord.objects.count() == 3
