"""In a real browser, under the Content-Security-Policy: the KPI charts draw their points in German
and English, no policy violation is reported, and two-factor sign-in is set up by QR code."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from people.models import Team, User
from tests.security.test_two_factor import code_for

pytestmark = pytest.mark.e2e

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));
"""

CHART_POINTS = """
(canvas) => {
  const chart = Chart.getChart(canvas);
  return chart ? chart.data.datasets.map((d) => d.data) : null;
}
"""


def chart_points(page, selector):
    canvas = page.locator(selector).first
    expect(canvas).to_be_visible()
    datasets = canvas.evaluate(CHART_POINTS)
    assert datasets, f"no chart drawn on {page.url}"
    return datasets


def assert_drawn_with_numbers(datasets):
    values = [v for v in datasets[0] if v is not None]
    assert len(values) >= 4
    assert all(isinstance(v, (int, float)) and v == v for v in values)  # v == v: not NaN


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_kpi_charts_have_data_points_in_both_languages(
    demo, sign_in, page, live_server, language
):
    page.add_init_script(RECORD_VIOLATIONS)
    sign_in("lead@demo.example", language=language)
    team = Team.objects.get(name="Privatkunden Telefon")
    agent = User.objects.get(email="agent@demo.example")

    page.goto(f"{live_server.url}/agents/{agent.pk}/")
    datasets = chart_points(page, "canvas.kpi-chart")
    assert_drawn_with_numbers(datasets)
    assert len(datasets) == 2  # the agent and the team median
    assert_drawn_with_numbers(datasets[1:])

    page.goto(f"{live_server.url}/teams/{team.pk}/kpis/")
    assert_drawn_with_numbers(chart_points(page, "canvas.kpi-chart"))

    assert page.evaluate("window.__cspViolations") == []


@pytest.mark.parametrize("email", ["lead@demo.example", "agent@demo.example", "hr@demo.example"])
def test_the_home_pages_run_without_policy_violations(demo, sign_in, page, live_server, email):
    page.add_init_script(RECORD_VIOLATIONS)
    sign_in(email)
    for path in ["/", "/feedback/", "/training/", "/hr/exports/", "/notifications/"]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__cspViolations") == [], path
    page.get_by_role("button", name="Deutsch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    assert page.evaluate("window.__cspViolations") == []


def test_the_admin_runs_under_the_policy(demo, sign_in, page, live_server):
    page.add_init_script(RECORD_VIOLATIONS)
    sign_in("admin@demo.example")
    for path in ["/admin/", "/admin/people/user/", "/admin/people/user/add/"]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__cspViolations") == [], path


def test_an_agent_sets_up_two_factor_sign_in_by_qr_code(demo, sign_in, page, live_server):
    page.add_init_script(RECORD_VIOLATIONS)
    sign_in("agent@demo.example")
    page.get_by_role("button", name="Jonas Weber").click()
    page.get_by_role("link", name="Two-factor sign-in").click()
    qr = page.get_by_role("img", name="QR code for your authenticator app")
    expect(qr).to_be_visible()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    device = TOTPDevice.objects.get(user__email="agent@demo.example")
    page.get_by_label("Code from your authenticator app").fill(code_for(device))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_text("Two-factor sign-in is on")).to_be_visible()

    page.get_by_role("button", name="Jonas Weber").click()
    page.get_by_role("button", name="Sign out").click()
    sign_in("agent@demo.example")
    expect(page.get_by_role("heading", name="Two-factor sign-in")).to_be_visible()
    page.get_by_label("Code from your authenticator app").fill(code_for(device, offset=30))
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(f"{live_server.url}/me/")
    assert page.evaluate("window.__cspViolations") == []


CHART_NAMING = """
(canvas) => {
  const chart = Chart.getChart(canvas);
  return {
    labels: chart.data.datasets.map((d) => d.label),
    axis: chart.options.scales.y.title.text,
    ticks: chart.scales.y.ticks.map((t) => t.label),
  };
}
"""


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_kpi_chart_names_its_metric_and_writes_durations_as_minutes_and_seconds(
    demo, sign_in, page, live_server, language
):
    sign_in("lead@demo.example", language=language)
    team = Team.objects.get(name="Privatkunden Telefon")
    agent = User.objects.get(email="agent@demo.example")
    name = {"de": "Bearbeitungszeit", "en": "handling time"}[language]
    for path in (f"/agents/{agent.pk}/", f"/teams/{team.pk}/kpis/"):
        page.goto(f"{live_server.url}{path}")
        canvas = page.locator("canvas.kpi-chart").first
        expect(canvas).to_be_visible()
        naming = canvas.evaluate(CHART_NAMING)
        assert name in naming["labels"][0] and "(m:ss)" in naming["labels"][0], path
        assert naming["axis"] == naming["labels"][0]
        assert naming["ticks"] and all(re.fullmatch(r"\d+:\d\d", t) for t in naming["ticks"]), (
            naming
        )
        assert "Diagramm der Zahlen" not in page.content()
