from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count, F, Max, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from people import access
from people.models import MentorPairing, TeamMembership, User
from skills.models import CurrentLevel, Skill
from skills.selectors import BELOW_TARGET, current_levels, targets

from .models import Course, CourseSkill, Enrollment, Session

STRONG = 4  # a mentor at this level or above can help in a skill


def upcoming_sessions() -> QuerySet:
    return (
        Session.objects.filter(starts_at__gte=timezone.now())
        .select_related("course")
        .annotate(
            taken=Count("enrollments", filter=Q(enrollments__status__in=Enrollment.HOLDS_PLACE)),
            waiting=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.WAITING)),
        )
        .order_by("starts_at", "id")
    )


def enrollments_visible_to(user: User) -> QuerySet:
    enrollments = Enrollment.objects.select_related("agent", "session__course")
    return access.records_visible_to(user, enrollments)


@dataclass
class Need:
    skill: Skill
    count: int  # agents below their target in the skill
    agents: list = field(default_factory=list)  # the first SHOWN_AGENTS of them, by name
    courses: list = field(
        default_factory=list
    )  # (course, number of those agents it would bring to target)


SHOWN_AGENTS = 12


def training_needs(agents: QuerySet, limit: int = 30) -> list[Need]:
    """The `limit` skills most agents are below target in, and the courses that would close them.

    Counted by the database over all the given agents; names only for the agents shown. Four queries."""
    short = CurrentLevel.objects.filter(BELOW_TARGET, agent__in=agents.order_by().values("pk"))
    counts = list(
        short.values("skill_id").annotate(n=Count("id")).order_by("-n", "skill_id")[:limit]
    )
    skill_ids = [row["skill_id"] for row in counts]
    by_target: dict = defaultdict(dict)  # skill → target → agents below it
    for per_target in (
        short.filter(skill_id__in=skill_ids).values("skill_id", "target").annotate(n=Count("id"))
    ):
        by_target[per_target["skill_id"]][per_target["target"]] = per_target["n"]
    names: dict = defaultdict(list)
    first = (
        short.filter(skill_id__in=skill_ids)
        .select_related("agent")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("skill_id"),
                order_by=[F("agent__last_name"), F("agent__first_name"), F("agent_id")],
            )
        )
        .filter(rank__lte=SHOWN_AGENTS)
        .order_by("skill_id", "rank")
    )
    for current in first:
        names[current.skill_id].append(current.agent)
    skills = {s.pk: s for s in Skill.objects.filter(pk__in=skill_ids)}
    raises = defaultdict(list)
    for course_skill in CourseSkill.objects.filter(skill_id__in=skill_ids).select_related("course"):
        raises[course_skill.skill_id].append(course_skill)
    needs = []
    for row in counts:
        skill_id = row["skill_id"]
        helped = [
            (cs.course, sum(n for target, n in by_target[skill_id].items() if cs.level >= target))
            for cs in raises[skill_id]
        ]
        needs.append(
            Need(
                skills[skill_id],
                row["n"],
                names[skill_id],
                sorted(helped, key=lambda pair: -pair[1]),
            )
        )
    return sorted(needs, key=lambda n: (-n.count, n.skill.name_en))


@dataclass
class Suggestion:
    mentor: User
    score: int
    reasons: list


def mentor_suggestions(mentee: User, limit: int = 5) -> list[Suggestion]:
    """Rank possible mentors: strong in the mentee's gap skills, same team or channel, capacity left."""
    membership = (
        TeamMembership.objects.current().members().filter(user=mentee).first()
        or TeamMembership.objects.upcoming().members().filter(user=mentee).order_by("start").first()
    )
    channels = (
        set(mentee.profile.channels.values_list("code", flat=True))
        if hasattr(mentee, "profile")
        else set()
    )
    candidates = (
        access.possible_mentors()
        .filter(is_active=True)
        .exclude(pk=mentee.pk)
        .exclude(profile__hire_date__gt=timezone.localdate())  # a mentor has started
        .annotate(
            mentees=Count("mentorships", filter=Q(mentorships__status=MentorPairing.Status.ACTIVE))
        )
        .filter(mentees__lt=settings.MENTOR_CAPACITY)
        .prefetch_related(
            "profile__channels",
            Prefetch(
                "memberships",
                queryset=TeamMembership.objects.current().members(),
                to_attr="current_memberships",
            ),
        )
    )
    if membership:
        candidates = candidates.filter(
            Q(memberships__team_id=membership.team_id) | Q(profile__channels__code__in=channels)
        ).distinct()
    found = list(candidates[:500])
    mentee_levels = current_levels([mentee.pk]).get(mentee.pk, {})
    mentee_targets = targets([mentee.pk]).get(mentee.pk, {})
    gaps = {s for s, t in mentee_targets.items() if mentee_levels.get(s, 0) < t}
    if not gaps:  # a new hire without targets: every skill they have not reached 3 in
        gaps = {
            s.pk for s in Skill.objects.filter(is_active=True) if mentee_levels.get(s.pk, 0) < 3
        }
    levels = current_levels([c.pk for c in found])
    names = {s.pk: s.name for s in Skill.objects.filter(pk__in=gaps)}
    suggestions = []
    for mentor in found:
        strong = [s for s in gaps if levels[mentor.pk].get(s, 0) >= STRONG]
        score, reasons = 3 * len(strong), []
        if strong:
            reasons.append(", ".join(sorted(names[s] for s in strong)))
        if membership and any(m.team_id == membership.team_id for m in mentor.current_memberships):
            score += 2
            reasons.append("team")
        shared = (
            channels & {c.code for c in mentor.profile.channels.all()}
            if hasattr(mentor, "profile")
            else set()
        )
        if shared:
            score += 1
            reasons.append("channel")
        score -= mentor.mentees
        suggestions.append(Suggestion(mentor, score, reasons + [f"mentees:{mentor.mentees}"]))
    return sorted(suggestions, key=lambda s: (-s.score, s.mentor.last_name))[:limit]


CHECK_IN_EVERY_DAYS = 14  # a pairing without a check-in for this long waits for one


def active_pairings_of(viewer: User, agent: User) -> QuerySet:
    """The agent's active pairings that the viewer may see, as mentor or mentee, with both people and
    `last_check_in`."""
    return (
        access.pairings_visible_to(viewer)
        .filter(Q(mentee=agent) | Q(mentor=agent), status=MentorPairing.Status.ACTIVE)
        .annotate(last_check_in=Max("check_ins__held_on"))
        .order_by("start", "id")
    )


def is_due_for_check_in(pairing: MentorPairing, today: date) -> bool:
    """No check-in yet, or none for CHECK_IN_EVERY_DAYS (`pairing` read with `last_check_in`)."""
    return (
        pairing.last_check_in is None  # type: ignore[attr-defined]  # annotated by the query
        or (today - pairing.last_check_in).days >= CHECK_IN_EVERY_DAYS  # type: ignore[attr-defined]
    )


def courses() -> QuerySet:
    return Course.objects.prefetch_related(
        Prefetch("raises", queryset=CourseSkill.objects.select_related("skill"))
    )
