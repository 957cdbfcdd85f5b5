"""What the feedback app adds to the shared pages (see portal/sections.py)."""

from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.contracts import MAIN, ForYouItem, Section
from people import access

from . import selectors

RECENT = 10


def agent_page(viewer, agent, rights):
    """The latest notes; on `/me/` in the same query the shared ones that wait for the agent's
    acknowledgement ("For you"), so the page reads the agent's notes once."""
    visible = selectors.notes_visible_to(viewer).filter(agent=agent)
    if rights.is_self:
        latest = visible.order_by("-observed_at", "-id").values("pk")[:RECENT]
        read = list(
            selectors.with_last_change(
                visible.filter(
                    Q(pk__in=latest) | Q(shared_at__isnull=False, acknowledged_at__isnull=True)
                )
            ).order_by("-observed_at", "-id")
        )
        notes = read[:RECENT]  # every one of the latest is read, and everything else is older
        waiting = sorted(
            (n for n in read if n.shared_at and n.acknowledged_at is None),
            key=lambda n: (n.shared_at, n.pk),
        )
    else:
        notes = list(selectors.with_last_change(visible)[:RECENT])
        waiting = []
    return [
        Section(
            template="feedback/_agent_feedback.html",
            order=40,
            column=MAIN,
            context={
                "agent": agent,
                "notes": notes,
                "is_self": rights.is_self,
                "can_coach": rights.can_coach,
                "recent": RECENT,
            },
            waiting=[_waiting(note) for note in waiting],
        )
    ]


def lead_dashboard(viewer, teams):
    if not access.is_team_lead(viewer):
        return []
    notes, waiting = selectors.inbox_head(viewer, 5)
    return [
        Section(
            template="feedback/_lead_inbox.html",
            order=5,
            column=MAIN,
            context={"notes": notes, "open": waiting},
        )
    ]


def _waiting(note):
    """Feedback shared with the agent that waits for their acknowledgement."""
    return ForYouItem(
        kind="feedback",
        label=_("Feedback to acknowledge"),
        url=note.get_absolute_url(),
        title=f"{note.get_kind_display()} · {Truncator(note.situation).words(12)}",
        when=note.shared_at,
        action=_("Read and acknowledge"),
    )
