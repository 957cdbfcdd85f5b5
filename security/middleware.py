"""Response headers and session rules that apply to every request."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.text import strip_control_characters

from . import two_factor

SIGNED_IN_AT = "security.signed_in_at"
LAST_SEEN_AT = "security.last_seen_at"
# Write the last-seen time at most this often, so an active user does not save the session on every request.
LAST_SEEN_RESOLUTION_SECONDS = 60


class InputCleaningMiddleware:
    """Strip control characters (NUL, escape, ...; not tabs or line breaks) from every query parameter
    and posted field, so no form can store them and no export can break on them.

    Posted data is cleaned in process_view, after the CSRF check has parsed it, so a view that must
    set its own upload handlers (csrf_exempt, then csrf_protect) still can.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _cleaned(request.GET)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and not getattr(view_func, "csrf_exempt", False):
            request.POST = _cleaned(request.POST)


def _cleaned(query: QueryDict) -> QueryDict:
    lists = list(query.lists())
    cleaned = [
        (strip_control_characters(k), [strip_control_characters(v) for v in vs]) for k, vs in lists
    ]
    if cleaned == lists:
        return query
    result = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in cleaned:
        result.setlist(key, values)
    result._mutable = False
    return result


class RequestSizeMiddleware:
    """Refuse a request whose Content-Length is above MAX_REQUEST_BYTES (413) before anything
    reads its body, so a huge upload costs neither memory nor a temporary file."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if size > settings.MAX_REQUEST_BYTES:
            message = _("The upload is larger than %(size)s MB. Please split it.") % {
                "size": settings.MAX_REQUEST_BYTES // (1024 * 1024)
            }
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"type": "about:blank", "title": "Too large", "status": 413, "detail": message},
                    status=413,
                    content_type="application/problem+json",
                )
            # No context processors: nothing about the user is loaded yet.
            return HttpResponse(render_to_string("413.html", {"message": message}), status=413)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Switch off browser features the portal never uses (camera, microphone, location, ...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PrivateCacheMiddleware:
    """Pages, exports and feeds carry personal data: no browser or proxy may keep a copy.

    Static files never reach this middleware (WhiteNoise answers them earlier), so only
    responses of our own views are marked.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        return response


class SessionTimeoutMiddleware:
    """Sign out after SESSION_IDLE_TIMEOUT_MINUTES without a request, and SESSION_ABSOLUTE_TIMEOUT_HOURS
    after signing in; drop sessions whose user was deactivated or deleted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = self._touch(request.session)
            if expired:
                language = translation.get_language()
                logout(request)
                messages.info(request, expired)
                if request.path_info == reverse("security:keepalive"):
                    # The page's idle clock asked: it shows the end itself, and the message waits
                    # for the sign-in page its "Sign in again" opens.
                    response = JsonResponse({"signed_in": False}, status=401)
                else:
                    response = redirect_to_login(request.get_full_path())
                # The sign-in page speaks the language the message was written in: the user's own.
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    language,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    path=settings.LANGUAGE_COOKIE_PATH,
                    domain=settings.LANGUAGE_COOKIE_DOMAIN,
                    secure=settings.LANGUAGE_COOKIE_SECURE,
                    httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                    samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                )
                return response
        elif SESSION_KEY in request.session:
            request.session.flush()
        return self.get_response(request)

    @staticmethod
    def _touch(session):
        now = timezone.now().timestamp()
        signed_in, last_seen = session.setdefault(SIGNED_IN_AT, now), session.get(LAST_SEEN_AT, now)
        if now - last_seen > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60:
            minutes = settings.SESSION_IDLE_TIMEOUT_MINUTES
            return ngettext(
                "You were signed out after %(minutes)s minute without activity. Please sign in again.",
                "You were signed out after %(minutes)s minutes without activity. Please sign in again.",
                minutes,
            ) % {"minutes": minutes}
        if now - signed_in > settings.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3600:
            hours = settings.SESSION_ABSOLUTE_TIMEOUT_HOURS
            return ngettext(
                "For your security, sessions end %(hours)s hour after signing in. Please sign in again.",
                "For your security, sessions end %(hours)s hours after signing in. Please sign in again.",
                hours,
            ) % {"hours": hours}
        if LAST_SEEN_AT not in session or now - last_seen >= LAST_SEEN_RESOLUTION_SECONDS:
            session[LAST_SEEN_AT] = now
        return None


class SecondFactorMiddleware:
    """A user with an authenticator app must enter a code before anything else; with
    REQUIRE_2FA_FOR_STAFF, HR and administrators must first set one up. A session whose user set up,
    replaced or removed an authenticator in another session is signed out."""

    EXEMPT_URL_NAMES = {"logout", "set_language", "healthz", "javascript-catalog"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        if two_factor.device_changed_elsewhere(request):
            logout(request)
            messages.info(
                request,
                _("Your two-factor sign-in was changed in another session. Please sign in again."),
            )
            return redirect_to_login(request.get_full_path())
        if user.is_verified() or self._exempt(request):
            return None
        step = two_factor.pending_step(request)
        if step is None:
            return None
        target = reverse("security:verify" if step == two_factor.VERIFY else "security:setup")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")

    def _exempt(self, request):
        match = request.resolver_match
        return match is not None and (
            match.namespace == "security" or match.url_name in self.EXEMPT_URL_NAMES
        )
