"""Content-Security-Policy, Permissions-Policy and Cache-Control on what carries personal data."""

import re
from pathlib import Path

import pytest
import time_machine

from training.models import CalendarFeed

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [p for p in ROOT.glob("**/templates/**/*.html") if ".venv" not in p.parts]


def test_pages_send_a_content_security_policy_without_inline_scripts(login, agent):
    response = login(agent).get("/me/")
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy["style-src"]


def test_the_login_page_sends_the_policy_too(client):
    assert "script-src 'self'" in client.get("/accounts/login/")["Content-Security-Policy"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_has_an_inline_script_or_event_handler(template):
    text = template.read_text()
    for tag in re.findall(r"<script\b[^>]*>", text):
        assert "src=" in tag or 'type="application/json"' in tag, (
            f"inline script in {template}: {tag}"
        )
    assert not re.search(r"\son[a-z]+\s*=", text), f"inline event handler in {template}"
    assert "javascript:" not in text


def test_pages_switch_off_browser_features_the_portal_never_uses(client):
    policy = client.get("/accounts/login/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def _no_store(response):
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    return {"no-store", "private"} <= directives


def test_pages_of_a_signed_in_user_are_not_cached(login, agent, lead):
    assert _no_store(login(agent).get("/me/"))
    assert _no_store(login(lead).get(f"/agents/{agent.pk}/"))


def test_exports_are_not_cached(login, hr):
    response = login(hr).get("/hr/exports/reviews.csv", {"quarter": "2026-Q1"})
    assert response.status_code == 200
    assert _no_store(response)


def test_the_calendar_feed_is_not_cached_though_it_needs_no_session(client, agent):
    feed = CalendarFeed.objects.create(user=agent)
    response = client.get(f"/calendar/{feed.token}.ics")
    assert response.status_code == 200
    assert _no_store(response)


def test_chart_numbers_reach_the_page_as_json_not_localised_text(login, lead, agent, settings):
    from datetime import date

    from kpis.models import KpiRecord

    KpiRecord.objects.create(
        agent=agent, period_start=date(2026, 3, 2), channel="phone", aht_seconds=335, contacts=10
    )
    lead.preferred_language = "de"
    lead.save()
    with time_machine.travel("2026-03-20 10:00 +01:00"):
        page = login(lead).get(f"/agents/{agent.pk}/").content.decode()
    data = re.search(
        rf'<script id="agent-kpis-{agent.pk}-data" type="application/json">(.*?)</script>', page
    ).group(1)
    assert '"values": [335.0]' in data
    assert "335,0" not in data


pytestmark = pytest.mark.django_db
