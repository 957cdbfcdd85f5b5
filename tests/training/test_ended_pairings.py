"""Ended pairings are closed: the former mentor gets 404, no check-ins after the end, ending is once."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from people.models import MentorPairing
from plans import services as plan_services
from training import services

pytestmark = pytest.mark.django_db
GOAL = "Handle escalations without a supervisor"


@pytest.fixture
def pairing(cast):
    plan_services.goal_create(agent=cast["agent"], by=cast["lead"], title=GOAL)
    return services.pairing_create(
        by=cast["lead"],
        mentor=cast["colleague"],
        mentee=cast["agent"],
        purpose=MentorPairing.Purpose.ONBOARDING,
    )


@pytest.fixture
def ended(pairing):
    return services.pairing_end(pairing=pairing, by=pairing.mentee, rating=4, feedback="Helpful")


def test_the_mentor_sees_the_mentees_plan_while_the_pairing_is_active(cast, login, pairing):
    response = login(cast["colleague"]).get(f"/mentoring/{pairing.pk}/")
    assert response.status_code == 200 and GOAL in response.content.decode()


def test_a_former_mentor_gets_404_on_the_pairing_and_the_mentees_plan(cast, login, ended):
    client = login(cast["colleague"])
    assert client.get(f"/mentoring/{ended.pk}/").status_code == 404
    assert (
        client.post(
            f"/mentoring/{ended.pk}/",
            {"held_on": timezone.localdate().isoformat(), "note": "One more"},
        ).status_code
        == 404
    )
    assert client.get(f"/agents/{cast['agent'].pk}/plans/").status_code == 404
    assert client.get(f"/agents/{cast['agent'].pk}/").status_code == 404
    assert not ended.check_ins.exists()


def test_no_check_in_is_added_to_an_ended_pairing(cast, login, ended):
    response = login(cast["agent"]).post(
        f"/mentoring/{ended.pk}/",
        {"held_on": timezone.localdate().isoformat(), "note": "After the end"},
        follow=True,
    )
    assert response.status_code == 200
    assert "no more check-ins" in response.content.decode()
    assert not ended.check_ins.exists()
    with pytest.raises(ValidationError):
        services.check_in_add(pairing=ended, author=cast["agent"], note="Directly")
    assert not ended.check_ins.exists()


def test_ending_twice_keeps_the_first_rating_and_end(cast, login, ended):
    first_end = ended.end
    response = login(cast["agent"]).post(
        f"/mentoring/{ended.pk}/end/",
        {"rating": "1", "feedback": "Changed", "confirmation": "given"},
        follow=True,
    )
    assert "already ended" in response.content.decode()
    ended.refresh_from_db()
    assert (ended.mentee_rating, ended.mentee_feedback, ended.end) == (4, "Helpful", first_end)


def test_a_stale_copy_cannot_end_a_pairing_again(pairing):
    stale = MentorPairing.objects.get(pk=pairing.pk)
    services.pairing_end(pairing=pairing, by=pairing.mentee, rating=5)
    with pytest.raises(ValidationError):
        services.pairing_end(pairing=stale, by=stale.mentee, rating=1)
    pairing.refresh_from_db()
    assert pairing.mentee_rating == 5


def test_the_mentors_lead_sees_no_link_to_a_pairing_in_another_team_on_the_mentors_page(
    lead, agent, other_lead, other_agent, login
):
    pairing = services.pairing_create(
        by=other_lead, mentor=agent, mentee=other_agent, purpose=MentorPairing.Purpose.ONBOARDING
    )
    client = login(lead)
    assert (
        client.get(f"/mentoring/{pairing.pk}/").status_code == 404
    )  # the policy: the mentee's lead, not the mentor's
    page = client.get(f"/agents/{agent.pk}/").content.decode()
    assert f"/mentoring/{pairing.pk}/" not in page
    assert (
        f"/mentoring/{pairing.pk}/" in login(agent).get("/me/").content.decode()
    )  # the mentor's own page lists it
