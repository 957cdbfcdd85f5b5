from django.db.models import QuerySet

from .models import ApiToken, GroupMapping


def personal_tokens_of(user) -> QuerySet:
    """A person's own tokens, newest first (revoked ones stay listed, greyed, for the record)."""
    return ApiToken.objects.filter(user=user, kind=ApiToken.Kind.PERSONAL)


def integration_tokens() -> QuerySet:
    return ApiToken.objects.filter(kind=ApiToken.Kind.INTEGRATION).prefetch_related("teams")


def group_mappings() -> QuerySet:
    return GroupMapping.objects.select_related("team")
