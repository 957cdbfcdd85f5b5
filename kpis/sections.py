"""What the kpis app adds to the shared pages (see portal/sections.py)."""

from types import SimpleNamespace

from django.utils import timezone

from people import access

from . import selectors


def agent_page(viewer, agent):
    if not access.may_see_individual_kpis(viewer, agent):
        return []
    trend = selectors.weekly_trend(agent, timezone.localdate())
    return [SimpleNamespace(template="kpis/_agent_kpis.html", order=35, column="main",
                            context={"weeks": trend["weeks"], "team": trend["team"], "agent_id": agent.pk})]
