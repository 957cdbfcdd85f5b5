"""The page's side of the idle timeout: a tab that is being typed in, or whose user chose
"stay signed in", tells the server so (static/js/session.js)."""

from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def keepalive(request):
    """Count as activity. The session middleware has already refreshed the last-seen time; an
    ended session answers 401 so the page can say that the text stays in the browser."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    return JsonResponse({"signed_in": True})
