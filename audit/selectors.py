from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string

from people.models import User

from .models import AccessEvent


def events_about(person: User) -> QuerySet[AccessEvent]:
    """What others did with a person's records (the person's own actions are never recorded)."""
    return AccessEvent.objects.filter(subject=person).select_related("actor")


REPEAT_WINDOW_MINUTES = 5


def merge_repeats(events: Iterable[AccessEvent]) -> list[AccessEvent]:
    """One line for the same person doing the same thing with the same record within a few minutes
    (REPEAT_WINDOW_MINUTES, counted from the newest of them; three reloads are one view, also when
    another line falls between them); each kept event carries how often it happened (`repeats`)."""
    merged: list[AccessEvent] = []
    newest: dict[tuple, tuple[AccessEvent, datetime]] = {}
    window = REPEAT_WINDOW_MINUTES * 60
    for event in events:  # newest first
        key = (event.actor_id, event.kind, event.record, event.object_id)
        kept = newest.get(key)
        if kept is not None and (kept[1] - event.at).total_seconds() <= window:
            kept[0].__dict__["repeats"] += 1
            continue
        event.__dict__["repeats"] = 1
        merged.append(event)
        newest[key] = (event, event.at)
    return merged


def name_records(events: list[AccessEvent], viewer: User) -> list[AccessEvent]:
    """Give each event of a single record the record's name as its app words it ("Quarterly review
    Q4 2026"), as `record_name`: one query per kind of record, through AUDIT_RECORD_NAMES (each app
    names only what the viewer may see; the rest keeps the kind alone, never an id)."""
    wanted: dict[str, set[str]] = {}
    for event in events:
        if event.object_id and event.record in settings.AUDIT_RECORD_NAMES:
            wanted.setdefault(event.record, set()).add(str(event.object_id))
    names: dict[tuple[str, str], str] = {}
    for record, ids in wanted.items():
        namer = import_string(settings.AUDIT_RECORD_NAMES[record])
        for pk, name in namer(viewer, sorted(ids)).items():
            names[(record, str(pk))] = name
    for event in events:
        event.__dict__["record_name"] = names.get((event.record, str(event.object_id)), "")
    return events


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
