"""The contract between the reminder sweep and the apps that know what is due.

Each app listed in settings.REMINDER_PROVIDERS has a function
`due_reminders(now) -> Iterable[Reminder]` that answers, from the database
alone, which reminders are due at `now`. It may return reminders that were
already sent: the sweep claims a unique ledger row per (kind, subject,
recipient) and delivers each reminder once. A reminder that a provider stops
returning (the feedback was given, the recipient left) is no longer e-mailed.

Providers choose recipients who can act and never a deactivated user: the
people who lead the agent now, and HR where a team has no lead.

The providers must be cheap (a few queries, no per-row queries) because the
sweep runs every few minutes.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True)
class Reminder:
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


def render_message(*, template: str, recipient, url: str = "", context=None) -> tuple[str, str]:
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
