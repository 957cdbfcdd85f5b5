"""`Authorization: Bearer tp_…`: the token's user acts, with the token's limits, checked on every request."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from . import services, tokens
from .models import ApiToken


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as “Bearer <token>”."))
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        if not tokens.looks_like_token(secret):
            raise exceptions.AuthenticationFailed(_("The token is not valid."))
        token = (
            ApiToken.objects.usable()
            .select_related("user")
            .filter(digest=tokens.digest(secret))
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("The token is not valid, has expired or was revoked.")
            )
        services.token_mark_used(token=token, now=timezone.now())
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token or an integration token (tp_…).",
        }
