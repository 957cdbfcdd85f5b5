"""The one access policy: who may see whom.

Every view asks this module, and every queryset a view shows is scoped by it.
What a user may not see answers 404, as if it did not exist. Each rule sits on
its own line so that tests can show every branch is exercised.

- an agent sees only themselves (and only what was shared with them);
- a lead sees the agents of the teams they currently lead;
- a mentor sees their current mentees' plans in an active pairing; an ended
  pairing is closed to the former mentor;
- HR and admins see every agent's shared records;
- a record that is private to its author until shared (a coaching note, a
  review draft) is seen, changed and shared by its author alone: never by
  another lead, a later lead, HR or an admin.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import Role, Team, TeamMembership, User


def is_hr_or_admin(user) -> bool:
    return user.is_authenticated and (user.role in (Role.HR, Role.ADMIN) or user.is_superuser)


def led_team_ids(user, on=None) -> QuerySet:
    """Ids of the teams the user leads on the given date (today by default)."""
    return TeamMembership.objects.current(on).leads().filter(user=user).values("team_id")


def teams_visible_to(user) -> QuerySet:
    if not user.is_authenticated:
        return Team.objects.none()
    if is_hr_or_admin(user):
        return Team.objects.all()
    if user.role == Role.LEAD:
        return Team.objects.filter(id__in=led_team_ids(user))
    return Team.objects.none()


def agents_visible_to(user) -> QuerySet:
    """The agents whose pages and records the user may open."""
    agents = User.objects.filter(role=Role.AGENT)
    if not user.is_authenticated:
        return agents.none()
    if is_hr_or_admin(user):
        return agents
    if user.role == Role.LEAD:
        return agents.filter(Exists(_current_membership_in(led_team_ids(user))))
    return agents.filter(pk=user.pk)


def agents_coached_by(user) -> QuerySet:
    """Agents the user may coach: write notes, goals, ratings and reviews for.

    Only leads of the agent's current team coach; HR sees but does not coach.
    """
    agents = User.objects.filter(role=Role.AGENT)
    if not user.is_authenticated or user.role != Role.LEAD:
        return agents.none()
    return agents.filter(Exists(_current_membership_in(led_team_ids(user))))


def mentees_of(user) -> QuerySet:
    """Agents the user currently mentors (an active pairing)."""
    from .models import MentorPairing

    if not user.is_authenticated:
        return User.objects.none()
    active = MentorPairing.objects.filter(mentor=user, status=MentorPairing.Status.ACTIVE).values(
        "mentee_id"
    )
    return User.objects.filter(pk__in=active)


def pairings_visible_to(user) -> QuerySet:
    """The mentee and the mentee's lead see the pairing; the mentor only while it is active; HR and admins too."""
    from .models import MentorPairing

    pairings = MentorPairing.objects.select_related("mentor", "mentee")
    if not user.is_authenticated:
        return pairings.none()
    if is_hr_or_admin(user):
        return pairings
    return pairings.filter(
        Q(mentor=user, status=MentorPairing.Status.ACTIVE)
        | Q(mentee=user)
        | Q(mentee__in=agents_coached_by(user))
    )


def may_see_individual_kpis(user, agent) -> bool:
    """An individual's key figures: only the agent and their current lead, and only while the works
    agreement allows individual figures at all (people.features)."""

    if not user.is_authenticated:
        return False
    return rights_over(user, agent).sees_individual_kpis


def smallest_group_shown(user, team) -> int:
    """The fewest people a team figure shown to the user may describe: none for the team's own lead while
    individual figures are allowed; MIN_GROUP_SIZE for everyone else, so no aggregate reveals a person."""
    from . import features

    if (
        features.is_on(features.INDIVIDUAL_KPIS)
        and led_team_ids(user).filter(team_id=team.pk).exists()
    ):
        return 0
    return features.min_group_size()


def can_coach(user, agent) -> bool:
    return agents_coached_by(user).filter(pk=agent.pk).exists()


def with_coached_flag(user, agents: QuerySet) -> QuerySet:
    """`agents`, each carrying `coached_by_viewer`: `can_coach(user, agent)` answered in the same query."""
    if not user.is_authenticated or user.role != Role.LEAD:
        return agents.annotate(coached_by_viewer=Value(False, output_field=BooleanField()))
    return agents.annotate(
        coached_by_viewer=Exists(agents_coached_by(user).filter(pk=OuterRef("pk")))
    )


def records_visible_to(
    user, queryset: QuerySet, *, agent_field: str = "agent", shared_q: Q | None = None
):
    """Scope any queryset of records about agents by the policy.

    `shared_q` says which records count as shared with the agent and with HR
    (for example `Q(shared_at__isnull=False)`); leads see unshared records of
    their own agents too, because they wrote them.
    """
    if not user.is_authenticated:
        return queryset.none()
    about_visible_agent = Q(**{f"{agent_field}__in": agents_visible_to(user)})
    if user.role == Role.LEAD:
        return queryset.filter(about_visible_agent)
    shared = shared_q if shared_q is not None else Q()
    if is_hr_or_admin(user):
        return queryset.filter(shared)
    return queryset.filter(about_visible_agent, shared)


def private_records_visible_to(
    user,
    queryset: QuerySet,
    *,
    shared_q: Q,
    author_field: str = "author",
    agent_field: str = "agent",
) -> QuerySet:
    """Records private to their author until shared: coaching notes, review drafts.

    The author sees their own; everyone else sees only the shared ones the
    policy lets them see (the agent, the agent's current leads, HR).
    """
    if not user.is_authenticated:
        return queryset.none()
    if not user.is_active:
        return queryset.none()
    written_by_user = Q(**{author_field: user})
    return queryset.filter(written_by_user | _shared_with(user, agent_field, shared_q))


def private_records_changeable_by(
    user, queryset: QuerySet, *, author_field: str = "author", agent_field: str = "agent"
) -> QuerySet:
    """The author changes and shares their record, and only while they still coach the agent."""
    if not user.is_authenticated:
        return queryset.none()
    if not user.is_active:
        return queryset.none()
    return queryset.filter(**{author_field: user, f"{agent_field}__in": agents_coached_by(user)})


def may_change_private_record(user, *, author_id, coaches_agent: bool) -> bool:
    """`private_records_changeable_by` for one record already read, with whether the user coaches its agent."""
    return user.is_authenticated and user.is_active and author_id == user.pk and coaches_agent


def get_agent_or_404(user, pk) -> User:
    return get_object_or_404(agents_visible_to(user), pk=pk)


def get_team_or_404(user, pk) -> Team:
    return get_object_or_404(teams_visible_to(user), pk=pk)


def get_coached_agent_or_404(user, pk) -> User:
    return get_object_or_404(agents_coached_by(user), pk=pk)


def require_hr(user) -> None:
    """HR-only pages answer 404 to everyone else."""
    if not is_hr_or_admin(user):
        raise Http404


def _shared_with(user, agent_field: str, shared_q: Q) -> Q:
    """Shared records the user may see: HR and admins all, others those about agents they may see."""
    if is_hr_or_admin(user):
        return shared_q
    return shared_q & Q(**{f"{agent_field}__in": agents_visible_to(user)})


def _current_membership_in(team_ids) -> Exists:
    today = timezone.localdate()
    return Exists(
        TeamMembership.objects.current(today)
        .members()
        .filter(user=OuterRef("pk"), team_id__in=team_ids)
    )


@dataclass(frozen=True)
class AgentRights:
    """What the viewer may do with one agent's records, decided once per request and handed to every
    section of the agent page, so no section asks the policy again."""

    is_self: bool
    can_coach: bool

    @property
    def can_note(self) -> bool:
        """Propose goals, add actions and progress: the agent themselves, or their lead."""
        return self.is_self or self.can_coach

    @property
    def sees_individual_kpis(self) -> bool:
        """The agent and their current lead, while the works agreement allows individual figures."""
        from . import features

        return features.is_on(features.INDIVIDUAL_KPIS) and (self.is_self or self.can_coach)


def rights_over(user, agent) -> AgentRights:
    """Uses `coached_by_viewer` when the agent was read `with_coached_flag`, else asks the database."""
    coached = getattr(agent, "coached_by_viewer", None)
    return AgentRights(
        is_self=user.pk == agent.pk,
        can_coach=can_coach(user, agent) if coached is None else coached,
    )
