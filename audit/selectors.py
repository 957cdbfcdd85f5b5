from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from people.models import User

from .models import AccessEvent


def events_about(person: User) -> QuerySet[AccessEvent]:
    """What others did with a person's records (the person's own actions are never recorded)."""
    return AccessEvent.objects.filter(subject=person).select_related("actor")


REPEAT_WINDOW_SECONDS = 60


def merge_repeats(events: Iterable[AccessEvent]) -> list[AccessEvent]:
    """One line for the same person doing the same thing with the same record within a minute
    (three reloads are one view); each kept event carries how often it happened (`repeats`)."""
    merged: list[AccessEvent] = []
    earliest: list[datetime] = []
    for event in events:  # newest first
        if (
            merged
            and (merged[-1].actor_id, merged[-1].kind, merged[-1].record, merged[-1].object_id)
            == (event.actor_id, event.kind, event.record, event.object_id)
            and (earliest[-1] - event.at).total_seconds() <= REPEAT_WINDOW_SECONDS
        ):
            merged[-1].__dict__["repeats"] += 1
            earliest[-1] = event.at
            continue
        event.__dict__["repeats"] = 1
        merged.append(event)
        earliest.append(event.at)
    return merged


def _people_matching(prefix: str, text: str) -> Q:
    q = Q()
    for word in text.split():
        q &= (
            Q(**{f"{prefix}__first_name__icontains": word})
            | Q(**{f"{prefix}__last_name__icontains": word})
            | Q(**{f"{prefix}__email__icontains": word})
        )
    return q


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def search(
    *,
    person: str = "",
    actor: str = "",
    kind: str = "",
    record: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AccessEvent]:
    """The audit for HR and admins, filtered; newest first."""
    events = AccessEvent.objects.select_related("actor", "subject")
    if person:
        events = events.filter(_people_matching("subject", person))
    if actor:
        events = events.filter(_people_matching("actor", actor))
    if kind:
        events = events.filter(kind=kind)
    if record:
        events = events.filter(record=record)
    if date_from:
        events = events.filter(at__gte=_start_of(date_from))
    if date_to:
        events = events.filter(at__lt=_start_of(date_to) + timedelta(days=1))
    return events
