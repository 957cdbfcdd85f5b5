import json

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessEvent
from feedback.models import UpwardFeedback
from kpis.models import KpiRecord
from privacy import personal_data
from privacy.models import DataRequest
from tests.feedback.factories import NoteFactory
from training.models import CalendarFeed

from ..pdf import pdf_text

pytestmark = pytest.mark.django_db


def _download_json(client, url="own copy"):
    """The user's own copy, as they get it: asked for on their data page, produced in the background
    (run here at once), downloaded from their page."""
    if url == "own copy":
        url = reverse("privacy:my_copy_json", args=[_ask_for_a_copy(client)])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response.get("Cache-Control", "") or response.get("Expires")
    return json.loads(response.content)


def _ask_for_a_copy(client) -> int:
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("privacy:my_data"))
    assert response.status_code == 302
    return DataRequest.objects.order_by("-pk").values_list("pk", flat=True).first()


def _all_values(document) -> str:
    return json.dumps(document, ensure_ascii=False)


def _records(document, model):
    return next((c["records"] for c in document["categories"] if c["model"] == model), [])


def test_every_relation_to_a_person_is_exported_or_excluded_with_a_reason():
    sources = personal_data.all_sources()
    covered = {(s.model, s.path.split("__")[0]) for s in sources if "__" not in s.path}
    covered |= {(s.model, "pk") for s in sources if s.path == "pk"}
    excluded = {tuple(key.rsplit(".", 1)) for key in personal_data.not_exported()}
    missing = [
        f"{model}.{field}"
        for model, field in personal_data.relations_to_people()
        if (model, field) not in covered and (model, field) not in excluded
    ]
    assert missing == [], (
        "Add these relations to SOURCES in the app's personal_data.py, or to its NOT_EXPORTED with "
        f"the reason: {missing}"
    )


def _our_apps() -> dict:
    from django.apps import apps
    from django.conf import settings

    base = str(settings.BASE_DIR)
    return {
        config.label: config
        for config in apps.get_app_configs()
        if config.path.startswith(base) and "/.venv/" not in config.path
    }


def test_every_app_with_personal_data_is_gathered():
    """An app whose models refer to a person declares them in its own `personal_data.py`, listed in
    `settings.PERSONAL_DATA_MODULES` (privacy only gathers)."""
    from django.conf import settings

    ours = _our_apps()
    with_personal_data = {
        model.split(".")[0] for model, _field in personal_data.relations_to_people()
    } & set(ours)
    with_personal_data.discard("privacy")  # the gatherer: its own sources are in its module
    not_gathered = sorted(
        ours[label].name
        for label in with_personal_data
        if f"{ours[label].name}.personal_data" not in settings.PERSONAL_DATA_MODULES
    )
    assert not_gathered == [], (
        "Give these apps a personal_data.py (SOURCES, and NOT_EXPORTED, RETENTION, REGISTER where they "
        f"apply) and list it in PERSONAL_DATA_MODULES: {not_gathered}"
    )


def test_each_app_declares_only_its_own_models_and_an_entry_in_the_register():
    from privacy import register

    entries = personal_data.register_entries()
    for module in personal_data.modules():
        label = module.__name__.rsplit(".", 1)[0]
        assert {s.model.split(".")[0] for s in module.SOURCES} <= {label}, module.__name__
        assert label in entries, f"{module.__name__} has no REGISTER entry"
    assert {a.app_label for a in register.activities()} >= {
        m.__name__.rsplit(".", 1)[0] for m in personal_data.modules()
    }


def test_privacy_imports_no_app_to_know_its_personal_data():
    """privacy/ gathers; the apps' models and rules are named nowhere in its retention or register."""
    from pathlib import Path

    from django.conf import settings

    apps_of_ours = set(_our_apps()) - {"privacy", "core", "people", "portal"}
    for name in ("retention.py", "register.py", "personal_data.py"):
        text = (Path(settings.BASE_DIR) / "privacy" / name).read_text()
        imported = {
            line.split()[1].split(".")[0]
            for line in text.splitlines()
            if line.strip().startswith(("from ", "import "))
        }
        assert imported & apps_of_ours == set(), (name, imported & apps_of_ours)


def test_every_exported_source_points_at_a_real_relation():
    from django.apps import apps

    for source in personal_data.sources_available():
        model = apps.get_model(source.model)
        model._default_manager.filter(
            **{source.path: 1}
        ).exists()  # raises FieldError for a wrong path


def test_the_agents_copy_holds_shared_notes_about_them_and_never_the_leads_private_notes(
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
    document = _download_json(login(agent))
    text = _all_values(document)
    assert "Shared: calm with an angry caller." in text
    assert "Private: check the hold times." not in text
    assert "About the colleague only." not in text
    assert document["person"]["email"] == agent.email
    assert len(_records(document, "feedback.CoachingNote")) == 1


def test_the_agents_copy_of_a_review_in_preparation_holds_their_own_part_never_the_draft(
    login, lead, agent
):
    from people.periods import Quarter
    from reviews import services as review_services

    draft = review_services.review_start(reviewer=lead, agent=agent, quarter=Quarter.current())
    review_services.review_update(
        review=draft, by=lead, summary="Draft: not yet sure.", strengths="Draft strengths", areas=[]
    )
    review_services.review_request_self_assessment(review=draft, by=lead)
    review_services.review_self_assess(review=draft, by=agent, text="My own view of Q.")
    document = _download_json(login(agent))
    text = _all_values(document)
    assert "My own view of Q." in text
    assert "Draft: not yet sure." not in text and "Draft strengths" not in text
    assert len(_records(document, "reviews.Review")) == 1
    lead_copy = _all_values(_download_json(login(lead)))
    assert "Draft: not yet sure." in lead_copy


def test_a_copy_holds_what_its_author_wrote_only_as_far_as_the_policy_lets_them_see_it(
    login, lead, agent, monkeypatch
):
    """The copy asks the rulebook: when the policy hides a note from its author, so does the copy."""
    from people import access

    NoteFactory(agent=agent, author=lead, situation="Written by the lead.")
    assert "Written by the lead." in _all_values(_download_json(login(lead)))
    monkeypatch.setattr(
        access, "private_records_visible_to", lambda user, queryset, **kwargs: queryset.none()
    )
    assert "Written by the lead." not in _all_values(_download_json(login(lead)))


def test_the_copy_holds_kpis_memberships_and_profile(login, agent):
    KpiRecord.objects.create(
        agent=agent, period_start=timezone.localdate(), channel="phone", contacts=321
    )
    document = _download_json(login(agent))
    assert _records(document, "kpis.KpiRecord")[0]["fields"]["contacts handled"] == 321
    assert _records(document, "people.TeamMembership")
    assert _records(document, "people.AgentProfile")


def test_secrets_never_leave_in_the_copy(login, agent):
    feed = CalendarFeed.objects.create(user=agent)
    agent.refresh_from_db()
    document = _download_json(login(agent))
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
    agent_copy = _all_values(_download_json(login(agent)))
    lead_copy = _all_values(_download_json(login(lead)))
    assert "Named words." in agent_copy and "Anonymous words." not in agent_copy
    assert "Anonymous words." not in lead_copy


def test_the_copy_lists_who_opened_the_records(login, lead, agent):
    login(lead).get(reverse("agent_detail", args=[agent.pk]))
    document = _download_json(login(agent))
    events = _records(document, "audit.AccessEvent")
    assert len(events) == 1 and events[0]["fields"]["by"] == str(lead)


def test_the_pdf_copy_is_readable(login, lead, agent):
    NoteFactory(
        agent=agent, author=lead, situation="Readable in the PDF.", shared_at=timezone.now()
    )
    client = login(agent)
    response = client.get(reverse("privacy:my_copy_pdf", args=[_ask_for_a_copy(client)]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Readable in the PDF." in text
    assert agent.email in text


def test_the_my_data_page_counts_what_the_copy_holds(login, lead, agent):
    NoteFactory(agent=agent, author=lead, shared_at=timezone.now())
    response = login(agent).get(reverse("privacy:my_data"))
    assert response.status_code == 200
    kinds = {c["model"]: c["count"] for c in response.context["categories"]}
    assert kinds["feedback.CoachingNote"] == 1


def test_hr_records_a_request_and_the_copy_goes_to_the_person_alone(
    login, client, hr, admin_user, lead, agent, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    NoteFactory(agent=agent, author=lead, situation="Shared words.", shared_at=timezone.now())
    NoteFactory(agent=agent, author=lead, situation="Private words.")
    url = reverse("privacy:hr_person_requests", args=[agent.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = login(hr).post(
            url,
            {
                "received_on": timezone.localdate().isoformat(),
                "channel": "letter",
                "reference": "Letter of 1 Dec",
            },
        )
    assert response.status_code == 302
    request = DataRequest.objects.get()
    assert (request.person, request.recorded_by, request.channel, request.status) == (
        agent,
        hr,
        "letter",
        DataRequest.Status.READY,
    )
    event = AccessEvent.objects.get()
    assert (event.actor, event.subject, event.record, event.kind, event.object_id) == (
        hr,
        agent,
        AccessEvent.Record.DATA_EXPORT,
        AccessEvent.Kind.REQUEST,
        str(request.pk),
    )
    # HR sees the status, never the content; neither HR nor an administrator downloads the copy
    page = login(hr).get(url)
    assert page.status_code == 200
    assert (
        "Shared words." not in page.content.decode() and "Letter of 1 Dec" in page.content.decode()
    )
    for other in (hr, admin_user, lead):
        for name in ("privacy:my_copy_json", "privacy:my_copy_pdf"):
            assert login(other).get(reverse(name, args=[request.pk])).status_code == 404
    # the person is notified and downloads it; the first download is when it was handed over
    assert Notification.objects.filter(recipient=agent, kind="data_copy_ready").exists()
    text = _all_values(
        _download_json(login(agent), reverse("privacy:my_copy_json", args=[request.pk]))
    )
    assert "Shared words." in text and "Private words." not in text
    request.refresh_from_db()
    assert request.downloaded_at is not None


def test_a_request_cannot_be_received_in_the_future(login, hr, agent):
    import datetime

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = login(hr).post(
        reverse("privacy:hr_person_requests", args=[agent.pk]),
        {"received_on": tomorrow.isoformat(), "channel": "email"},
    )
    assert response.status_code == 200
    assert "future" in response.content.decode()
    assert not DataRequest.objects.exists()


def test_hr_finds_people_by_name(login, hr, agent, colleague):
    response = login(hr).get(reverse("privacy:hr_people"), {"q": "Clara"})
    assert list(response.context["page_obj"]) == [colleague]


def test_a_missing_person_is_404_for_hr(login, hr):
    assert login(hr).get(reverse("privacy:hr_person_requests", args=[999999])).status_code == 404


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


def test_the_data_page_counts_through_the_policy_in_as_many_queries_for_5_and_50_notes(
    login, lead, agent
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(agent)

    def queries_and_count(shared: int) -> tuple[int, int]:
        NoteFactory.create_batch(shared, agent=agent, author=lead, shared_at=timezone.now())
        NoteFactory(agent=agent, author=lead)  # private: never counted for the agent
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("privacy:my_data"))
        kinds = {c["model"]: c["count"] for c in response.context["categories"]}
        return len(captured), kinds["feedback.CoachingNote"]

    few, few_notes = queries_and_count(5)
    many, many_notes = queries_and_count(45)
    assert (few_notes, many_notes) == (5, 50)
    assert few == many
