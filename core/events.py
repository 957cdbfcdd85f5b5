"""Things that happened, told to whoever listens above (the API's webhooks), without a lower app importing them.

A service calls `publish` inside its own transaction, after the change is saved. Receivers run in that
transaction too: what they record (a webhook delivery) is committed with the change or not at all, so
an event is recorded exactly once per change. Receivers must not call out (no HTTP, no e-mail) — they
record, and a worker delivers after the commit.
"""

from dataclasses import dataclass, field

from django.dispatch import Signal

REVIEW_SHARED = "review.shared"
FEEDBACK_DELIVERED = "feedback.delivered"
TRAINING_COMPLETED = "training.completed"
EVALUATION_SHARED = "evaluation.shared"

KINDS = (REVIEW_SHARED, FEEDBACK_DELIVERED, TRAINING_COMPLETED, EVALUATION_SHARED)

occurred = Signal()  # sender: the event's kind; keyword `event`: an Event


@dataclass(frozen=True)
class Event:
    """`subject`: the record's kind and id ("review", 12), unique per event kind; `agent_id`: whose record it
    is; `data`: ids and dates only, never the text of a record (a receiver reads that through the API, where
    its token's rights apply)."""

    kind: str
    subject: tuple[str, int]
    agent_id: int
    data: dict = field(default_factory=dict)


def publish(
    kind: str, *, subject: tuple[str, int], agent_id: int, data: dict | None = None
) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    occurred.send(
        sender=kind, event=Event(kind=kind, subject=subject, agent_id=agent_id, data=data or {})
    )
