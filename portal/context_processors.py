from django.conf import settings

from people import access


def navigation(request):
    """Which pages the navigation offers: the policy's answers (`people.access.pages_open_to`)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"pages": None, "LANGUAGES": settings.LANGUAGES}
    return {
        "pages": access.pages_open_to(user),
        "LANGUAGES": settings.LANGUAGES,
    }
