from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people import access, features
from people.periods import Quarter

from .models import CoachingNote, NoteRevision, UpwardFeedback, UpwardFeedbackParticipation
from .window import feedback_due_at


@transaction.atomic
def note_create(
    *, author, agent, observed_at=None, channel, kind, situation, effect="", next_step="", skills=()
) -> CoachingNote:
    """A lead logs an observation; the feedback on it is due one window later."""
    if not access.can_coach(author, agent):
        raise ValidationError(_("You can only write notes about agents of the teams you lead."))
    observed_at = observed_at or timezone.now()
    if observed_at > timezone.now():
        raise ValidationError({"observed_at": _("An observation cannot be in the future.")})
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


HISTORY_FIELDS = ("observed_at", "channel", "kind", "situation", "effect", "next_step")
LOCKED = gettext_lazy(
    "The agent has acknowledged this note, so it stays as they read it. Write a correction instead."
)


@transaction.atomic
def note_update(
    *,
    note: CoachingNote,
    observed_at,
    channel,
    kind,
    situation,
    effect="",
    next_step="",
    skills=(),
    by=None,
) -> CoachingNote:
    """Change a note. Once shared, the earlier wording is kept; once acknowledged, the note is locked."""
    current = CoachingNote.objects.select_for_update().get(
        pk=note.pk
    )  # against a concurrent acknowledgement
    if current.is_locked:
        raise ValidationError(LOCKED)
    if observed_at > timezone.now():
        raise ValidationError({"observed_at": _("An observation cannot be in the future.")})
    if note.delivered_at and note.delivered_at < observed_at:
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
    note.observed_at, note.channel, note.kind = observed_at, channel, kind
    note.situation, note.effect, note.next_step = situation, effect, next_step
    note.feedback_due_at = feedback_due_at(observed_at)
    note.full_clean()
    note.save()
    note.skills.set(skills)
    return note


@transaction.atomic
def note_correct(
    *, note: CoachingNote, author, kind, situation, effect="", next_step="", skills=()
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
def note_share(*, note: CoachingNote) -> CoachingNote:
    if note.shared_at is None:
        note.shared_at = timezone.now()
        note.save(update_fields=["shared_at"])
    return note


@transaction.atomic
def note_deliver(*, note: CoachingNote, method: str, delivered_at=None) -> CoachingNote:
    """Record that the feedback was given; a delivered note is shared with the agent."""
    delivered_at = delivered_at or timezone.now()
    if delivered_at < note.observed_at:
        raise ValidationError(
            {"delivered_at": _("The feedback cannot have been given before the observation.")}
        )
    if delivered_at > timezone.now():
        raise ValidationError({"delivered_at": _("The feedback cannot be given in the future.")})
    if method not in CoachingNote.Method.values:
        raise ValidationError({"method": _("Please say how the feedback was given.")})
    note.delivered_at, note.delivery_method = delivered_at, method
    note.shared_at = note.shared_at or timezone.now()
    note.save(update_fields=["delivered_at", "delivery_method", "shared_at"])
    return note


@transaction.atomic
def note_acknowledge(*, note: CoachingNote, comment: str = "") -> CoachingNote:
    if not note.is_shared:
        raise ValidationError(_("This note has not been shared with you."))
    note.acknowledged_at = note.acknowledged_at or timezone.now()
    if comment.strip():
        note.agent_comment = comment.strip()
    note.save(update_fields=["acknowledged_at", "agent_comment"])
    return note


@transaction.atomic
def upward_feedback_give(
    *, author, lead, anonymous: bool, clarity: int, support: int, fairness: int, comment: str = ""
) -> UpwardFeedback:
    """One answer per agent, lead and quarter; that the agent answered is kept apart from the answer."""
    from people.selectors import current_leads_of_agent

    if not features.is_on(features.UPWARD_FEEDBACK):
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
