"""axe-core (vendored in static/vendor/axe/) on every main page, in German and English:
no serious or critical violation of WCAG 2.x A/AA or axe's best practices; and on the same pages,
dates and quarters as people read them and, in German, no English interface text."""

import functools
import re

import polib
import pytest
from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone

pytestmark = pytest.mark.e2e

FAILING_IMPACTS = {"serious", "critical"}
# Found by a walk through the portal; kept out for good even though axe rates them lower.
ALWAYS_FAILING_RULES = {
    "empty-table-header",
    "scrollable-region-focusable",
    "label",
    "page-has-heading-one",
}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def axe_violations(page, live_server):
    """The serious and critical violations on the current page, as readable lines."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=f"{live_server.url}{static('vendor/axe/axe.min.js')}")
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(
            node["target"][0] if isinstance(node["target"][0], str) else str(node["target"][0])
            for node in violation["nodes"][:5]
        )
        for violation in result["violations"]
        if violation["impact"] in FAILING_IMPACTS or violation["id"] in ALWAYS_FAILING_RULES
    ]


ISO_DATE = re.compile(r"\b20\d\d-[01]\d-[0-3]\d\b")
QUARTER_KEY = re.compile(r"\b20\d\d-Q[1-4]\b")


@functools.cache
def _english_messages():
    """Interface messages of two words or more whose German differs: none may show on a German page."""
    from portal.management.commands.compile_translations import catalog_files

    return sorted(
        {
            entry.msgid
            for path in catalog_files()
            for entry in polib.pofile(str(path))
            if not entry.msgid_plural
            and len(entry.msgid.split()) >= 2
            and "%" not in entry.msgid
            and entry.msgstr
            and entry.msgstr != entry.msgid
        }
    )


def language_problems(page, lang):
    """Dates and quarters as people read them, and in German no English interface text."""
    text = page.inner_text("body")
    problems = [f"ISO date {m}" for m in ISO_DATE.findall(text)] + [
        f"quarter {m}" for m in QUARTER_KEY.findall(text)
    ]
    if lang == "de":
        html = page.content()
        problems += [
            f"English: {message!r}" for message in _english_messages() if f">{message}<" in html
        ]
    return problems


def _scan(page, live_server, paths, width=1280, lang=None):
    page.set_viewport_size({"width": width, "height": 900})
    problems = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        found = axe_violations(page, live_server) + (language_problems(page, lang) if lang else [])
        if found:
            problems[f"{path} @{width}px"] = found
    return problems


def _demo_ids():
    from briefings.models import Briefing
    from feedback.models import CoachingNote
    from objectives.models import TeamObjective
    from one_on_ones.models import Meeting
    from people.models import MentorPairing, Team, User
    from reviews.models import Review
    from training.models import Session

    team = Team.objects.get(name="Privatkunden Telefon")
    agent = User.objects.get(email="agent@demo.example")
    return {
        "team": team.pk,
        "agent": agent.pk,
        "note": CoachingNote.objects.filter(agent=agent, shared_at__isnull=False)
        .order_by("-observed_at")
        .first()
        .pk,
        "review": Review.objects.filter(agent=agent)
        .exclude(status="draft")
        .order_by("-cycle__label")
        .first()
        .pk,
        "briefing": Briefing.objects.filter(status="published", teams=team).first().pk,
        "session": Session.objects.filter(starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
        .pk,
        "pairing": MentorPairing.objects.order_by("pk").first().pk,
        "team_objective": TeamObjective.objects.filter(team=team).first().pk,
        "one_on_one": Meeting.objects.filter(
            series__agent=agent, finished_at__isnull=True, scheduled_at__gt=timezone.now()
        )
        .order_by("scheduled_at")
        .first()
        .pk,
    }


PAGES = {
    "agent": [
        "/me/",
        "/me/career/",
        "/agents/{agent}/skills/rate/",
        "/agents/{agent}/goals/new/",
        "/training/",
        "/training/sessions/{session}/",
        "/briefings/",
        "/briefings/{briefing}/",
        "/feedback/upward/new/",
        "/feedback/notes/{note}/",
        "/reviews/{review}/",
        "/notifications/",
        "/calendar/",
        "/me/data/",
        "/me/seen/",
        "/objectives/mine/",
        "/objectives/team/{team_objective}/",
        "/one-on-ones/",
        "/one-on-ones/{one_on_one}/",
    ],
    "lead": [
        "/dashboard/",
        "/one-on-ones/{one_on_one}/",
        "/one-on-ones/new/",
        "/teams/{team}/",
        "/agents/{agent}/",
        "/teams/{team}/skills/",
        "/skills/matrix/",
        "/career-wishes/",
        "/feedback/",
        "/feedback/new/",
        "/feedback/upward/",
        "/teams/{team}/reviews/",
        "/teams/{team}/kpis/",
        "/teams/{team}/meetings/",
        "/teams/{team}/meetings/new/",
        "/training/needs/",
        "/training/new-hire/",
        "/agents/{agent}/plans/",
        "/agents/{agent}/feedback/",
        "/mentoring/{pairing}/",
        "/objectives/",
        "/objectives/team/{team_objective}/",
    ],
    "hr": [
        "/hr/",
        "/hr/exports/",
        "/kpis/imports/",
        "/hr/upward/",
        "/briefings/new/",
        "/hr/audit/",
        "/hr/people/",
        "/privacy/register/",
        "/privacy/works-council/",
        "/objectives/",
        "/objectives/new/",
        "/skills/mix/",
    ],
}
PHONE_PAGES = {"agent": ["/me/"], "lead": ["/dashboard/", "/feedback/"], "hr": ["/hr/"]}


@pytest.mark.parametrize("role", ["agent", "lead", "hr"])
def test_every_main_page_passes_axe(demo, sign_in, page, live_server, lang, role):
    ids = _demo_ids()
    sign_in(f"{role}@demo.example")
    problems = _scan(page, live_server, [path.format(**ids) for path in PAGES[role]], lang=lang)
    problems |= _scan(page, live_server, PHONE_PAGES[role], width=390)
    assert problems == {}


def test_the_sign_in_pages_pass_axe(transactional_db, page, live_server, lang):
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": live_server.url}]
    )
    assert (
        _scan(page, live_server, ["/accounts/login/", "/accounts/password_reset/"], lang=lang) == {}
    )


def test_after_a_failed_submit_the_error_summary_has_focus_and_the_title_says_so(
    demo, sign_in, page, live_server, t
):
    from playwright.sync_api import expect

    sign_in("lead@demo.example")
    page.goto(f"{live_server.url}/feedback/new/")
    title = page.title()
    page.get_by_role("button", name=t("Save")).click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    assert page.title() == f"{t('Error:')} {title}"
    expect(summary.get_by_role("heading")).to_have_text(
        t(
            "Please check your entry: %(counter)s problem",
            plural="Please check your entries: %(counter)s problems",
            count=3,
            counter=3,
        )
    )
    summary.get_by_role("link", name=t("What happened"), exact=False).click()
    expect(page.locator("#id_situation")).to_be_focused()
    assert axe_violations(page, live_server) == []
