"""Record access cheaply: views note what they showed, the middleware writes it once.

`audit.record(request, ...)` only appends to a list on the request. After the
response is ready, `AuditMiddleware` writes everything the request collected
with one INSERT, and only for successful responses. A failure to write is
logged and never breaks the page.
"""

import logging
from collections.abc import Iterable

from django.db import transaction

from .models import AccessEvent

logger = logging.getLogger(__name__)

Kind = AccessEvent.Kind
Record = AccessEvent.Record


def record(request, subject, what: str, *, kind: str = Kind.VIEW, object_id="") -> None:
    """Note that the signed-in user viewed, changed or exported `subject`'s records."""
    record_many(request, [subject], what, kind=kind, object_id=object_id)


def record_many(
    request, subjects: Iterable, what: str, *, kind: str = Kind.VIEW, object_id=""
) -> None:
    actor = getattr(request, "user", None)
    if actor is None or not actor.is_authenticated:
        return
    pending = request.__dict__.setdefault("_audit_events", [])
    for subject in subjects:
        subject_id = getattr(subject, "pk", subject)
        if subject_id is None or subject_id == actor.pk:
            continue  # what people open about themselves is not an access by others
        pending.append(
            AccessEvent(
                actor_id=actor.pk,
                actor_role=actor.role,
                subject_id=subject_id,
                kind=kind,
                record=what,
                object_id=str(object_id or ""),
            )
        )


def write_now(events: list[AccessEvent]) -> None:
    """Write collected events in one statement; never raise."""
    if not events:
        return
    try:
        with (
            transaction.atomic()
        ):  # a savepoint: a failure here leaves the caller's transaction usable
            AccessEvent.objects.bulk_create(events, batch_size=1000)
    except Exception:  # an audit failure must not take the page down
        logger.exception("Could not write %s access event(s)", len(events))


def write_pending(request) -> None:
    """Write what the request collected now: for work that ends after the response left (a stream)."""
    write_now(request.__dict__.pop("_audit_events", None) or [])


def flush(request, response) -> None:
    events = request.__dict__.pop("_audit_events", None)
    if events and response.status_code < 400:
        write_now(events)
