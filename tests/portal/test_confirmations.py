"""Irreversible and outward-facing actions ask first: the unconfirmed post answers a confirm step and changes nothing."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from briefings.models import Briefing
from feedback.models import CoachingNote
from people.models import MentorPairing
from people.periods import Quarter
from plans import services as plan_services
from plans.models import Action
from reviews import services as review_services
from reviews.models import Review
from training import services as training_services
from training.models import CalendarFeed, Course, Enrollment, Session

from ..feedback.factories import NoteFactory

pytestmark = pytest.mark.django_db
CONFIRMED = {"confirmation": "given"}


def asks(response, title):
    """The confirm step: its question, a confirmed re-post of the same fields, and a way back."""
    assert response.status_code == 200
    assert response.templates[0].name == "includes/confirm_page.html"
    body = response.content.decode()
    assert title in body
    assert 'name="confirmation" value="given"' in body
    return body


@pytest.fixture
def session(db):
    course = Course.objects.create(title_en="Calm calls", duration_hours=4)
    return Session.objects.create(
        course=course,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        trainer="Maria",
        place="Köln",
        capacity=1,
    )


def test_cancelling_an_enrollment_asks_first_then_moves_the_waiting_list_up(
    lead, agent, colleague, session, login
):
    enrolled = training_services.enroll(lead=lead, agent=agent, session=session)
    waiting = training_services.enroll(lead=lead, agent=colleague, session=session)
    client = login(lead)
    url = f"/training/enrollments/{enrolled.pk}/cancel/"
    asks(client.post(url), "Cancel the enrollment of Jonas Agent")
    assert Enrollment.objects.get(pk=enrolled.pk).status == Enrollment.Status.ENROLLED
    client.post(url, CONFIRMED)
    assert Enrollment.objects.get(pk=enrolled.pk).status == Enrollment.Status.CANCELLED
    assert Enrollment.objects.get(pk=waiting.pk).status == Enrollment.Status.ENROLLED


@pytest.mark.parametrize(
    "action,before,after",
    [
        ("attended", Enrollment.Status.ENROLLED, Enrollment.Status.ATTENDED),
        ("complete", Enrollment.Status.ATTENDED, Enrollment.Status.COMPLETED),
    ],
)
def test_attendance_and_completion_ask_first(lead, agent, session, login, action, before, after):
    enrollment = training_services.enroll(lead=lead, agent=agent, session=session)
    Enrollment.objects.filter(pk=enrollment.pk).update(status=before)
    with time_machine.travel(session.starts_at + datetime.timedelta(hours=5), tick=False):
        client = login(lead)
        url = f"/training/enrollments/{enrollment.pk}/{action}/"
        asks(client.post(url), "Jonas Agent")
        assert Enrollment.objects.get(pk=enrollment.pk).status == before
        client.post(url, CONFIRMED)
    assert Enrollment.objects.get(pk=enrollment.pk).status == after


def test_approving_a_training_place_asks_first(lead, agent, session, login):
    enrollment = training_services.request_to_join(agent=agent, session=session)
    client = login(lead)
    url = f"/training/enrollments/{enrollment.pk}/approve/"
    asks(client.post(url), "Give Jonas Agent a place in “Calm calls”?")
    assert Enrollment.objects.get(pk=enrollment.pk).status == Enrollment.Status.REQUESTED
    assert client.post(url, CONFIRMED).status_code == 302
    assert Enrollment.objects.get(pk=enrollment.pk).status == Enrollment.Status.ENROLLED


def test_choosing_a_mentor_asks_first(lead, agent, colleague, login):
    client = login(lead)
    url = f"/agents/{agent.pk}/mentors/"
    fields = {"mentor": colleague.pk, "purpose": "onboarding"}
    body = asks(client.post(url, fields), f"Choose {colleague} to mentor Jonas Agent?")
    assert f'name="mentor" value="{colleague.pk}"' in body
    assert not MentorPairing.objects.exists()
    client.post(url, {**fields, **CONFIRMED})
    assert MentorPairing.objects.get().mentor == colleague


def test_acknowledging_a_note_asks_first_and_keeps_the_comment(lead, agent, login):
    note = NoteFactory(author=lead, agent=agent, shared_at=timezone.now())
    client = login(agent)
    url = f"/feedback/notes/{note.pk}/acknowledge/"
    body = asks(
        client.post(url, {"comment": "Thanks"}), "Confirm that you have read this feedback?"
    )
    assert 'name="comment" value="Thanks"' in body
    assert CoachingNote.objects.get(pk=note.pk).acknowledged_at is None
    client.post(url, {"comment": "Thanks", **CONFIRMED})
    acknowledged = CoachingNote.objects.get(pk=note.pk)
    assert acknowledged.acknowledged_at is not None and acknowledged.agent_comment == "Thanks"


def test_acknowledging_a_review_asks_first(lead, agent, login):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Quarter.current())
    review_services.review_update(
        review=review, by=review.reviewer, summary="A calm quarter.", strengths=""
    )
    review_services.review_share(review=review, by=lead)
    client = login(agent)
    url = f"/reviews/{review.pk}/acknowledge/"
    asks(
        client.post(url, {"comment": ""}),
        f"Acknowledge the {Quarter.parse(review.cycle.label).display} review?",
    )
    assert Review.objects.get(pk=review.pk).status == Review.Status.SHARED
    client.post(url, {"comment": "", **CONFIRMED})
    assert Review.objects.get(pk=review.pk).status == Review.Status.ACKNOWLEDGED


def test_the_employees_statement_asks_first_and_says_it_is_permanent(lead, agent, login):
    note = NoteFactory(author=lead, agent=agent, shared_at=timezone.now())
    client = login(agent)
    url = f"/feedback/notes/{note.pk}/statement/"
    body = asks(
        client.post(url, {"text": "I see it differently."}), "Add your statement to the record?"
    )
    assert "Nobody can change or delete the statement afterwards" in body
    assert 'name="text" value="I see it differently."' in body
    assert not note.statements.exists()
    client.post(url, {"text": "I see it differently.", **CONFIRMED})
    assert note.statements.get().text == "I see it differently."


def test_the_participants_show_states_as_badges_and_actions_as_buttons(lead, agent, session, login):
    training_services.enroll(lead=lead, agent=agent, session=session)
    body = login(lead).get(session.get_absolute_url()).content.decode()
    assert '<span class="badge text-bg-info">Enrolled</span>' in body
    assert ">Cancel</button>" in body or "Cancel" in body
    assert (
        "Attendance from" in body and "Mark as attended" not in body
    )  # not before the session starts


def test_a_stranger_gets_404_and_no_confirm_step(other_lead, lead, agent, session, login):
    enrollment = training_services.enroll(lead=lead, agent=agent, session=session)
    assert (
        login(other_lead).post(f"/training/enrollments/{enrollment.pk}/cancel/").status_code == 404
    )


def test_sharing_a_review_asks_first(lead, agent, login):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Quarter.current())
    review_services.review_update(
        review=review, by=review.reviewer, summary="A calm quarter.", strengths=""
    )
    client = login(lead)
    asks(
        client.post(f"/reviews/{review.pk}/share/"),
        f"Share the {Quarter.parse(review.cycle.label).display} review with Jonas Agent?",
    )
    assert Review.objects.get(pk=review.pk).status == Review.Status.DRAFT
    client.post(f"/reviews/{review.pk}/share/", CONFIRMED)
    assert Review.objects.get(pk=review.pk).status == Review.Status.SHARED


def test_a_review_that_cannot_be_shared_says_why_before_asking(lead, agent, login):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Quarter.current())
    response = login(lead).post(f"/reviews/{review.pk}/share/", follow=True)
    assert "Please write a summary before sharing the review." in response.content.decode()
    assert response.templates[0].name != "includes/confirm_page.html"


def test_asking_for_a_self_assessment_asks_first(lead, agent, login):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Quarter.current())
    client = login(lead)
    asks(
        client.post(f"/reviews/{review.pk}/request-self-assessment/"),
        "Ask Jonas Agent for a self-assessment?",
    )
    assert Review.objects.get(pk=review.pk).self_assessment_requested_at is None
    client.post(f"/reviews/{review.pk}/request-self-assessment/", CONFIRMED)
    assert Review.objects.get(pk=review.pk).self_assessment_requested_at is not None


def test_publishing_a_briefing_asks_first(hr, team, login):
    from briefings import services as briefing_services

    briefing = briefing_services.briefing_save(
        briefing=Briefing(title_en="Saturday hours"), teams=[team], points=[("Why", "Warum")]
    )
    client = login(hr)
    body = asks(client.post(f"/briefings/{briefing.pk}/publish/"), "Publish “Saturday hours”?")
    assert "The leads of 1 team see it" in body
    assert Briefing.objects.get(pk=briefing.pk).status == Briefing.Status.DRAFT
    client.post(f"/briefings/{briefing.pk}/publish/", CONFIRMED)
    assert Briefing.objects.get(pk=briefing.pk).status == Briefing.Status.PUBLISHED


def test_sharing_a_note_asks_first(lead, agent, login):
    note = NoteFactory(author=lead, agent=agent)
    client = login(lead)
    asks(client.post(f"/feedback/notes/{note.pk}/share/"), "Share this note with Jonas Agent?")
    assert not CoachingNote.objects.get(pk=note.pk).is_shared
    client.post(f"/feedback/notes/{note.pk}/share/", CONFIRMED)
    assert CoachingNote.objects.get(pk=note.pk).is_shared


def test_a_new_calendar_link_asks_first(agent, login):
    client = login(agent)
    client.get("/calendar/")
    token = CalendarFeed.objects.get(user=agent).token
    asks(client.post("/calendar/"), "Make a new calendar link?")
    assert CalendarFeed.objects.get(user=agent).token == token
    client.post("/calendar/", CONFIRMED)
    assert CalendarFeed.objects.get(user=agent).token != token


def test_ending_a_mentoring_asks_first_and_keeps_the_rating_it_was_given(
    lead, agent, colleague, login
):
    pairing = training_services.pairing_create(
        by=lead, mentor=colleague, mentee=agent, purpose=MentorPairing.Purpose.ONBOARDING
    )
    client = login(agent)
    body = asks(
        client.post(f"/mentoring/{pairing.pk}/end/", {"rating": "5", "feedback": "Very helpful"}),
        "End the mentoring",
    )
    assert 'name="rating" value="5"' in body and 'name="feedback" value="Very helpful"' in body
    assert MentorPairing.objects.get(pk=pairing.pk).status == MentorPairing.Status.ACTIVE
    client.post(
        f"/mentoring/{pairing.pk}/end/", {"rating": "5", "feedback": "Very helpful", **CONFIRMED}
    )
    ended = MentorPairing.objects.get(pk=pairing.pk)
    assert (ended.status, ended.mentee_rating, ended.mentee_feedback) == (
        "ended",
        5,
        "Very helpful",
    )


def test_marking_a_plan_action_done_asks_first(lead, agent, login):
    action = plan_services.action_add(
        agent=agent, by=lead, kind=Action.Kind.SHADOWING, title="Shadow Anna"
    )
    client = login(agent)
    asks(client.post(f"/actions/{action.pk}/done/"), "Mark “Shadow Anna” as done?")
    assert Action.objects.get(pk=action.pk).completed_on is None
    client.post(f"/actions/{action.pk}/done/", CONFIRMED)
    assert Action.objects.get(pk=action.pk).completed_on == timezone.localdate()


def test_the_confirm_step_is_german_for_german_users(lead, agent, login):
    lead.preferred_language = "de"
    lead.save()
    note = NoteFactory(author=lead, agent=agent)
    body = asks(
        login(lead).post(f"/feedback/notes/{note.pk}/share/"), "Diese Notiz mit Jonas Agent teilen?"
    )
    assert "Zurück" in body


def test_every_confirmed_form_is_marked_for_the_dialog(lead, agent, session, login):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Quarter.current())
    review_services.review_update(
        review=review, by=review.reviewer, summary="A calm quarter.", strengths=""
    )
    note = NoteFactory(author=lead, agent=agent)
    client = login(lead)
    for url, action in (
        (review.get_absolute_url(), f"/reviews/{review.pk}/share/"),
        (note.get_absolute_url(), f"/feedback/notes/{note.pk}/share/"),
    ):
        body = client.get(url).content.decode()
        assert f'action="{action}"' in body
        form = body[body.index(f'action="{action}"') :][:200]
        assert "data-confirm" in form
