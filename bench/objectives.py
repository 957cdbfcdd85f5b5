"""Objective progress across every team (issue 29: 417 teams at 5,000 agents × 3 years, within the
page budgets: at most 15 queries, flat in the number of teams shown).

Two figures on the seeded database: the computation alone (`objectives_overview` for the published
objectives HR sees, every team's part with its weekly progress from the key figures and the proposal
counts), and HR's objectives page `/objectives/` against the baseline page, as the main pages are
measured. The demo gives every team its part in the current quarter's objective, so at 5,000 agents
the page lists 417 teams' progress.

    make bench BENCH_ARGS="--only objectives"
"""

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .measure_pages import WARM_UP, _measure
from .pages import HR, Page
from .stats import median, p95


def measure_objectives(requests: int, echo=print) -> dict:
    from objectives import selectors
    from objectives.models import ServiceObjective
    from people.models import User

    hr = User.objects.get(email=HR)
    objectives = list(
        selectors.service_objectives_visible_to(hr)
        .filter(status=ServiceObjective.Status.PUBLISHED)
        .order_by("-starts_on", "pk")[
            :20
        ]  # the first page of HR's list (objectives.views.PER_PAGE)
    )
    for _n in range(WARM_UP):
        selectors.objectives_overview(hr, objectives)
    timings = []
    for _n in range(requests):
        started = time.perf_counter()
        selectors.objectives_overview(hr, objectives)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        rows = selectors.objectives_overview(hr, objectives)
    teams = sum(len(row["teams"]) for row in rows)
    measured = [team["progress"] for row in rows for team in row["teams"] if team["progress"].weeks]
    echo(
        f"  progress of {teams} team objectives ({len(measured)} with weekly figures): "
        f"{median(timings):.1f} ms ({len(queries)} queries)"
    )
    client = Client()
    client.force_login(hr)
    page = _measure(client, Page("HR objectives across teams", HR, "/objectives/"), requests)
    echo(f"  {page['page']}: {page['median_ms']:.1f} ms ({page['queries']} queries)")
    return {
        "objectives": len(objectives),
        "team_objectives": teams,
        "with_figures": len(measured),
        "requests": requests,
        "queries": len(queries),
        "median_ms": median(timings),
        "p95_ms": p95(timings),
        "page": page,
    }
