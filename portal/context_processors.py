from django.conf import settings

from people import features


def navigation(request):
    """Role flags for the navigation bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_role": None, "LANGUAGES": settings.LANGUAGES}
    return {
        "nav_role": user.role,
        "LANGUAGES": settings.LANGUAGES,
        "feature_on": {key: features.is_on(key) for key in features.DESCRIPTIONS},
    }
