"""Statements by employees on their records (§83 BetrVG); copies of personal data (Art. 15 GDPR)."""

import json
import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.services import notify
from people import access
from people.models import User

from . import personal_data
from .models import DataRequest, Statement

logger = logging.getLogger(__name__)

MAX_STATEMENT_LENGTH = 5000


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Please write your statement."))
    if len(text) > MAX_STATEMENT_LENGTH:
        raise ValidationError(
            _("A statement can have at most %(max)s characters.") % {"max": MAX_STATEMENT_LENGTH}
        )
    return text


def _may_state_on(author: User, record: Any) -> bool:
    return record.agent_id == author.pk and record.shared_at is not None


def _within_limits(author: User, record: Any, is_note: bool) -> None:
    """At most STATEMENT_LIMIT_PER_RECORD statements per record and person, and
    STATEMENT_LIMIT_PER_DAY a day: a statement notifies the lead, so none can be flooded."""
    # The record's row is locked first, so two statements sent at once are counted one after the other.
    type(record).objects.select_for_update().filter(pk=record.pk).exists()
    own = Statement.objects.filter(author=author)
    on_record = own.filter(note=record) if is_note else own.filter(review=record)
    if on_record.count() >= settings.STATEMENT_LIMIT_PER_RECORD:
        raise ValidationError(
            _("You have already added %(count)s statements to this record; that is the most.")
            % {"count": settings.STATEMENT_LIMIT_PER_RECORD}
        )
    today = timezone.localdate()
    start = timezone.make_aware(datetime.combine(today, time.min))
    if own.filter(created_at__gte=start).count() >= settings.STATEMENT_LIMIT_PER_DAY:
        raise ValidationError(
            _("You have added %(count)s statements today. Please continue tomorrow.")
            % {"count": settings.STATEMENT_LIMIT_PER_DAY}
        )


@transaction.atomic
def statement_add(*, author: User, record: Any, text: str) -> Statement:
    """Add the agent's statement to a shared note or review; the lead hears of it once."""
    if not _may_state_on(author, record):
        raise ValidationError(_("You can add a statement only to a shared record about you."))
    text = _clean_text(text)
    from feedback.models import CoachingNote

    is_note = isinstance(record, CoachingNote)
    _within_limits(author, record, is_note)
    statement = Statement.objects.create(
        author=author,
        text=text,
        note=record if is_note else None,
        review=None if is_note else record,
    )
    lead = record.author if is_note else record.reviewer
    if lead is not None and lead.is_active:
        url = reverse("feedback:note_detail" if is_note else "reviews:detail", args=[record.pk])
        transaction.on_commit(
            lambda: notify(
                recipient=lead,
                kind="statement_added",
                template="privacy/mail/statement_added",
                url=url,
                context={"agent": author, "is_note": is_note},
            )
        )
    return statement


MAX_REFERENCE_LENGTH = 100
PRODUCE_TASK = "privacy.produce_copy"


def copy_request(
    *,
    actor: User,
    person: User,
    received_on: date | None = None,
    channel: str = DataRequest.Channel.PORTAL,
    reference: str = "",
) -> DataRequest:
    """Record a request for a copy of `person`'s data; the copy is produced in the background and
    handed to the person alone. The person asks in the portal; HR records one that reached them
    otherwise (date, channel, reference)."""
    if not access.may_request_copy_for(actor, person):
        raise Http404
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        raise ValidationError({"received_on": _("A request cannot be received in the future.")})
    if received_on < today - timedelta(days=366):
        raise ValidationError(
            {"received_on": _("A request received more than a year ago is not plausible.")}
        )
    if channel not in DataRequest.Channel.values:
        raise ValidationError({"channel": _("Please choose how the request reached you.")})
    reference = (reference or "").strip()
    if len(reference) > MAX_REFERENCE_LENGTH:
        raise ValidationError(
            {"reference": _("At most %(max)s characters.") % {"max": MAX_REFERENCE_LENGTH}}
        )
    data_request = DataRequest.objects.create(
        person=person,
        recorded_by=actor,
        received_on=received_on,
        channel=channel,
        reference=reference,
    )
    transaction.on_commit(lambda: current_app.tasks[PRODUCE_TASK].delay(data_request.pk))
    return data_request


def copy_produce(data_request_id: int) -> DataRequest | None:
    """Produce the copy (JSON and PDF) through the policy, as the person sees their records, and tell
    the person it is ready. Runs in the background (Celery), so no page waits for the PDF."""
    data_request = DataRequest.objects.select_related("person").filter(pk=data_request_id).first()
    if data_request is None or data_request.status == DataRequest.Status.READY:
        return data_request
    person = data_request.person
    try:
        with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
            document = personal_data.export_document(person)
            json_copy = json.dumps(document, ensure_ascii=False, indent=2, default=str)
            pdf_copy = personal_data.render_pdf(document)
    except Exception:
        logger.exception("copy of personal data %s failed", data_request.pk)
        data_request.status = DataRequest.Status.FAILED
        data_request.save(update_fields=["status"])
        return data_request
    data_request.json_copy = json_copy.encode()
    data_request.pdf_copy = pdf_copy
    data_request.status = DataRequest.Status.READY
    data_request.ready_at = timezone.now()
    data_request.save(update_fields=["json_copy", "pdf_copy", "status", "ready_at"])
    notify(
        recipient=person,
        kind="data_copy_ready",
        template="privacy/mail/data_copy_ready",
        url=reverse("privacy:my_data"),
        context={"data_request": data_request},
    )
    return data_request


def copy_handed_over(*, data_request: DataRequest, by: User) -> None:
    """The person downloaded their copy: the first time is when it was handed over. Only the person
    receives it."""
    if not access.copies_for(by, DataRequest.objects.filter(pk=data_request.pk)).exists():
        raise Http404
    if data_request.downloaded_at is None:
        DataRequest.objects.filter(pk=data_request.pk, downloaded_at__isnull=True).update(
            downloaded_at=timezone.now()
        )
