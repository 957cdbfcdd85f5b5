"""The audit keeps who read what: a deleted account's name and role stay on what it did, reading a
person's records in the Django admin is recorded, and the sign-in attempts are no browsable log."""

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.urls import reverse

from audit.models import AccessEvent
from privacy import retention
from tests.feedback.factories import NoteFactory

pytestmark = pytest.mark.django_db

Kind, Record = AccessEvent.Kind, AccessEvent.Record


def test_deleting_an_account_keeps_its_name_and_role_on_what_it_did(login, hr, lead, agent):
    login(lead).get(reverse("agent_detail", args=[agent.pk]))
    assert AccessEvent.objects.filter(actor=lead, subject=agent).exists()
    lead.delete()
    event = AccessEvent.objects.get(subject=agent)
    assert event.actor_id is None
    assert (event.actor_name, event.actor_role) == ("Lena Lead", "lead")
    client = login(hr)
    page = client.get(reverse("audit:list")).content.decode()
    assert "Lena Lead" in page
    export = b"".join(client.get(reverse("audit:export")).streaming_content).decode()
    assert "Lena Lead" in export


def test_opening_a_persons_account_in_the_admin_is_audited(login, admin_user, agent):
    response = login(admin_user).get(reverse("admin:people_user_change", args=[agent.pk]))
    assert response.status_code == 200
    event = AccessEvent.objects.get()
    assert (event.actor, event.subject, event.kind, event.record, event.object_id) == (
        admin_user,
        agent,
        Kind.VIEW,
        Record.ADMIN,
        str(agent.pk),
    )


def test_opening_a_coaching_note_in_the_admin_is_audited_for_its_agent(
    login, admin_user, lead, agent
):
    note = NoteFactory(agent=agent, author=lead)
    AccessEvent.objects.all().delete()
    client = login(admin_user)
    opts = note._meta
    for page in ("change", "history", "delete"):
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=[note.pk])
        assert client.get(url).status_code == 200, page
    events = AccessEvent.objects.all()
    assert [(e.subject_id, e.kind, e.object_id) for e in events] == [
        (agent.pk, Kind.VIEW, str(note.pk))
    ] * 3


def test_a_list_in_the_admin_audits_every_person_it_shows(login, admin_user, lead, agent, hr):
    response = login(admin_user).get(reverse("admin:people_user_changelist"))
    assert response.status_code == 200
    shown = set(AccessEvent.objects.values_list("subject_id", flat=True))
    assert shown == {lead.pk, agent.pk, hr.pk}  # not the admin, who sees their own account
    assert set(AccessEvent.objects.values_list("kind", "record").distinct()) == {
        (Kind.VIEW, Record.ADMIN)
    }


def test_sign_in_attempts_are_not_browsable_in_the_admin(login, admin_user):
    client = login(admin_user)
    for model in ("accessattempt", "accesslog", "accessfailurelog"):
        assert client.get(f"/admin/axes/{model}/").status_code == 404, model


def test_a_successful_sign_in_is_not_logged(client, agent):
    agent.set_password("password")
    agent.save()
    response = client.post("/accounts/login/", {"username": agent.email, "password": "password"})
    assert response.status_code == 302
    assert not AccessLog.objects.exists()


def test_failed_sign_in_attempts_go_after_their_retention_period(client, agent, settings):
    settings.RETENTION_MONTHS = {**settings.RETENTION_MONTHS, "sign_in_attempts": 1}
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False):
        client.post("/accounts/login/", {"username": agent.email, "password": "wrong"})
    assert AccessAttempt.objects.count() == 1
    with time_machine.travel("2026-03-25 09:00 +01:00", tick=False):
        assert retention.apply().counts.get("sign_in_attempts", 0) == 0
    assert AccessAttempt.objects.count() == 1  # inside its month: kept
    with time_machine.travel("2026-04-10 09:00 +02:00", tick=False):
        run = retention.apply()
    assert not AccessAttempt.objects.exists()
    assert run.counts["sign_in_attempts"] == 1


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("field", ["date_from", "date_to"])
def test_the_audit_filter_refuses_impossible_dates_with_a_message(login, hr, field, day):
    client = login(hr)
    response = client.get(reverse("audit:list"), {field: day})
    assert response.status_code == 200
    assert 'class="invalid-feedback' in response.content.decode() or "is-invalid" in (
        response.content.decode()
    )
    export = client.get(reverse("audit:export"), {field: day})
    assert export.status_code == 200
