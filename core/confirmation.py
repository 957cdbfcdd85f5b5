"""A small confirm step before an irreversible or outward-facing action.

The action's button posts as before. Without `confirmation=given` in the post, the view
answers a confirmation page instead of acting: it says what will happen and posts the same
fields again, now confirmed. With JavaScript, `static/js/confirm.js` asks in an accessible
dialog first and adds the field itself, so the page is skipped. No inline script is needed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

FIELD = "confirmation"
GIVEN = "given"


def is_confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get(FIELD) == GIVEN


@dataclass
class Confirmation:
    title: str  # the question, e.g. "Share the review with Jonas Weber?"
    consequence: str  # what happens and whether it can be undone
    confirm_label: str  # the button's verb, e.g. "Share the review"
    cancel_url: str
    danger: bool = False


def confirmation_page(request: HttpRequest, confirmation: Confirmation) -> HttpResponse:
    """The confirm step without JavaScript: the same post again, confirmed, or back."""
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", FIELD)
        for value in values
    ]
    return render(
        request,
        "includes/confirm_page.html",
        {
            "confirmation": confirmation,
            "action": request.path,
            "carried": carried,
            "field": FIELD,
            "given": GIVEN,
        },
    )


def act_once_confirmed(
    request: HttpRequest,
    confirmation: Confirmation,
    act: Callable[[], object],
    *,
    done: str,
    then: Any,
    refused: Any = None,
) -> HttpResponse:
    """The usual action behind the confirm step: unconfirmed, the confirmation page; confirmed, `act()`
    (the service call), then the message `done` and a redirect to `then`; when the service refuses
    (`ValidationError`), each of its messages and a redirect to `refused` (or `then`). `then` and
    `refused` are whatever `redirect` takes: a model, a URL name, a path."""
    if not is_confirmed(request):
        return confirmation_page(request, confirmation)
    try:
        act()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(then if refused is None else refused)
    messages.success(request, done)
    return redirect(then)
