import pytest

from people.periods import Quarter
from reviews import services
from reviews.models import Review

from ..skills.factories import SkillFactory
from .test_reviews import start, written

pytestmark = pytest.mark.django_db
ROLES = ["agent", "colleague", "lead", "other_lead", "hr", "admin"]


@pytest.mark.parametrize(
    "role,status",
    [
        ("agent", 404),
        ("colleague", 404),
        ("lead", 200),
        ("other_lead", 404),
        ("hr", 200),
        ("admin", 200),
    ],
)
def test_the_team_completion_page_is_for_the_lead_and_hr(cast, team, login, role, status):
    assert login(cast[role]).get(f"/teams/{team.pk}/reviews/").status_code == status


def test_an_unknown_quarter_answers_400(cast, team, login):
    response = login(cast["lead"]).get(f"/teams/{team.pk}/reviews/?quarter=2026-Q9")
    assert response.status_code == 400
    assert "Unknown quarter" in response.content.decode()


@pytest.mark.parametrize(
    "role,draft,shared",
    [
        ("agent", 404, 200),
        ("colleague", 404, 404),
        ("lead", 200, 200),
        ("other_lead", 404, 404),
        ("hr", 404, 200),
        ("admin", 404, 200),
    ],
)
def test_a_review_is_seen_as_the_policy_says(cast, login, role, draft, shared):
    draft_review = start(cast["lead"], cast["agent"])
    shared_review = services.review_share(
        by=cast["lead"],
        review=written(
            start(cast["lead"], cast["agent"], quarter=draft_review.cycle.quarter.previous())
        ),
    )
    assert login(cast[role]).get(f"/reviews/{draft_review.pk}/").status_code == draft
    assert login(cast[role]).get(f"/reviews/{shared_review.pk}/").status_code == shared


def test_a_lead_starts_writes_and_shares_a_review(cast, login):
    client = login(cast["lead"])
    response = client.post(f"/agents/{cast['agent'].pk}/reviews/start/")
    review = Review.objects.get()
    assert response.url == f"/reviews/{review.pk}/edit/"
    response = client.post(
        f"/reviews/{review.pk}/edit/",
        {
            "summary": "Strong quarter",
            "strengths": "Calm",
            "held_on": "",
            "areas-TOTAL_FORMS": "2",
            "areas-INITIAL_FORMS": "0",
            "areas-0-text": "Shorter calls",
            "areas-0-skill": "",
            "areas-1-text": "",
            "areas-1-skill": "",
        },
    )
    assert response.status_code == 302
    client.post(f"/reviews/{review.pk}/share/", {"confirmation": "given"})
    review.refresh_from_db()
    assert review.status == Review.Status.SHARED
    assert [a.text for a in review.areas.all()] == ["Shorter calls"]


def test_the_editor_shows_everything_of_the_quarter(cast, login):
    review = start(cast["lead"], cast["agent"])
    response = login(cast["lead"]).get(f"/reviews/{review.pk}/edit/")
    assert {"notes", "rating_changes", "plan"} <= set(response.context.keys())


def test_a_second_review_of_the_same_quarter_is_refused_with_a_message(cast, login):
    start(cast["lead"], cast["agent"])
    response = login(cast["lead"]).post(
        f"/agents/{cast['agent'].pk}/reviews/start/", {"quarter": "2026-Q2"}, follow=True
    )
    assert "already has a review for Q2 2026" in response.content.decode()
    assert Review.objects.count() == 1


def test_a_review_for_an_agent_outside_the_leads_teams_is_404(cast, login):
    assert (
        login(cast["other_lead"]).post(f"/agents/{cast['agent'].pk}/reviews/start/").status_code
        == 404
    )
    assert not Review.objects.exists()


def test_the_share_form_warns_about_surprises(cast, login):
    review = written(
        start(cast["lead"], cast["agent"]), areas=[("CRM notes", SkillFactory(name_en="CRM"))]
    )
    client = login(cast["lead"])
    assert "No surprises?" in client.get(f"/reviews/{review.pk}/").content.decode()
    response = client.post(f"/reviews/{review.pk}/share/", follow=True)
    assert "received no feedback about" in response.content.decode()
    review.refresh_from_db()
    assert review.status == Review.Status.DRAFT
    client.post(f"/reviews/{review.pk}/share/", {"confirmed": "on", "confirmation": "given"})
    review.refresh_from_db()
    assert review.status == Review.Status.SHARED


def test_the_agent_writes_a_self_assessment_on_a_draft_without_seeing_it(cast, login):
    review = written(start(cast["lead"], cast["agent"]))
    client = login(cast["agent"])
    body = client.get("/me/").content.decode()
    assert "Write your self-assessment" in body and "A good quarter." not in body
    client.post(f"/reviews/{review.pk}/self-assessment/", {"self_assessment": "Went well"})
    review.refresh_from_db()
    assert review.self_assessment == "Went well"
    assert (
        login(cast["colleague"])
        .post(f"/reviews/{review.pk}/self-assessment/", {"self_assessment": "x"})
        .status_code
        == 404
    )


def test_editing_after_acknowledgement_is_refused(cast, login):
    review = services.review_share(
        by=cast["lead"], review=written(start(cast["lead"], cast["agent"]))
    )
    login(cast["agent"]).post(
        f"/reviews/{review.pk}/acknowledge/", {"comment": "Ok", "confirmation": "given"}
    )
    response = login(cast["lead"]).post(
        f"/reviews/{review.pk}/edit/", {"summary": "changed"}, follow=True
    )
    assert "can no longer be changed" in response.content.decode()
    review.refresh_from_db()
    assert review.summary == "A good quarter."


def test_mutating_review_views_need_post(cast, login):
    review = start(cast["lead"], cast["agent"])
    for url in ("share", "acknowledge", "request-self-assessment"):
        assert login(cast["lead"]).get(f"/reviews/{review.pk}/{url}/").status_code == 405


def test_the_self_assessment_form_opens_for_the_agent_only(cast, login):
    review = start(cast["lead"], cast["agent"])
    assert login(cast["agent"]).get(f"/reviews/{review.pk}/self-assessment/").status_code == 200
    for role in ("lead", "colleague", "hr"):
        assert login(cast[role]).get(f"/reviews/{review.pk}/self-assessment/").status_code == 404


def test_the_completion_page_needs_as_many_queries_for_50_agents_as_for_5(cast, team, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..factories import make_agent

    client = login(cast["lead"])

    def count():
        from django.core.cache import cache

        cache.clear()  # the figures of the whole site are cached; count what computing them takes
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/teams/{team.pk}/reviews/")
            client.get("/dashboard/")
            login(cast["hr"]).get("/hr/")
            login(cast["lead"])
        return len(ctx.captured_queries)

    for _ in range(3):
        start(cast["lead"], make_agent(team))
    few = count()
    for _ in range(45):
        start(cast["lead"], make_agent(team))
    assert count() == few


def test_sharing_stores_the_quarters_key_figures_and_the_review_shows_them(cast, login):
    import datetime

    from kpis.models import KpiRecord

    review = written(start(cast["lead"], cast["agent"]))
    KpiRecord.objects.create(
        agent=cast["agent"],
        period_start=datetime.date(2026, 5, 4),
        channel="phone",
        contacts=200,
        aht_seconds=320,
        fcr=0.8,
    )
    assert (
        "No key figures"
        not in login(cast["lead"]).get(f"/reviews/{review.pk}/edit/").content.decode()
    )
    services.review_share(review=review, by=review.reviewer)
    review.refresh_from_db()
    assert review.kpi_snapshot == {"contacts": 200, "aht_seconds": 320.0, "fcr": 0.8}
    body = login(cast["agent"]).get(f"/reviews/{review.pk}/").content.decode()
    assert "Key figures of the quarter" in body and "80 %" in body


def test_the_agent_page_lists_the_leads_draft_and_offers_no_second_start(cast, login):
    draft = start(cast["lead"], cast["agent"], quarter=Quarter.current())
    body = login(cast["lead"]).get(f"/agents/{cast['agent'].pk}/").content.decode()
    assert f'href="/reviews/{draft.pk}/"' in body
    assert f"/agents/{cast['agent'].pk}/reviews/start/" not in body
    own_page = login(cast["agent"]).get("/me/").content.decode().split('id="reviews-heading"')[1]
    assert (
        f'href="/reviews/{draft.pk}/"' not in own_page
    )  # announced for the self-assessment, not listed
    assert f"/reviews/{draft.pk}/self-assessment/" in own_page


def test_a_bad_quarter_gets_the_styled_400_page_with_what_was_wrong(cast, login, team):
    response = login(cast["lead"]).get(f"/teams/{team.pk}/reviews/", {"quarter": "2026-Q9"})
    assert response.status_code == 400
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "Unknown quarter. Use the form Q3 2026." in body
    assert 'id="nav-main"' in body and "Back to your home page" in body
