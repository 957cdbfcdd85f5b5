from django.conf import settings


def session_timeout(request):
    """The idle timeout and its warning, for the page's own clock (static/js/session.js)."""
    return {
        "session_idle_seconds": settings.SESSION_IDLE_TIMEOUT_MINUTES * 60,
        "session_warning_seconds": settings.SESSION_IDLE_WARNING_MINUTES * 60,
    }
