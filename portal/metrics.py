"""Prometheus metrics for a scraper that knows the token; for everyone else there is nothing here."""

import secrets

from django.conf import settings
from django.http import Http404
from django.views.decorators.cache import never_cache
from django_prometheus.exports import ExportToDjangoView

from . import health


def _bearer_token(request) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


@never_cache
def metrics(request):
    expected = settings.METRICS_TOKEN
    if not expected or not secrets.compare_digest(
        _bearer_token(request).encode(), expected.encode()
    ):
        raise Http404
    # Fresh at every scrape, even where no probe asks (the broker's answer is cached for a few seconds).
    health.database_state()
    health.broker_state()
    return ExportToDjangoView(request)
