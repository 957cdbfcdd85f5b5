"""Reads of skill profiles: latest ratings, targets, gaps, the team matrix."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet


from . import gaps
from .models import CareerWish, RatingSource, Skill, SkillCategory, SkillRating, TargetLevel

COVERED_LEVEL = 3  # an agent at this level or above counts towards a skill's coverage
THIN_COVERAGE = 2  # fewer agents than this at COVERED_LEVEL is a warning


def active_skills(category=None, channels=None) -> QuerySet:
    """Active skills, optionally of one category and only those that matter in the given channel codes
    (a skill tied to no channel matters in all of them)."""
    skills = Skill.objects.filter(is_active=True).select_related("category")
    if category is not None:
        skills = skills.filter(category=category)
    if channels is not None:
        tied_elsewhere = Skill.channels.through.objects.filter(skill_id=OuterRef("pk")).exclude(
            channel__code__in=list(channels))
        tied_here = Skill.channels.through.objects.filter(skill_id=OuterRef("pk"), channel__code__in=list(channels))
        skills = skills.filter(Exists(tied_here) | ~Exists(tied_elsewhere))
    return skills


def channels_of_team(team) -> set[str]:
    """The channel codes a team serves: its primary channel."""
    return {team.primary_channel}


def categories() -> QuerySet:
    return SkillCategory.objects.filter(skills__is_active=True).distinct().order_by("position", "name_en")


def latest_by_source(agent_ids) -> dict:
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


def current_levels(agent_ids) -> dict[int, dict[int, int]]:
    """Agent id → skill id → the current level: the latest lead or training rating, else the self-rating."""
    assessed: dict = defaultdict(dict)
    self_rated: dict = defaultdict(dict)
    rows = (
        SkillRating.objects.filter(agent_id__in=list(agent_ids))
        .order_by("rated_at", "id")
        .values_list("agent_id", "skill_id", "source", "level")
    )
    for agent_id, skill_id, source, level in rows:
        (self_rated if source == RatingSource.SELF else assessed)[agent_id][skill_id] = level
    levels: dict = defaultdict(dict)
    for agent_id in set(assessed) | set(self_rated):
        levels[agent_id] = {**self_rated.get(agent_id, {}), **assessed.get(agent_id, {})}
    return levels


def targets(agent_ids) -> dict[int, dict[int, int]]:
    result: dict = defaultdict(dict)
    for agent_id, skill_id, level in TargetLevel.objects.filter(agent_id__in=list(agent_ids)).values_list(
        "agent_id", "skill_id", "level"
    ):
        result[agent_id][skill_id] = level
    return result


def rating_changes(agent, start, end) -> list[SkillRating]:
    """Ratings of the agent in [start, end), oldest first, with skill and rater."""
    return list(
        SkillRating.objects.filter(agent=agent, rated_at__gte=start, rated_at__lt=end)
        .select_related("skill", "rated_by")
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

    @property
    def gap(self) -> int:
        if self.target is None:
            return 0
        return max(0, self.target - (self.current or 0))


def skill_profile(agent) -> list[ProfileRow]:
    """One row per active skill: self vs lead, current level, target, gap, history, goal; four queries."""
    skills = list(active_skills())
    rows = {skill.pk: ProfileRow(skill=skill) for skill in skills}
    for rating in SkillRating.objects.filter(agent=agent, skill__is_active=True).order_by("rated_at", "id"):
        row = rows.get(rating.skill_id)
        if row is None:
            continue
        row.history.append((rating.rated_at, rating.level, rating.source))
        if rating.source == RatingSource.SELF:
            row.self_level = rating.level
        else:
            row.lead_level = rating.level
    for skill_id, level in TargetLevel.objects.filter(agent=agent).values_list("skill_id", "level"):
        if skill_id in rows:
            rows[skill_id].target = level
    with_goal = {skill_id for _agent_id, skill_id in gaps.with_goal([agent.pk])}
    for row in rows.values():
        row.current = row.lead_level if row.lead_level is not None else row.self_level
        row.has_goal = row.skill.pk in with_goal
    return [rows[s.pk] for s in skills]


@dataclass
class MatrixCell:
    level: int | None
    target: int | None
    skill_id: int | None = None
    has_goal: bool = False

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


def skills_matrix(agents, skills: list, all_agent_ids=None) -> Matrix:
    """Agents × skills, with coverage over `all_agent_ids` (the whole selection, not only
    the page shown; default: the agents given), and which gaps of the agents shown have a goal.
    Four queries whatever the size."""
    agents = list(agents)
    all_agent_ids = [a.pk for a in agents] if all_agent_ids is None else list(all_agent_ids)
    levels = current_levels(set(all_agent_ids) | {a.pk for a in agents})
    goals = targets(set(all_agent_ids) | {a.pk for a in agents})

    def cells_of(agent_id, with_goal=frozenset()):
        return [MatrixCell(levels[agent_id].get(s.pk), goals[agent_id].get(s.pk), s.pk, (agent_id, s.pk) in with_goal)
                for s in skills]

    with_goal = gaps.with_goal(a.pk for a in agents)
    rows = [(agent, cells_of(agent.pk, with_goal)) for agent in agents]
    everyone = [cells_of(agent_id) for agent_id in all_agent_ids]
    coverage = [
        Coverage(
            skill=skill,
            covered=sum(1 for cells in everyone if (cells[i].level or 0) >= COVERED_LEVEL),
            gaps=sum(1 for cells in everyone if cells[i].gap),
        )
        for i, skill in enumerate(skills)
    ]
    return Matrix(skills=skills, rows=rows, coverage=coverage)


def thinnest_skills_by_team(teams, limit=3) -> list[tuple]:
    """(team, its `limit` least covered skills) for each team; the same few queries for any number of teams."""
    from people.models import TeamMembership

    teams = list(teams)
    members: dict = {}
    for user_id, team_id in (TeamMembership.objects.current().members()
                             .filter(team__in=teams, user__role="agent").values_list("user_id", "team_id")):
        members.setdefault(team_id, []).append(user_id)
    skills = list(active_skills().prefetch_related("channels"))
    all_ids = [user_id for ids in members.values() for user_id in ids]
    levels, goals = current_levels(all_ids), targets(all_ids)
    result = []
    for team in teams:
        served = channels_of_team(team)
        relevant = [s for s in skills if not s.channels.all() or {c.code for c in s.channels.all()} & served]
        coverage = [
            Coverage(skill=skill,
                     covered=sum(1 for a in members.get(team.pk, []) if levels[a].get(skill.pk, 0) >= COVERED_LEVEL),
                     gaps=sum(1 for a in members.get(team.pk, [])
                              if MatrixCell(levels[a].get(skill.pk), goals[a].get(skill.pk)).gap))
            for skill in relevant
        ]
        result.append((team, sorted(coverage, key=lambda c: (c.covered, -c.gaps))[:limit]))
    return result


def career_wishes_of(agent) -> QuerySet:
    return CareerWish.objects.filter(agent=agent).prefetch_related("skills")


@dataclass
class WishRow:
    wish: CareerWish
    fit: int | None  # share (%) of the wish's skills at or above target/level 3


def career_wishes_with_fit(wishes: QuerySet) -> list[WishRow]:
    wishes = list(wishes.select_related("agent").prefetch_related("skills"))
    agent_ids = {w.agent_id for w in wishes}
    levels = current_levels(agent_ids)
    goals = targets(agent_ids)
    rows = []
    for wish in wishes:
        skills = list(wish.skills.all())
        if not skills:
            rows.append(WishRow(wish, None))
            continue
        met = sum(
            1
            for s in skills
            if levels[wish.agent_id].get(s.pk, 0) >= goals[wish.agent_id].get(s.pk, COVERED_LEVEL)
        )
        rows.append(WishRow(wish, round(100 * met / len(skills))))
    return rows


def agents_with_profile(agents: QuerySet) -> QuerySet:
    return agents.select_related("profile").prefetch_related(
        Prefetch("profile__channels")
    ).order_by("last_name", "first_name")


