"""The team mix: where a team's competence hangs on one person, what nobody holds, what breaks when
someone is absent or moves, and which cross-training or hire comes next, with its reason in words.

Read from the current levels of the team's agents in one query (`team_mix`), over the whole team,
not only the page of the matrix shown.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from people import access
from people.models import Team, TeamMembership, User

from .models import CurrentLevel, Skill

COVERED_LEVEL = 3  # as in the matrix's coverage row
CLOSE_LEVEL = COVERED_LEVEL - 1  # one step from covering a skill: the first to cross-train


@dataclass(frozen=True)
class Recommendation:
    skill: Skill
    kind: str  # "cross_train" or "hire"
    candidate: User | None
    reason: str


@dataclass(frozen=True)
class TeamMix:
    single_points: list[tuple[Skill, User]] = field(default_factory=list)
    uncovered: list[Skill] = field(default_factory=list)
    absent: User | None = None
    breaks: list[Skill] = field(default_factory=list)  # nobody left at COVERED_LEVEL
    becomes_single: list[tuple[Skill, User]] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)


def team_mix(
    agents: QuerySet,
    skills: list[Skill],
    absent: User | None = None,
    priorities: dict[int, str] | None = None,
) -> TeamMix:
    """The mix of `agents` (the team's current agents) over `skills`; `absent` one of them for the
    what-if; `priorities` the skills the team's objectives need (skill id → the objective's title),
    which the recommendation puts first. One query."""
    holders: dict[int, list[User]] = defaultdict(list)
    close: dict[int, list[tuple[int, User]]] = defaultdict(list)
    rows = CurrentLevel.objects.filter(
        agent__in=agents.order_by().values("pk"),
        skill__in=[s.pk for s in skills],
        level__gte=CLOSE_LEVEL,
    ).select_related("agent")
    for row in rows:
        if row.level >= COVERED_LEVEL:
            holders[row.skill_id].append(row.agent)
        else:
            close[row.skill_id].append((row.level, row.agent))
    single_points = [(s, holders[s.pk][0]) for s in skills if len(holders[s.pk]) == 1]
    uncovered = [s for s in skills if not holders[s.pk]]
    breaks, becomes_single = [], []
    if absent is not None:
        for skill in skills:
            left = [a for a in holders[skill.pk] if a.pk != absent.pk]
            if len(left) == len(holders[skill.pk]):
                continue
            if not left:
                breaks.append(skill)
            elif len(left) == 1:
                becomes_single.append((skill, left[0]))
    return TeamMix(
        single_points=single_points,
        uncovered=uncovered,
        absent=absent,
        breaks=breaks,
        becomes_single=becomes_single,
        recommendations=_recommend(uncovered, single_points, close, priorities or {}),
    )


def _recommend(
    uncovered: list[Skill],
    single_points: list[tuple[Skill, User]],
    close: dict[int, list[tuple[int, User]]],
    priorities: dict[int, str],
    limit: int = 3,
) -> list[Recommendation]:
    """What a team objective needs comes first; then what nobody holds before what one person holds;
    the agent closest to the level (level 2) is the one to cross-train, else a hire."""
    found = []
    for skill in uncovered:
        candidate = _closest(close[skill.pk])
        if candidate is None:
            found.append(
                Recommendation(
                    skill=skill,
                    kind="hire",
                    candidate=None,
                    reason=_(
                        "Hire or train someone for %(skill)s: nobody in the team is at level "
                        "%(level)s or above, and nobody is close."
                    )
                    % {"skill": skill.name, "level": COVERED_LEVEL},
                )
            )
        else:
            found.append(
                Recommendation(
                    skill=skill,
                    kind="cross_train",
                    candidate=candidate,
                    reason=_(
                        "Cross-train %(agent)s in %(skill)s: nobody in the team is at level "
                        "%(level)s or above; %(agent)s is closest."
                    )
                    % {"agent": candidate, "skill": skill.name, "level": COVERED_LEVEL},
                )
            )
    for skill, holder in single_points:
        candidate = _closest(close[skill.pk])
        if candidate is None:
            reason = _(
                "Hire or train a second person for %(skill)s: %(holder)s is the only one at level "
                "%(level)s or above, and nobody else is close."
            ) % {"skill": skill.name, "holder": holder, "level": COVERED_LEVEL}
        else:
            reason = _(
                "Cross-train %(agent)s in %(skill)s: %(holder)s is the only one at level "
                "%(level)s or above; if %(holder)s is absent, nobody covers it."
            ) % {"agent": candidate, "skill": skill.name, "holder": holder, "level": COVERED_LEVEL}
        found.append(
            Recommendation(
                skill=skill,
                kind="hire" if candidate is None else "cross_train",
                candidate=candidate,
                reason=reason,
            )
        )
    found = [
        Recommendation(
            skill=r.skill,
            kind=r.kind,
            candidate=r.candidate,
            reason=r.reason
            + " "
            + _("The team objective “%(objective)s” needs it.")
            % {"objective": priorities[r.skill.pk]},
        )
        if r.skill.pk in priorities
        else r
        for r in found
    ]
    found.sort(key=lambda r: r.skill.pk not in priorities)  # stable: the order above otherwise
    return found[:limit]


def _closest(levels: list[tuple[int, User]]) -> User | None:
    if not levels:
        return None
    return min(levels, key=lambda pair: (-pair[0], pair[1].last_name, pair[1].first_name))[1]


@dataclass(frozen=True)
class TeamRisks:
    """One team's risks in HR's view across the site: which skills (of the team's channel) rest on one
    person, which nobody holds; never who."""

    team: Team
    single_points: list[Skill]
    uncovered: list[Skill]


def site_mix(teams: list[Team]) -> list[TeamRisks]:
    """The risks of every team given, in three queries whatever their number: the skills with their
    channels, and how many current agents of each team hold each skill at COVERED_LEVEL or above."""
    today = timezone.localdate()
    skills = list(Skill.objects.filter(is_active=True).prefetch_related("channels"))
    held = (
        CurrentLevel.objects.filter(
            Q(agent__memberships__end__isnull=True) | Q(agent__memberships__end__gt=today),
            access.agent_q("agent"),
            agent__memberships__team_id__in=[t.pk for t in teams],
            agent__memberships__kind=TeamMembership.Kind.MEMBER,
            agent__memberships__start__lte=today,
            level__gte=COVERED_LEVEL,
            skill__is_active=True,
        )
        .values("skill_id", team=F("agent__memberships__team_id"))
        .annotate(holders=Count("agent_id", distinct=True))
        .order_by()
    )
    holders = {(row["team"], row["skill_id"]): row["holders"] for row in held}
    channels = {s.pk: {c.code for c in s.channels.all()} for s in skills}
    risks = []
    for team in teams:
        relevant = [
            s for s in skills if not channels[s.pk] or team.primary_channel in channels[s.pk]
        ]
        risks.append(
            TeamRisks(
                team=team,
                single_points=[s for s in relevant if holders.get((team.pk, s.pk)) == 1],
                uncovered=[s for s in relevant if not holders.get((team.pk, s.pk))],
            )
        )
    return risks
