"""HR overview figures across apps, each computed in a few queries for the whole site."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from feedback.selectors import timeliness_by_lead
from people.models import TeamMembership, User
from people.periods import Quarter
from skills.selectors import active_skills, coverage
from training.models import Enrollment


def timeliness_rows(quarter: Quarter) -> list[tuple]:
    rows = timeliness_by_lead(quarter)
    leads = {u.pk: u for u in User.objects.filter(pk__in=[lead_id for lead_id, _t in rows])}
    return sorted(((leads[lead_id], t) for lead_id, t in rows if lead_id in leads and t.notes),
                  key=lambda pair: (pair[1].share if pair[1].share is not None else 101))


def site_coverage(agents, limit=8) -> list:
    """The `limit` least covered skills across the agents, with the share of agents covering each; two queries."""
    total = agents.count() or 1
    rows = coverage(agents, list(active_skills()))
    return [(c, round(100 * c.covered / total)) for c in sorted(rows, key=lambda c: c.covered)[:limit]]


def training_hours_by_team(quarter: Quarter) -> list[tuple]:
    """Hours of completed trainings in the quarter per team of the agent, in two queries."""
    rows = (
        Enrollment.objects.filter(status=Enrollment.Status.COMPLETED, completed_on__gte=quarter.first_day,
                                  completed_on__lte=quarter.last_day)
        .values("agent_id").annotate(hours=Sum("session__course__duration_hours"))
    )
    hours_by_agent = {r["agent_id"]: r["hours"] or Decimal(0) for r in rows}
    team_of = dict(TeamMembership.objects.current().members().filter(user_id__in=hours_by_agent)
                   .values_list("user_id", "team__name"))
    by_team: dict = defaultdict(Decimal)
    for agent_id, hours in hours_by_agent.items():
        by_team[team_of.get(agent_id, "–")] += hours
    return sorted(by_team.items(), key=lambda pair: -pair[1])
