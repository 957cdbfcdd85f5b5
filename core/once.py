"""A one-time token per rendered form: the same form posted twice (Back, reload, a double click)
creates its record once; the second post goes to what the first one saved."""

import secrets

from django.http import HttpRequest

FIELD = "submit_token"
KEPT = 20  # tokens remembered per session and kind of form


def token(request: HttpRequest) -> str:
    """The token for the form being rendered: the posted one again after an error, else a new one."""
    posted = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return posted if 16 <= len(posted) <= 64 else secrets.token_urlsafe(16)


def _key(kind: str) -> str:
    return f"once.{kind}"


def saved_before(request: HttpRequest, kind: str) -> int | None:
    """The id of the record this very form already created, if it was posted before."""
    posted = request.POST.get(FIELD, "")
    return request.session.get(_key(kind), {}).get(posted) if posted else None


def remember(request: HttpRequest, kind: str, pk: int) -> None:
    posted = request.POST.get(FIELD, "")
    if not posted:
        return
    saved = dict(request.session.get(_key(kind), {}))
    saved[posted] = pk
    request.session[_key(kind)] = dict(list(saved.items())[-KEPT:])
