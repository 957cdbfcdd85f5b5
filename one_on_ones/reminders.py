"""One-on-one reminders, each exactly once per meeting and person (the notification ledger):

- the day before (less than ONE_ON_ONE_PREPARE_HOURS before it starts): both people, "add your points";
- after the meeting (from its end until ONE_ON_ONE_FOLLOW_UP_DAYS later) when it has no shared note or
  an action item without an owner: both people, since either of them writes the shared note and
  names the owner (the issue's "each exactly once, German or English per recipient").

Only meetings of a running series (its lead, active, still leads the agent), never to a deactivated
user, and nothing while the works agreement switches one-on-ones off. Two queries per sweep.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse_lazy

from core.contracts import Reminder
from people import access

from .models import ActionItem, Meeting, SharedNote

PREPARE = "one_on_one_prepare"
FOLLOW_UP = "one_on_one_follow_up"


def due_reminders(now):
    if not access.one_on_ones_are_on():
        return []
    running = access.annotate_author_leads_agent(
        Meeting.objects.select_related("series__lead", "series__agent").filter(
            series__ended_at__isnull=True
        ),
        author_field="series__lead",
        agent_field="series__agent",
    ).filter(author_leads_agent=True)
    soon = running.filter(
        finished_at__isnull=True,
        scheduled_at__gt=now,
        scheduled_at__lte=now + timedelta(hours=settings.ONE_ON_ONE_PREPARE_HOURS),
    )
    held = (
        running.filter(
            scheduled_at__lte=now,
            scheduled_at__gte=now - timedelta(days=settings.ONE_ON_ONE_FOLLOW_UP_DAYS),
        )
        .annotate(
            has_notes=Exists(SharedNote.objects.filter(meeting=OuterRef("pk"))),
            has_ownerless=Exists(
                ActionItem.objects.filter(meeting=OuterRef("pk"), owner__isnull=True)
            ),
        )
        .filter(Q(has_notes=False) | Q(has_ownerless=True))
    )
    reminders = []
    for meeting in soon:
        for person in (meeting.series.lead, meeting.series.agent):
            if person.is_active:
                reminders.append(_reminder(PREPARE, meeting, person))
    for meeting in held:
        ended = meeting.scheduled_at + timedelta(minutes=meeting.series.duration_minutes)
        if ended > now:
            continue
        for person in (meeting.series.lead, meeting.series.agent):
            if person.is_active:
                reminders.append(_reminder(FOLLOW_UP, meeting, person))
    return reminders


def _reminder(kind, meeting, recipient) -> Reminder:
    other = meeting.series.agent if recipient.pk == meeting.series.lead_id else meeting.series.lead
    return Reminder(
        kind=kind,
        subject=meeting,
        recipient=recipient,
        template=f"one_on_ones/reminders/{kind}",
        url=reverse_lazy("one_on_ones:meeting", args=[meeting.pk]),
        context={"other": str(other), "when": meeting.scheduled_at},
    )
