"""The review page and the review form read what they show in few queries, and ask the access policy no less."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback.models import CoachingNote
from feedback.window import feedback_due_at
from people import access
from people.models import TeamMembership
from people.periods import Quarter
from plans import services as plan_services
from reviews import selectors, services
from reviews.models import Review
from skills.models import RatingSource
from skills.services import rating_record

from ..factories import MembershipFactory
from ..skills.factories import SkillFactory
from .test_reviews import start, written

pytestmark = pytest.mark.django_db
ROLES = ["agent", "colleague", "lead", "other_lead", "hr", "admin"]
THIS_QUARTER = Quarter.current()


def _reviews_of_every_kind(cast):
    """A draft, a shared and an acknowledged review of the agent, and a shared one of the colleague."""
    lead, agent = cast["lead"], cast["agent"]
    draft = written(start(lead, agent))
    shared = services.review_share(
        by=lead, review=written(start(lead, agent, quarter=draft.cycle.quarter.previous()))
    )
    acknowledged = services.review_share(
        by=lead, review=written(start(lead, agent, quarter=shared.cycle.quarter.previous()))
    )
    services.review_acknowledge(review=acknowledged, by=acknowledged.agent)
    services.review_share(by=lead, review=written(start(lead, cast["colleague"])))
    return Review.objects.all()


def _agrees_with_the_policy(cast):
    for role in ROLES:
        user = cast[role]
        changeable = set(selectors.reviews_changeable_by(user).values_list("pk", flat=True))
        for visible in selectors.reviews_visible_to(user):
            review, rights = selectors.access_review(user, visible.pk)
            assert rights.may_change == (review.pk in changeable), (role, review.status)
            assert rights.agent.can_coach == access.can_coach(user, review.agent), (
                role,
                review.status,
            )
            assert rights.is_about_viewer == (user.pk == review.agent_id), role
        for hidden in Review.objects.exclude(pk__in=selectors.reviews_visible_to(user)):
            with pytest.raises(Http404):
                selectors.access_review(user, hidden.pk)


def test_the_review_pages_answers_who_may_change_and_coach_agree_with_the_access_policy(cast):
    _reviews_of_every_kind(cast)
    _agrees_with_the_policy(cast)


def test_after_the_agent_moves_team_neither_the_former_nor_the_new_lead_may_change_the_review(cast):
    _reviews_of_every_kind(cast)
    TeamMembership.objects.filter(user=cast["agent"]).update(end=timezone.localdate())
    MembershipFactory(team=cast["other_lead"].memberships.get().team, user=cast["agent"])
    _agrees_with_the_policy(cast)
    assert not any(
        selectors.access_review(cast[role], review.pk)[1].may_change
        for role in ("lead", "other_lead")
        for review in selectors.reviews_visible_to(cast[role]).filter(agent=cast["agent"])
    )


def _furnish(lead, agent, skill, count):
    """`count` shared notes, ratings and goals of this quarter about the agent."""
    for n in range(count):
        observed = THIS_QUARTER.start + datetime.timedelta(minutes=n + 1)
        note = CoachingNote.objects.create(
            agent=agent,
            author=lead,
            observed_at=observed,
            feedback_due_at=feedback_due_at(observed),
            situation=f"Situation {n}",
            shared_at=observed,
        )
        note.skills.add(skill)
        rating_record(agent=agent, skill=skill, level=3, source=RatingSource.LEAD, rated_by=lead)
        plan_services.goal_create(
            agent=agent, by=lead, title=f"Goal {n}", skill=skill, target_level=4
        )


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["detail", "edit"])
def test_the_review_page_and_form_need_as_many_queries_for_a_full_quarter_as_for_a_quiet_one(
    cast, login, page
):
    lead, skill = cast["lead"], SkillFactory()
    quiet, busy = (
        start(lead, cast["agent"], THIS_QUARTER),
        start(lead, cast["colleague"], THIS_QUARTER),
    )
    _furnish(lead, cast["agent"], skill, 1)
    _furnish(lead, cast["colleague"], skill, 6)
    for review, areas in ((quiet, 1), (busy, 6)):
        services.review_update(
            review=review,
            by=review.reviewer,
            summary="S",
            strengths="",
            held_on=None,
            areas=[(f"Area {n}", skill) for n in range(areas)],
        )
    client = login(lead)
    suffix = "edit/" if page == "edit" else ""
    assert _queries(client, f"/reviews/{quiet.pk}/{suffix}") == _queries(
        client, f"/reviews/{busy.pk}/{suffix}"
    )


def test_the_review_page_asks_the_policy_along_with_reading_the_review(cast, login):
    """Session, user, the user's second factor (read on every page since issue 21), review with the
    policy's answer, areas, notes, their skills, ratings, goals, key figures, unread notifications,
    statements, and the access record (inside the test's transaction a savepoint adds two statements
    around it)."""
    lead, skill = cast["lead"], SkillFactory()
    _furnish(lead, cast["agent"], skill, 2)
    review = services.review_share(
        by=lead,
        review=written(start(lead, cast["agent"], THIS_QUARTER), areas=[("Calls", skill)]),
        confirmed=True,
    )
    assert _queries(login(lead), f"/reviews/{review.pk}/") <= 15


def test_the_review_form_reads_the_skill_list_once_and_the_plan_in_one_query(cast, login):
    """Session, user, the user's second factor (read on every page since issue 21), review with the
    policy's answer, areas, notes, their skills, ratings, goals, key figures, unread notifications, the
    skill list, and the access record (inside the test's transaction a savepoint adds two statements
    around it)."""
    lead, skill = cast["lead"], SkillFactory()
    _furnish(lead, cast["agent"], skill, 2)
    review = start(lead, cast["agent"], THIS_QUARTER)
    services.review_update(
        review=review,
        by=review.reviewer,
        summary="S",
        strengths="",
        held_on=None,
        areas=[("Calls", skill)],
    )
    assert _queries(login(lead), f"/reviews/{review.pk}/edit/") <= 15


@pytest.mark.parametrize("language,source", [("en", "(Team lead)"), ("de", "(Teamleitung)")])
def test_the_side_panel_names_who_rated_in_the_leads_language(cast, login, language, source):
    lead, skill = cast["lead"], SkillFactory()
    lead.preferred_language = language
    lead.save(update_fields=["preferred_language"])
    _furnish(lead, cast["agent"], skill, 1)
    review = start(lead, cast["agent"], THIS_QUARTER)
    assert f": 3 {source}</p>" in login(lead).get(f"/reviews/{review.pk}/edit/").content.decode()


@pytest.mark.parametrize(
    "role,shown",
    [
        ("agent", True),
        ("lead", True),
        ("other_lead", None),
        ("hr", False),
        ("admin", False),
        ("colleague", None),
    ],
)
def test_the_quarters_key_figures_show_to_the_agent_and_their_lead_alone(cast, login, role, shown):
    from kpis.models import KpiRecord

    review = written(start(cast["lead"], cast["agent"], THIS_QUARTER))
    KpiRecord.objects.create(
        agent=cast["agent"],
        period_start=THIS_QUARTER.first_day,
        channel="phone",
        contacts=200,
        aht_seconds=320,
        fcr=0.8,
    )
    services.review_share(review=review, by=review.reviewer)
    response = login(cast[role]).get(f"/reviews/{review.pk}/")
    if shown is None:
        assert response.status_code == 404
    else:
        assert ("Contacts handled" in response.content.decode()) is shown
