from django.conf import settings
from django.urls import reverse

from .saml import saml_enabled, signed_on_with_saml
from .sso import oidc_enabled


def single_sign_on(request):
    """The company's sign-on button on the sign-in page, when a provider is configured (OpenID Connect
    first, else SAML); for a person signed on with SAML, the navigation's sign-out goes through single
    logout, which ends the provider's session too."""
    if oidc_enabled():
        url = reverse("api:sso_oidc_start")
    elif saml_enabled():
        url = reverse("api:sso_saml_login")
    else:
        return {}
    context = {
        "sso_button": {"label": settings.SSO_BUTTON_LABEL, "url": url},
        "local_passwords": settings.LOCAL_PASSWORDS,
    }
    if saml_enabled() and signed_on_with_saml(request):
        context["sign_out_url"] = reverse("api:sso_saml_logout")
    return context
