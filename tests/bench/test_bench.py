"""`make bench` measures; these tests only prove its parts work: every page it requests answers, the
statistics are right, and the report and the comparison read well. No timing is asserted."""

import json

import pytest
from django.core.management import call_command
from django.test import Client

from bench import report
from bench.pages import main_pages
from bench.stats import median, p95
from people.models import User

pytestmark = pytest.mark.django_db


def test_the_95th_percentile_of_20_requests_is_the_19th_fastest():
    assert p95(list(range(20, 0, -1))) == 19
    assert median([3, 1, 2]) == 2


def test_every_page_the_bench_measures_answers_its_role_on_the_demo():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    pages = main_pages()
    assert len(pages) == 18
    clients = {}
    for page in pages:
        if page.user not in clients:
            clients[page.user] = Client()
            clients[page.user].force_login(User.objects.get(email=page.user))
        assert clients[page.user].get(page.url).status_code == 200, page.name


def test_the_report_marks_each_miss_of_a_target_and_the_comparison_shows_the_change():
    page = {
        "page": "HR overview",
        "user": "hr@demo.example",
        "queries": 16,
        "bytes": 20480,
        "median_ms": 50.0,
        "p95_ms": 60.0,
        "baseline_median_ms": 10.0,
        "baseline_p95_ms": 12.0,
        "median_ratio": 5.0,
        "p95_ratio": 5.0,
        "baseline_queries": 3,
    }
    result = {
        "meta": {
            "agents": 5000,
            "teams": 417,
            "database": "PostgreSQL 15.20",
            "cpus": 2,
            "cpu": "x",
            "python": "3.11",
            "commit": "abc",
            "load_average": [1.0, 1.0, 1.0],
        },
        "pages": [page],
    }
    table = report.markdown(result)
    assert "| HR overview | hr | **16** | 50.0 ms | **5.0 ×** | 60.0 ms | 5.0 × | 20 KB |" in table
    faster = json.loads(json.dumps(result))
    faster["pages"][0].update(median_ms=25.0, median_ratio=2.5, queries=14)
    assert "| HR overview | 16 → 14 | 50.0 ms | 25.0 ms | -50% | 5.0 → 2.5 |" in report.comparison(
        result, faster
    )


def test_the_copy_job_produces_a_persons_copy_and_the_report_shows_it(agent, lead):
    from bench.job import data_copy
    from tests.feedback.factories import NoteFactory

    NoteFactory(agent=agent, author=lead)
    measured = data_copy(lead.email)
    assert measured["records"] >= 2 and measured["pdf_bytes"] > 0 and measured["json_bytes"] > 0
    meta = {
        "agents": 1,
        "teams": 1,
        "database": "SQLite",
        "cpus": 2,
        "cpu": "x",
        "python": "3.11",
        "commit": "abc",
        "load_average": [1.0, 1.0, 1.0],
    }
    text = report.markdown({"meta": meta, "data_copies": [measured]})
    assert f"| {lead.email} | {measured['records']:,} |" in text


def test_the_api_lists_answer_a_page_of_100_on_the_demo_and_the_report_flags_a_miss(settings):
    from bench.api_lists import measure_api_lists
    from bench.pages import HR

    settings.ROOT_URLCONF = "bench.urls"  # the bare page exists only while measuring
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    measured = measure_api_lists(requests=1, echo=lambda line: None)
    assert [m["endpoint"] for m in measured] == [
        "/api/v1/people/",
        "/api/v1/teams/",
        "/api/v1/key-figures/",
    ]
    assert all(m["records"] > 0 and m["median_ratio"] > 0 for m in measured)
    assert not User.objects.get(email=HR).api_tokens.exists()  # the bench's tokens are gone
    meta = {
        "agents": 1,
        "teams": 1,
        "database": "SQLite",
        "cpus": 2,
        "cpu": "x",
        "python": "3.11",
        "commit": "abc",
        "load_average": [1.0, 1.0, 1.0],
    }
    slow = {**measured[0], "median_ms": 120.0, "median_ratio": 12.0, "p95_ms": 130.0}
    slow["p95_ratio"] = 9.0
    text = report.markdown({"meta": meta, "api_lists": [slow]})
    assert "| `/api/v1/people/` | hr |" in text
    assert "| 120.0 ms | **12.0 ×** | 130.0 ms | 9.0 × |" in text


def test_objective_progress_across_every_team_is_measured_on_the_demo_and_reported(settings):
    from bench.objectives import measure_objectives
    from objectives.models import TeamObjective

    settings.ROOT_URLCONF = "bench.urls"  # the bare page exists only while measuring
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    measured = measure_objectives(requests=1, echo=lambda line: None)
    assert measured["team_objectives"] == TeamObjective.objects.count() > 0
    assert measured["queries"] <= 3 and measured["page"]["queries"] <= 15
    meta = {
        "agents": 1,
        "teams": 1,
        "database": "SQLite",
        "cpus": 2,
        "cpu": "x",
        "python": "3.11",
        "commit": "abc",
        "load_average": [1.0, 1.0, 1.0],
    }
    text = report.markdown({"meta": meta, "objectives": {**measured, "queries": 16}})
    assert "| objective progress across teams (HR) | team objectives |" in text
    assert f"| {measured['team_objectives']:,} | **16** |" in text
