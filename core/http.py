"""Answers for requests the portal cannot understand, as pages like every other."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """The styled 400 page (navigation, language, a way back) with what was wrong, not a bare text."""
    return render(request, "400.html", {"message": message}, status=400)
