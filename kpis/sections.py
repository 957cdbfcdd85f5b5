"""What the kpis app adds to the shared pages (see portal/sections.py)."""

from types import SimpleNamespace

from django.utils import timezone

from people import access

from . import selectors


def agent_page(viewer, agent, rights):
    if not rights.sees_individual_kpis:
        return []
    trend = selectors.weekly_trend(agent, timezone.localdate())
    return [SimpleNamespace(template="kpis/_agent_kpis.html", order=35, column="main",
                            context={"weeks": trend["weeks"], "agent_id": agent.pk})]
