from collections.abc import Collection
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import access
from .models import AgentProfile, Role, Team, TeamMembership, User
from .sessions import end_all_sessions


@transaction.atomic
def agent_create(
    *,
    by: User,
    email: str,
    first_name: str,
    last_name: str,
    team: Team,
    hire_date: date | None = None,
    password: str | None = None,
    preferred_language: str = "de",
) -> User:
    """Create an agent with a profile and a membership in the team starting on the hire date (the team's
    lead, HR or an admin)."""
    access.require(access.may_add_new_hires_to(by, team))
    start = hire_date or timezone.localdate()
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        role=Role.AGENT,
        preferred_language=preferred_language,
    )
    AgentProfile.objects.create(user=user, hire_date=hire_date)
    TeamMembership.objects.create(
        team=team, user=user, kind=TeamMembership.Kind.MEMBER, start=start
    )
    return user


@transaction.atomic
def agent_move_to_team(
    *, agent: User, team: Team, by: User, on: date | None = None
) -> TeamMembership:
    """End the agent's current memberships the day before `on` and start one in `team` (HR, an admin)."""
    access.require(access.may_manage_people(by))
    on = on or timezone.localdate()
    TeamMembership.objects.current(on).members().filter(user=agent).update(
        end=on, changed_at=timezone.now()
    )
    return TeamMembership.objects.create(
        team=team, user=agent, kind=TeamMembership.Kind.MEMBER, start=on
    )


@transaction.atomic
def agent_leave(*, agent: User, by: User, on: date | None = None) -> None:
    """Record that the agent left: memberships end, the profile says so, the login is disabled (HR, an
    admin)."""
    access.require(access.may_manage_people(by))
    on = on or timezone.localdate()
    TeamMembership.objects.current(on).filter(user=agent).update(end=on, changed_at=timezone.now())
    AgentProfile.objects.filter(user=agent).update(
        changed_at=timezone.now(),
        employment_status=AgentProfile.EmploymentStatus.LEFT,
    )
    user_deactivate(user=agent, by=by)


@transaction.atomic
def user_deactivate(*, user: User, by: User) -> None:
    """Disable the login and end every session of the user at once (HR, an admin)."""
    access.require(access.may_manage_people(by))
    user.is_active = False
    user.save(update_fields=["is_active"])
    end_all_sessions(user)


def user_set_language(*, user: User, language: str) -> None:
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def _require_directory_keeper(actor: User) -> None:
    if not access.may_manage_people(actor):
        raise PermissionDenied


PERSON_FIELDS = ("email", "first_name", "last_name", "role", "preferred_language")


@transaction.atomic
def person_create(*, actor: User, hire_date: date | None = None, **fields: object) -> User:
    """A new account (HR, the API or SCIM); agents get a profile. No password: they sign in by SSO or reset."""
    _require_directory_keeper(actor)
    person = User(**{k: v for k, v in fields.items() if k in PERSON_FIELDS})
    person.email = User.objects.normalize_email(person.email).lower()
    person.set_unusable_password()
    person.full_clean(exclude=["password"])
    person.save()
    if access.is_agent(person):
        AgentProfile.objects.create(user=person, hire_date=hire_date)
    return person


@transaction.atomic
def person_update(
    *, actor: User, person: User, hire_date: date | None = None, **fields: object
) -> bool:
    """Change the given fields; True when something changed. Deactivation ends every session at once."""
    _require_directory_keeper(actor)
    person = User.objects.select_for_update().get(pk=person.pk)
    changed = [k for k in PERSON_FIELDS if k in fields and getattr(person, k) != fields[k]]
    for name in changed:
        setattr(person, name, fields[name])
    if "email" in changed:
        person.email = User.objects.normalize_email(person.email).lower()
    if changed:
        person.full_clean(exclude=["password"])
        person.save(update_fields=changed)
    if access.is_agent(person):
        profile, created = AgentProfile.objects.get_or_create(user=person)
        if hire_date is not None and profile.hire_date != hire_date:
            profile.hire_date = hire_date
            profile.save(update_fields=["hire_date"])
            changed.append("hire_date")
        changed += ["profile"] if created else []
    active = fields.get("is_active")
    if active is False and person.is_active:
        user_deactivate(user=person, by=actor)
        changed.append("is_active")
    elif active is True and not person.is_active:
        person.is_active = True
        person.save(update_fields=["is_active"])
        changed.append("is_active")
    return bool(changed)


TEAM_FIELDS = ("name", "description", "primary_channel", "site")


@transaction.atomic
def team_save(*, actor: User, team: Team | None = None, **fields: object) -> tuple[Team, bool]:
    """Create a team, or change the given fields of one; (team, whether anything changed)."""
    _require_directory_keeper(actor)
    team = team or Team()
    changed = [k for k in TEAM_FIELDS if k in fields and getattr(team, k) != fields[k]]
    for name in changed:
        setattr(team, name, fields[name])
    if team.pk is None or changed:
        team.full_clean()
        team.save()
        return team, True
    return team, False


@transaction.atomic
def memberships_sync(
    *, actor: User, person: User, wanted: Collection[tuple[Team, str]], on: date | None = None
) -> bool:
    """Make `wanted` [(team, kind), ...] the person's current memberships: the others end on `on`
    (today), missing ones start then; history stays. True when something changed."""
    _require_directory_keeper(actor)
    on = on or timezone.localdate()
    current = list(TeamMembership.objects.current(on).filter(user=person))
    wanted_keys = {(team.pk, kind) for team, kind in wanted}
    ending = [m.pk for m in current if (m.team_id, m.kind) not in wanted_keys]
    have = {(m.team_id, m.kind) for m in current}
    starting = [
        TeamMembership(team=team, user=person, kind=kind, start=on)
        for team, kind in wanted
        if (team.pk, kind) not in have
    ]
    if ending:
        # a membership that began today ends today: the day counts as not belonging
        TeamMembership.objects.filter(pk__in=ending).update(end=on, changed_at=timezone.now())
    TeamMembership.objects.bulk_create(starting)
    return bool(ending or starting)
