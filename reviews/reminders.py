"""Quarterly review reminders: due (from 14 days before the quarter ends) and overdue.

Who owes a review is decided by membership history: every active agent who
belonged to a team at some time during the quarter, wherever they are now. The
reminder goes to whoever leads the agent now (they can open the agent's records);
agents whose team has no active lead are listed for HR, one reminder per team.
Overdue reviews also reach HR as one digest per HR user and quarter.
"""

from datetime import timedelta
from functools import cache

from django.db.models import Q
from django.urls import reverse

from core.contracts import Reminder
from people import access
from people.models import AgentProfile, Team, TeamMembership
from people.periods import Quarter
from people.selectors import active_hr, current_leads_by_agent, current_team_ids_by_agent

from .models import Review
from .services import cycle_for

DUE = "quarterly_review_due"
OVERDUE = "quarterly_review_overdue"
DIGEST = "quarterly_review_overdue_digest"
NO_LEAD = "_no_lead"  # suffix of the kinds HR receives for a team without a lead
DUE_BEFORE_END = timedelta(days=14)


def agents_without_held_review(quarter: Quarter):
    """Active agents who belonged to a team during the quarter (by membership history) and have no held review."""
    during = (
        TeamMembership.objects.members()
        .filter(start__lte=quarter.last_day)
        .filter(Q(end__isnull=True) | Q(end__gt=quarter.first_day))
    )
    return (
        access.agents()
        .filter(is_active=True, pk__in=during.values("user_id"))
        .exclude(profile__employment_status=AgentProfile.EmploymentStatus.LEFT)
        .exclude(
            reviews__cycle__label=quarter.label,
            reviews__status__in=[Review.Status.SHARED, Review.Status.ACKNOWLEDGED],
        )
        .order_by("last_name", "first_name")
    )


def _reminders(kind, template, quarter, agents, hr) -> list[Reminder]:
    agents = list(agents)
    leads = current_leads_by_agent([a.pk for a in agents], active_only=True)
    reminders, leadless = [], {}
    for agent in agents:
        for lead in leads.get(agent.pk, []):
            reminders.append(
                Reminder(
                    kind=f"{kind}:{quarter.label}",
                    subject=agent,
                    recipient=lead,
                    template=template,
                    url=reverse("agent_detail", args=[agent.pk]),
                    context={
                        "agent_name": str(agent),
                        "quarter": quarter.label,
                        "last_day": quarter.last_day,
                    },
                )
            )
        if not leads.get(agent.pk):
            leadless.setdefault(agent.pk, agent)
    if leadless:
        reminders += _to_hr(kind, quarter, list(leadless.values()), hr())
    return reminders


def _to_hr(kind, quarter, agents, hr_users) -> list[Reminder]:
    """One reminder per team without a lead (and per agent in no team at all) to every HR user."""
    team_of = current_team_ids_by_agent([a.pk for a in agents])
    teams = Team.objects.in_bulk(set(team_of.values()))
    by_subject: dict = {}
    for agent in agents:
        team = teams.get(team_of.get(agent.pk))
        by_subject.setdefault(team or agent, []).append(agent)
    reminders = []
    for subject, missing in by_subject.items():
        team_name = subject.name if isinstance(subject, Team) else ""
        url = (
            subject.get_absolute_url()
            if isinstance(subject, Team)
            else reverse("agent_detail", args=[subject.pk])
        )
        for hr in hr_users:
            reminders.append(
                Reminder(
                    kind=f"{kind}{NO_LEAD}:{quarter.label}",
                    subject=subject,
                    recipient=hr,
                    template="reviews/reminders/quarterly_review_no_lead",
                    url=url,
                    context={
                        "team": team_name,
                        "quarter": quarter.label,
                        "last_day": quarter.last_day,
                        "overdue": kind == OVERDUE,
                        "missing": [str(a) for a in missing],
                    },
                )
            )
    return reminders


def due_reminders(now):
    quarter = Quarter.containing(now)
    hr = cache(active_hr)  # HR is asked for only when a reminder needs them, and once
    reminders = []
    if now >= quarter.end - DUE_BEFORE_END:
        reminders += _reminders(
            DUE,
            "reviews/reminders/quarterly_review_due",
            quarter,
            agents_without_held_review(quarter),
            hr,
        )
    previous = quarter.previous()
    overdue = list(agents_without_held_review(previous))
    reminders += _reminders(
        OVERDUE, "reviews/reminders/quarterly_review_overdue", previous, overdue, hr
    )
    if overdue:
        cycle = cycle_for(previous)
        missing = [str(agent) for agent in overdue]
        for hr_user in hr():
            reminders.append(
                Reminder(
                    kind=DIGEST,
                    subject=cycle,
                    recipient=hr_user,
                    template="reviews/reminders/quarterly_review_overdue_digest",
                    url=reverse("hr_overview"),
                    context={"quarter": previous.label, "missing": missing},
                )
            )
    return reminders
