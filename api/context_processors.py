from django.conf import settings
from django.urls import reverse

from .saml import saml_enabled
from .sso import oidc_enabled


def single_sign_on(request):
    """The company's sign-on button on the sign-in page, when a provider is configured (OpenID Connect
    first, else SAML)."""
    if oidc_enabled():
        url = reverse("api:sso_oidc_start")
    elif saml_enabled():
        url = reverse("api:sso_saml_login")
    else:
        return {}
    return {
        "sso_button": {"label": settings.SSO_BUTTON_LABEL, "url": url},
        "local_passwords": settings.LOCAL_PASSWORDS,
    }
