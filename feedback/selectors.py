"""Reads of coaching notes: what each user may see, the inbox, timeliness, upward feedback."""

import statistics
from dataclasses import dataclass

from django.db.models import Avg, Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.utils import timezone

from people import access
from people.models import TeamMembership
from people.periods import Quarter
from skills.models import Skill

from .models import CoachingNote, UpwardFeedback

SHARED = Q(shared_at__isnull=False)
MIN_ANONYMOUS = 3  # anonymous answers show only in aggregate, and only from this many on


def notes_visible_to(user) -> QuerySet:
    """Leads see every note about their agents; agents and HR only shared ones."""
    notes = CoachingNote.objects.select_related("agent", "author").prefetch_related(
        Prefetch("skills", queryset=Skill.objects.only("id", "name_en", "name_de"))
    )
    return access.records_visible_to(user, notes, shared_q=SHARED)


def inbox(user) -> QuerySet:
    """Undelivered notes of the lead's agents by due time: overdue first, then the closest."""
    return notes_visible_to(user).filter(delivered_at__isnull=True).order_by("feedback_due_at", "id")


def inbox_head(user, count: int) -> tuple[list, int]:
    """The first `count` notes of the inbox and how many wait in all, in one query."""
    notes = list(inbox(user).prefetch_related(None).annotate(waiting=Window(Count("id")))[:count])
    return notes, notes[0].waiting if notes else 0


def notes_in_period(agent, start, end) -> list[CoachingNote]:
    """Shared notes about the agent observed in [start, end), oldest first."""
    return list(
        CoachingNote.objects.filter(agent=agent, observed_at__gte=start, observed_at__lt=end)
        .filter(SHARED)
        .select_related("author")
        .prefetch_related("skills")
        .order_by("observed_at")
    )


def skill_ids_with_feedback(agent, start, end) -> set[int]:
    """Skills the agent heard feedback about (shared notes) in [start, end)."""
    return set(
        CoachingNote.objects.filter(agent=agent, observed_at__gte=start, observed_at__lt=end)
        .filter(SHARED)
        .exclude(skills=None)
        .values_list("skills", flat=True)
    )


@dataclass
class Timeliness:
    label: str
    notes: int
    in_time: int
    median_hours: float | None

    @property
    def share(self) -> int | None:
        return round(100 * self.in_time / self.notes) if self.notes else None


def _timeliness(rows, now=None) -> tuple[int, int, float | None]:
    """Counts notes whose window has closed or whose feedback was given (open windows are not late yet)."""
    now = now or timezone.now()
    rows = [(observed, due, given) for observed, due, given in rows if given is not None or due <= now]
    delivered = [(observed, due, given) for observed, due, given in rows if given is not None]
    in_time = sum(1 for _observed, due, given in delivered if given <= due)
    hours = [(given - observed).total_seconds() / 3600 for observed, _due, given in delivered]
    return len(rows), in_time, round(statistics.median(hours), 1) if hours else None


def median_hours(notes: QuerySet, by: str) -> dict:
    """`by` value → median hours from observation to feedback over the delivered notes (one query)."""
    hours: dict = {}
    for key, observed, given in notes.filter(delivered_at__isnull=False).order_by().values_list(
            by, "observed_at", "delivered_at"):
        hours.setdefault(key, []).append((given - observed).total_seconds() / 3600)
    return {key: round(statistics.median(values), 1) for key, values in hours.items()}


def _by_quarter(rows, quarters: list[Quarter]) -> list[Timeliness]:
    result = []
    for quarter in quarters:
        start, end = quarter.start, quarter.end  # computed once: each is a time-zone conversion
        in_quarter = [r for r in rows if start <= r[0] < end]
        result.append(Timeliness(quarter.label, *_timeliness(in_quarter)))
    return result


def _in_quarters(notes: QuerySet, quarters: list[Quarter]) -> QuerySet:
    return notes.filter(observed_at__gte=quarters[0].start, observed_at__lt=quarters[-1].end).order_by()


def timeliness_by_quarter(notes: QuerySet, quarters: list[Quarter]) -> list[Timeliness]:
    """Per quarter: notes observed, share delivered within the window, median hours to feedback."""
    rows = list(_in_quarters(notes, quarters).values_list("observed_at", "feedback_due_at", "delivered_at"))
    return _by_quarter(rows, quarters)


def timeliness_by_team(notes: QuerySet, teams, quarters: list[Quarter]) -> list[tuple]:
    """(team, [Timeliness per quarter]) for the agents' current teams, in one query for all teams."""
    teams = list(teams)
    current_team = Subquery(
        TeamMembership.objects.current().members().filter(user=OuterRef("agent_id"), team__in=teams)
        .values("team_id")[:1]
    )
    rows_by_team: dict = {}
    for team_id, *row in (
        _in_quarters(notes, quarters).annotate(team_id=current_team).filter(team_id__isnull=False)
        .values_list("team_id", "observed_at", "feedback_due_at", "delivered_at")
    ):
        rows_by_team.setdefault(team_id, []).append(row)
    return [(team, _by_quarter(rows_by_team.get(team.pk, []), quarters)) for team in teams]


def timeliness_by_lead(quarter: Quarter, leads=None) -> list[tuple]:
    """(lead id, Timeliness) for every author of notes observed in the quarter."""
    notes = CoachingNote.objects.filter(observed_at__gte=quarter.start, observed_at__lt=quarter.end)
    if leads is not None:
        notes = notes.filter(author__in=leads)
    by_author: dict = {}
    for author_id, observed, due, given in notes.order_by().values_list(
        "author_id", "observed_at", "feedback_due_at", "delivered_at"
    ):
        by_author.setdefault(author_id, []).append((observed, due, given))
    return [(author_id, Timeliness(quarter.label, *_timeliness(rows))) for author_id, rows in by_author.items()]


@dataclass
class UpwardSummary:
    count: int
    clarity: float | None
    support: float | None
    fairness: float | None


def upward_summary(lead, *, anonymous_only: bool) -> UpwardSummary | None:
    """Average scores; anonymous answers only once at least MIN_ANONYMOUS exist."""
    answers = UpwardFeedback.objects.filter(lead=lead)
    if anonymous_only:
        answers = answers.filter(author__isnull=True)
    figures = answers.aggregate(
        count=Count("id"), clarity=Avg("clarity"), support=Avg("support"), fairness=Avg("fairness")
    )
    if anonymous_only and figures["count"] < MIN_ANONYMOUS:
        return None
    return UpwardSummary(**{k: (round(v, 1) if isinstance(v, float) else v) for k, v in figures.items()})


def upward_by_lead(leads: QuerySet) -> list[tuple]:
    """HR's view: (lead, count, averages) for every lead, in one query; none below MIN_ANONYMOUS answers."""
    rows = (
        leads.annotate(
            answers=Count("upward_feedback_received"),
            clarity=Avg("upward_feedback_received__clarity"),
            support=Avg("upward_feedback_received__support"),
            fairness=Avg("upward_feedback_received__fairness"),
        )
        .order_by("last_name", "first_name")
    )
    return [
        (lead, lead.answers, *(round(v, 1) if v is not None else None for v in (lead.clarity, lead.support, lead.fairness)))
        if lead.answers >= MIN_ANONYMOUS else (lead, lead.answers, None, None, None)
        for lead in rows
    ]
