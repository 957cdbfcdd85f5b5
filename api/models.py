"""Tokens for the REST API and the table that maps the identity provider's groups to roles and teams.

A token is stored as its SHA-256 digest only: the secret is shown once, when it is made. Tokens carry
high entropy (256 bits), so an unsalted digest is enough to find one and useless to guess from.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Role, Team


class Scope(models.TextChoices):
    """The endpoint groups an integration token may be limited to."""

    PEOPLE = "people", _("People, teams and memberships")
    SKILLS = "skills", _("Skills, ratings and targets")
    PLANS = "plans", _("Development plans and goals")
    FEEDBACK = "feedback", _("Shared coaching notes")
    REVIEWS = "reviews", _("Shared reviews")
    KPIS = "kpis", _("Key figures")
    TRAINING = "training", _("Trainings and enrollments")
    BRIEFINGS = "briefings", _("Briefings and acknowledgements")
    SCIM = "scim", _("Provisioning from the identity provider (SCIM)")


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Not revoked, not expired, and its user still active: checked on every request."""
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()),
            revoked_at__isnull=True,
            user__is_active=True,
        )


class ApiToken(models.Model):
    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Personal access token")
        INTEGRATION = "integration", _("Integration token")

    class Access(models.TextChoices):
        READ = "read", _("Read only")
        READ_WRITE = "read_write", _("Read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("acts as"),
        help_text=_("Its owner, or the integration's service account."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PERSONAL)
    name = models.CharField(_("name"), max_length=100)
    access = models.CharField(
        _("access"), max_length=10, choices=Access.choices, default=Access.READ
    )
    scopes = models.JSONField(
        _("endpoints"),
        default=list,
        blank=True,
        help_text=_("Integration tokens: the endpoint groups it may use."),
    )
    teams = models.ManyToManyField(
        Team,
        blank=True,
        related_name="+",
        verbose_name=_("teams"),
        help_text=_("Integration tokens: only these teams' people (none chosen: every team)."),
    )
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    prefix = models.CharField(_("beginning"), max_length=12)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="api_token_user_live")]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def may_write(self) -> bool:
        return self.access == self.Access.READ_WRITE

    @property
    def is_integration(self) -> bool:
        return self.kind == self.Kind.INTEGRATION

    def allows(self, scope: str) -> bool:
        """Personal tokens reach every endpoint their owner may use, but provisioning, which is for
        systems; integrations reach only their endpoint groups."""
        if not self.is_integration:
            return scope != Scope.SCIM
        return scope in self.scopes

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.expires_at and self.expires_at <= timezone.now():
            return "expired"
        return "active"


class ExternalKey(models.Model):
    """The id another system (HR system, identity provider) gives a person or a team.

    Writes through the API are keyed by it, so sending the same record twice changes nothing.
    """

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        TEAM = "team", _("team")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    external_id = models.CharField(_("external id"), max_length=200)
    object_id = models.PositiveBigIntegerField(_("record"))

    class Meta:
        verbose_name = _("external id")
        verbose_name_plural = _("external ids")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "external_id"], name="one_record_per_external_id"
            ),
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="one_external_id_per_record"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.external_id} → {self.object_id}"


class GroupMapping(models.Model):
    """A group of the identity provider and what membership in it means here (kept by HR).

    At every single sign-on and SCIM update a person gets the highest role of their mapped groups and
    the teams they name; a group that maps to nothing changes nothing.
    """

    group = models.CharField(
        _("group in the identity provider"),
        max_length=200,
        unique=True,
        help_text=_("The group's name or id exactly as the identity provider sends it."),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, blank=True)
    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    team_role = models.CharField(
        _("in the team as"),
        max_length=10,
        choices=[("member", _("Member")), ("lead", _("Lead"))],
        default="member",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("group mapping")
        verbose_name_plural = _("group mappings")
        ordering = ["group"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__exact="") | Q(team__isnull=False),
                name="mapping_maps_to_something",
            )
        ]

    def __str__(self):
        return self.group


class DirectoryGroup(models.Model):
    """A group the identity provider provisions by SCIM, with its members.

    Membership means what the mapping table (`GroupMapping`, by the group's name) says: after every
    change, each member's role and teams follow their groups, as at single sign-on.
    """

    display_name = models.CharField(_("name"), max_length=200, unique=True)
    external_id = models.CharField(_("external id"), max_length=200, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="directory_groups",
        verbose_name=_("members"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("directory group")
        verbose_name_plural = _("directory groups")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name


class WebhookSubscription(models.Model):
    """A system that is told, by a signed HTTP POST, when one of the chosen events happens (kept by admins).

    The secret signs every delivery. The portal has to keep it to sign (unlike a token's, a digest would not
    do); it is shown once, when the subscription is made, and never again.
    """

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("address"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(_("signing secret"), max_length=100, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class WebhookDelivery(models.Model):
    """One row per (subscription, event kind, subject): the event reaches each subscriber once.

    Delivered the way the reminder ledger sends its e-mails (notifications/sweep.py): a worker claims due rows
    with a lease counted by the database's clock, takes each row from pending to "with the receiver" by a
    conditional update only its live claim wins, and records the outcome the same way. A delivery whose
    outcome is unknown (the worker died while the request was out) is unconfirmed and never resent by itself;
    an admin can send it again, with the same delivery id, which the receiver uses to ignore a repeat.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        IN_FLIGHT = "in_flight", _("with the receiver")
        DELIVERED = "delivered", _("delivered")
        GIVEN_UP = "given_up", _("given up")
        UNCONFIRMED = "unconfirmed", _("unconfirmed")
        CANCELLED = "cancelled", _("cancelled")

    subscription = models.ForeignKey(
        WebhookSubscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    delivery_id = models.UUIDField(_("delivery id"), unique=True)
    event = models.CharField(_("event"), max_length=40)
    subject = models.CharField(_("record"), max_length=60)
    payload = models.JSONField(_("payload"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    due_since = models.DateTimeField(_("due since"))
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    claimed_by = models.CharField(_("claimed by"), max_length=32, blank=True, default="")
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event", "subject"],
                name="one_delivery_per_subscription_event_subject",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="webhook_delivery_due"),
        ]

    def __str__(self):
        return f"{self.event} {self.subject} → {self.subscription}"
