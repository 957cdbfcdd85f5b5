"""Webhooks: events recorded once in the transaction that caused them, delivered by a worker, signed.

Recording (`record`, a receiver of core.events.occurred): one WebhookDelivery row per (subscription, event,
subject), created in the service's own transaction, so an event is recorded exactly once per subscriber —
a second share of the same review, or a retried transaction, finds the row there (the unique constraint).

Delivering (`deliver`, the Celery task api.deliver_webhooks every WEBHOOK_SWEEP_SECONDS and right after a
commit that recorded deliveries), the reminder ledger's protocol (notifications/sweep.py), one row at a time:

1. Recover: a row left "with the receiver" by a worker that died, once its lease ran out by the database's
   clock, becomes unconfirmed — the request may have arrived — and is never resent by itself.
2. Claim: one conditional update takes the free, due rows (pending, next attempt come) for this worker, with
   a lease counted from the database's clock (WEBHOOK_CLAIM_LEASE_SECONDS, longer than the task's limit).
3. Hand over: one conditional update takes the row from pending to "with the receiver" and counts the
   attempt; only this worker's live claim wins it. Zero rows: the claim was lost, nothing more is sent.
4. Send: POST with the delivery id (the same on every attempt) and a fresh signature; no redirects followed.
5. Record: delivered (2xx), or pending with the next attempt from the reminder e-mails' backoff, or given up
   when that would pass the time budget; the claim is released in the same statement.

An exception between 3 and 5 leaves the outcome unknown: that row becomes unconfirmed, every other claim is
released. The receiver sees each delivery id at most once from the portal by itself; an admin's resend
sends the same id again, which the receiver uses to ignore what it already has.

Signature: `Portal-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
"""

import hashlib
import hmac
import json
import logging
import secrets
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import DurationField, F, Q, Value
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _

from core import events
from notifications import backoff
from notifications.ledger import resilient

from .models import ExternalKey, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)
State = WebhookDelivery.State

SIGNATURE_HEADER = "Portal-Webhook-Signature"
ID_HEADER = "Portal-Webhook-Id"
EVENT_HEADER = "Portal-Webhook-Event"
TOLERANCE_SECONDS = 5 * 60  # what the README asks receivers to accept as the signature's age
RESPONSE_KEPT = 200  # characters of a failed answer kept in the delivery log


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def url_problem(url: str) -> str | None:
    """Why the address cannot take webhooks (None: it can): https only, unless WEBHOOK_ALLOW_HTTP."""
    scheme = url.split(":", 1)[0].lower()
    if scheme == "https" or (scheme == "http" and settings.WEBHOOK_ALLOW_HTTP):
        return None
    return _("Webhooks go to https:// addresses only.")


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header's value for a body sent at `timestamp`."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes, *, now: float | None = None) -> bool:
    """What a receiver does (the README shows the same in a few lines): the signature matches and is fresh."""
    try:
        parts = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = sign(secret, timestamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


# --- recording ---------------------------------------------------------------------------------------


def record(sender, event: events.Event, **kwargs) -> None:
    """Rows for the subscriptions that want this event, in the caller's transaction (a row already there wins)."""
    wanted = [
        s
        for s in WebhookSubscription.objects.filter(ended_at__isnull=True).only("pk", "events")
        if event.kind in s.events
    ]
    if not wanted:
        return
    now = timezone.now()
    subject_kind, subject_id = event.subject
    agent_external = (
        ExternalKey.objects.filter(kind=ExternalKey.Kind.PERSON, object_id=event.agent_id)
        .values_list("external_id", flat=True)
        .first()
    )
    data = {
        subject_kind: subject_id,
        "agent": {"id": event.agent_id, "external_id": agent_external},
        **event.data,
    }
    rows = []
    for subscription in wanted:
        delivery_id = uuid.uuid4()
        payload = {"id": str(delivery_id), "type": event.kind, "occurred_at": now, "data": data}
        rows.append(
            WebhookDelivery(
                subscription=subscription,
                delivery_id=delivery_id,
                event=event.kind,
                subject=f"{subject_kind}:{subject_id}",
                payload=json.loads(json.dumps(payload, cls=DjangoJSONEncoder)),
                created_at=now,
                due_since=now,
                next_attempt_at=now,
            )
        )
    WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)
    transaction.on_commit(_start_worker)


def _start_worker() -> None:
    """Ask a worker to deliver now; if the broker is away, the next scheduled run delivers."""
    from .tasks import deliver_webhooks  # the task module imports this one

    try:
        deliver_webhooks.delay()
    except Exception:  # the change is committed; delivery waits for the schedule
        logger.warning("could not queue the webhook delivery", exc_info=True)


# --- delivering --------------------------------------------------------------------------------------


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0  # attempts that failed; another one is scheduled
    given_up: int = 0
    unconfirmed: int = 0  # rows a dead or interrupted worker left in doubt
    claims_lost: int = 0
    stopped_early: bool = False
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "delivered": self.delivered,
            "failed": self.failed,
            "given_up": self.given_up,
            "unconfirmed": self.unconfirmed,
            "claims_lost": self.claims_lost,
            "stopped_early": self.stopped_early,
        }


@dataclass(frozen=True)
class Outcome:
    delivered: bool
    status: int | None
    error: str


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a 3xx is an answer like any other non-2xx: not delivered


_opener = urllib.request.build_opener(_NoRedirects)


def post(url: str, *, secret: str, delivery_id: str, event: str, payload: dict) -> Outcome:
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "team-development-portal-webhooks/1",
            ID_HEADER: delivery_id,
            EVENT_HEADER: event,
            SIGNATURE_HEADER: sign(secret, int(time.time()), body),
        },
    )
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            status = response.status
            return Outcome(200 <= status < 300, status, "" if status < 300 else f"HTTP {status}")
    except urllib.error.HTTPError as answer:
        text = answer.read(RESPONSE_KEPT).decode("utf-8", "replace")
        return Outcome(False, answer.code, f"HTTP {answer.code}: {text}"[:500])
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return Outcome(False, None, f"{type(error).__name__}: {reason}"[:500])


def _lease(seconds: float):
    return Now() + Value(timedelta(seconds=seconds), output_field=DurationField())


def _free() -> Q:
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=Now())


@resilient
def recover_interrupted() -> int:
    """Rows a dead worker left with the receiver, once its lease ran out: unconfirmed, never resent by themselves."""
    return WebhookDelivery.objects.filter(state=State.IN_FLIGHT, claimed_until__lt=Now()).update(
        state=State.UNCONFIRMED,
        last_error="The worker sending this delivery was interrupted; it may or may not have arrived.",
        claimed_by="",
        claimed_until=None,
    )


@resilient
def claim(*, token: str, now: datetime, limit: int, lease_seconds: float) -> list[int]:
    due = (
        WebhookDelivery.objects.filter(
            state=State.PENDING, next_attempt_at__lte=now, subscription__ended_at__isnull=True
        )
        .filter(_free())
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    ids = list(due)
    if not ids:
        return []
    WebhookDelivery.objects.filter(pk__in=ids, state=State.PENDING).filter(_free()).update(
        claimed_by=token, claimed_until=_lease(lease_seconds)
    )
    return list(
        WebhookDelivery.objects.filter(pk__in=ids, claimed_by=token, state=State.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@resilient
def hand_over(*, token: str, pk: int, now: datetime) -> bool:
    return bool(
        WebhookDelivery.objects.filter(
            pk=pk, claimed_by=token, state=State.PENDING, claimed_until__gt=Now()
        ).update(state=State.IN_FLIGHT, attempts=F("attempts") + 1, last_attempt_at=now)
    )


@resilient
def record_outcome(*, token: str, pk: int, changes: dict) -> bool:
    return bool(
        WebhookDelivery.objects.filter(pk=pk, claimed_by=token, state=State.IN_FLIGHT).update(
            claimed_by="", claimed_until=None, **changes
        )
    )


@resilient
def settle(*, token: str) -> int:
    """After an interruption: the row with the receiver is unconfirmed; every other claim is released."""
    unconfirmed = WebhookDelivery.objects.filter(claimed_by=token, state=State.IN_FLIGHT).update(
        state=State.UNCONFIRMED,
        last_error="The worker sending this delivery was interrupted; it may or may not have arrived.",
        claimed_by="",
        claimed_until=None,
    )
    WebhookDelivery.objects.filter(claimed_by=token, state=State.PENDING).update(
        claimed_by="", claimed_until=None
    )
    return unconfirmed


def _changes(outcome: Outcome, *, attempt: int, at: datetime, due_since: datetime) -> dict:
    if outcome.delivered:
        return {
            "state": State.DELIVERED,
            "delivered_at": at,
            "last_status": outcome.status,
            "last_error": "",
            "next_attempt_at": None,
        }
    next_at = backoff.next_attempt_at(failed_at=at, attempt=attempt, due_since=due_since)
    return {
        "state": State.PENDING if next_at else State.GIVEN_UP,
        "next_attempt_at": next_at,
        "last_status": outcome.status,
        "last_error": outcome.error,
    }


def deliver(*, limit: int | None = None, sender=post) -> DeliveryReport:
    """One run of the worker: safe to run twice or concurrently."""
    report = DeliveryReport()
    report.unconfirmed += recover_interrupted()
    token = uuid.uuid4().hex
    lease = settings.WEBHOOK_CLAIM_LEASE_SECONDS
    started = time.monotonic()
    ids = claim(
        token=token,
        now=timezone.now(),
        limit=limit or settings.WEBHOOK_BATCH_SIZE,
        lease_seconds=lease,
    )
    if not ids:
        return report
    rows = {
        row.pk: row
        for row in WebhookDelivery.objects.filter(pk__in=ids).select_related("subscription")
    }
    try:
        for pk in ids:
            # Stop while the lease, by this process's clock, outlasts one more request with room to spare.
            if time.monotonic() - started > lease - 3 * settings.WEBHOOK_TIMEOUT_SECONDS:
                report.stopped_early = True
                break
            now = timezone.now()
            if not hand_over(token=token, pk=pk, now=now):
                report.claims_lost += 1
                report.stopped_early = True
                break
            row = rows[pk]
            outcome = sender(
                row.subscription.url,
                secret=row.subscription.secret,
                delivery_id=str(row.delivery_id),
                event=row.event,
                payload=row.payload,
            )
            changes = _changes(
                outcome, attempt=row.attempts + 1, at=timezone.now(), due_since=row.due_since
            )
            if not record_outcome(token=token, pk=pk, changes=changes):
                report.claims_lost += 1
                continue
            if outcome.delivered:
                report.delivered += 1
            elif changes["state"] == State.GIVEN_UP:
                report.given_up += 1
            else:
                report.failed += 1
    finally:
        report.unconfirmed += settle(token=token)
    return report
