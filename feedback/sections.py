"""What the feedback app adds to the shared pages (see portal/sections.py)."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.contracts import MAIN, ForYouItem, Section
from people import access

from . import selectors

RECENT = 10


def agent_page(viewer, agent, rights):
    notes = list(
        selectors.with_last_change(selectors.notes_visible_to(viewer).filter(agent=agent))[:RECENT]
    )
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


def for_you(agent):
    """Feedback shared with the agent that waits for their acknowledgement."""
    return [
        ForYouItem(
            kind="feedback",
            label=_("Feedback to acknowledge"),
            url=note.get_absolute_url(),
            title=f"{note.get_kind_display()} · {Truncator(note.situation).words(12)}",
            when=note.shared_at,
            action=_("Read and acknowledge"),
        )
        for note in selectors.awaiting_acknowledgement(agent).prefetch_related(None)
    ]
