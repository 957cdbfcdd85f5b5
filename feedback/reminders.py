"""Feedback-window reminders: closing and missed.

Who is reminded about a note is the policy's reminder rule (`people.access.reminders`): its author
while the author is active and still leads the agent; otherwise a shared note's reminders go to
whoever leads the agent now, or to HR when the agent's team has no lead; a private note's go to
nobody — nobody else may read it — and it counts as lapsed in HR's figures.
"""

from datetime import timedelta
from functools import cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse_lazy

from core.contracts import Reminder
from notifications.models import ReminderLedger
from people import access
from people.models import AgentProfile
from people.selectors import active_hr, current_leads_by_agent

from .models import CoachingNote
from .window import closing_reminder_at

CLOSING = "feedback_window_closing"
MISSED = "feedback_window_missed"
# Missed windows older than this are not reminded about any more (they were, when they happened).
MISSED_LOOKBACK = timedelta(days=30)
# In working-days mode "closing" fires on the last working day before the due day: at most
# this far ahead across weekends and public holidays.
WORKING_DAYS_LOOKAHEAD = timedelta(days=14)


def due_reminders(now):
    undelivered = CoachingNote.objects.filter(
        delivered_at__isnull=True, agent__is_active=True
    ).exclude(agent__profile__employment_status=AgentProfile.EmploymentStatus.LEFT)
    undelivered = access.annotate_author_leads_agent(undelivered.select_related("agent", "author"))
    lookahead = (
        WORKING_DAYS_LOOKAHEAD if settings.FEEDBACK_WINDOW_WORKING_DAYS else timedelta(hours=24)
    )
    closing = [
        note
        for note in undelivered.filter(
            feedback_due_at__gt=now, feedback_due_at__lte=now + lookahead
        ).exclude(_done_with_author(CLOSING))
        if closing_reminder_at(note.feedback_due_at) <= now
    ]
    missed = list(
        undelivered.filter(
            feedback_due_at__lte=now, feedback_due_at__gt=now - MISSED_LOOKBACK
        ).exclude(_done_with_author(MISSED))
    )
    leads = current_leads_by_agent({n.agent_id for n in closing + missed}, active_only=True)
    hr = cache(active_hr)  # HR is asked for only when a reminder needs them, and once
    reminders = []
    for kind, notes in ((CLOSING, closing), (MISSED, missed)):
        for note in notes:
            current_leads = leads.get(note.agent_id, [])
            for recipient in recipients(note, current_leads, hr):
                reminders.append(_reminder(kind, note, recipient))
    return reminders


def _done_with_author(kind: str):
    """The note's reminder goes to its author (active and leading the agent now, as `recipients` decides)
    and the ledger is done with it (its e-mail is no longer pending).

    Such a note's only reminder would change nothing in the sweep, so it is not read at all: an idle
    sweep would otherwise load every note of the last 30 days whose window was missed.
    """
    done = ReminderLedger.objects.filter(
        kind=kind,
        content_type=ContentType.objects.get_for_model(CoachingNote),
        object_id=OuterRef("pk"),
        recipient_id=OuterRef("author_id"),
    ).exclude(email_state=ReminderLedger.EmailState.PENDING)
    return Q(Exists(done)) & access.author_leads_agent_now()


def recipients(note: CoachingNote, current_leads: list, hr) -> list:
    return access.reminder_recipients(
        author=note.author,
        author_leads_agent=note.author_leads_agent,
        shared=note.is_shared,
        current_leads=current_leads,
        hr=hr,
    )


def _reminder(kind: str, note: CoachingNote, recipient) -> Reminder:
    inherited = recipient.pk != note.author_id
    return Reminder(
        kind=kind,
        subject=note,
        recipient=recipient,
        template=f"feedback/reminders/{kind}{'_inherited' if inherited else ''}",
        url=reverse_lazy(
            "feedback:note_detail", args=[note.pk]
        ),  # worked out only for a reminder sent
        context={
            "note": note,
            "agent_name": str(note.agent),
            "author_name": str(note.author or ""),
            "working_days": settings.FEEDBACK_WINDOW_WORKING_DAYS,
        },
    )
