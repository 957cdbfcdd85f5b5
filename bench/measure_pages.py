"""Pages against the baseline: same user, same process, requests interleaved."""

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .pages import main_pages
from .stats import median, p95
from .urls import BASELINE_URL

WARM_UP = 3


def measure_pages(requests: int, only=None, echo=print) -> list[dict]:
    from people.models import User

    results = []
    clients: dict = {}
    for page in main_pages():
        if only and not any(word in page.name for word in only):
            continue
        client = clients.get(page.user)
        if client is None:
            client = clients[page.user] = Client()
            client.force_login(User.objects.get(email=page.user))
        results.append(_measure(client, page, requests))
        echo(f"  {page.name}: {results[-1]['median_ms']:.1f} ms ({results[-1]['queries']} queries)")
    return results


def _measure(client, page, requests) -> dict:
    for _n in range(WARM_UP):
        _get(client, BASELINE_URL)
        _get(client, page.url)
    base_times, page_times = [], []
    for _n in range(requests):
        base_times.append(_timed(client, BASELINE_URL))
        page_times.append(_timed(client, page.url))
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, page.url)
    with CaptureQueriesContext(connection) as base_queries:
        _get(client, BASELINE_URL)
    return {
        "page": page.name,
        "user": page.user,
        "url": page.url,
        "requests": requests,
        "queries": len(queries),
        "baseline_queries": len(base_queries),
        "bytes": len(response.content),
        "median_ms": median(page_times),
        "p95_ms": p95(page_times),
        "baseline_median_ms": median(base_times),
        "baseline_p95_ms": p95(base_times),
        "median_ratio": median(page_times) / median(base_times),
        "p95_ratio": p95(page_times) / p95(base_times),
    }


def _timed(client, url) -> float:
    started = time.perf_counter()
    _get(client, url)
    return (time.perf_counter() - started) * 1000


def _get(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response
