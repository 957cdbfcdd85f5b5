"""Briefing reminders: a published briefing not covered in a team meeting within BRIEFING_COVER_DAYS.

The team's active leads are reminded; a team without one is reported to HR
(one reminder per briefing, team and HR user).
"""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse_lazy

from core.contracts import Reminder
from people.models import Team, TeamMembership
from people.selectors import active_hr

from .models import Briefing
from .selectors import uncovered_pairs

NOT_COVERED = "briefing_not_covered"
NO_LEAD = "briefing_not_covered_no_lead"


def due_reminders(now):
    cutoff = now - timedelta(days=settings.BRIEFING_COVER_DAYS)
    rows = uncovered_pairs(Briefing.objects.filter(published_at__lte=cutoff))
    uncovered: dict = {}
    for team_id, briefing_id in rows:
        uncovered.setdefault(team_id, set()).add(briefing_id)
    if not uncovered:
        return []
    briefings = {b.pk: b for b in Briefing.objects.filter(pk__in=set().union(*uncovered.values()))}
    reminders = []
    leads = (
        TeamMembership.objects.current()
        .leads()
        .filter(team_id__in=uncovered, user__is_active=True)
        .select_related("user", "team")
    )
    led = set()
    for membership in leads:
        led.add(membership.team_id)
        for briefing_id in sorted(uncovered[membership.team_id]):
            reminders.append(
                _reminder(NOT_COVERED, briefings[briefing_id], membership.user, membership.team)
            )
    leadless = [team_id for team_id in uncovered if team_id not in led]
    if leadless:
        hr = active_hr()
        for team in Team.objects.filter(pk__in=leadless).order_by("pk"):
            for briefing_id in sorted(uncovered[team.pk]):
                for hr_user in hr:
                    reminders.append(
                        _reminder(f"{NO_LEAD}:{team.pk}", briefings[briefing_id], hr_user, team)
                    )
    return reminders


def _reminder(kind, briefing, recipient, team) -> Reminder:
    no_lead = kind.startswith(NO_LEAD)
    return Reminder(
        kind=kind,
        subject=briefing,
        recipient=recipient,
        template=f"briefings/reminders/{NO_LEAD if no_lead else NOT_COVERED}",
        url=reverse_lazy(
            "briefings:detail", args=[briefing.pk]
        ),  # worked out only for a reminder sent
        context={
            "title_en": briefing.title_en or briefing.title_de,
            "title_de": briefing.title_de or briefing.title_en,
            "team": team.name,
            "days": settings.BRIEFING_COVER_DAYS,
        },
    )
