"""Every error as RFC 9457 problem details: `application/problem+json` with type, title, status, detail.

Validation errors add `errors`: a list of {field, message} (field "" for the whole request; a row
number for bulk uploads, e.g. "records.12.contacts").
"""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

CONTENT_TYPE = "application/problem+json"
TYPES = {
    400: "bad-request",
    401: "not-authenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid",
    429: "too-many-requests",
    500: "server-error",
}


def problem(status_code: int, detail: str = "", *, title: str = "", errors=None, headers=None):
    body = {
        "type": f"/api/problems/{TYPES.get(status_code, 'error')}",
        "title": title or _title(status_code),
        "status": status_code,
        "detail": str(detail or title or _title(status_code)),
    }
    if errors:
        body["errors"] = errors
    response = JsonResponse(body, status=status_code, content_type=CONTENT_TYPE)
    for key, value in (headers or {}).items():
        response[key] = value
    return response


def _title(status_code: int) -> str:
    return {
        400: _("The request is not valid"),
        401: _("Authentication required"),
        403: _("Not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        409: _("Conflict"),
        413: _("Too large"),
        415: _("Unsupported media type"),
        422: _("Some values are not valid"),
        429: _("Too many requests"),
    }.get(status_code, _("Error"))


def flatten(detail, prefix: str = "") -> list[dict]:
    """DRF's nested error detail as a flat list of {field, message}."""
    if isinstance(detail, dict):
        items = []
        for key, value in detail.items():
            name = "" if key in ("non_field_errors", "detail") else str(key)
            items += flatten(value, f"{prefix}.{name}" if prefix and name else prefix or name)
        return items
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [{"field": prefix, "message": str(item)} for item in detail]
        items = []
        for index, value in enumerate(detail):
            if value:
                items += flatten(value, f"{prefix}.{index}" if prefix else str(index))
        return items
    return [{"field": prefix, "message": str(detail)}]


def handle(exc, context):
    """DRF's exception handler, answering problem details."""
    if isinstance(exc, RequestDataTooBig):
        return problem(413, _("The request body is too large."))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's 500 handling (logged, Sentry)
    headers = {
        k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")
    }
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten(exc.detail)
        return problem(
            status.HTTP_400_BAD_REQUEST,
            _("%(count)s value(s) are not valid.") % {"count": len(errors)},
            errors=errors,
            headers=headers,
        )
    detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
    if isinstance(detail, (dict, list)):
        return problem(response.status_code, errors=flatten(detail), headers=headers)
    return problem(response.status_code, str(detail), headers=headers)


def not_found_view(request, *args, **kwargs):
    """Any path under /api/ that names no endpoint."""
    return problem(404, _("There is no endpoint at this address."))
