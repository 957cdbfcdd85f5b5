"""Statements by employees on their records (§83 BetrVG)."""

from datetime import datetime, time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import notify
from people.models import User

from .models import Statement

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
