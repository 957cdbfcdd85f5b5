"""The reminder sweep through its command, as beat and operators run it."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from .stats import median

DUE = 1000
MARK = "[bench] "


def measure_sweep(timed) -> dict:
    backlog_seconds, backlog_growth = timed(_sweep)
    idle = [timed(_sweep)[0] for _n in range(5)]
    notes = _make_due(DUE)
    try:
        output = StringIO()
        due_seconds, due_growth = timed(lambda: call_command("send_reminders", stdout=output))
        report = _report(output.getvalue())
    finally:
        _remove(notes)
    return {
        "backlog_seconds": backlog_seconds,
        "idle_seconds": median(idle),
        "due": DUE,
        "due_sent": report.get("E-mails sent", 0),
        "due_bells": report.get("Bell notifications", 0),
        "due_stopped_early": report.get("stopped early", False),
        "due_seconds": due_seconds,
        "due_peak_growth_mb": due_growth,
    }


def _sweep():
    call_command("send_reminders", stdout=StringIO())


def _report(output: str) -> dict:
    """The figures `send_reminders` prints ("E-mails sent: 1000"), by label."""
    report: dict = {"stopped early": "Stopped early" in output}
    for line in output.splitlines():
        label, _colon, value = line.rpartition(": ")
        if label and value.strip().isdigit():
            report[label] = int(value)
    return report


def _make_due(count: int) -> list[int]:
    """Undelivered notes whose feedback window closes in twelve hours, about agents with a lead."""
    from feedback.models import CoachingNote
    from people.models import TeamMembership

    now = timezone.now()
    led_teams = TeamMembership.objects.current().leads().values("team_id")
    agent_ids = list(
        TeamMembership.objects.current()
        .members()
        .filter(team_id__in=led_teams)
        .order_by("user_id")
        .values_list("user_id", flat=True)[:count]
    )
    lead_of = dict(TeamMembership.objects.current().leads().values_list("team_id", "user_id"))
    team_of = dict(
        TeamMembership.objects.current()
        .members()
        .filter(user_id__in=agent_ids)
        .values_list("user_id", "team_id")
    )
    notes = [
        CoachingNote(
            agent_id=agent_ids[n % len(agent_ids)],
            author_id=lead_of[team_of[agent_ids[n % len(agent_ids)]]],
            observed_at=now - timedelta(days=3) + timedelta(hours=12),
            feedback_due_at=now + timedelta(hours=12),
            situation=f"{MARK}note {n}",
        )
        for n in range(count)
    ]
    return [note.pk for note in CoachingNote.objects.bulk_create(notes)]


def _remove(note_ids: list[int]) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    from feedback.models import CoachingNote
    from notifications.models import Notification, ReminderLedger

    note_type = ContentType.objects.get_for_model(CoachingNote)
    ReminderLedger.objects.filter(content_type=note_type, object_id__in=note_ids).delete()
    Notification.objects.filter(
        url__in=[reverse("feedback:note_detail", args=[pk]) for pk in note_ids]
    ).delete()
    CoachingNote.objects.filter(pk__in=note_ids).delete()
