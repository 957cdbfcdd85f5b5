"""Coaching notes, their earlier wordings and upward feedback: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry, RetentionRule
from core.periods import moment, months_before

from .models import CoachingNote
from .selectors import notes_visible_to


def _notes_seen(person, rows):
    """What the policy lets the person see now: a private note is its author's alone until shared."""
    return rows.filter(pk__in=notes_visible_to(person).values("pk"))


def _of_notes_seen(person, rows):
    return rows.filter(note__in=notes_visible_to(person).values("pk"))


def _shared_notes(today):
    cutoff = moment(months_before(today, settings.RETENTION_MONTHS["coaching_notes"]))
    return CoachingNote.objects.filter(shared_at__isnull=False).filter(
        Q(delivered_at__lt=cutoff) | Q(delivered_at__isnull=True, shared_at__lt=cutoff)
    )


def _unshared_notes(today):
    cutoff = moment(months_before(today, settings.RETENTION_MONTHS["unshared_notes"]))
    return CoachingNote.objects.filter(shared_at__isnull=True, feedback_due_at__lt=cutoff)


SOURCES = [
    Source(
        "feedback.CoachingNote",
        "agent",
        _("notes about you, once shared with you"),
        about=True,
        visible=_notes_seen,
    ),
    Source(
        "feedback.CoachingNote",
        "author",
        _("notes written by you, as far as you may still see them"),
        visible=_notes_seen,
    ),
    Source(
        "feedback.NoteRevision",
        "note__agent",
        _("earlier wordings of notes about you"),
        about=True,
        visible=_of_notes_seen,
    ),
    Source(
        "feedback.NoteRevision",
        "changed_by",
        _("note wordings you changed"),
        visible=_of_notes_seen,
    ),
    Source(
        "feedback.UpwardFeedbackParticipation",
        "agent",
        _("quarters in which you gave upward feedback"),
        about=True,
    ),
    Source("feedback.UpwardFeedback", "author", _("feedback you gave by name")),
]

NOT_EXPORTED = {
    "feedback.UpwardFeedback.lead": "Answers about a lead are anonymous; a lead sees them only in aggregate.",
    "feedback.UpwardFeedbackParticipation.lead": "Who answered on a lead is never shown to the lead.",
}

RETENTION = [
    RetentionRule(
        key="coaching_notes",
        label=_("Shared coaching notes"),
        what_happens=_("deleted, months after the feedback was given"),
        expired=_shared_notes,
        held_by_open_review=("agent", "observed_at"),
    ),
    RetentionRule(
        key="unshared_notes",
        label=_("Unshared coaching notes"),
        what_happens=_("deleted, months after their feedback window"),
        expired=_unshared_notes,
        held_by_open_review=("agent", "observed_at"),
    ),
]

REGISTER = RegisterEntry(
    title=_("Coaching notes and upward feedback"),
    purpose=_(
        "Behavioural feedback within the feedback window; the agents' feedback on their lead."
    ),
    recipients=_(
        "An unshared note: its author alone. A shared note: the agent, their current lead, HR. "
        "Upward feedback: the lead and HR see aggregates of at least 3 answers per closed quarter."
    ),
)
