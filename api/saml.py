"""Single sign-on with SAML 2.0 (djangosaml2 on pysaml2), configured by settings.

On when SAML_IDP_METADATA_URL or SAML_IDP_METADATA_FILE is set. The same rules as OpenID Connect: a
person is found by e-mail or created just in time, and their role and teams follow the groups attribute
through HR's mapping table (`services.sso_account_sync`); a deactivated account cannot sign on. The views
answer 404 while no identity provider is configured.

pysaml2 checks signatures with the xmlsec1 program (Debian's package `xmlsec1`).
"""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import Http404
from django.views.decorators.csrf import csrf_exempt

# pysaml2 loads its XML schemas when imported (seconds): the views and the backend below import
# it (api/saml_provider.py) only when SAML is on and someone signs on, so no process pays otherwise.

SIGNED_ON_WITH_SAML = (
    "api_signed_on_with_saml"  # in the portal's session, which every sign-out ends
)


def saml_enabled() -> bool:
    return bool(settings.SAML_IDP_METADATA_URL or settings.SAML_IDP_METADATA_FILE)


def base_url() -> str:
    return (settings.SAML_SP_BASE_URL or settings.SITE_URL).rstrip("/")


def signed_on_with_saml(request) -> bool:
    """This sign-in came from a SAML sign-on (djangosaml2's own session outlives a local sign-out, so the
    mark is in the portal's session)."""
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(SIGNED_ON_WITH_SAML))


def _provider_view(name: str):
    def view(request, *args, **kwargs):
        if not saml_enabled():
            raise Http404
        from . import saml_provider

        return getattr(saml_provider, name)(request, *args, **kwargs)

    return view


saml_login = _provider_view("login")
saml_acs = csrf_exempt(_provider_view("assertion_consumer"))
saml_metadata = _provider_view("metadata")
saml_logout = _provider_view("sign_out_everywhere")
# The provider's answer to our logout request, or its own logout request (the person signed out at the
# provider or in another application): the session here ends either way.
saml_logout_service = csrf_exempt(_provider_view("logout_service"))


class PortalSaml2Backend(ModelBackend):
    """Signs on the person of a checked SAML answer (api/saml_provider.py); nobody while SAML is off.
    Sessions it started are read back by ModelBackend's get_user."""

    def authenticate(self, request, session_info=None, **kwargs):
        if not saml_enabled() or not session_info:
            return None
        from .saml_provider import PortalSaml2Backend as Backend

        return Backend().authenticate(request, session_info=session_info, **kwargs)
