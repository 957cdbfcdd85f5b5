"""Reads of the objectives app: what each user sees, and each team's progress from its key figures.

Progress is computed in SQL from the key figures (kpis) of the team's current members: one query for
all the teams shown, one row per team and week, whatever the number of teams (`weekly_team_figures`).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, F, FloatField, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Cast, TruncWeek
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.numbers import minutes_seconds
from kpis.models import KpiRecord
from people import access
from people.models import Team, TeamMembership, User
from plans.models import DevelopmentPlan, Goal

from .models import Confirmation, Direction, Measure, Proposal, ServiceObjective, TeamObjective

PUBLISHED = Q(status=ServiceObjective.Status.PUBLISHED)
TEAM_PUBLISHED = Q(service_objective__status=ServiceObjective.Status.PUBLISHED)
AGREED = Q(status=TeamObjective.Status.AGREED)
OPEN_GOALS = (Goal.Status.PROPOSED, Goal.Status.OPEN, Goal.Status.IN_PROGRESS)
# How much a week may differ from the weeks before and still count as steady, per measure.
STEADY: dict[str, float] = {
    Measure.FCR: 0.5,
    Measure.CSAT: 0.03,
    Measure.AHT: 3.0,
    Measure.QA_SCORE: 0.5,
    Measure.CONTACTS: 0.02,  # a share of the weeks before
}


def service_objectives_visible_to(user: User) -> QuerySet:
    return access.service_objectives_visible_to(
        user, ServiceObjective.objects.all(), published_q=PUBLISHED
    )


def team_objectives_visible_to(user: User) -> QuerySet:
    return access.team_objectives_visible_to(
        user,
        TeamObjective.objects.select_related("service_objective", "team"),
        published_q=TEAM_PUBLISHED,
        agreed_q=AGREED,
    )


def proposals_visible_to(user: User) -> QuerySet:
    return access.proposals_visible_to(
        user,
        Proposal.objects.select_related("agent", "answered_by"),
        team_field="team_objective__team",
    )


def current_on(day: date) -> Q:
    """Objectives whose period includes `day`."""
    return Q(starts_on__lte=day, ends_on__gte=day)


# ---------------------------------------------------------------------------------------------------
# Progress


@dataclass(frozen=True)
class Week:
    week: date
    value: float | None
    agents: int


@dataclass(frozen=True)
class Progress:
    """A team's progress towards its objective, in figures and in words."""

    measure: str
    direction: str
    target: float | None
    weeks: list[Week] = field(default_factory=list)
    hidden_weeks: int = 0  # weeks with fewer people than the smallest group shown
    latest: float | None = None
    trend: str = ""  # "rising", "falling", "steady" or "" (too few weeks)
    reached: bool = False
    words: str = ""
    trend_words: str = ""


def weekly_team_figures(
    team_ids: Iterable[int], first: date, last: date
) -> dict[int, dict[date, dict]]:
    """Per team and week (Monday) between `first` and `last`: the team's figures, in one query.

    The team is its members today, as on the team's key-figure page. Rates are weighted by contacts
    (first-contact resolution, handling time), satisfaction by its answers where counted, QA plainly.
    """
    today = timezone.localdate()
    rows = (
        KpiRecord.objects.filter(
            Q(agent__memberships__end__isnull=True) | Q(agent__memberships__end__gt=today),
            agent__memberships__team_id__in=list(team_ids),
            agent__memberships__kind=TeamMembership.Kind.MEMBER,
            agent__memberships__start__lte=today,
            period_start__gte=first,
            period_start__lte=last,
        )
        .annotate(week=TruncWeek("period_start"), team=F("agent__memberships__team_id"))
        .values("team", "week")
        .annotate(
            agents=Count("agent_id", distinct=True),
            contacts_total=Sum("contacts"),
            fcr_weighted=Sum(
                Cast(F("fcr"), FloatField()) * F("contacts"), filter=Q(fcr__isnull=False)
            ),
            fcr_contacts=Sum("contacts", filter=Q(fcr__isnull=False)),
            aht_weighted=Sum(
                Cast(F("aht_seconds"), FloatField()) * F("contacts"),
                filter=Q(aht_seconds__isnull=False),
            ),
            aht_contacts=Sum("contacts", filter=Q(aht_seconds__isnull=False)),
            csat_sum=Sum("csat", filter=Q(csat__isnull=False)),
            csat_rows=Count("id", filter=Q(csat__isnull=False)),
            qa_sum=Sum("qa_score", filter=Q(qa_score__isnull=False)),
            qa_rows=Count("id", filter=Q(qa_score__isnull=False)),
        )
        .order_by("team", "week")
    )
    figures: dict[int, dict[date, dict]] = {}
    for row in rows:
        week = row["week"].date() if hasattr(row["week"], "date") else row["week"]
        figures.setdefault(row["team"], {})[week] = {
            "agents": row["agents"],
            Measure.CONTACTS: float(row["contacts_total"] or 0),
            Measure.FCR: _ratio(row["fcr_weighted"], row["fcr_contacts"], 100),
            Measure.AHT: _ratio(row["aht_weighted"], row["aht_contacts"]),
            Measure.CSAT: _ratio(row["csat_sum"], row["csat_rows"]),
            Measure.QA_SCORE: _ratio(row["qa_sum"], row["qa_rows"]),
        }
    return figures


def _ratio(part: float | None, whole: float | None, scale: float = 1) -> float | None:
    return round(scale * part / whole, 2) if part is not None and whole else None


def progress_for(
    team_objectives: list[TeamObjective], viewer: User, today: date | None = None
) -> dict[int, Progress]:
    """Progress of each team objective (by its id), for the viewer: one query for all of them."""
    today = today or timezone.localdate()
    measured = [t for t in team_objectives if t.service_objective.measured_by_key_figure]
    figures: dict[int, dict[date, dict]] = {}
    if measured:
        first = min(t.service_objective.starts_on for t in measured)
        last = min(max(t.service_objective.ends_on for t in measured), today)
        figures = weekly_team_figures({t.team_id for t in measured}, first, last)
    always = access.teams_shown_whatever_their_size(viewer) if measured else frozenset()
    smallest = access.smallest_team_figure()
    result = {}
    for objective in team_objectives:
        service = objective.service_objective
        if not service.measured_by_key_figure:
            result[objective.pk] = _reported_progress(objective)
            continue
        threshold = 0 if objective.team_id in always else smallest
        weeks, hidden = [], 0
        for week, row in sorted(figures.get(objective.team_id, {}).items()):
            if not service.starts_on <= week + timedelta(days=6) or week > service.ends_on:
                continue
            if row["agents"] < threshold:
                hidden += 1
                continue
            weeks.append(Week(week=week, value=row[service.measure], agents=row["agents"]))
        result[objective.pk] = _measured_progress(objective, weeks, hidden)
    return result


def _measured_progress(objective: TeamObjective, weeks: list[Week], hidden: int) -> Progress:
    service = objective.service_objective
    target = objective.effective_target
    values = [w.value for w in weeks if w.value is not None]
    latest = values[-1] if values else None
    trend = _trend(service.measure, values)
    reached = (
        latest is not None and target is not None and _meets(service.direction, latest, target)
    )
    return Progress(
        measure=service.measure,
        direction=service.direction,
        target=target,
        weeks=weeks,
        hidden_weeks=hidden,
        latest=latest,
        trend=trend,
        reached=reached,
        words=gap_in_words(service.measure, service.direction, latest, target, hidden),
        trend_words=trend_in_words(trend, service.measure, service.direction),
    )


def _reported_progress(objective: TeamObjective) -> Progress:
    service = objective.service_objective
    target = objective.effective_target
    latest = objective.reported_value
    reached = (
        latest is not None and target is not None and _meets(service.direction, latest, target)
    )
    return Progress(
        measure=service.measure or Measure.MANUAL,
        direction=service.direction,
        target=target,
        latest=latest,
        reached=reached,
        words=gap_in_words(
            Measure.MANUAL, service.direction, latest, target, 0, unit=service.manual_unit
        ),
    )


def _meets(direction: str, value: float, target: float) -> bool:
    return value >= target if direction == Direction.AT_LEAST else value <= target


def _trend(measure: str, values: list[float]) -> str:
    """The last week against the mean of the up to three weeks before it."""
    if len(values) < 2:
        return ""
    before = values[-4:-1]
    mean = sum(before) / len(before)
    tolerance = STEADY.get(measure, 0.0)
    if measure == Measure.CONTACTS:
        tolerance *= abs(mean)
    difference = values[-1] - mean
    if abs(difference) <= tolerance:
        return "steady"
    return "rising" if difference > 0 else "falling"


def _figure(measure: str, value: float, unit: str = "") -> str:
    if measure == Measure.FCR:
        return f"{number_format(value, 1)} %"  # the same in both languages
    if measure == Measure.AHT:
        return _("%(value)s min") % {"value": minutes_seconds(value)}  # m:ss, as every table
    if measure == Measure.CSAT:
        return number_format(value, 2)
    if measure == Measure.QA_SCORE:
        return _("%(value)s points") % {"value": number_format(value, 1)}
    if measure == Measure.CONTACTS:
        return _("%(value)s contacts a week") % {
            "value": number_format(value, 0, force_grouping=True)
        }
    return f"{number_format(value, 2)} {unit}".strip()


def _gap(measure: str, gap: float, unit: str = "") -> str:
    if measure == Measure.FCR:
        return _("%(value)s percentage points") % {"value": number_format(gap, 1)}
    if measure == Measure.AHT:
        return _("%(value)s seconds") % {"value": number_format(gap, 0)}
    if measure == Measure.CONTACTS:
        return _("%(value)s contacts a week") % {
            "value": number_format(gap, 0, force_grouping=True)
        }
    return _figure(measure, gap, unit)


def gap_in_words(
    measure: str,
    direction: str,
    latest: float | None,
    target: float | None,
    hidden: int = 0,
    *,
    unit: str = "",
) -> str:
    """The remaining gap as a sentence: where the team is, where it aims, how far there is to go."""
    if latest is None:
        if hidden:
            return _(
                "No team figure yet: weeks with fewer people than the smallest group shown are not "
                "shown."
            )
        if measure == Measure.MANUAL:
            return _("No figure has been reported yet.")
        return _("No key figures of the team in this period yet.")
    now = _figure(measure, latest, unit)
    if target is None:
        return _("Now %(now)s.") % {"now": now}
    aim = _figure(measure, target, unit)
    if _meets(direction, latest, target):
        return _("Target reached: %(now)s now, the target is %(target)s.") % {
            "now": now,
            "target": aim,
        }
    gap = abs(target - latest)
    if direction == Direction.AT_LEAST:
        return _("%(gap)s still to go: %(now)s now, the target is at least %(target)s.") % {
            "gap": _gap(measure, gap, unit),
            "now": now,
            "target": aim,
        }
    return _("%(gap)s still to come down: %(now)s now, the target is at most %(target)s.") % {
        "gap": _gap(measure, gap, unit),
        "now": now,
        "target": aim,
    }


def trend_in_words(trend: str, measure: str, direction: str) -> str:
    if not trend:
        return ""
    if trend == "steady":
        return _("Steady over the last weeks.")
    better = (trend == "rising") == (direction == Direction.AT_LEAST)
    if better:
        return _("Moving towards the target over the last weeks.")
    return _("Moving away from the target over the last weeks.")


# ---------------------------------------------------------------------------------------------------
# Pages


def heading_for_agent(agent: User, today: date | None = None) -> list[TeamObjective]:
    """The agreed objectives of the agent's team in the current period, with their service objective
    and the number of proposals (one query)."""
    today = today or timezone.localdate()
    return list(
        team_objectives_visible_to(agent)
        .filter(
            service_objective__starts_on__lte=today,
            service_objective__ends_on__gte=today,
        )
        .order_by("service_objective__starts_on", "pk")
    )


def open_goals_of(agent: User) -> QuerySet:
    """The agent's open development goals, each with the team objective it serves."""
    return (
        Goal.objects.filter(
            plan__agent=agent,
            plan__status=DevelopmentPlan.Status.ACTIVE,
            status__in=OPEN_GOALS,
        )
        .select_related("objective_link__team_objective")
        .order_by("due_on", "pk")
    )


def proposal_counts_by_team(team_ids: Iterable[int] | None = None) -> dict[int, dict[str, int]]:
    """How many proposals each team made and how many wait for an answer (HR's overview)."""
    rows = Proposal.objects.all()
    if team_ids is not None:
        rows = rows.filter(team_objective__team_id__in=list(team_ids))
    counted = (
        rows.values(team=F("team_objective__team_id"))
        .annotate(total=Count("id"), open=Count("id", filter=Q(answer=Proposal.Answer.OPEN)))
        .order_by()
    )
    return {row["team"]: {"total": row["total"], "open": row["open"]} for row in counted}


def objectives_overview(viewer: User, objectives: list[ServiceObjective]) -> list[dict]:
    """HR's view: each service objective with every team's part and progress (flat in the number of
    teams: one query for the team objectives, one for all their figures, one for the proposals)."""
    team_objectives = list(
        team_objectives_visible_to(viewer)
        .filter(service_objective__in=objectives)
        .order_by("team__name")
    )
    progress = progress_for(team_objectives, viewer)
    counts = (
        proposal_counts_by_team({t.team_id for t in team_objectives})
        if access.sees_proposal_counts(viewer)
        else {}
    )
    by_objective: dict[int, list] = {}
    for team_objective in team_objectives:
        by_objective.setdefault(team_objective.service_objective_id, []).append(
            {
                "team_objective": team_objective,
                "progress": progress[team_objective.pk],
                "proposals": counts.get(team_objective.team_id),
            }
        )
    return [{"objective": o, "teams": by_objective.get(o.pk, [])} for o in objectives]


def skills_needed_by_team(team: Team) -> dict[int, str]:
    """The skills the team's objectives of the current period need, each with the first objective's
    title (for the team mix's recommendation, settings.TEAM_MIX_PRIORITIES). One query."""
    today = timezone.localdate()
    rows = (
        TeamObjective.skills.through.objects.filter(
            teamobjective__team=team,
            teamobjective__service_objective__starts_on__lte=today,
            teamobjective__service_objective__ends_on__gte=today,
        )
        .order_by("teamobjective__pk")
        .values_list("skill_id", "teamobjective__title")
    )
    needed: dict[int, str] = {}
    for skill_id, title in rows:
        needed.setdefault(skill_id, title)
    return needed


def confirmed_by(agent: User, objective_ids: Iterable[int]) -> dict[int, object]:
    """When the agent confirmed each of these objectives (one query)."""
    return dict(
        Confirmation.objects.filter(agent=agent, objective_id__in=list(objective_ids)).values_list(
            "objective_id", "confirmed_at"
        )
    )


@dataclass
class TeamConfirmations:
    team: Team
    confirmed: int
    members: int
    not_yet: list[User] = field(default_factory=list)


def confirmations_by_team(viewer: User, objective: ServiceObjective) -> list[TeamConfirmations]:
    """Per team the viewer may see: how many of its agents confirmed the objective; for a lead also who
    has not yet. One query for the counts, one for the lead's names."""
    teams = access.confirmation_teams_visible_to(viewer, Team.objects.all())
    confirmed = Exists(
        Confirmation.objects.filter(objective=objective, agent_id=OuterRef("user_id"))
    )
    members = TeamMembership.objects.current().members().filter(team__in=teams)
    counts = (
        members.values("team_id", "team__name")
        .annotate(total=Count("user_id", distinct=True), done=Count("user_id", filter=Q(confirmed)))
        .order_by("team__name")
    )
    rows = {
        row["team_id"]: TeamConfirmations(
            team=Team(pk=row["team_id"], name=row["team__name"]),
            confirmed=row["done"],
            members=row["total"],
        )
        for row in counts
    }
    if access.sees_who_confirmed_objectives(viewer):
        for membership in (
            members.filter(~Q(confirmed)).select_related("user").order_by("user__last_name")
        ):
            rows[membership.team_id].not_yet.append(membership.user)
    return list(rows.values())
