from django.db.models import OuterRef, QuerySet, Subquery

from people.models import User

from .models import ApiToken, ExternalKey, GroupMapping


def external_id_of(kind: str) -> Subquery:
    """The other system's id of each row (a person or a team), for `.annotate(external_id=...)`."""
    return Subquery(
        ExternalKey.objects.filter(kind=kind, object_id=OuterRef("pk")).values("external_id")[:1]
    )


def personal_tokens_of(user: User) -> QuerySet:
    """A person's own tokens, newest first (revoked ones stay listed, greyed, for the record)."""
    return ApiToken.objects.filter(user=user, kind=ApiToken.Kind.PERSONAL)


def integration_tokens() -> QuerySet:
    return ApiToken.objects.filter(kind=ApiToken.Kind.INTEGRATION).prefetch_related("teams")


def group_mappings() -> QuerySet:
    return GroupMapping.objects.select_related("team")
