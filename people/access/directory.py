"""The directory and the ways in from other systems: who keeps accounts, teams and memberships; who sets
up integrations, single sign-on and tokens; what an integration limited to teams reaches.

- HR and administrators keep the directory, by hand, through the REST API or by SCIM; so does the
  company's identity provider (`IDENTITY_PROVIDER`) for the accounts it signs in and provisions;
- administrators set up integrations; HR keeps the mapping of the identity provider's groups;
- every person may make personal tokens that act as themselves; service accounts may not;
- an integration's service account sees what HR sees, and a token limited to teams only those teams'
  people (and their records);
- local passwords can be switched off for everyone but the break-glass administrators.
"""

from collections.abc import Collection, Iterable

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from .. import features
from ..models import Team, TeamMembership, User
from .agents import _currently_in, agents_coached_by, agents_visible_to, teams_visible_to
from .roles import agents, is_administrator, is_hr_or_admin, mappable_roles


class _IdentityProvider:
    """The company's identity provider, configured by the administrators (single sign-on, provisioning).

    It acts on accounts because it was configured to, not as a person: it has no role and sees nothing.
    """

    is_authenticated = True
    is_active = True
    is_superuser = False
    is_service_account = True
    role = None
    pk = None

    def __str__(self) -> str:
        return "identity provider"


IDENTITY_PROVIDER = _IdentityProvider()


def opens_the_admin(user: User) -> bool:
    """The Django admin and the links to it: staff accounts (Django's own flag for the admin)."""
    return user.is_authenticated and user.is_staff


def must_use_second_factor(user: User) -> bool:
    """With REQUIRE_2FA_FOR_STAFF, HR, administrators and every account that opens the admin."""
    return settings.REQUIRE_2FA_FOR_STAFF and (is_hr_or_admin(user) or opens_the_admin(user))


def people_who_sign_in() -> QuerySet[User]:
    """Accounts of people: sign-on and provisioning match these, never an integration's service
    account."""
    return User.objects.filter(is_service_account=False)


def may_manage_people(user: User) -> bool:
    """HR and administrators keep the directory; so does the configured identity provider."""
    if user is IDENTITY_PROVIDER:
        return True
    return is_hr_or_admin(user) and user.is_active


def may_manage_integrations(user: User) -> bool:
    """Integration tokens (and what else connects systems) are set up by administrators."""
    return is_administrator(user) and user.is_active


def may_map_groups(user: User) -> bool:
    """HR keeps the table that turns the identity provider's groups into roles and teams."""
    return is_hr_or_admin(user) and user.is_active


def may_use_personal_tokens(user: User) -> bool:
    """Every person who signs in may make tokens that act as themselves; service accounts may not."""
    return user.is_authenticated and user.is_active and not user.is_service_account


def may_import_kpis(user: User) -> bool:
    """Key figures come in through HR: file imports and the API's bulk upload alike."""
    return is_hr_or_admin(user) and user.is_active


def may_sign_in_with_password(user: User) -> bool:
    """Local passwords, unless switched off for everyone but the break-glass administrators."""
    if settings.LOCAL_PASSWORDS:
        return True
    return user.email.casefold() in {e.casefold() for e in settings.BREAK_GLASS_ADMINS}


def highest_mapped_role(roles: Iterable[str]) -> str | None:
    """The role an identity provider's groups give: the highest of those they map to (never administrator)."""
    mappable = mappable_roles()
    given = [role for role in roles if role in mappable]
    return max(given, key=mappable.index) if given else None


def role_follows_groups(person: User) -> bool:
    """An administrator's role is kept by hand; everyone else's follows their groups."""
    return not is_administrator(person)


def agents_with_kpis_visible_to(user: User) -> QuerySet[User]:
    """`may_see_individual_kpis` as a queryset: the agent themselves and the agents the user coaches,
    while the works agreement allows individual figures at all."""
    if not user.is_authenticated or not features.is_on(features.INDIVIDUAL_KPIS):
        return agents().none()
    return agents().filter(Q(pk__in=agents_coached_by(user).values("pk")) | Q(pk=user.pk))


def agents_visible_within(user: User, team_ids: Collection[int] | None) -> QuerySet[User]:
    """`agents_visible_to(user)`, narrowed to the current agents of the given teams (None: no narrowing).

    An integration token limited to some teams sees no more than its account, and only there.
    """
    visible = agents_visible_to(user)
    if team_ids is None:
        return visible
    return visible.filter(_currently_in(team_ids))


def people_visible_to(user: User) -> QuerySet[User]:
    """The directory: HR and administrators see every person's account (not the integrations' service
    accounts); everyone else the agents they may see, and themselves."""
    people = User.objects.filter(is_service_account=False)
    if not user.is_authenticated:
        return people.none()
    if is_hr_or_admin(user):
        return people
    return people.filter(Q(pk__in=agents_visible_to(user).values("pk")) | Q(pk=user.pk))


def people_visible_within(user: User, team_ids: Collection[int] | None) -> QuerySet[User]:
    """`people_visible_to(user)`, narrowed to the current members and leads of the given teams (None: all)."""
    people = people_visible_to(user)
    if team_ids is None:
        return people
    return people.filter(
        Exists(TeamMembership.objects.current().filter(user=OuterRef("pk"), team_id__in=team_ids))
    )


def teams_visible_within(user: User, team_ids: Collection[int] | None) -> QuerySet[Team]:
    """`teams_visible_to(user)`, narrowed to the given teams (None: no narrowing)."""
    teams = teams_visible_to(user)
    return teams if team_ids is None else teams.filter(pk__in=team_ids)
