from django.conf import settings
from django.urls import reverse

from .sso import oidc_enabled


def single_sign_on(request):
    """The company's sign-on button on the sign-in page, when a provider is configured."""
    if not oidc_enabled():
        return {}
    return {
        "sso_button": {
            "label": settings.SSO_BUTTON_LABEL,
            "url": reverse("api:sso_oidc_start"),
        },
        "local_passwords": settings.LOCAL_PASSWORDS,
    }
