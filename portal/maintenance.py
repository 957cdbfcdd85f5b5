"""While the database is unreachable, pages answer a friendly 503 "maintenance" page, never a 500.

A restart, a failover or an outage of PostgreSQL is not a bug of the portal: each request that
meets it is logged as one warning line (no traceback), and the visitor reads, in their language,
that the portal is back in a moment (with Retry-After). Two ways in: the middleware opens the
connection before the request reaches anything that needs it (the usual case: the database is
already gone), and handler500 recognises a database that went away during the request.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# Paths that answer without the database, or say themselves that it is gone (the API's schema is
# generated from the code alone, and schemathesis reads it before any test has a database).
WITHOUT_DATABASE = ("/healthz", "/metrics", "/static/", "/api/schema/")
# PostgreSQL's classes of errors that mean "not reachable now": connection exceptions, and the
# server shutting down, starting up or crashed (57P01-57P05); not a cancelled statement (57014).
UNREACHABLE_CODES = ("08", "57P")


def database_unreachable(error: BaseException | None) -> bool:
    if not isinstance(error, (OperationalError, InterfaceError)):
        return False
    code = getattr(error.__cause__, "pgcode", None)
    return code is None or code.startswith(UNREACHABLE_CODES)


def maintenance_response(request, error: BaseException) -> HttpResponse:
    logger.warning(
        "database unreachable; %s answered with the maintenance page: %s", request.path, error
    )
    response = HttpResponse(_page(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    # Django's request log would add "Service Unavailable" with the traceback: logged above, once.
    response._has_been_logged = True
    return response


def _page() -> str:
    try:
        return render_to_string("503.html")
    except Exception as error:  # this page must not fail in turn (say, static files not collected)
        logger.warning("the maintenance page could not be rendered: %s", error)
        return format_html(
            "<!doctype html><title>{}</title><h1>{}</h1><p>{}</p>",
            gettext("Maintenance"),
            gettext("Back in a moment"),
            gettext("Please try again in a minute."),
        )


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(WITHOUT_DATABASE):
            try:
                connection.ensure_connection()
            except (OperationalError, InterfaceError) as error:
                return maintenance_response(request, error)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database_unreachable(exception):
            return maintenance_response(request, exception)
        return None


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: the database went away while the request was under way, in a middleware or a view."""
    error = sys.exc_info()[1]
    if database_unreachable(error):
        return maintenance_response(request, error)
    return defaults.server_error(request, template_name)
