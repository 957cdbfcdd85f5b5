"""API tokens and the identity provider's groups: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry

SOURCES = [
    Source(
        "api.ApiToken",
        "user",
        _("your API tokens (names and dates, never the secret)"),
        omit=("digest",),
        about=True,
    ),
    Source("api.ApiToken", "created_by", _("API tokens you created"), omit=("digest",)),
    Source(
        "api.WebhookSubscription",
        "created_by",
        _("webhook subscriptions you created"),
        omit=("secret",),
    ),
    Source(
        "api.DirectoryGroup",
        "members",
        _("groups of the identity provider you belong to"),
        about=True,
    ),
]

REGISTER = RegisterEntry(
    title=_("REST API and its clients"),
    purpose=_(
        "Programs of the person (personal access tokens) and systems set up by administrators "
        "(integration tokens: HR system, contact-center system, identity provider) read and "
        "write through the API what the token's account may see; every use is audited."
    ),
    recipients=_(
        "The token's owner; for integrations, the systems named under Settings → Integrations, "
        "limited to their endpoints and teams; the systems named under Settings → Webhooks "
        "(ids and dates of shared reviews, delivered feedback, completed trainings and shared "
        "evaluations, never their text); administrators."
    ),
)
