"""What the plans app adds to the shared pages (see portal/sections.py)."""

from core.contracts import MAIN, Section
from people import access

from . import selectors


def lead_dashboard(viewer, teams):
    if not access.is_team_lead(viewer):
        return []
    return [
        Section(
            template="plans/_lead_proposals.html",
            order=14,
            column=MAIN,
            context={"proposals": selectors.proposals_waiting_for(viewer)},
        )
    ]


def agent_page(viewer, agent, rights):
    plan = selectors.active_plan(agent, with_history_flag=True)
    return [
        Section(
            template="plans/_agent_plan.html",
            order=20,
            column=MAIN,
            context={
                "agent": agent,
                "plan": plan,
                "is_self": rights.is_self,
                "can_coach": rights.can_coach,
                "can_note": rights.can_note,
                "has_history": plan.has_history if plan else selectors.closed_plans(agent).exists(),
            },
        )
    ]
