import json

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessEvent
from feedback.models import UpwardFeedback
from kpis.models import KpiRecord
from privacy import personal_data
from tests.feedback.factories import NoteFactory
from training.models import CalendarFeed

from ..pdf import pdf_text

pytestmark = pytest.mark.django_db


def _download_json(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response.get("Cache-Control", "") or response.get("Expires")
    return json.loads(response.content)


def _all_values(document) -> str:
    return json.dumps(document, ensure_ascii=False)


def _records(document, model):
    return next((c["records"] for c in document["categories"] if c["model"] == model), [])


def test_every_relation_to_a_person_is_exported_or_excluded_with_a_reason():
    covered = {
        (s.model, s.path.split("__")[0]) for s in personal_data.SOURCES if "__" not in s.path
    }
    covered |= {(s.model, "pk") for s in personal_data.SOURCES if s.path == "pk"}
    excluded = {tuple(key.rsplit(".", 1)) for key in personal_data.NOT_EXPORTED}
    missing = [
        f"{model}.{field}"
        for model, field in personal_data.relations_to_people()
        if (model, field) not in covered and (model, field) not in excluded
    ]
    assert missing == [], (
        f"Add these relations to privacy.personal_data.SOURCES or NOT_EXPORTED: {missing}"
    )


def test_every_exported_source_points_at_a_real_relation():
    from django.apps import apps

    for source in personal_data.sources_available():
        model = apps.get_model(source.model)
        model._default_manager.filter(
            **{source.path: 1}
        ).exists()  # raises FieldError for a wrong path


def test_the_copy_holds_full_texts_of_shared_and_unshared_notes_about_the_agent(
    login, lead, agent, colleague
):
    NoteFactory(
        agent=agent,
        author=lead,
        situation="Shared: calm with an angry caller.",
        shared_at=timezone.now(),
    )
    NoteFactory(agent=agent, author=lead, situation="Private: check the hold times.")
    NoteFactory(agent=colleague, author=lead, situation="About the colleague only.")
    document = _download_json(login(agent), reverse("privacy:my_data_json"))
    text = _all_values(document)
    assert "Shared: calm with an angry caller." in text
    assert "Private: check the hold times." in text
    assert "About the colleague only." not in text
    assert document["person"]["email"] == agent.email
    assert len(_records(document, "feedback.CoachingNote")) == 2


def test_the_copy_holds_kpis_memberships_and_profile(login, agent):
    KpiRecord.objects.create(
        agent=agent, period_start=timezone.localdate(), channel="phone", contacts=321
    )
    document = _download_json(login(agent), reverse("privacy:my_data_json"))
    assert _records(document, "kpis.KpiRecord")[0]["fields"]["contacts handled"] == 321
    assert _records(document, "people.TeamMembership")
    assert _records(document, "people.AgentProfile")


def test_secrets_never_leave_in_the_copy(login, agent):
    feed = CalendarFeed.objects.create(user=agent)
    agent.refresh_from_db()
    document = _download_json(login(agent), reverse("privacy:my_data_json"))
    text = _all_values(document)
    assert feed.token not in text
    assert agent.password not in text


def test_upward_feedback_is_in_the_copy_only_where_given_by_name(login, lead, agent):
    UpwardFeedback.objects.create(
        lead=lead, author=agent, clarity=4, support=4, fairness=4, comment="Named words."
    )
    UpwardFeedback.objects.create(
        lead=lead, author=None, clarity=1, support=1, fairness=1, comment="Anonymous words."
    )
    agent_copy = _all_values(_download_json(login(agent), reverse("privacy:my_data_json")))
    lead_copy = _all_values(_download_json(login(lead), reverse("privacy:my_data_json")))
    assert "Named words." in agent_copy and "Anonymous words." not in agent_copy
    assert "Anonymous words." not in lead_copy


def test_the_copy_lists_who_opened_the_records(login, lead, agent):
    login(lead).get(reverse("agent_detail", args=[agent.pk]))
    document = _download_json(login(agent), reverse("privacy:my_data_json"))
    events = _records(document, "audit.AccessEvent")
    assert len(events) == 1 and events[0]["fields"]["by"] == str(lead)


def test_the_pdf_copy_is_readable(login, lead, agent):
    NoteFactory(
        agent=agent, author=lead, situation="Readable in the PDF.", shared_at=timezone.now()
    )
    response = login(agent).get(reverse("privacy:my_data_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Readable in the PDF." in text
    assert agent.email in text


def test_the_my_data_page_counts_what_the_copy_holds(login, lead, agent):
    NoteFactory(agent=agent, author=lead, shared_at=timezone.now())
    response = login(agent).get(reverse("privacy:my_data"))
    assert response.status_code == 200
    kinds = {c["model"]: len(c["records"]) for c in response.context["categories"]}
    assert kinds["feedback.CoachingNote"] == 1


def test_hr_downloads_a_leavers_copy_and_the_download_is_audited(login, hr, lead, agent):
    NoteFactory(agent=agent, author=lead, situation="Before leaving.", shared_at=timezone.now())
    agent.is_active = False
    agent.save()
    document = _download_json(login(hr), reverse("privacy:hr_person_json", args=[agent.pk]))
    assert "Before leaving." in _all_values(document)
    event = AccessEvent.objects.get(kind="export")
    assert (event.actor, event.subject, event.record) == (hr, agent, AccessEvent.Record.DATA_EXPORT)
    assert (
        login(hr).get(reverse("privacy:hr_person_pdf", args=[agent.pk]))["Content-Type"]
        == "application/pdf"
    )


def test_hr_finds_people_by_name(login, hr, agent, colleague):
    response = login(hr).get(reverse("privacy:hr_people"), {"q": "Clara"})
    assert list(response.context["page_obj"]) == [colleague]


def test_a_missing_person_is_404_for_hr(login, hr):
    assert login(hr).get(reverse("privacy:hr_person_json", args=[999999])).status_code == 404


def test_the_pdf_copy_shows_dates_in_the_readers_format_not_iso():
    from django.utils import translation

    from privacy.templatetags.data_copy import readable

    with translation.override("de"):
        assert readable("2025-12-28") == "28.12.2025"
        assert readable("2025-12-28T12:45:00+01:00") == "28.12.2025, 12:45"
    with translation.override("en"):
        assert readable("2025-12-28") == "28 Dec 2025"
    assert readable("Agreed on goals for next month.") == "Agreed on goals for next month."
    assert readable("2026-13-45") == "2026-13-45"
    assert readable(4) == 4
