"""What the plans app adds to the shared pages (see portal/sections.py)."""

from core.contracts import MAIN, Section

from . import selectors


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
