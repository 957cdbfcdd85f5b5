"""What the agent page (`/me/` and `/agents/<id>/`) shows, gathered from every app."""

from django.utils import timezone

from core.contracts import MAIN, SIDE
from people import access
from people import selectors as people_selectors

from . import sections


def agent_page_context(viewer, agent, rights: access.AgentRights) -> dict:
    """The viewer's rights over the agent, decided once where the agent was read, go to every section."""
    team, leads = people_selectors.current_team_and_leads(agent)
    starting = None if team else people_selectors.upcoming_membership_of(agent)
    collected = sections.collect("agent_page", viewer, agent, rights)
    for_you = sections.for_you(agent, collected) if rights.is_self else None
    return {
        "agent": agent,
        "is_self": rights.is_self,
        "for_you": for_you,
        "for_you_groups": sections.for_you_grouped(for_you, timezone.now()) if for_you else None,
        "can_coach": rights.can_coach,
        "team": team,
        "starting": starting,
        "leads": leads,
        "profile": getattr(agent, "profile", None),
        "main_sections": [s for s in collected if s.column == MAIN],
        "side_sections": [s for s in collected if s.column == SIDE],
    }
