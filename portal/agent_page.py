"""What the agent page (`/me/` and `/agents/<id>/`) shows, gathered from every app."""

from people import access, selectors as people_selectors

from . import sections


def agent_page_context(viewer, agent) -> dict:
    collected = sections.collect("agent_page", viewer, agent)
    is_self = viewer.pk == agent.pk
    return {
        "agent": agent,
        "is_self": is_self,
        "for_you": sections.for_you(agent) if is_self else None,
        "can_coach": access.can_coach(viewer, agent),
        "team": people_selectors.current_team_of(agent),
        "leads": people_selectors.current_leads_of_agent(agent),
        "profile": getattr(agent, "profile", None),
        "main_sections": [s for s in collected if s.column == sections.MAIN],
        "side_sections": [s for s in collected if s.column == sections.SIDE],
    }
