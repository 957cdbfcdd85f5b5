"""The contract between the reminder sweep and the apps that know what is due.

Each app listed in settings.REMINDER_PROVIDERS has a function
`due_reminders(now) -> Iterable[Reminder]` that answers, from the database
alone, which reminders are due at `now`. It may return reminders that were
already sent: the sweep claims a unique ledger row per (kind, subject,
recipient) and sends each reminder exactly once.

The providers must be cheap (a few queries, no per-row queries) because the
sweep runs every few minutes.
"""

from dataclasses import dataclass, field

from django.db import models


@dataclass(frozen=True)
class Reminder:
    kind: str  # e.g. "feedback_window_closing"; stable, stored in the ledger
    subject: models.Model  # what it is about (a coaching note, a review, a briefing, ...)
    recipient: models.Model  # a people.User
    # Template base name: "<name>_subject.txt" and "<name>.txt" are rendered in the
    # recipient's language with `context` plus `recipient` and `url`.
    template: str
    url: str = ""  # path of the page where the recipient can act
    context: dict = field(default_factory=dict, hash=False, compare=False)
