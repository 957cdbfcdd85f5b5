"""Quarterly review reminders: due (from 14 days before the quarter ends) and overdue, to the current lead;
overdue ones also to HR, as one digest per HR user and quarter."""

from datetime import timedelta

from django.urls import reverse

from notifications.reminders import Reminder
from people.models import AgentProfile, Role, TeamMembership, User
from people.periods import Quarter
from people.selectors import current_leads_by_agent

from .models import Review
from .services import cycle_for

DUE = "quarterly_review_due"
OVERDUE = "quarterly_review_overdue"
DIGEST = "quarterly_review_overdue_digest"
DUE_BEFORE_END = timedelta(days=14)


def agents_without_held_review(quarter: Quarter):
    """Current agents who already belonged to a team during the quarter and have no held review of it."""
    members = TeamMembership.objects.current().members().filter(start__lte=quarter.last_day).values("user_id")
    return (
        User.objects.filter(role=Role.AGENT, is_active=True, pk__in=members)
        .exclude(profile__employment_status=AgentProfile.EmploymentStatus.LEFT)
        .exclude(reviews__cycle__label=quarter.label,
                 reviews__status__in=[Review.Status.SHARED, Review.Status.ACKNOWLEDGED])
        .order_by("last_name", "first_name")
    )


def _to_leads(kind, template, quarter, agents):
    agents = list(agents)
    leads = current_leads_by_agent(a.pk for a in agents)
    return [
        Reminder(kind=f"{kind}:{quarter.label}", subject=agent, recipient=lead, template=template,
                 url=reverse("agent_detail", args=[agent.pk]),
                 context={"agent_name": str(agent), "quarter": quarter.label, "last_day": quarter.last_day})
        for agent in agents
        for lead in leads.get(agent.pk, [])
    ]


def due_reminders(now):
    quarter = Quarter.containing(now)
    reminders = []
    if now >= quarter.end - DUE_BEFORE_END:
        reminders += _to_leads(DUE, "reviews/reminders/quarterly_review_due", quarter,
                               agents_without_held_review(quarter))
    previous = quarter.previous()
    overdue = list(agents_without_held_review(previous))
    reminders += _to_leads(OVERDUE, "reviews/reminders/quarterly_review_overdue", previous, overdue)
    if overdue:
        cycle = cycle_for(previous)
        missing = [str(agent) for agent in overdue]
        for hr in User.objects.filter(role=Role.HR, is_active=True):
            reminders.append(Reminder(kind=DIGEST, subject=cycle, recipient=hr,
                                      template="reviews/reminders/quarterly_review_overdue_digest",
                                      url=reverse("hr_overview"),
                                      context={"quarter": previous.label, "missing": missing}))
    return reminders
