"""List endpoints of the API against the bare page: a page of 100 records through a personal token,
interleaved with the baseline page (the base layout alone) for the same user, in the same process.
The issue's target: a page of 100 in under 10 × the bare page."""

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .pages import HR, LEAD
from .stats import median, p95
from .urls import BASELINE_URL

WARM_UP = 3
TARGET_RATIO = 10
# (endpoint, user): each list as the role that reads it through the API.
LISTS = (("people", HR), ("teams", HR), ("key-figures", LEAD))


def measure_api_lists(requests: int, echo=print) -> list[dict]:
    from api import services as api_services
    from api.models import ApiToken
    from people.models import User

    results = []
    made_tokens = []
    try:
        for endpoint, email in LISTS:
            user = User.objects.get(email=email)
            made = api_services.personal_token_create(
                actor=user, name="bench", access_level=ApiToken.Access.READ, expires_at=None
            )
            made_tokens.append(made.token.pk)
            page = Client()
            page.force_login(user)
            api = Client(HTTP_AUTHORIZATION=f"Bearer {made.secret}")
            results.append(_measure(endpoint, email, page, api, requests))
            last = results[-1]
            echo(
                f"  /api/v1/{endpoint}/ ({last['records']} records): {last['median_ms']:.1f} ms, "
                f"{last['median_ratio']:.1f} × the bare page ({last['queries']} queries)"
            )
    finally:
        ApiToken.objects.filter(pk__in=made_tokens).delete()
    return results


def _measure(endpoint: str, email: str, page: Client, api: Client, requests: int) -> dict:
    url = f"/api/v1/{endpoint}/?page_size=100"
    for _n in range(WARM_UP):
        _get(page, BASELINE_URL)
        _get(api, url)
    base_times, list_times = [], []
    for _n in range(requests):
        base_times.append(_timed(page, BASELINE_URL))
        list_times.append(_timed(api, url))
    with CaptureQueriesContext(connection) as queries:
        response = _get(api, url)
    return {
        "endpoint": f"/api/v1/{endpoint}/",
        "user": email,
        "requests": requests,
        "records": len(response.json()["results"]),
        "queries": len(queries),
        "bytes": len(response.content),
        "median_ms": median(list_times),
        "p95_ms": p95(list_times),
        "baseline_median_ms": median(base_times),
        "median_ratio": median(list_times) / median(base_times),
        "p95_ratio": p95(list_times) / p95(base_times),
    }


def _timed(client: Client, url: str) -> float:
    started = time.perf_counter()
    _get(client, url)
    return (time.perf_counter() - started) * 1000


def _get(client: Client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}: {response.content[:200]!r}")
    return response
