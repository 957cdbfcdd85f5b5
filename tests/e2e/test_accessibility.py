"""axe-core (vendored in static/vendor/axe/) on every main page, in German and English:
no serious or critical violation of WCAG 2.x A/AA or axe's best practices."""

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone

pytestmark = pytest.mark.e2e

FAILING_IMPACTS = {"serious", "critical"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}


def axe_violations(page, live_server):
    """The serious and critical violations on the current page, as readable lines."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=f"{live_server.url}{static('vendor/axe/axe.min.js')}")
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"][0])
                    for node in violation["nodes"][:5])
        for violation in result["violations"] if violation["impact"] in FAILING_IMPACTS
    ]


def _scan(page, live_server, paths, width=1280):
    page.set_viewport_size({"width": width, "height": 900})
    problems = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        found = axe_violations(page, live_server)
        if found:
            problems[f"{path} @{width}px"] = found
    return problems


def _demo_ids():
    from briefings.models import Briefing
    from feedback.models import CoachingNote
    from people.models import MentorPairing, Team, User
    from reviews.models import Review
    from training.models import Session

    team = Team.objects.get(name="Privatkunden Telefon")
    agent = User.objects.get(email="agent@demo.example")
    return {
        "team": team.pk, "agent": agent.pk,
        "note": CoachingNote.objects.filter(agent=agent, shared_at__isnull=False).order_by("-observed_at").first().pk,
        "review": Review.objects.filter(agent=agent).exclude(status="draft").order_by("-cycle__label").first().pk,
        "briefing": Briefing.objects.filter(status="published", teams=team).first().pk,
        "session": Session.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at").first().pk,
        "pairing": MentorPairing.objects.order_by("pk").first().pk,
    }


PAGES = {
    "agent": ["/me/", "/me/career/", "/agents/{agent}/skills/rate/", "/agents/{agent}/goals/new/", "/training/",
              "/training/sessions/{session}/", "/briefings/", "/briefings/{briefing}/", "/feedback/upward/new/",
              "/feedback/notes/{note}/", "/reviews/{review}/", "/notifications/", "/calendar/", "/me/data/",
              "/me/seen/"],
    "lead": ["/dashboard/", "/teams/{team}/", "/agents/{agent}/", "/teams/{team}/skills/", "/skills/matrix/",
             "/career-wishes/", "/feedback/", "/feedback/new/", "/feedback/upward/", "/teams/{team}/reviews/",
             "/teams/{team}/kpis/", "/teams/{team}/meetings/", "/teams/{team}/meetings/new/", "/training/needs/",
             "/training/new-hire/", "/agents/{agent}/plans/", "/agents/{agent}/feedback/", "/mentoring/{pairing}/"],
    "hr": ["/hr/", "/hr/exports/", "/kpis/imports/", "/hr/upward/", "/briefings/new/", "/hr/audit/", "/hr/people/",
           "/privacy/register/", "/privacy/works-council/"],
}
PHONE_PAGES = {"agent": ["/me/"], "lead": ["/dashboard/", "/feedback/"], "hr": ["/hr/"]}


@pytest.mark.parametrize("role", ["agent", "lead", "hr"])
def test_every_main_page_passes_axe(demo, sign_in, page, live_server, lang, role):
    ids = _demo_ids()
    sign_in(f"{role}@demo.example")
    problems = _scan(page, live_server, [path.format(**ids) for path in PAGES[role]])
    problems |= _scan(page, live_server, PHONE_PAGES[role], width=390)
    assert problems == {}


def test_the_sign_in_pages_pass_axe(transactional_db, page, live_server, lang):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": live_server.url}])
    assert _scan(page, live_server, ["/accounts/login/", "/accounts/password_reset/"]) == {}
