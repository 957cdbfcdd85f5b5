"""One-on-ones: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry, RetentionRule
from core.periods import moment, months_before
from people import access

from .models import Meeting


def _private_notes_seen(person, rows):
    """A private note is its writer's alone: only in the writer's own copy."""
    return access.private_notes_visible_to(person, rows)


def _one_on_ones(today):
    """Meetings (with their points, notes, private notes and action items) older than the period."""
    cutoff = months_before(today, settings.RETENTION_MONTHS["one_on_ones"])
    return Meeting.objects.filter(scheduled_at__lt=moment(cutoff))


SOURCES = [
    Source("one_on_ones.Series", "agent", _("your one-on-one series"), about=True),
    Source("one_on_ones.Series", "lead", _("one-on-one series you lead")),
    Source("one_on_ones.Meeting", "series__agent", _("your one-on-ones"), about=True),
    Source("one_on_ones.Meeting", "series__lead", _("one-on-ones you led")),
    Source("one_on_ones.Meeting", "requested_by", _("extra one-on-ones you asked for")),
    Source(
        "one_on_ones.TalkingPoint",
        "meeting__series__agent",
        _("talking points of your one-on-ones"),
        about=True,
    ),
    Source(
        "one_on_ones.TalkingPoint",
        "meeting__series__lead",
        _("talking points of one-on-ones you led"),
    ),
    Source("one_on_ones.TalkingPoint", "author", _("talking points you added")),
    Source(
        "one_on_ones.SharedNote",
        "meeting__series__agent",
        _("shared notes of your one-on-ones"),
        about=True,
    ),
    Source(
        "one_on_ones.SharedNote", "meeting__series__lead", _("shared notes of one-on-ones you led")
    ),
    Source("one_on_ones.SharedNote", "author", _("shared notes you wrote")),
    Source(
        "one_on_ones.PrivateNote",
        "author",
        _("your private one-on-one notes (yours alone)"),
        about=True,
        own_copy_only=True,
        visible=_private_notes_seen,
    ),
    Source(
        "one_on_ones.ActionItem",
        "meeting__series__agent",
        _("action items of your one-on-ones"),
        about=True,
    ),
    Source(
        "one_on_ones.ActionItem", "meeting__series__lead", _("action items of one-on-ones you led")
    ),
    Source("one_on_ones.ActionItem", "owner", _("action items you own")),
    Source("one_on_ones.ActionItem", "created_by", _("action items you added")),
]

RETENTION = [
    RetentionRule(
        key="one_on_ones",
        label=_("One-on-ones"),
        what_happens=_(
            "deleted with their talking points, shared and private notes and action items, months "
            "after the meeting"
        ),
        expired=_one_on_ones,
    ),
]

REGISTER = RegisterEntry(
    title=_("One-on-ones"),
    purpose=_(
        "Regular conversations between a lead and an agent: a shared agenda, shared notes, "
        "action items with owner and due date; private notes for their writer alone."
    ),
    recipients=_(
        "The lead and the agent of the series; a private note only its writer (also not HR or "
        "administrators); HR sees only how many agents of a team had a one-on-one lately, where "
        "the works agreement allows it."
    ),
)
