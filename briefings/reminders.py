"""Briefing reminders: a published briefing not covered in a team meeting within BRIEFING_COVER_DAYS."""

from datetime import timedelta

from django.conf import settings

from notifications.reminders import Reminder
from people.models import TeamMembership

from .models import Briefing
from .selectors import uncovered_pairs

NOT_COVERED = "briefing_not_covered"


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
    leads = TeamMembership.objects.current().leads().filter(team_id__in=uncovered).select_related("user", "team")
    for membership in leads:
        for briefing_id in sorted(uncovered[membership.team_id]):
            briefing = briefings[briefing_id]
            reminders.append(Reminder(
                kind=NOT_COVERED, subject=briefing, recipient=membership.user,
                template="briefings/reminders/briefing_not_covered", url=briefing.get_absolute_url(),
                context={"title_en": briefing.title_en or briefing.title_de,
                         "title_de": briefing.title_de or briefing.title_en, "team": membership.team.name,
                         "days": settings.BRIEFING_COVER_DAYS},
            ))
    return reminders
