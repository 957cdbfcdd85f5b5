"""What the feedback app adds to the shared pages (see portal/sections.py)."""

from types import SimpleNamespace

from people.models import Role

from . import selectors

RECENT = 10


def agent_page(viewer, agent, rights):
    notes = list(selectors.notes_visible_to(viewer).filter(agent=agent)[:RECENT])
    return [
        SimpleNamespace(
            template="feedback/_agent_feedback.html",
            order=40,
            column="main",
            context={
                "agent": agent,
                "notes": notes,
                "is_self": rights.is_self,
                "can_coach": rights.can_coach,
                "recent": RECENT,
            },
        )
    ]


def lead_dashboard(viewer, teams):
    if viewer.role != Role.LEAD:
        return []
    notes, waiting = selectors.inbox_head(viewer, 5)
    return [
        SimpleNamespace(
            template="feedback/_lead_inbox.html",
            order=5,
            column="main",
            context={"notes": notes, "open": waiting},
        )
    ]
