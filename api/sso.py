"""Single sign-on with OpenID Connect (mozilla-django-oidc), configured by settings.

A person who signs on is found by e-mail, or created just in time; their role and teams follow the
groups claim through the mapping table HR keeps (`GroupMapping`). The views answer 404 while no
provider is configured, so the portal runs as before without one.
"""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from people import access
from people.models import User

from . import services


def oidc_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def oidc_start(request):
    if not oidc_enabled():
        raise Http404
    return OIDCAuthenticationRequestView.as_view()(request)


def oidc_callback(request):
    if not oidc_enabled():
        raise Http404
    return OIDCAuthenticationCallbackView.as_view()(request)


class PortalOIDCBackend(OIDCAuthenticationBackend):
    """Finds people by e-mail, creates them just in time, and applies the group mapping each time."""

    def filter_users_by_claims(self, claims):
        email = claims.get("email")
        if not email or not claims.get("email_verified", True):
            return User.objects.none()
        return access.people_who_sign_in().filter(email__iexact=email)

    def verify_claims(self, claims):
        return bool(claims.get("email")) and claims.get("email_verified", True) is not False

    def create_user(self, claims):
        return services.sso_account_sync(claims=claims, groups=self._groups(claims))

    def update_user(self, user, claims):
        return services.sso_account_sync(claims=claims, groups=self._groups(claims), person=user)

    @staticmethod
    def _groups(claims):
        groups = claims.get(settings.SSO_GROUPS_CLAIM)
        if groups is None:
            return None
        if isinstance(groups, str):
            groups = [groups]
        return [str(g) for g in groups if isinstance(g, (str, int))]


class LocalPasswordBackend(ModelBackend):
    """Django's password sign-in, refused to everyone but the break-glass admins when switched off."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and access.may_sign_in_with_password(user)
