"""The failed state admins see: the banner for admins and HR, and the filterable ledger in the admin."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from notifications.models import ReminderLedger
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/notifications/reminderledger/"


def entry(state, error="", kind="feedback_window_missed", attempts=1, **fields):
    return ReminderLedger.objects.create(
        kind=kind,
        content_type=ContentType.objects.get_for_model(ReminderLedger),
        object_id=ReminderLedger.objects.count() + 1,
        recipient=UserFactory(),
        email_state=state,
        email_last_error=error,
        email_attempts=attempts,
        email_last_attempt_at=timezone.now(),
        notified_at=timezone.now(),
        **fields,
    )


@pytest.fixture
def failing():
    return [entry("pending", "SMTPServerDisconnected: gone") for _ in range(3)] + [
        entry("given_up", "SMTPRecipientsRefused: 550")
    ]


def test_admins_see_a_banner_on_the_admin_start_page_while_reminder_emails_fail(
    login, admin_user, failing
):
    page = login(admin_user).get("/admin/").content.decode()
    assert "Reminder e-mails are failing" in page and "SMTPRecipientsRefused" in page
    assert f"{CHANGELIST}?failing=yes" in page


def test_the_admin_start_page_has_no_banner_while_mail_works(login, admin_user):
    entry("sent")
    assert "Reminder e-mails are failing" not in login(admin_user).get("/admin/").content.decode()


def test_hr_sees_the_banner_on_the_overview_without_the_admin_link(login, hr, failing):
    page = login(hr).get("/hr/").content.decode()
    assert "Reminder e-mails are failing" in page and "3 e-mails wait for another attempt" in page
    assert "1 e-mail was given up in the last seven days" in page
    assert CHANGELIST not in page


def test_leads_see_no_banner(login, lead, failing):
    assert "Reminder e-mails are failing" not in login(lead).get("/dashboard/").content.decode()


def test_the_banner_is_in_german_for_german_users(login, hr, failing):
    hr.preferred_language = "de"
    hr.save()
    client = login(hr)
    client.post("/i18n/setlang/", {"language": "de"})
    assert "Der Versand der Erinnerungs-E-Mails ist gestört" in client.get("/hr/").content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("failing=yes", {"pending", "given_up"}),
        ("failing=given_up", {"given_up"}),
        ("email_state__exact=unconfirmed", {"unconfirmed"}),
        ("kind=quarterly_review_due", {"sent"}),
    ],
)
def test_the_admin_lists_reminders_filtered_by_their_failed_state(
    login, admin_user, failing, query, expected
):
    entry("unconfirmed", "interrupted")
    entry("sent", kind="quarterly_review_due:2026-Q2")
    response = login(admin_user).get(f"{CHANGELIST}?{query}")
    assert response.status_code == 200
    assert {e.email_state for e in response.context["cl"].result_list} == expected


def test_an_admin_sends_given_up_and_unconfirmed_emails_again(login, admin_user, failing):
    unconfirmed = entry("unconfirmed", "interrupted")
    sent = entry("sent")
    chosen = [failing[-1].pk, unconfirmed.pk, sent.pk]
    response = login(admin_user).post(
        CHANGELIST, {"action": "resend_email", "_selected_action": chosen}, follow=True
    )
    assert "2 e-mails will be sent again by the next sweep" in response.content.decode()
    states = dict(ReminderLedger.objects.filter(pk__in=chosen).values_list("pk", "email_state"))
    assert states == {failing[-1].pk: "pending", unconfirmed.pk: "pending", sent.pk: "sent"}


def test_the_ledger_in_the_admin_is_read_only_and_shows_no_record_content(
    login, admin_user, lead, agent
):
    from feedback import services as feedback_services

    note = feedback_services.note_create(
        author=lead,
        agent=agent,
        channel="phone",
        kind="improvement",
        situation="A very private observation",
    )
    ReminderLedger.objects.create(
        kind="feedback_window_missed",
        content_type=ContentType.objects.get_for_model(note),
        object_id=note.pk,
        recipient=lead,
    )
    client = login(admin_user)
    page = client.get(CHANGELIST).content.decode()
    assert "A very private observation" not in page
    assert client.get(f"{CHANGELIST}add/").status_code == 403
