"""The agent's `/me/` starts with "For you": everything that waits for them, each one click away."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from briefings import services as briefing_services
from feedback import services as feedback_services
from people.models import MentorCheckIn, MentorPairing
from people.periods import Quarter
from reviews import services as review_services
from training import services as training_services

from ..briefings.test_briefings import publish
from ..factories import make_agent
from ..feedback.factories import NoteFactory

pytestmark = pytest.mark.django_db


def for_you(client):
    response = client.get("/me/")
    assert response.status_code == 200
    return response.context["for_you"]


def kinds(items):
    return [item.kind for item in items]


def shared_note(lead, agent, **kwargs):
    return NoteFactory(author=lead, agent=agent, shared_at=timezone.now(), **kwargs)


def test_nothing_waiting_shows_an_empty_state(agent, login):
    client = login(agent)
    assert for_you(client) == []
    assert "Nothing is waiting for you right now" in client.get("/me/").content.decode()


def test_for_you_comes_before_everything_else_on_the_page(lead, agent, login):
    shared_note(lead, agent)
    body = login(agent).get("/me/").content.decode()
    assert (
        body.index('id="for-you"')
        < body.index('id="profile-heading"')
        < body.index('id="skills-heading"')
    )


def test_shared_feedback_waits_until_the_agent_acknowledges_it(lead, agent, login):
    note = shared_note(lead, agent)
    NoteFactory(author=lead, agent=agent)  # private: not the agent's business
    client = login(agent)
    [item] = for_you(client)
    assert (item.kind, item.url) == ("feedback", f"/feedback/notes/{note.pk}/")
    assert client.get(item.url).status_code == 200
    feedback_services.note_acknowledge(note=note, by=note.agent)
    assert for_you(client) == []


def test_a_shared_review_waits_to_be_read_and_acknowledged(lead, agent, login):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Quarter.current())
    review_services.review_update(
        review=review, by=review.reviewer, summary="A good quarter.", strengths="Calm"
    )
    client = login(agent)
    assert for_you(client) == []  # a draft is the lead's business
    review_services.review_share(review=review, by=review.reviewer)
    [item] = for_you(client)
    assert (item.kind, item.url) == ("review", f"/reviews/{review.pk}/")
    assert client.get(item.url).status_code == 200
    review_services.review_acknowledge(review=review, by=review.agent)
    assert for_you(client) == []


def test_a_self_assessment_asked_for_opens_its_form_in_one_click(lead, agent, login):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Quarter.current())
    review_services.review_request_self_assessment(review=review, by=review.reviewer)
    client = login(agent)
    [item] = for_you(client)
    assert item.kind == "self_assessment"
    form_page = client.get(item.url)
    assert form_page.status_code == 200 and 'name="self_assessment"' in form_page.content.decode()
    response = client.post(item.url, {"self_assessment": "I grew in chat."})
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert for_you(client) == []


def test_an_empty_self_assessment_is_refused_on_its_form(lead, agent, login):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Quarter.current())
    review_services.review_request_self_assessment(review=review, by=review.reviewer)
    response = login(agent).post(f"/reviews/{review.pk}/self-assessment/", {"self_assessment": ""})
    assert response.status_code == 200 and response.context["form"].errors


def test_a_briefing_waits_until_the_agent_confirms_it(team, agent, login):
    briefing = publish([team])
    client = login(agent)
    [item] = for_you(client)
    assert (item.kind, item.url) == ("briefing", f"/briefings/{briefing.pk}/")
    briefing_services.acknowledge(agent=agent, briefing=briefing)
    assert for_you(client) == []


def test_a_mentoring_pairing_waits_for_a_check_in_every_two_weeks(lead, agent, colleague, login):
    pairing = training_services.pairing_create(
        by=lead, mentor=colleague, mentee=agent, purpose=MentorPairing.Purpose.ONBOARDING
    )
    [item] = for_you(login(agent))
    assert (item.kind, item.url) == ("check_in", f"/mentoring/{pairing.pk}/")
    assert kinds(for_you(login(colleague))) == ["check_in"]  # the mentor's side too
    MentorCheckIn.objects.create(
        pairing=pairing, author=agent, note="Went through the CRM.", held_on=timezone.localdate()
    )
    assert for_you(login(agent)) == []
    with time_machine.travel(timezone.now() + datetime.timedelta(days=14)):
        assert kinds(for_you(login(agent))) == ["check_in"]


def test_for_you_is_the_agents_own_and_not_on_the_leads_view(lead, agent, login):
    shared_note(lead, agent)
    response = login(lead).get(f"/agents/{agent.pk}/")
    assert response.context["for_you"] is None
    assert 'id="for-you"' not in response.content.decode()


def test_for_you_lists_the_newest_first(lead, agent, team, login):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=3)):
        old = shared_note(lead, agent)
    briefing = publish([team])
    assert kinds(for_you(login(agent))) == ["briefing", "feedback"]
    assert for_you(login(agent))[0].url == briefing.get_absolute_url()
    assert for_you(login(agent))[1].url == old.get_absolute_url()


def test_for_you_groups_by_kind_and_folds_what_waits_long_into_earlier(
    lead, agent, team, login, settings
):
    settings.FOR_YOU_RECENT_DAYS = 30
    with time_machine.travel(timezone.now() - datetime.timedelta(days=300)):
        ancient = publish([team])
    with time_machine.travel(timezone.now() - datetime.timedelta(days=5)):
        older_note = shared_note(lead, agent)
    recent_briefing = publish([team])
    newer_note = shared_note(lead, agent)
    body = login(agent).get("/me/").content.decode()
    section = body[body.index('id="for-you"') :]
    section = section[: section.index("</section>")]
    shown, earlier = section.split('<details class="for-you-earlier', 1)
    order = [
        shown.index(newer_note.get_absolute_url()),
        shown.index(older_note.get_absolute_url()),  # grouped with its kind, before the briefing
        shown.index(recent_briefing.get_absolute_url()),
    ]
    assert order == sorted(order)
    assert shown.count('class="h6 mt-2 mb-1 for-you-kind"') == 2
    assert ancient.get_absolute_url() not in shown
    assert ancient.get_absolute_url() in earlier
    assert "Earlier: 1 more thing" in earlier


def test_the_age_that_folds_into_earlier_is_a_setting(lead, agent, login, settings):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=5)):
        note = shared_note(lead, agent)
    settings.FOR_YOU_RECENT_DAYS = 3
    body = login(agent).get("/me/").content.decode()
    assert note.get_absolute_url() in body.split('<details class="for-you-earlier', 1)[1]
    settings.FOR_YOU_RECENT_DAYS = 7
    assert '<details class="for-you-earlier' not in login(agent).get("/me/").content.decode()


def test_the_agent_marks_a_briefing_as_read_without_confirming_it(team, agent, login):
    from briefings.models import Acknowledgement, Reading

    briefing = publish([team])
    client = login(agent)
    [item] = for_you(client)
    assert item.dismiss_url == f"/briefings/{briefing.pk}/read/"
    response = client.post(item.dismiss_url)
    assert response.status_code == 302 and response.url == "/me/"
    assert for_you(client) == []  # done: gone
    assert Reading.objects.filter(agent=agent, briefing=briefing).exists()
    assert not Acknowledgement.objects.exists()  # coverage counts only confirmations
    assert client.post(item.dismiss_url).status_code == 302  # twice is once
    assert Reading.objects.count() == 1


def test_me_needs_as_many_queries_with_many_things_waiting(lead, agent, colleague, team, login):
    client = login(agent)
    shared_note(lead, agent)
    publish([team])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get("/me/")
        return len(ctx.captured_queries)

    few = count()
    for _ in range(8):
        shared_note(lead, agent)
        publish([team])
    assert count() == few


def test_the_agent_sees_no_deadline_badges_on_their_own_feedback(lead, agent, login):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=10)):
        note = shared_note(lead, agent)
    for url in ("/me/", f"/agents/{agent.pk}/feedback/", note.get_absolute_url()):
        body = login(agent).get(url).content.decode()
        assert "overdue" not in body and "Feedback due" not in body, url
    assert "overdue" in login(lead).get(f"/agents/{agent.pk}/").content.decode()


def test_another_agents_waiting_items_never_show(lead, agent, team, login):
    other = make_agent(team)
    shared_note(lead, other)
    assert for_you(login(agent)) == []
