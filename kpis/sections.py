"""What the kpis app adds to the shared pages (see portal/sections.py)."""

from django.utils import timezone

from core.contracts import MAIN, Section

from . import selectors
from .charts import trend_chart


def agent_page(viewer, agent, rights):
    if not rights.sees_individual_kpis:
        return []
    trend = selectors.weekly_trend(agent, timezone.localdate())
    return [
        Section(
            template="kpis/_agent_kpis.html",
            order=35,
            column=MAIN,
            context={
                "weeks": trend["weeks"],
                "agent_id": agent.pk,
                "chart_id": f"agent-kpis-{agent.pk}-data",
                "chart": trend_chart(trend["weeks"], "aht_seconds", with_median=True),
            },
        )
    ]
