"""What the feedback app adds to the shared pages (see portal/sections.py)."""

from types import SimpleNamespace

from django.utils.translation import gettext as _

from people import access
from people.models import Role

from . import selectors

RECENT = 10


def agent_page(viewer, agent):
    notes = list(selectors.with_last_change(selectors.notes_visible_to(viewer).filter(agent=agent))[:RECENT])
    return [
        SimpleNamespace(
            template="feedback/_agent_feedback.html",
            order=40,
            column="main",
            context={
                "agent": agent,
                "notes": notes,
                "is_self": viewer.pk == agent.pk,
                "can_coach": access.can_coach(viewer, agent),
                "recent": RECENT,
            },
        )
    ]


def lead_dashboard(viewer):
    if viewer.role != Role.LEAD:
        return []
    return [
        SimpleNamespace(
            template="feedback/_lead_inbox.html",
            order=5,
            column="main",
            context={"notes": list(selectors.inbox(viewer)[:5]), "open": selectors.inbox(viewer).count()},
        )
    ]


def for_you(agent):
    """Feedback shared with the agent that waits for their acknowledgement."""
    return [
        SimpleNamespace(kind="feedback", label=_("Feedback to acknowledge"), url=note.get_absolute_url(),
                        title=f"{note.get_kind_display()} · {note.situation[:80]}", when=note.shared_at,
                        action=_("Read and acknowledge"))
        for note in selectors.awaiting_acknowledgement(agent)
    ]
