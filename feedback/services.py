from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import dates, events
from people import access
from people.models import AgentProfile, User
from people.periods import Quarter
from people.selectors import current_leads_of_agent
from skills.models import Skill

from .models import CoachingNote, NoteRevision, UpwardFeedback, UpwardFeedbackParticipation
from .selectors import SHARED
from .window import feedback_due_at


@transaction.atomic
def note_create(
    *,
    author: User,
    agent: User,
    observed_at: datetime | None = None,
    channel: str,
    kind: str,
    situation: str,
    effect: str = "",
    next_step: str = "",
    skills: Iterable[Skill] = (),
) -> CoachingNote:
    """A lead logs an observation; the feedback on it is due one window later."""
    if not access.can_coach(author, agent):
        raise ValidationError(_("You can only write notes about agents of the teams you lead."))
    observed_at = observed_at or timezone.now()
    _check_observed_at(agent, observed_at)
    note = CoachingNote(
        author=author,
        agent=agent,
        observed_at=observed_at,
        channel=channel,
        kind=kind,
        situation=situation,
        effect=effect,
        next_step=next_step,
        feedback_due_at=feedback_due_at(observed_at),
    )
    note.full_clean()
    note.save()
    note.skills.set(skills)
    return note


def _check_observed_at(agent: User, observed_at: datetime) -> None:
    """An observation lies between the agent's first working day and now, and at most
    `RECORDS_MAX_DAYS_BACK` days back (`core.dates`)."""
    if observed_at > timezone.now():
        raise ValidationError({"observed_at": _("An observation cannot be in the future.")})
    hire_date = AgentProfile.objects.filter(user=agent).values_list("hire_date", flat=True).first()
    dates.require_within(
        observed_at,
        field="observed_at",
        earliest=hire_date,
        too_early=_("%(date)s is before %(agent)s's first working day, %(earliest)s.").replace(
            "%(agent)s", str(agent).replace("%", "%%")
        ),
    )
    dates.recorded_in_time(observed_at, field="observed_at")


HISTORY_FIELDS = ("observed_at", "channel", "kind", "situation", "effect", "next_step")
LOCKED = gettext_lazy(
    "The agent has acknowledged this note, so it stays as they read it. Write a correction instead."
)


@transaction.atomic
def note_update(
    *,
    note: CoachingNote,
    by: User,
    observed_at: datetime,
    channel: str,
    kind: str,
    situation: str,
    effect: str = "",
    next_step: str = "",
    skills: Iterable[Skill] = (),
) -> CoachingNote:
    """Change a note. Once shared, the earlier wording is kept; once acknowledged, the note is locked.

    The note is read again under a lock and only the changed fields are written: a share, a delivery or an
    acknowledgement recorded since the caller read `note` (another tab, another person) stays.
    """
    current = _locked_for_change(note, by)
    if current.is_locked:
        raise ValidationError(LOCKED)
    if observed_at != current.observed_at:
        _check_observed_at(current.agent, observed_at)
    if current.delivered_at and current.delivered_at < observed_at:
        raise ValidationError(
            {"observed_at": _("The feedback cannot have been given before the observation.")}
        )
    new = {
        "observed_at": observed_at,
        "channel": channel,
        "kind": kind,
        "situation": situation,
        "effect": effect,
        "next_step": next_step,
    }
    if current.is_shared and any(getattr(current, f) != new[f] for f in HISTORY_FIELDS):
        NoteRevision.objects.create(
            note=current, changed_by=by, **{f: getattr(current, f) for f in HISTORY_FIELDS}
        )
    for name, value in new.items():
        setattr(current, name, value)
    current.feedback_due_at = feedback_due_at(observed_at)
    current.full_clean()
    current.save(update_fields=[*HISTORY_FIELDS, "feedback_due_at"])
    current.skills.set(skills)
    return _told(note, current)


def _told(note: CoachingNote, current: CoachingNote) -> CoachingNote:
    """The caller's copy of the note brought up to date with what was saved, and returned."""
    for field in CoachingNote._meta.concrete_fields:
        setattr(note, field.attname, getattr(current, field.attname))
    return note


def _locked_for_change(note: CoachingNote, by: User) -> CoachingNote:
    """The note as it is now, locked until the transaction ends (against a concurrent share, delivery or
    acknowledgement); 404 unless `by` may change it (its author, while still leading the agent)."""
    changeable = access.private_records_changeable_by(
        by, CoachingNote.objects.select_for_update(of=("self",))
    )
    return get_object_or_404(changeable, pk=note.pk)


@transaction.atomic
def note_correct(
    *,
    note: CoachingNote,
    author: User,
    kind: str,
    situation: str,
    effect: str = "",
    next_step: str = "",
    skills: Iterable[Skill] = (),
) -> CoachingNote:
    """Correct an acknowledged note: a new note about the same observation, linked to it and shared at once.

    It carries the original's delivery, so the feedback is not due a second time.
    """
    if not access.can_coach(author, note.agent):
        raise ValidationError(_("You can only write notes about agents of the teams you lead."))
    if not note.is_locked:
        raise ValidationError(_("This note is not acknowledged yet; you can still edit it."))
    correction = CoachingNote(
        author=author,
        agent=note.agent,
        corrects=note,
        observed_at=note.observed_at,
        channel=note.channel,
        kind=kind,
        situation=situation,
        effect=effect,
        next_step=next_step,
        feedback_due_at=note.feedback_due_at,
        shared_at=timezone.now(),
        delivered_at=note.delivered_at,
        delivery_method=note.delivery_method,
    )
    correction.full_clean()
    correction.save()
    correction.skills.set(skills)
    return correction


@transaction.atomic
def note_share(*, note: CoachingNote, by: User) -> CoachingNote:
    """Show the note to its agent; only its author, while still leading the agent."""
    current = _locked_for_change(note, by)
    if current.shared_at is None:
        current.shared_at = timezone.now()
        current.save(update_fields=["shared_at"])
    return _told(note, current)


@transaction.atomic
def note_deliver(
    *, note: CoachingNote, by: User, method: str, delivered_at: datetime | None = None
) -> CoachingNote:
    """Record that the feedback was given (by its author, while still leading the agent); a delivered
    note is shared with the agent."""
    current = _locked_for_change(note, by)
    delivered_at = delivered_at or timezone.now()
    if delivered_at < current.observed_at:
        raise ValidationError(
            {"delivered_at": _("The feedback cannot have been given before the observation.")}
        )
    if delivered_at > timezone.now():
        raise ValidationError({"delivered_at": _("The feedback cannot be given in the future.")})
    if method not in CoachingNote.Method.values:
        raise ValidationError({"method": _("Please say how the feedback was given.")})
    current.delivered_at, current.delivery_method = delivered_at, method
    current.shared_at = current.shared_at or timezone.now()
    current.save(update_fields=["delivered_at", "delivery_method", "shared_at"])
    events.publish(
        events.FEEDBACK_DELIVERED,
        subject=("coaching_note", current.pk),
        agent_id=current.agent_id,
        data={"author": current.author_id, "delivered_at": delivered_at, "method": method},
    )
    return _told(note, current)


@transaction.atomic
def note_acknowledge(*, note: CoachingNote, by: User, comment: str = "") -> CoachingNote:
    """The agent confirms they have read the feedback shared with them; nobody else acknowledges it.

    Reading it is receiving it: unless the lead recorded a delivery, the feedback counts as given in
    writing when the note was shared, so the inbox, the reminders and the timeliness figures agree
    with the agent's confirmation."""
    current, rights = access.access_private_record(
        by, CoachingNote.objects.select_for_update(of=("self",)), note.pk, shared_q=SHARED
    )
    access.require(
        rights.is_about_viewer
    )  # and shared with them: a private note is not theirs to see
    current.acknowledged_at = current.acknowledged_at or timezone.now()
    if comment.strip():
        current.agent_comment = comment.strip()
    fields = ["acknowledged_at", "agent_comment"]
    if current.delivered_at is None:
        current.delivered_at = current.shared_at or current.acknowledged_at
        current.delivery_method = CoachingNote.Method.WRITTEN
        fields += ["delivered_at", "delivery_method"]
    current.save(update_fields=fields)
    return _told(note, current)


@transaction.atomic
def upward_feedback_give(
    *,
    author: User,
    lead: User,
    anonymous: bool,
    clarity: int,
    support: int,
    fairness: int,
    comment: str = "",
) -> UpwardFeedback:
    """One answer per agent, lead and quarter; that the agent answered is kept apart from the answer."""
    if not access.may_give_upward_feedback(author):
        raise ValidationError(_("Upward feedback is switched off by the works agreement."))
    if not current_leads_of_agent(author).filter(pk=lead.pk).exists():
        raise ValidationError(_("You can give feedback only on your own team lead."))
    quarter = Quarter.current()
    feedback = UpwardFeedback(
        lead=lead,
        author=None if anonymous else author,
        quarter=quarter.label,
        given_on=timezone.localdate(),
        clarity=clarity,
        support=support,
        fairness=fairness,
        comment=comment,
    )
    feedback.full_clean()
    already_answered = ValidationError(
        _(
            "You have already given feedback on %(lead)s in %(quarter)s. You can "
            "answer again next quarter."
        )
        % {"lead": lead, "quarter": quarter.display}
    )
    if UpwardFeedbackParticipation.objects.filter(
        agent=author, lead=lead, quarter=quarter.label
    ).exists():
        raise already_answered
    try:
        with transaction.atomic():
            UpwardFeedbackParticipation.objects.create(
                agent=author, lead=lead, quarter=quarter.label
            )
    except IntegrityError as error:  # a second answer sent at the same moment
        raise already_answered from error
    feedback.save()
    return feedback
