"""What changes one-on-ones. Every service takes the acting user and checks it through the rulebook
(`people.access.one_on_ones`): a meeting that is not theirs answers 404, as if it did not exist; bad
input is a ValidationError with a message for the form, and nothing is half-saved."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people import access
from people.models import User

from .agenda_templates import TEMPLATES
from .models import (
    NOTE_LENGTH,
    POINT_LENGTH,
    ActionItem,
    Cadence,
    Meeting,
    PrivateNote,
    Series,
    SharedNote,
    TalkingPoint,
)

LATEST_DUE = datetime.timedelta(days=366)


def _meeting_for_change(meeting: Meeting, by: User, *, lock: bool = False) -> tuple:
    queryset = Meeting.objects.select_related("series")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    return access.access_meeting(by, queryset, meeting.pk, need_change=True)


def _check_cadence(every_days: int) -> None:
    if every_days not in Cadence.values:
        raise ValidationError(
            {
                "every_days": _(
                    "Please choose how often you meet: weekly, every two weeks or every four weeks."
                )
            }
        )


def _check_upcoming(when: datetime.datetime, field: str) -> None:
    if when <= timezone.now():
        raise ValidationError({field: _("An upcoming one-on-one cannot be in the past.")})
    if when > timezone.now() + LATEST_DUE:
        raise ValidationError({field: _("Please plan one-on-ones within the next twelve months.")})


def _after(when: datetime.datetime, days: int) -> datetime.datetime:
    """The same local time `days` later (a meeting stays at 10:00 across a daylight-saving change)."""
    local = timezone.localtime(when)
    later = datetime.datetime.combine(local.date() + datetime.timedelta(days=days), local.time())
    return timezone.make_aware(later)


@transaction.atomic
def series_start(
    *,
    lead: User,
    agent: User,
    every_days: int,
    first_at: datetime.datetime,
    duration_minutes: int = 30,
) -> Series:
    """A lead sets up regular one-on-ones with an agent of a team they lead now; the first meetings
    are planned ahead (ONE_ON_ONE_MEETINGS_AHEAD)."""
    access.require_one_on_ones()
    if not access.may_start_one_on_ones_with(lead, agent):
        raise ValidationError(
            {"agent": _("You can set up one-on-ones only with agents of the teams you lead.")}
        )
    _check_cadence(every_days)
    _check_upcoming(first_at, "first_at")
    if not 15 <= duration_minutes <= 180:
        raise ValidationError(
            {"duration_minutes": _("A one-on-one takes between 15 and 180 minutes.")}
        )
    running = Series.objects.filter(lead=lead, agent=agent, ended_at__isnull=True)
    already = ValidationError(
        {"agent": _("You already hold regular one-on-ones with %(agent)s.") % {"agent": agent}}
    )
    if running.exists():
        raise already
    series = Series(
        lead=lead, agent=agent, every_days=every_days, duration_minutes=duration_minutes
    )
    series.full_clean()
    try:
        with transaction.atomic():
            series.save()
    except IntegrityError as error:  # the same series set up at the same moment in another tab
        raise already from error
    Meeting.objects.bulk_create(
        Meeting(series=series, scheduled_at=_after(first_at, every_days * n))
        for n in range(settings.ONE_ON_ONE_MEETINGS_AHEAD)
    )
    return series


@transaction.atomic
def meeting_move(*, meeting: Meeting, by: User, scheduled_at: datetime.datetime) -> Meeting:
    """Either participant moves an upcoming meeting; calendars replace the event (its sequence)."""
    current, _rights = _meeting_for_change(meeting, by, lock=True)
    if current.is_finished:
        raise ValidationError(_("This one-on-one is finished; it cannot be moved."))
    _check_upcoming(scheduled_at, "scheduled_at")
    current.scheduled_at = scheduled_at
    current.sequence += 1
    current.save(update_fields=["scheduled_at", "sequence"])
    return current


@transaction.atomic
def meeting_request_extra(
    *, agent: User, meeting: Meeting, scheduled_at: datetime.datetime
) -> Meeting:
    """The agent asks for an extra one-on-one in the series of `meeting`."""
    current, rights = _meeting_for_change(meeting, agent)
    access.require(rights.is_agent)
    _check_upcoming(scheduled_at, "scheduled_at")
    extra = Meeting(
        series=current.series, scheduled_at=scheduled_at, is_extra=True, requested_by=agent
    )
    extra.full_clean()
    extra.save()
    return extra


def _next_meeting(meeting: Meeting) -> Meeting:
    """The series' next meeting after `meeting`, planned one cadence later if there is none."""
    later = (
        Meeting.objects.filter(series=meeting.series, scheduled_at__gt=meeting.scheduled_at)
        .order_by("scheduled_at", "id")
        .first()
    )
    if later is not None:
        return later
    return Meeting.objects.create(
        series=meeting.series,
        scheduled_at=_after(max(meeting.scheduled_at, timezone.now()), meeting.series.every_days),
    )


@transaction.atomic
def meeting_finish(*, meeting: Meeting, by: User) -> Meeting:
    """Close the meeting: its unchecked points move on to the next meeting, each marked with how often
    it was carried over. Finishing twice carries nothing twice."""
    current, _rights = _meeting_for_change(meeting, by, lock=True)
    if current.is_finished:
        return current
    open_points = list(current.points.filter(done=False).order_by("created_at", "id"))
    if open_points:
        following = _next_meeting(current)
        TalkingPoint.objects.bulk_create(
            TalkingPoint(
                meeting=following,
                author=point.author,
                text=point.text,
                source=point.source,
                source_id=point.source_id,
                carried_over=point.carried_over + 1,
                carried_from=point,
            )
            for point in open_points
        )
    current.finished_at = timezone.now()
    current.save(update_fields=["finished_at"])
    return current


@transaction.atomic
def point_add(
    *,
    meeting: Meeting,
    by: User,
    text: str,
    source: str = TalkingPoint.Source.NONE,
    source_id: int | None = None,
) -> TalkingPoint:
    """Either participant adds a point to the shared agenda (a suggestion keeps its source)."""
    current, _rights = _meeting_for_change(meeting, by)
    if current.is_finished:
        raise ValidationError(_("This one-on-one is finished; add the point to the next one."))
    text = _point_text(text)
    if source not in TalkingPoint.Source.values:
        raise ValidationError({"source": _("This suggestion is not known.")})
    if source and source != TalkingPoint.Source.TEMPLATE and source_id is None:
        raise ValidationError({"source": _("This suggestion is not known.")})
    duplicate = current.points.filter(source=source, source_id=source_id).exists()
    if source and source_id is not None and duplicate:
        raise ValidationError(_("This suggestion is already on the agenda."))
    point = TalkingPoint(meeting=current, author=by, text=text, source=source, source_id=source_id)
    point.full_clean()
    point.save()
    return point


def _point_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValidationError({"text": _("Please write the talking point.")})
    if len(text) > POINT_LENGTH:
        raise ValidationError(
            {
                "text": _("A talking point has at most %(count)d characters.")
                % {"count": POINT_LENGTH}
            }
        )
    return text


def _own_entry(meeting_id: int, by: User, author_id: int | None) -> Meeting:
    """The meeting of an entry its writer changes or deletes (locked); 404 for anyone else."""
    current, rights = _meeting_for_change(Meeting(pk=meeting_id), by, lock=True)
    access.require(access.may_change_own_entry(by, rights, author_id))
    return current


@transaction.atomic
def point_edit(*, point: TalkingPoint, by: User, text: str) -> TalkingPoint:
    """Its writer rewords a talking point while the meeting is open."""
    current = _own_entry(point.meeting_id, by, point.author_id)
    if current.is_finished:
        raise ValidationError(_("This one-on-one is finished; its agenda stays as it was."))
    point.text = _point_text(text)
    TalkingPoint.objects.filter(pk=point.pk, meeting=current).update(text=point.text)
    return point


@transaction.atomic
def point_delete(*, point: TalkingPoint, by: User) -> None:
    """Its writer takes a talking point off the agenda while the meeting is open."""
    current = _own_entry(point.meeting_id, by, point.author_id)
    if current.is_finished:
        raise ValidationError(_("This one-on-one is finished; its agenda stays as it was."))
    TalkingPoint.objects.filter(pk=point.pk, meeting=current).delete()


@transaction.atomic
def point_set_done(*, point: TalkingPoint, by: User, done: bool) -> TalkingPoint:
    """Either participant ticks a point off (or back on) while the meeting is open."""
    current, _rights = _meeting_for_change(point.meeting, by)
    if current.is_finished:
        raise ValidationError(_("This one-on-one is finished; its agenda stays as it was."))
    TalkingPoint.objects.filter(pk=point.pk, meeting=current).update(done=done)
    point.done = done
    return point


@transaction.atomic
def shared_note_add(*, meeting: Meeting, by: User, text: str) -> SharedNote:
    """A note both participants read."""
    current, _rights = _meeting_for_change(meeting, by)
    note = SharedNote(meeting=current, author=by, text=text.strip())
    if not note.text:
        raise ValidationError({"text": _("Please write the note.")})
    note.full_clean()
    note.save()
    return note


def _note_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Please write the note.")})
    if len(text) > NOTE_LENGTH:
        raise ValidationError(
            {"text": _("A note has at most %(count)d characters.") % {"count": NOTE_LENGTH}}
        )
    return text


@transaction.atomic
def shared_note_edit(*, note: SharedNote, by: User, text: str) -> SharedNote:
    """Its writer changes a shared note (also after the meeting, as notes are written then)."""
    current = _own_entry(note.meeting_id, by, note.author_id)
    note.text = _note_text(text)
    SharedNote.objects.filter(pk=note.pk, meeting=current).update(text=note.text)
    return note


@transaction.atomic
def shared_note_delete(*, note: SharedNote, by: User) -> None:
    current = _own_entry(note.meeting_id, by, note.author_id)
    SharedNote.objects.filter(pk=note.pk, meeting=current).delete()


@transaction.atomic
def private_note_save(*, meeting: Meeting, by: User, text: str) -> PrivateNote | None:
    """The writer's own private note on a meeting: one per writer, changed in place; empty deletes it."""
    current, _rights = _meeting_for_change(meeting, by)
    text = text.strip()
    if not text:
        PrivateNote.objects.filter(meeting=current, author=by).delete()
        return None
    note = PrivateNote.objects.filter(meeting=current, author=by).first() or PrivateNote(
        meeting=current, author=by
    )
    note.text, note.updated_at = text, timezone.now()
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def action_item_add(
    *,
    meeting: Meeting,
    by: User,
    text: str,
    owner: User | None,
    due_on: datetime.date | None,
) -> ActionItem:
    """Something agreed: owned by one of the two participants, due on a plausible date."""
    current, _rights = _meeting_for_change(meeting, by)
    text = _checked_action_item(current, text, owner, due_on)
    item = ActionItem(meeting=current, text=text, owner=owner, due_on=due_on, created_by=by)
    item.full_clean()
    item.save()
    return item


def _checked_action_item(
    meeting: Meeting, text: str, owner: User | None, due_on: datetime.date | None
) -> str:
    text = " ".join(text.split())
    errors = {}
    if not text:
        errors["text"] = _("Please write what was agreed.")
    elif len(text) > POINT_LENGTH:
        errors["text"] = _("An action item has at most %(count)d characters.") % {
            "count": POINT_LENGTH
        }
    if owner is not None and not access.may_own_action_item(meeting, owner):
        errors["owner"] = _(
            "An action item belongs to you or the other person of this one-on-one, never to a "
            "third person."
        )
    meeting_day = timezone.localtime(meeting.scheduled_at).date()
    if due_on is not None and not (
        min(meeting_day, timezone.localdate()) <= due_on <= meeting_day + LATEST_DUE
    ):
        errors["due_on"] = _("The due date lies between the one-on-one and twelve months after it.")
    if errors:
        raise ValidationError(errors)
    return text


@transaction.atomic
def action_item_edit(
    *,
    item: ActionItem,
    by: User,
    text: str,
    owner: User | None,
    due_on: datetime.date | None,
) -> ActionItem:
    """Whoever added an action item changes its words, owner or due date until it is done."""
    current = _own_entry(item.meeting_id, by, item.created_by_id)
    if ActionItem.objects.filter(pk=item.pk, done_at__isnull=False).exists():
        raise ValidationError(_("This action item is done; it stays as it was."))
    item.text = _checked_action_item(current, text, owner, due_on)
    item.owner, item.due_on = owner, due_on
    ActionItem.objects.filter(pk=item.pk, meeting=current).update(
        text=item.text, owner=owner, due_on=due_on
    )
    return item


@transaction.atomic
def action_item_delete(*, item: ActionItem, by: User) -> None:
    """Whoever added an action item deletes it until it is done."""
    current = _own_entry(item.meeting_id, by, item.created_by_id)
    if ActionItem.objects.filter(pk=item.pk, done_at__isnull=False).exists():
        raise ValidationError(_("This action item is done; it stays as it was."))
    ActionItem.objects.filter(pk=item.pk, meeting=current).delete()


@transaction.atomic
def action_item_complete(*, item: ActionItem, by: User) -> ActionItem:
    """Either participant marks an action item done; it leaves the owner's home page."""
    current, rights = access.access_meeting(
        by, Meeting.objects.select_related("series"), item.meeting_id
    )
    access.require(rights.may_change or item.owner_id == by.pk)  # a former lead closes their own
    ActionItem.objects.filter(pk=item.pk, meeting=current, done_at__isnull=True).update(
        done_at=timezone.now()
    )
    item.refresh_from_db(fields=["done_at"])
    return item


@transaction.atomic
def agenda_template_apply(*, meeting: Meeting, by: User, key: str) -> list[TalkingPoint]:
    """Add a template's points (in the actor's language) to the agenda; points already there are
    not added twice."""
    current, _rights = _meeting_for_change(meeting, by)
    template = TEMPLATES.get(key)
    if template is None:
        raise ValidationError(_("This template is not known."))
    if current.is_finished:
        raise ValidationError(_("This one-on-one is finished; add the point to the next one."))
    there = set(current.points.values_list("text", flat=True))
    added = [
        TalkingPoint(
            meeting=current, author=by, text=str(text), source=TalkingPoint.Source.TEMPLATE
        )
        for text in template.points
        if str(text) not in there
    ]
    return TalkingPoint.objects.bulk_create(added)
