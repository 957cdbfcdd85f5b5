from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from people.models import User

from .models import ApiToken, ExternalKey, GroupMapping, WebhookDelivery, WebhookSubscription


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


def webhook_subscriptions() -> QuerySet:
    """Every subscription, newest first, with how many of its deliveries are in each state."""
    return WebhookSubscription.objects.annotate(
        delivered=Count("deliveries", filter=Q(deliveries__state=WebhookDelivery.State.DELIVERED)),
        waiting=Count("deliveries", filter=Q(deliveries__state=WebhookDelivery.State.PENDING)),
        failed=Count(
            "deliveries",
            filter=Q(
                deliveries__state__in=[
                    WebhookDelivery.State.GIVEN_UP,
                    WebhookDelivery.State.UNCONFIRMED,
                ]
            ),
        ),
    )


def webhook_deliveries(subscription: WebhookSubscription) -> QuerySet:
    """The delivery log of one subscription, newest first."""
    return WebhookDelivery.objects.filter(subscription=subscription).order_by("-created_at", "-id")
