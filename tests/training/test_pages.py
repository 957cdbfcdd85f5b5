import datetime

import pytest
import time_machine
from django.utils import timezone

from people.models import MentorPairing
from training.models import CalendarFeed, Enrollment

from .test_training import session_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    from .test_training import Course

    return Course.objects.create(title_en="Chat for phone agents", duration_hours=6)


def test_the_lead_enrolls_marks_attended_completes_and_confirms(cast, login, course):
    from skills.models import SkillRating

    from ..skills.factories import SkillFactory

    skill = SkillFactory()
    course.raises.create(skill=skill, level=3)
    session = session_of(course)
    client = login(cast["lead"])
    client.post(f"/training/sessions/{session.pk}/", {"agent": cast["agent"].pk})
    enrollment = Enrollment.objects.get()
    with time_machine.travel(session.starts_at + datetime.timedelta(hours=6), tick=False):
        client = login(cast["lead"])  # days later: a new sign-in
        client.post(f"/training/enrollments/{enrollment.pk}/attended/", {"confirmation": "given"})
        response = client.post(
            f"/training/enrollments/{enrollment.pk}/complete/", {"confirmation": "given"}
        )
        assert response.url == f"/training/enrollments/{enrollment.pk}/ratings/"
        client.post(response.url, {f"skill_{skill.pk}": "3"})
    assert SkillRating.objects.get(agent=cast["agent"]).source == "training"


def test_enrollment_actions_are_for_the_agents_lead_only(cast, login, course):
    session = session_of(course)
    login(cast["agent"]).post(f"/training/sessions/{session.pk}/request/")
    enrollment = Enrollment.objects.get()
    assert (
        login(cast["other_lead"])
        .post(f"/training/enrollments/{enrollment.pk}/approve/")
        .status_code
        == 404
    )
    assert (
        login(cast["agent"]).post(f"/training/enrollments/{enrollment.pk}/approve/").status_code
        == 404
    )
    assert (
        login(cast["lead"]).post(f"/training/enrollments/{enrollment.pk}/bogus/").status_code == 404
    )
    assert (
        login(cast["lead"]).get(f"/training/enrollments/{enrollment.pk}/approve/").status_code
        == 405
    )
    login(cast["lead"]).post(
        f"/training/enrollments/{enrollment.pk}/approve/", {"confirmation": "given"}
    )
    enrollment.refresh_from_db()
    assert enrollment.status == "enrolled"


def test_a_new_hire_form_with_a_taken_email_is_refused(cast, team, login):
    response = login(cast["lead"]).post(
        "/training/new-hire/",
        {
            "team": team.pk,
            "first_name": "A",
            "last_name": "B",
            "email": "agent@example.test",
            "hire_date": timezone.localdate().isoformat(),
        },
    )
    assert "exists already" in response.content.decode()


def test_the_lead_adds_a_new_hire_and_picks_a_suggested_mentor(cast, team, login):
    client = login(cast["lead"])
    response = client.post(
        "/training/new-hire/",
        {
            "team": team.pk,
            "first_name": "Nia",
            "last_name": "New",
            "email": "nia@example.test",
            "hire_date": timezone.localdate().isoformat(),
        },
    )
    new = cast["agent"].__class__.objects.get(email="nia@example.test")
    assert response.url == f"/agents/{new.pk}/mentors/"
    page = client.get(response.url)
    assert cast["agent"] in [s.mentor for s in page.context["suggestions"]]
    client.post(response.url, {"mentor": cast["agent"].pk, "confirmation": "given"})
    assert MentorPairing.objects.get(mentee=new).mentor == cast["agent"]


def test_check_ins_by_either_side_and_the_mentee_rates_at_the_end(cast, login):
    pairing = MentorPairing.objects.create(mentor=cast["colleague"], mentee=cast["agent"])
    today = timezone.localdate().isoformat()
    login(cast["colleague"]).post(
        f"/mentoring/{pairing.pk}/", {"held_on": today, "note": "Went through tariffs"}
    )
    login(cast["agent"]).post(f"/mentoring/{pairing.pk}/", {"held_on": today, "note": "Thanks!"})
    assert pairing.check_ins.count() == 2
    login(cast["agent"]).post(
        f"/mentoring/{pairing.pk}/end/",
        {"rating": "5", "feedback": "Very helpful", "confirmation": "given"},
    )
    pairing.refresh_from_db()
    assert (pairing.status, pairing.mentee_rating) == ("ended", 5)


def test_the_feed_needs_no_login_but_the_secret_token(cast, client, login):
    login(cast["agent"]).get("/calendar/")
    token = CalendarFeed.objects.get(user=cast["agent"]).token
    client.logout()
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert client.get("/calendar/not-the-token.ics").status_code == 404


def test_a_new_link_invalidates_the_old_one(cast, login):
    client = login(cast["agent"])
    client.get("/calendar/")
    old = CalendarFeed.objects.get(user=cast["agent"]).token
    client.post("/calendar/", {"confirmation": "given"})
    assert CalendarFeed.objects.get(user=cast["agent"]).token != old
    assert client.get(f"/calendar/{old}.ics").status_code == 404


def test_the_catalogue_needs_as_many_queries_for_50_sessions_as_for_5(cast, login, course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast["lead"])

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for days in range(1, 6):
        session = session_of(course, days=days)
    few = {
        u: count(u) for u in ("/training/", f"/training/sessions/{session.pk}/", "/training/needs/")
    }
    for days in range(6, 51):
        session_of(course, days=days)
    assert {u: count(u) for u in few} == few
