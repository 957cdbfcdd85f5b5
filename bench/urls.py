"""The portal's URLs plus the baseline page, which exists only while measuring."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from portal.urls import handler400, handler403, handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns

BASELINE_URL = "/__bench__/baseline/"


@login_required
def baseline(request):
    """The base layout and nothing else: navigation, bell, language switch, for the same user."""
    return render(request, "base.html", {})


urlpatterns = [path(BASELINE_URL.strip("/") + "/", baseline), *portal_urlpatterns]
