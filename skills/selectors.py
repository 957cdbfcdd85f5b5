"""Reads of skill profiles: latest ratings, targets, gaps, the team matrix."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.module_loading import import_string

from core.numbers import percent
from people import access, features
from people.models import Team, TeamMembership, User

from . import gaps
from .models import (
    CareerWish,
    CurrentLevel,
    RatingSource,
    Skill,
    SkillCategory,
    SkillRating,
    TargetLevel,
)

COVERED_LEVEL = 3  # an agent at this level or above counts towards a skill's coverage
THIN_COVERAGE = 2  # fewer agents than this at COVERED_LEVEL is a warning


def active_skills(
    category: SkillCategory | None = None, channels: Iterable[str] | None = None
) -> QuerySet:
    """Active skills, optionally of one category and only those that matter in the given channel codes
    (a skill tied to no channel matters in all of them)."""
    skills = Skill.objects.filter(is_active=True).select_related("category")
    if category is not None:
        skills = skills.filter(category=category)
    if channels is not None:
        tied_elsewhere = Skill.channels.through.objects.filter(skill_id=OuterRef("pk")).exclude(
            channel__code__in=list(channels)
        )
        tied_here = Skill.channels.through.objects.filter(
            skill_id=OuterRef("pk"), channel__code__in=list(channels)
        )
        skills = skills.filter(Exists(tied_here) | ~Exists(tied_elsewhere))
    return skills


def channels_of_team(team: Team) -> set[str]:
    """The channel codes a team serves: its primary channel."""
    return {team.primary_channel}


def categories() -> QuerySet:
    return (
        SkillCategory.objects.filter(skills__is_active=True)
        .distinct()
        .order_by("position", "name_en")
    )


def latest_by_source(agent_ids: Iterable[int]) -> dict:
    """(agent id, skill id, source) → level of the latest rating, in one query."""
    latest = {}
    rows = (
        SkillRating.objects.filter(agent_id__in=list(agent_ids))
        .order_by("rated_at", "id")
        .values_list("agent_id", "skill_id", "source", "level")
    )
    for agent_id, skill_id, source, level in rows:
        latest[(agent_id, skill_id, source)] = level
    return latest


def current_levels(agent_ids: Iterable[int]) -> dict[int, dict[int, int]]:
    """Agent id → skill id → the current level (the latest lead or training rating, else the self-rating).

    `agent_ids` may be a list or a queryset of agents (then the database does the selection); one query."""
    levels: dict = defaultdict(dict)
    for agent_id, skill_id, level in (
        _current(agent_ids).filter(level__isnull=False).values_list("agent_id", "skill_id", "level")
    ):
        levels[agent_id][skill_id] = level
    return levels


def targets(agent_ids: Iterable[int]) -> dict[int, dict[int, int]]:
    result: dict = defaultdict(dict)
    for agent_id, skill_id, level in (
        _current(agent_ids)
        .filter(target__isnull=False)
        .values_list("agent_id", "skill_id", "target")
    ):
        result[agent_id][skill_id] = level
    return result


def levels_and_targets(agent_ids: Iterable[int]) -> dict[int, dict[int, tuple]]:
    """Agent id → skill id → (current level, target), either may be None; one query."""
    cells: dict = defaultdict(dict)
    for agent_id, skill_id, level, target in _current(agent_ids).values_list(
        "agent_id", "skill_id", "level", "target"
    ):
        cells[agent_id][skill_id] = (level, target)
    return cells


def _current(agent_ids: Iterable[int]) -> QuerySet:
    if isinstance(agent_ids, QuerySet):
        return CurrentLevel.objects.filter(agent__in=agent_ids.order_by().values("pk"))
    return CurrentLevel.objects.filter(agent_id__in=list(agent_ids))


BELOW_TARGET = Q(target__isnull=False) & (Q(level__isnull=True) | Q(target__gt=F("level")))


def coverage(agents: QuerySet, skills: list) -> list["Coverage"]:
    """Per skill: how many of the agents are at COVERED_LEVEL or above, and how many below their target.

    Counted by the database over the whole selection, in one query."""
    counts = {
        row["skill_id"]: row
        for row in _current(agents)
        .filter(skill__in=[s.pk for s in skills])
        .values("skill_id")
        .annotate(
            covered=Count("id", filter=Q(level__gte=COVERED_LEVEL)),
            gaps=Count("id", filter=BELOW_TARGET),
        )
    }
    return [
        Coverage(
            skill,
            counts.get(skill.pk, {}).get("covered", 0),
            counts.get(skill.pk, {}).get("gaps", 0),
        )
        for skill in skills
    ]


def _counted(ratings: QuerySet) -> QuerySet:
    """Ratings that count: lead ratings only while the works agreement allows them."""
    if features.is_on(features.LEAD_SKILL_RATINGS):
        return ratings
    return ratings.exclude(source=RatingSource.LEAD)


def rating_changes(agent: User, start: date, end: date) -> list[SkillRating]:
    """Ratings of the agent in [start, end), oldest first, with their skill (the review's side panel names the
    rating's source, not the rater)."""
    return list(
        _counted(SkillRating.objects.filter(agent=agent, rated_at__gte=start, rated_at__lt=end))
        .select_related("skill")
        .order_by("rated_at", "id")
    )


@dataclass
class ProfileRow:
    skill: Skill
    self_level: int | None = None
    lead_level: int | None = None
    current: int | None = None
    target: int | None = None
    history: list = field(default_factory=list)  # (rated_at, level, source)
    has_goal: bool = False
    qa_low: int = 0  # low answers on the skill in the agent's shared quality evaluations (evidence)

    @property
    def gap(self) -> int:
        if self.target is None:
            return 0
        return max(0, self.target - (self.current or 0))


def _qa_evidence_count(agent: User, viewer: User) -> Coalesce:
    """The low answers on each skill in the agent's evaluations the viewer may see (qa), as a subquery."""
    low_answer_count = import_string(settings.QA_LOW_ANSWER_COUNT)
    return low_answer_count(agent.pk, OuterRef("pk"), viewer)


def skill_profile(agent: User, viewer: User | None = None) -> list[ProfileRow]:
    """One row per active skill: self vs lead, current level, target, gap, history, goal and, for a
    `viewer`, the low answers on it in quality evaluations as evidence (read with the skills); two
    queries."""
    target = TargetLevel.objects.filter(agent=agent, skill=OuterRef("pk")).values("level")[:1]
    evidence = (
        {"agent_qa_low": _qa_evidence_count(agent, viewer)}
        if viewer is not None and access.qa_is_on()
        else {}
    )
    skills = list(
        active_skills().annotate(
            agent_target=Subquery(target),
            agent_has_goal=gaps.has_goal(agent.pk, OuterRef("pk")),
            **evidence,
        )
    )
    rows = {skill.pk: ProfileRow(skill=skill, target=skill.agent_target) for skill in skills}
    history = _counted(SkillRating.objects.filter(agent=agent, skill__is_active=True)).order_by(
        "rated_at", "id"
    )
    for skill_id, rated_at, level, source in history.values_list(
        "skill_id", "rated_at", "level", "source"
    ):
        row = rows.get(skill_id)
        if row is None:
            continue
        row.history.append((rated_at, level, source))
        if source == RatingSource.SELF:
            row.self_level = level
        else:
            row.lead_level = level
    for row in rows.values():
        row.current = row.lead_level if row.lead_level is not None else row.self_level
        row.has_goal = row.skill.agent_has_goal  # type: ignore[attr-defined]  # annotated by the query
        row.qa_low = getattr(row.skill, "agent_qa_low", 0) or 0
    return [rows[s.pk] for s in skills]


@dataclass
class MatrixCell:
    level: int | None
    target: int | None
    skill_id: int | None = None
    has_goal: bool = False
    qa_low: int = 0  # low answers on the skill in the agent's shared quality evaluations (evidence)

    @property
    def gap(self) -> int:
        if self.target is None:
            return 0
        return max(0, self.target - (self.level or 0))


@dataclass
class Coverage:
    skill: Skill
    covered: int
    gaps: int

    @property
    def is_thin(self) -> bool:
        return self.covered < THIN_COVERAGE


@dataclass
class Matrix:
    skills: list
    rows: list  # (agent, [MatrixCell per skill])
    coverage: list  # Coverage per skill, over every agent of the selection (not only this page)


def skills_matrix(
    agents: Iterable[User],
    skills: list,
    selection: QuerySet | None = None,
    coverage_row: list | None = None,
    viewer: User | None = None,
) -> Matrix:
    """Agents × skills for the agents shown, with coverage over `selection` (every agent of the
    filtered list, not only this page; default: the agents shown) unless `coverage_row` is given,
    and which gaps of the agents shown have a goal; for a `viewer`, the low answers per agent and skill in
    the quality evaluations the viewer may see (evidence, one query). Four queries whatever the size."""
    agents = list(agents)
    agent_ids = [a.pk for a in agents]
    skill_ids = [s.pk for s in skills]
    cells = levels_and_targets(agent_ids)
    with_goal = gaps.with_goal(agent_ids)
    evidence: dict = {}
    if viewer is not None and access.qa_is_on() and agent_ids:
        low_answers_by_agent_and_skill = import_string(settings.QA_LOW_ANSWERS_BY_AGENT_AND_SKILL)
        evidence = low_answers_by_agent_and_skill(agent_ids, viewer)
    empty = (None, None)
    rows = []
    for agent, agent_id in zip(agents, agent_ids, strict=False):
        of_agent = cells.get(agent_id, {})
        rows.append(
            (
                agent,
                [
                    MatrixCell(  # type: ignore[call-arg]  # (level, target) unpacked
                        *of_agent.get(skill_id, empty),
                        skill_id,
                        (agent_id, skill_id) in with_goal,
                        evidence.get((agent_id, skill_id), 0),
                    )
                    for skill_id in skill_ids
                ],
            )
        )
    if coverage_row is not None:
        totals = coverage_row
    elif selection is None:
        totals = [
            Coverage(
                s,
                sum(1 for _a, row in rows if (row[i].level or 0) >= COVERED_LEVEL),
                sum(1 for _a, row in rows if row[i].gap),
            )
            for i, s in enumerate(skills)
        ]
    else:
        totals = coverage(selection, skills)
    return Matrix(skills=skills, rows=rows, coverage=totals)


def thinnest_skills_by_team(teams: Iterable[Team], limit: int = 3) -> list[tuple]:
    """(team, its `limit` least covered skills) for each team, counted by the database; two queries."""
    teams = list(teams)
    skills = list(active_skills().prefetch_related("channels"))
    members = (
        TeamMembership.objects.current().members().filter(access.agent_q("user"), team__in=teams)
    )
    counts = {
        (row["agent__memberships__team_id"], row["skill_id"]): (row["covered"], row["gaps"])
        for row in CurrentLevel.objects.filter(agent__memberships__in=members, skill__in=skills)
        .values("agent__memberships__team_id", "skill_id")
        .annotate(
            covered=Count("id", filter=Q(level__gte=COVERED_LEVEL)),
            gaps=Count("id", filter=BELOW_TARGET),
        )
        .order_by()
    }
    result = []
    for team in teams:
        served = channels_of_team(team)
        relevant = [
            s for s in skills if not s.channels.all() or {c.code for c in s.channels.all()} & served
        ]
        per_skill = [
            Coverage(skill, *counts.get((team.pk, skill.pk), (0, 0))) for skill in relevant
        ]
        result.append((team, sorted(per_skill, key=lambda c: (c.covered, -c.gaps))[:limit]))
    return result


def career_wishes_of(agent: User, with_skills: bool = True) -> QuerySet:
    wishes = CareerWish.objects.filter(agent=agent)
    return wishes.prefetch_related("skills") if with_skills else wishes


@dataclass
class WishRow:
    wish: CareerWish
    fit: int | None  # share (%) of the wish's skills at or above target/level 3
    kind_label: str = (
        ""  # the wish's kind as shown (get_kind_display, looked up once per page, not per row)
    )


def career_wishes_with_fit(wishes: Iterable[CareerWish]) -> list[WishRow]:
    """Each wish with its skill fit. `wishes`: a queryset, or wishes already read with their agent and skills
    (a page of them); one query for the levels and targets of their agents."""
    if isinstance(wishes, QuerySet):
        wishes = wishes.select_related("agent").prefetch_related("skills")
    wishes = list(wishes)
    cells = levels_and_targets({w.agent_id for w in wishes})
    labels = {kind: str(label) for kind, label in CareerWish.Kind.choices}
    rows = []
    for wish in wishes:
        label = labels.get(wish.kind, wish.kind)
        skills = list(wish.skills.all())
        if not skills:
            rows.append(WishRow(wish, None, label))
            continue
        of_agent = cells[wish.agent_id]
        met = sum(
            1
            for level, target in (of_agent.get(s.pk, (None, None)) for s in skills)
            if (level or 0) >= (COVERED_LEVEL if target is None else target)
        )
        rows.append(WishRow(wish, percent(met, len(skills)), label))
    return rows


def agents_by_name(agents: QuerySet) -> QuerySet:
    """The agents of a matrix, by name; the id breaks ties, so that no agent shows on two pages (or on none).
    Without the profile and its channels, which the matrix doesn't show."""
    return (
        agents.select_related(None).prefetch_related(None).order_by("last_name", "first_name", "pk")
    )


def current_member_ids(team: Team) -> QuerySet:
    """The ids of the team's current agents, for a filter."""
    return TeamMembership.objects.current().members().filter(team=team).values("user_id")


def with_team_name(agents: QuerySet) -> QuerySet:
    """Each agent with `team_name`, their current team (the latest joined), in the same query."""
    team = (
        TeamMembership.objects.current()
        .members()
        .filter(user=OuterRef("pk"))
        .order_by("-start", "-pk")
        .values("team__name")[:1]
    )
    return agents.annotate(team_name=Subquery(team))


def ratings_visible_to(user: User) -> QuerySet:
    """Skill ratings of the agents the user may see; lead ratings only while the works agreement allows them."""
    ratings = SkillRating.objects.select_related("skill")
    return _counted(access.records_visible_to(user, ratings))


def targets_visible_to(user: User) -> QuerySet:
    return access.records_visible_to(user, TargetLevel.objects.all())
