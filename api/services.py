"""Every change the api app makes: tokens (personal and integration) and the group mapping."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from people import access
from people import services as people_services
from people.models import Role, Team, User

from . import tokens
from .models import ApiToken, ExternalKey, GroupMapping, Scope


@dataclass(frozen=True)
class MadeToken:
    token: ApiToken
    secret: str  # shown once, never stored


def _make(*, user, kind, name, access_level, expires_at, created_by, scopes=()) -> MadeToken:
    secret = tokens.new_secret()
    token = ApiToken(
        user=user,
        kind=kind,
        name=name.strip()[:100],
        access=access_level,
        scopes=sorted(set(scopes)),
        digest=tokens.digest(secret),
        prefix=secret[: tokens.SHOWN],
        created_by=created_by,
        expires_at=expires_at,
    )
    token.full_clean(exclude=["digest", "user"])
    token.save()
    return MadeToken(token, secret)


@transaction.atomic
def personal_token_create(
    *, actor: User, name: str, access_level: str, expires_at: datetime | None
) -> MadeToken:
    """A token that acts as `actor`, with `actor`'s rights (or fewer: read only)."""
    if not access.may_use_personal_tokens(actor):
        raise PermissionDenied
    return _make(
        user=actor,
        kind=ApiToken.Kind.PERSONAL,
        name=name,
        access_level=access_level,
        expires_at=expires_at,
        created_by=actor,
    )


@transaction.atomic
def integration_token_create(
    *,
    actor: User,
    name: str,
    access_level: str,
    scopes: list[str],
    teams: list[Team],
    expires_at: datetime | None,
) -> MadeToken:
    """A token for a system, acting as a service account of its own with HR's view of shared records,
    limited to the chosen endpoint groups and teams."""
    if not access.may_manage_integrations(actor):
        raise PermissionDenied
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise ValueError(f"unknown or no endpoint groups: {sorted(unknown)}")
    account = User.objects.create_user(
        email=_service_email(name),
        first_name=name.strip()[:150],
        last_name="",
        role=Role.HR,
        is_service_account=True,
    )
    made = _make(
        user=account,
        kind=ApiToken.Kind.INTEGRATION,
        name=name,
        access_level=access_level,
        expires_at=expires_at,
        created_by=actor,
        scopes=scopes,
    )
    made.token.teams.set(teams)
    return made


def _service_email(name: str) -> str:
    base = slugify(name)[:40] or "integration"
    return f"{base}-{timezone.now():%Y%m%d%H%M%S%f}@integrations.invalid"


def token_revoke(*, actor: User, token: ApiToken) -> bool:
    """Revoke a token now; its owner revokes a personal token, an admin any token. False if it was already."""
    if not (token.user_id == actor.pk or access.may_manage_integrations(actor)):
        raise PermissionDenied
    return bool(
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def tokens_revoke_all(*, user: User) -> int:
    """Every token of a person who was deactivated (SCIM, the admin, leaving): revoked at once."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def token_mark_used(*, token: ApiToken, now: datetime) -> None:
    """Remember the last use, at most once a minute per token (no write on every request)."""
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def group_mapping_save(*, actor: User, mapping: GroupMapping) -> GroupMapping:
    if not access.may_map_groups(actor):
        raise PermissionDenied
    mapping.full_clean()
    mapping.save()
    return mapping


def group_mapping_delete(*, actor: User, mapping: GroupMapping) -> None:
    if not access.may_map_groups(actor):
        raise PermissionDenied
    mapping.delete()


# -- the directory through the API: idempotent writes keyed by the other system's id -------------


def _external_key(kind: str, external_id: str):
    return ExternalKey.objects.filter(kind=kind, external_id=external_id).first()


def _remember(kind: str, external_id: str, object_id: int) -> None:
    ExternalKey.objects.update_or_create(
        kind=kind, object_id=object_id, defaults={"external_id": external_id}
    )


@transaction.atomic
def team_upsert(*, actor: User, external_id: str, fields: dict) -> tuple[Team, bool, bool]:
    """(team, created, changed): the team this external id names, created or brought up to date."""
    key = _external_key(ExternalKey.Kind.TEAM, external_id)
    team = Team.objects.filter(pk=key.object_id).first() if key else None
    if team is None:  # a team made by hand before the sync, under the same name, is adopted
        keyed = ExternalKey.objects.filter(kind=ExternalKey.Kind.TEAM).values("object_id")
        team = Team.objects.filter(name=fields.get("name", "")).exclude(pk__in=keyed).first()
    created = team is None
    team, changed = people_services.team_save(actor=actor, team=team, **fields)
    if key is None:
        _remember(ExternalKey.Kind.TEAM, external_id, team.pk)
    return team, created, changed


@transaction.atomic
def person_upsert(
    *, actor: User, external_id: str, fields: dict, teams: list[tuple] | None
) -> tuple[User, bool, bool]:
    """(person, created, changed). `teams`, when given, become the person's current memberships.

    A person whose external id is new but whose e-mail exists (made by hand before the sync) is
    adopted rather than duplicated. Deactivation revokes every token of the person at once.
    """
    fields = dict(fields)
    hire_date = fields.pop("hire_date", None)
    key = _external_key(ExternalKey.Kind.PERSON, external_id)
    person = User.objects.filter(pk=key.object_id).first() if key else None
    if person is None and fields.get("email"):
        person = User.objects.filter(
            email__iexact=fields["email"], is_service_account=False
        ).first()
    created = person is None
    if created:
        person = people_services.person_create(actor=actor, hire_date=hire_date, **fields)
        changed = True
    else:
        changed = people_services.person_update(
            actor=actor, person=person, hire_date=hire_date, **fields
        )
    if key is None:
        _remember(ExternalKey.Kind.PERSON, external_id, person.pk)
    if teams is not None:
        changed |= people_services.memberships_sync(actor=actor, person=person, wanted=teams)
    if fields.get("is_active") is False:
        tokens_revoke_all(user=person)
    person.refresh_from_db()
    return person, created, changed
