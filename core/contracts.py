"""The typed contracts between apps and the pages or mechanisms that gather from them.

Every app may import this module (it sits below `people`), so the objects that cross app borders
are typed here once instead of being loose namespaces:

- `Section`: what an app contributes to a shared page (`/me/`, an agent's page, the lead's dashboard,
  HR's overview), collected by `portal.sections`; `ForYouItem`: one thing that awaits an agent.
- `Reminder` and `ReminderProvider`: what an app hands the reminder sweep (`notifications`).
- `PersonalDataSource`: where an app's rows about a person are found (gathered by `privacy`).

Mistakes fail early: the dataclasses take keywords only (a misspelt field is a TypeError where the
object is made) and check their values (a column other than `MAIN` or `SIDE` is a ValueError);
`tests/core/test_contracts.py` calls every provider and resolves every section's template.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final, Literal, Protocol

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation

MAIN: Final = "main"
SIDE: Final = "side"
Column = Literal["main", "side"]
COLUMNS = (MAIN, SIDE)


@dataclass(frozen=True, kw_only=True)
class ForYouItem:
    """One thing that awaits the agent on top of `/me/`: one click (`url`) to where it is done."""

    kind: str  # stable name, e.g. "feedback" or "self_assessment"
    label: str  # what it is: "Feedback to acknowledge"
    title: str  # which one
    when: datetime | None  # since when it waits; undated items come last
    url: str
    action: str  # the button's words
    # A second, lighter way to be done with it (a briefing marked as read without confirming it):
    # a POST to this URL, under these words.
    dismiss_url: str = ""
    dismiss_action: str = ""

    def __post_init__(self) -> None:
        if not self.url:
            raise ValueError(f"For-you item {self.kind!r} has no URL to act on")


@dataclass(frozen=True, kw_only=True)
class Section:
    """A template and its context; a page includes its sections' templates in `order`.

    On the agent page, a section whose records already include what awaits the agent puts those
    items in `waiting` (only when the viewer is the agent), so nothing is read twice.
    """

    template: str
    context: dict = field(default_factory=dict)
    order: int = 50
    column: Column = MAIN
    waiting: list[ForYouItem] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.column not in COLUMNS:
            raise ValueError(
                f"Section {self.template!r}: column {self.column!r} is not one of {COLUMNS}"
            )
        if not self.template.endswith(".html"):
            raise ValueError(f"Section template {self.template!r} is not an HTML template")


class AgentPageProvider(Protocol):
    """`<app>.sections.agent_page`: `rights` are the viewer's rights over the agent, decided once."""

    def __call__(self, viewer: Any, agent: Any, rights: Any) -> list[Section]: ...


class LeadDashboardProvider(Protocol):
    """`<app>.sections.lead_dashboard`: `teams` are the teams the viewer leads, read once."""

    def __call__(self, viewer: Any, teams: list) -> list[Section]: ...


class HrOverviewProvider(Protocol):
    """`<app>.sections.hr_overview`."""

    def __call__(self, viewer: Any) -> list[Section]: ...


class ForYouProvider(Protocol):
    """`<app>.sections.for_you`: what awaits the agent, for an app with no agent-page section to read it."""

    def __call__(self, agent: Any) -> list[ForYouItem]: ...


@dataclass(frozen=True)
class Reminder:
    """One reminder that is due: the sweep claims a unique ledger row per (kind, subject, recipient)."""

    kind: str  # e.g. "feedback_window_closing"; stable, stored in the ledger
    subject: models.Model  # what it is about (a coaching note, a review, a briefing, ...)
    recipient: models.Model  # a people.User
    # Template base name: "<name>_subject.txt" and "<name>.txt" are rendered in the
    # recipient's language with `context` plus `recipient` and `url`.
    template: str
    # Path of the page where the recipient can act; may be lazy (reverse_lazy): most reminders a sweep
    # collects were sent before, so their URL is never needed.
    url: str = ""
    context: dict = field(default_factory=dict, hash=False, compare=False)

    def render(self) -> tuple[str, str]:
        """(subject, body) in the recipient's language: the bell and the e-mail say the same."""
        return render_message(
            template=self.template, recipient=self.recipient, url=self.url, context=self.context
        )


class ReminderProvider(Protocol):
    """A function listed in settings.REMINDER_PROVIDERS: which reminders are due at `now`.

    It answers from the database alone and may return reminders that were already sent: the sweep
    delivers each (kind, subject, recipient) once. A reminder that a provider stops returning (the
    feedback was given, the recipient left) is no longer e-mailed. Providers choose recipients who can
    act, never a deactivated user (the policy's reminder rules in `people.access`), and stay cheap (a
    few queries, none per row), because the sweep runs every few minutes.
    """

    def __call__(self, now: datetime) -> Iterable[Reminder]: ...


def render_message(
    *, template: str, recipient: Any, url: str = "", context: dict[str, Any] | None = None
) -> tuple[str, str]:
    """A message's subject and body from `<template>_subject.txt` and `<template>.txt`, in the
    recipient's language."""
    context = {
        **(context or {}),
        "recipient": recipient,
        "url": url,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context).strip()
    return subject, body


@dataclass(frozen=True)
class PersonalDataSource:
    """Rows of one model that refer to a person, for the copy of personal data (GDPR Art. 15)."""

    model: str  # "app_label.ModelName"
    path: str  # lookup from the model to the person, e.g. "agent" or "plan__agent"
    role: str  # how the person is involved, shown in the export
    only: dict = field(default_factory=dict)  # extra filter
    omit: tuple = ()  # fields that are secrets, never exported
    # The rows are about the person (retention deletes them when a leaver's period ends).
    about: bool = False
    # Only in the person's own copy, never in a copy someone else makes for them (HR's): a one-on-one's
    # private notes are their writer's alone.
    own_copy_only: bool = False
    # The policy's say, (person, rows) -> rows: what of these rows the person may see now. A record
    # private to its author until shared (a coaching note, a review draft, a QA evaluation) goes into
    # a copy only through it, so the copy never holds another person's working draft. None: every row.
    visible: Callable[[Any, models.QuerySet], models.QuerySet] | None = field(
        default=None, hash=False, compare=False
    )


@dataclass(frozen=True, kw_only=True)
class RetentionRule:
    """What of an app's records is past its period on `today` (a queryset to delete in batches).

    `key` names the period in `settings.RETENTION_MONTHS`. With `held_by_open_review` =
    (agent field, day field), records of a quarter whose review of the agent is still open are kept until
    it closes (the hold is contributed by the app that owns reviews, see `RETENTION_HOLDS`).
    """

    key: str
    label: str
    what_happens: str
    expired: Callable[[Any], models.QuerySet]  # (today) -> QuerySet
    held_by_open_review: tuple[str, str] | None = None


@dataclass(frozen=True, kw_only=True)
class RegisterEntry:
    """An app's activity in the register of processing: what for, who sees it."""

    title: str
    purpose: str
    recipients: str


class PersonalDataModule(Protocol):
    """`<app>/personal_data.py`, listed in `settings.PERSONAL_DATA_MODULES` and gathered by `privacy`:

    - `SOURCES: list[PersonalDataSource]`: where the app's rows about a person are (the copy, the leaver's
      anonymisation, the register's list of data);
    - `NOT_EXPORTED: dict[str, str]` (optional): "app.Model.field" → why that relation is not exported;
    - `RETENTION: list[RetentionRule]` (optional): how long the app's records are kept;
    - `REGISTER: RegisterEntry` (optional): the app's activity in the register of processing;
    - `RETENTION_HOLDS` (optional): functions (queryset, agent_field, day_field) -> queryset that keep
      records a rule with `held_by_open_review` would delete.
    """

    SOURCES: list[PersonalDataSource]
