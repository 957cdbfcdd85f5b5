"""Feedback-window reminders: closing (less than 24 h left) and missed, to the agent's current lead."""

from datetime import timedelta

from django.urls import reverse

from notifications.reminders import Reminder
from people.models import AgentProfile
from people.selectors import current_leads_by_agent

from .models import CoachingNote

CLOSING = "feedback_window_closing"
MISSED = "feedback_window_missed"
# Missed windows older than this are not reminded about any more (they were, when they happened).
MISSED_LOOKBACK = timedelta(days=30)


def due_reminders(now):
    undelivered = CoachingNote.objects.filter(
        delivered_at__isnull=True, agent__is_active=True
    ).exclude(agent__profile__employment_status=AgentProfile.EmploymentStatus.LEFT)
    undelivered = undelivered.select_related("agent")
    closing = list(undelivered.filter(feedback_due_at__gt=now, feedback_due_at__lte=now + timedelta(hours=24)))
    missed = list(undelivered.filter(feedback_due_at__lte=now, feedback_due_at__gt=now - MISSED_LOOKBACK))
    leads = current_leads_by_agent({n.agent_id for n in closing + missed})
    reminders = []
    for kind, notes in ((CLOSING, closing), (MISSED, missed)):
        for note in notes:
            for lead in leads.get(note.agent_id, []):
                reminders.append(
                    Reminder(
                        kind=kind, subject=note, recipient=lead,
                        template=f"feedback/reminders/{kind}",
                        url=reverse("feedback:note_detail", args=[note.pk]),
                        context={"note": note, "agent_name": str(note.agent)},
                    )
                )
    return reminders
