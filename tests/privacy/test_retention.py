import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from audit.models import AccessEvent
from feedback.models import CoachingNote
from kpis.models import KpiRecord
from people.models import TeamMembership, User
from people.periods import Quarter
from privacy import retention
from privacy.models import RetentionRun, Statement
from reviews.models import Review, ReviewCycle
from tests.feedback.factories import NoteFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


def _days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_months_before_keeps_the_day_or_the_months_last_day():
    assert retention.months_before(datetime.date(2026, 11, 26), 24) == datetime.date(2024, 11, 26)
    assert retention.months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert retention.months_before(datetime.date(2026, 1, 15), 3) == datetime.date(2025, 10, 15)


def test_shared_notes_go_24_months_after_delivery_and_not_a_day_earlier(lead, agent):
    old = NoteFactory(
        agent=agent,
        author=lead,
        observed_at=_days_ago(800),
        shared_at=_days_ago(799),
        delivered_at=_days_ago(799),
    )
    recent = NoteFactory(
        agent=agent,
        author=lead,
        observed_at=_days_ago(700),
        shared_at=_days_ago(699),
        delivered_at=_days_ago(699),
    )
    retention.apply()
    assert list(CoachingNote.objects.all()) == [recent]
    assert not CoachingNote.objects.filter(pk=old.pk).exists()


def test_unshared_notes_go_3_months_after_their_window(lead, agent):
    NoteFactory(agent=agent, author=lead, observed_at=_days_ago(100), feedback_due_at=_days_ago(97))
    kept = NoteFactory(
        agent=agent, author=lead, observed_at=_days_ago(60), feedback_due_at=_days_ago(57)
    )
    run = retention.apply()
    assert list(CoachingNote.objects.all()) == [kept]
    assert run.counts["unshared_notes"] == 1


def test_a_statement_goes_with_its_record(lead, agent):
    note = NoteFactory(
        agent=agent,
        author=lead,
        observed_at=_days_ago(800),
        shared_at=_days_ago(799),
        delivered_at=_days_ago(799),
    )
    Statement.objects.create(author=agent, note=note, text="My view.")
    retention.apply()
    assert not Statement.objects.exists()


def test_kpis_go_after_24_months_unless_an_open_review_covers_them(lead, agent, colleague):
    old_day = TODAY - datetime.timedelta(days=800)
    KpiRecord.objects.create(agent=agent, period_start=old_day, channel="phone", contacts=10)
    under_review = KpiRecord.objects.create(
        agent=colleague, period_start=old_day, channel="phone", contacts=20
    )
    fresh = KpiRecord.objects.create(
        agent=agent, period_start=TODAY - datetime.timedelta(days=30), channel="phone", contacts=30
    )
    cycle = ReviewCycle.objects.create(label=Quarter.containing(old_day).label)
    Review.objects.create(cycle=cycle, agent=colleague, reviewer=lead, status=Review.Status.SHARED)
    retention.apply()
    assert set(KpiRecord.objects.all()) == {under_review, fresh}


def test_acknowledged_reviews_go_36_months_after_their_quarter(lead, agent):
    old = Review.objects.create(
        cycle=ReviewCycle.objects.create(label="2023-Q2"),
        agent=agent,
        reviewer=lead,
        status=Review.Status.ACKNOWLEDGED,
    )
    kept = Review.objects.create(
        cycle=ReviewCycle.objects.create(label="2023-Q4"),
        agent=agent,
        reviewer=lead,
        status=Review.Status.ACKNOWLEDGED,
    )
    retention.apply()
    assert list(Review.objects.all()) == [kept]
    assert old.pk != kept.pk


def test_audit_rows_go_after_36_months(lead, agent):
    AccessEvent.objects.create(
        actor=lead, subject=agent, kind="view", record="agent_page", at=_days_ago(1100)
    )
    kept = AccessEvent.objects.create(
        actor=lead, subject=agent, kind="view", record="agent_page", at=_days_ago(1000)
    )
    retention.apply()
    assert list(AccessEvent.objects.all()) == [kept]


def test_a_leaver_is_anonymised_six_months_after_leaving_with_their_records(lead, agent, colleague):
    NoteFactory(agent=agent, author=lead, shared_at=timezone.now())
    NoteFactory(agent=colleague, author=lead, shared_at=timezone.now())
    for person, days in ((agent, 200), (colleague, 100)):
        TeamMembership.objects.filter(user=person).update(end=TODAY - datetime.timedelta(days=days))
        User.objects.filter(pk=person.pk).update(is_active=False)
    run = retention.apply()
    agent.refresh_from_db()
    colleague.refresh_from_db()
    assert run.counts["leavers"] == 1
    assert (
        agent.first_name == ""
        and agent.email.endswith("@anonymised.invalid")
        and not agent.has_usable_password()
    )
    assert not CoachingNote.objects.filter(agent=agent).exists()
    assert colleague.first_name == "Clara" and CoachingNote.objects.filter(agent=colleague).exists()


def test_a_second_run_finds_nothing_more(lead, agent):
    NoteFactory(agent=agent, author=lead, observed_at=_days_ago(100), feedback_due_at=_days_ago(97))
    retention.apply()
    assert all(count == 0 for count in retention.apply().counts.values())


def test_a_dry_run_changes_nothing_and_prints_what_would_go(lead, agent):
    NoteFactory(agent=agent, author=lead, observed_at=_days_ago(100), feedback_due_at=_days_ago(97))
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert CoachingNote.objects.count() == 1
    assert not RetentionRun.objects.exists()
    assert "unshared_notes" in out.getvalue() and "1 would go" in out.getvalue()
    assert "Dry run" in out.getvalue()


def test_a_run_writes_what_it_did(lead, agent):
    NoteFactory(agent=agent, author=lead, observed_at=_days_ago(100), feedback_due_at=_days_ago(97))
    call_command("apply_retention", stdout=StringIO())
    run = RetentionRun.objects.get()
    assert run.counts["unshared_notes"] == 1 and run.finished_at is not None


def test_the_scheduled_task_applies_retention(lead, agent):
    from privacy.tasks import apply_retention

    NoteFactory(agent=agent, author=lead, observed_at=_days_ago(100), feedback_due_at=_days_ago(97))
    assert apply_retention.delay().get()["unshared_notes"] == 1
    assert not CoachingNote.objects.exists()


def test_retention_runs_on_the_beat_schedule(settings):
    assert settings.CELERY_BEAT_SCHEDULE["apply-retention"]["task"] == "privacy.apply_retention"


def test_periods_come_from_the_settings(settings, lead, agent):
    settings.RETENTION_MONTHS = {**settings.RETENTION_MONTHS, "unshared_notes": 6}
    NoteFactory(agent=agent, author=lead, observed_at=_days_ago(100), feedback_due_at=_days_ago(97))
    retention.apply()
    assert CoachingNote.objects.count() == 1
