"""What the plans app adds to the shared pages (see portal/sections.py)."""

from types import SimpleNamespace

from people import access

from . import selectors


def agent_page(viewer, agent):
    is_self = viewer.pk == agent.pk
    can_coach = access.can_coach(viewer, agent)
    return [
        SimpleNamespace(
            template="plans/_agent_plan.html",
            order=20,
            column="main",
            context={
                "agent": agent,
                "plan": selectors.active_plan(agent),
                "is_self": is_self,
                "can_coach": can_coach,
                "can_note": is_self or can_coach,
                "has_history": selectors.closed_plans(agent).exists(),
            },
        )
    ]
