"""Every change the api app makes: tokens (personal and integration) and the group mapping."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import events
from people import access
from people import services as people_services
from people.models import Role, Team, User

from . import tokens, webhooks
from .models import (
    ApiToken,
    DirectoryGroup,
    ExternalKey,
    GroupMapping,
    Scope,
    WebhookDelivery,
    WebhookSubscription,
)
from .scim_values import ScimError, member_ids, text_value


@dataclass(frozen=True)
class MadeToken:
    token: ApiToken
    secret: str  # shown once, never stored


def _make(
    *,
    user: User,
    kind: str,
    name: str,
    access_level: str,
    expires_at: datetime | None,
    created_by: User,
    scopes: Iterable[str] = (),
) -> MadeToken:
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


def _external_key(kind: str, external_id: str) -> ExternalKey | None:
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
    *, actor: User, external_id: str, fields: dict, teams: list[tuple[Team, str]] | None
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
        person = access.people_who_sign_in().filter(email__iexact=fields["email"]).first()
    if person is None:
        person = people_services.person_create(actor=actor, hire_date=hire_date, **fields)
        created = changed = True
    else:
        created = False
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


# -- single sign-on and provisioning: the identity provider keeps the accounts it signs in -------


def mapped_role_and_teams(
    groups: list[str],
) -> tuple[str | None, list[tuple[Team, str]] | None]:
    """(the highest role the groups map to, the (team, kind) pairs they map to); None where the
    mapping table says nothing about roles or teams at all, so nothing is changed there."""
    mappings = list(GroupMapping.objects.filter(group__in=groups).select_related("team"))
    role = access.highest_mapped_role([m.role for m in mappings])
    maps_teams = GroupMapping.objects.filter(team__isnull=False).exists()
    teams = [(m.team, m.team_role) for m in mappings if m.team is not None] if maps_teams else None
    return role, teams


@transaction.atomic
def sso_account_sync(*, claims: dict, groups: list[str] | None, person: User | None = None) -> User:
    """The account of a person who signed on: created just in time, names and e-mail from the claims,
    role and teams from the groups through the mapping table (when the provider sends groups)."""
    # The identity provider acts here; people's services check it through the rulebook, which knows it
    # (access.may_manage_people), though it is no User.
    actor = cast(User, access.IDENTITY_PROVIDER)
    fields = {"email": claims["email"]}
    for claim, name in (("given_name", "first_name"), ("family_name", "last_name")):
        if claims.get(claim):
            fields[name] = str(claims[claim])[:150]
    role, teams = mapped_role_and_teams(groups) if groups is not None else (None, None)
    if role is not None:
        fields["role"] = role
    if person is None:
        person = people_services.person_create(actor=actor, **fields)
    else:
        if not access.role_follows_groups(person):
            fields.pop("role", None)
        people_services.person_update(actor=actor, person=person, **fields)
    if teams is not None:
        people_services.memberships_sync(actor=actor, person=person, wanted=teams)
    person.refresh_from_db()
    return person


# -- SCIM provisioning: accounts and directory groups from the identity provider ------------------

TRUE_WORDS = {"true": True, "false": False}


def scim_user_fields(data: dict, *, partial: bool) -> dict:
    """The portal's fields from a SCIM User (or the values of a PATCH), checked; ValueError-free."""
    fields: dict[str, object] = {}
    given_name = data.get("name")
    name: dict = given_name if isinstance(given_name, dict) else {}
    user_name = data.get("userName")
    if user_name is None and isinstance(data.get("emails"), list) and data["emails"]:
        first = data["emails"][0]
        user_name = first.get("value") if isinstance(first, dict) else None
    if user_name is not None or not partial:
        if not isinstance(user_name, str) or "@" not in user_name or len(user_name) > 254:
            raise ScimError(400, _("userName must be an e-mail address."), "invalidValue")
        fields["email"] = user_name.strip()
    for claim, field in (("givenName", "first_name"), ("familyName", "last_name")):
        value = name.get(claim, data.get(f"name.{claim}"))
        if value is not None:
            if not isinstance(value, str) or len(value) > 150:
                raise ScimError(
                    400, _("%(name)s is too long or not a text.") % {"name": claim}, "invalidValue"
                )
            fields[field] = value
    if "active" in data:
        active = data["active"]
        active = TRUE_WORDS.get(active.casefold()) if isinstance(active, str) else active
        if not isinstance(active, bool):
            raise ScimError(400, _("active must be true or false."), "invalidValue")
        fields["is_active"] = active
    if "externalId" in data:
        external = data["externalId"]
        if external is not None and (not isinstance(external, str) or len(external) > 200):
            raise ScimError(
                400, _("externalId must be a text of up to 200 characters."), "invalidValue"
            )
        fields["external_id"] = external
    return fields


def scim_patch_values(body: dict, paths: dict) -> dict:
    """The attribute values a SCIM PatchOp sets (add/replace, with or without a path), flattened."""
    operations = body.get("Operations")
    if not isinstance(operations, list) or not operations:
        raise ScimError(400, _("A PATCH needs Operations."), "invalidSyntax")
    values: dict = {}
    for operation in operations:
        if not isinstance(operation, dict) or str(operation.get("op", "")).lower() not in (
            "add",
            "replace",
        ):
            raise ScimError(400, _("Only add and replace are supported here."), "invalidSyntax")
        path, value = operation.get("path"), operation.get("value")
        if path is None:
            if not isinstance(value, dict):
                raise ScimError(400, _("A value without a path must be an object."), "invalidValue")
            for key, item in value.items():
                target = paths.get(str(key).lower())
                if target is None:
                    raise ScimError(
                        400,
                        _("Unsupported attribute “%(a)s”.") % {"a": str(key)[:80]},
                        "invalidPath",
                    )
                values[target] = item
        else:
            target = paths.get(str(path).lower()) if isinstance(path, str) else None
            if target is None:
                raise ScimError(
                    400, _("Unsupported path “%(p)s”.") % {"p": str(path)[:80]}, "invalidPath"
                )
            values[target] = value
    return _nest_names(values)


def _nest_names(values: dict) -> dict:
    name = {k.split(".", 1)[1]: values.pop(k) for k in [k for k in values if k.startswith("name.")]}
    if name:
        values["name"] = name
    return values


@transaction.atomic
def scim_user_save(*, actor: User, fields: dict, person: User | None = None) -> User:
    """Create or update a provisioned account; deactivation ends its sessions and tokens at once."""
    fields = dict(fields)
    external = fields.pop("external_id", None)
    email = fields.get("email")
    if email:
        clash = User.objects.filter(email__iexact=email)
        if person is not None:
            clash = clash.exclude(pk=person.pk)
        if clash.exists():
            raise ScimError(409, _("Another account has this userName."), "uniqueness")
    if person is None:
        person = people_services.person_create(actor=actor, **fields)
    else:
        people_services.person_update(actor=actor, person=person, **fields)
    if external:
        if (
            ExternalKey.objects.filter(kind=ExternalKey.Kind.PERSON, external_id=external)
            .exclude(object_id=person.pk)
            .exists()
        ):
            raise ScimError(409, _("Another account has this externalId."), "uniqueness")
        _remember(ExternalKey.Kind.PERSON, external, person.pk)
    if fields.get("is_active") is False:
        tokens_revoke_all(user=person)
    return person


def directory_groups_apply(*, actor: User, people: list[User]) -> None:
    """Each person's role and teams follow the directory groups they are in, through the mapping table."""
    for person in people:
        groups = list(person.directory_groups.values_list("display_name", flat=True))
        role, teams = mapped_role_and_teams(groups)
        if role is not None and access.role_follows_groups(person):
            people_services.person_update(actor=actor, person=person, role=role)
        if teams is not None:
            people_services.memberships_sync(actor=actor, person=person, wanted=teams)


def _members(ids: list[int], people: QuerySet[User]) -> list[User]:
    found = list(people.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ScimError(400, _("A member is not a user of this token."), "invalidValue")
    return found


@transaction.atomic
def scim_group_save(
    *,
    actor: User,
    display_name: str,
    external_id: str,
    members: list[int],
    people: QuerySet[User],
    group: DirectoryGroup | None = None,
) -> DirectoryGroup:
    if not access.may_manage_people(actor):
        raise PermissionDenied
    clash = DirectoryGroup.objects.filter(display_name=display_name)
    if group is not None:
        clash = clash.exclude(pk=group.pk)
    if clash.exists():
        raise ScimError(409, _("Another group has this displayName."), "uniqueness")
    group = group or DirectoryGroup()
    before = set(group.members.all()) if group.pk else set()
    group.display_name, group.external_id = display_name, external_id
    group.save()
    wanted = _members(members, people)
    group.members.set(wanted)
    directory_groups_apply(actor=actor, people=list(before | set(wanted)))
    return group


def scim_group_patch(body: dict) -> tuple[list[int], list[int], str | None]:
    """(member ids to add, to remove, a new displayName) from a SCIM PatchOp on a group."""
    operations = body.get("Operations")
    if not isinstance(operations, list) or not operations:
        raise ScimError(400, _("A PATCH needs Operations."), "invalidSyntax")
    add, remove, rename = [], [], None
    for operation in operations:
        if not isinstance(operation, dict):
            raise ScimError(400, _("Each operation is an object."), "invalidSyntax")
        op, path, value = (
            str(operation.get("op", "")).lower(),
            operation.get("path"),
            operation.get("value"),
        )
        path = path.strip() if isinstance(path, str) else path
        if op in ("add", "replace") and path == "members":
            add += member_ids(value if isinstance(value, list) else [value])
        elif op == "remove" and path == "members":
            remove += member_ids(value if isinstance(value, list) else [value])
        elif op == "remove" and isinstance(path, str) and path.startswith("members[value eq "):
            member = path.removeprefix("members[value eq ").rstrip("]").strip('"')
            remove += member_ids([{"value": member}])
        elif op == "replace" and path == "displayName":
            rename = text_value(value, "displayName")
        elif op == "replace" and path is None and isinstance(value, dict):
            if "displayName" in value:
                rename = text_value(value["displayName"], "displayName")
            if "members" in value:
                raise ScimError(400, _("Replace members with add and remove."), "invalidSyntax")
        else:
            raise ScimError(400, _("Unsupported group operation."), "invalidPath")
    return add, remove, rename


@transaction.atomic
def scim_group_change(
    *,
    actor: User,
    group: DirectoryGroup,
    add: list[int],
    remove: list[int],
    display_name: str | None,
    people: QuerySet[User],
) -> None:
    if not access.may_manage_people(actor):
        raise PermissionDenied
    if display_name and display_name != group.display_name:
        if DirectoryGroup.objects.filter(display_name=display_name).exclude(pk=group.pk).exists():
            raise ScimError(409, _("Another group has this displayName."), "uniqueness")
        group.display_name = display_name
        group.save(update_fields=["display_name", "changed_at"])
    joining, leaving = _members(add, people), _members(remove, people)
    group.members.add(*joining)
    group.members.remove(*leaving)
    directory_groups_apply(actor=actor, people=joining + leaving)


@transaction.atomic
def scim_group_delete(*, actor: User, group: DirectoryGroup) -> None:
    if not access.may_manage_people(actor):
        raise PermissionDenied
    members = list(group.members.all())
    group.delete()
    directory_groups_apply(actor=actor, people=members)


# -- webhooks (admins): subscriptions and sending a delivery again --------------------------------


@dataclass(frozen=True)
class MadeSubscription:
    subscription: WebhookSubscription
    secret: str  # shown once


@transaction.atomic
def webhook_subscription_create(
    *, actor: User, name: str, url: str, event_kinds: list[str]
) -> MadeSubscription:
    if not access.may_manage_integrations(actor):
        raise PermissionDenied
    unknown = set(event_kinds) - set(events.KINDS)
    if unknown or not event_kinds:
        raise ValueError(f"unknown or no events: {sorted(unknown)}")
    if problem := webhooks.url_problem(url):
        raise ValidationError({"url": problem})
    secret = webhooks.new_secret()
    subscription = WebhookSubscription(
        name=name.strip()[:100],
        url=url,
        events=[kind for kind in events.KINDS if kind in event_kinds],
        secret=secret,
        created_by=actor,
    )
    subscription.full_clean()
    subscription.save()
    return MadeSubscription(subscription, secret)


@transaction.atomic
def webhook_subscription_end(*, actor: User, subscription: WebhookSubscription) -> bool:
    """No more events to it; what is still pending is cancelled. False if it had ended already."""
    if not access.may_manage_integrations(actor):
        raise PermissionDenied
    ended = WebhookSubscription.objects.filter(pk=subscription.pk, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )
    WebhookDelivery.objects.filter(
        subscription=subscription, state=WebhookDelivery.State.PENDING
    ).update(state=WebhookDelivery.State.CANCELLED, next_attempt_at=None)
    return bool(ended)


RESENDABLE = [
    WebhookDelivery.State.GIVEN_UP,
    WebhookDelivery.State.UNCONFIRMED,
    WebhookDelivery.State.CANCELLED,
]


def webhook_delivery_resend(*, actor: User, delivery: WebhookDelivery) -> bool:
    """Queue a given-up, unconfirmed or cancelled delivery again, with the same id and a fresh time budget."""
    if not access.may_manage_integrations(actor):
        raise PermissionDenied
    now = timezone.now()
    return bool(
        WebhookDelivery.objects.filter(
            pk=delivery.pk, state__in=RESENDABLE, subscription__ended_at__isnull=True
        ).update(
            state=WebhookDelivery.State.PENDING,
            attempts=0,
            due_since=now,
            next_attempt_at=now,
            claimed_by="",
            claimed_until=None,
        )
    )
