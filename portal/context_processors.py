from django.conf import settings

from people import access
from portal.version import VERSION


def navigation(request):
    """Which pages the navigation offers: the policy's answers (`people.access.pages_open_to`)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"pages": None, "LANGUAGES": settings.LANGUAGES}
    return {
        "pages": access.pages_open_to(user),
        "LANGUAGES": settings.LANGUAGES,
        "portal_version": VERSION if access.sees_the_portal_version(user) else None,
    }
