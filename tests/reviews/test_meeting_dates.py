"""A review's meeting lies inside its quarter or up to 30 days after it, and is shared once it was held."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from hypothesis import given, settings
from hypothesis import strategies as st

from people.periods import Quarter
from reviews import services
from reviews.models import Review, ReviewCycle

from .test_reviews import start

pytestmark = pytest.mark.django_db


def short(day):
    return date_format(day, "SHORT_DATE_FORMAT")


Q4 = Quarter(2026, 4)
DURING_Q4 = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.UTC)


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=datetime.date(2018, 1, 1), max_value=datetime.date(2032, 12, 31)))
def test_a_meeting_date_is_plausible_exactly_inside_the_quarter_or_30_days_after(day):
    review = Review(cycle=ReviewCycle(label=Q4.label))
    expected = datetime.date(2026, 10, 1) <= day <= datetime.date(2027, 1, 30)
    assert review.is_plausible_meeting_date(day) is expected


@pytest.mark.parametrize(
    "day,accepted",
    [
        (datetime.date(2019, 11, 5), False),
        (datetime.date(2026, 9, 30), False),
        (datetime.date(2026, 10, 1), True),
        (datetime.date(2027, 1, 30), True),
        (datetime.date(2027, 1, 31), False),
    ],
)
def test_the_service_refuses_an_implausible_meeting_date_and_saves_nothing(
    lead, agent, day, accepted
):
    review = start(lead, agent, quarter=Q4)
    update = {
        "review": review,
        "by": lead,
        "summary": "Calm quarter",
        "strengths": "",
        "held_on": day,
    }
    if accepted:
        services.review_update(**update)
        assert Review.objects.get(pk=review.pk).held_on == day
    else:
        with pytest.raises(ValidationError) as error:
            services.review_update(**update)
        assert "held_on" in error.value.error_dict
        assert Review.objects.get(pk=review.pk).summary == ""


def edit_form(day):
    return {
        "summary": "Calm quarter",
        "strengths": "",
        "held_on": day,
        "areas-TOTAL_FORMS": "1",
        "areas-INITIAL_FORMS": "0",
        "areas-0-text": "",
        "areas-0-skill": "",
    }


def test_the_edit_page_shows_the_error_on_the_meeting_date(lead, agent, login):
    review = start(lead, agent, quarter=Q4)
    response = login(lead).post(f"/reviews/{review.pk}/edit/", edit_form("2019-11-05"))
    assert response.status_code == 200
    errors = response.context["form"].errors["held_on"]
    assert (
        f"between {short(datetime.date(2026, 10, 1))} and {short(datetime.date(2027, 1, 30))}"
        in errors[0]
    )
    assert Review.objects.get(pk=review.pk).held_on is None


def test_the_date_input_offers_only_plausible_days(lead, agent, login):
    review = start(lead, agent, quarter=Q4)
    body = login(lead).get(f"/reviews/{review.pk}/edit/").content.decode()
    assert 'min="2026-10-01"' in body and 'max="2027-01-30"' in body


@time_machine.travel(DURING_Q4, tick=False)
def test_a_review_is_shared_once_its_meeting_took_place(lead, agent):
    review = start(lead, agent, quarter=Q4)
    services.review_update(
        review=review,
        by=review.reviewer,
        summary="Calm",
        strengths="",
        held_on=datetime.date(2026, 12, 3),
    )
    with pytest.raises(ValidationError, match="once it has taken place"):
        services.review_share(review=review, by=review.reviewer)
    assert Review.objects.get(pk=review.pk).status == Review.Status.DRAFT


@time_machine.travel(DURING_Q4, tick=False)
def test_sharing_without_a_date_takes_today_when_that_is_plausible(lead, agent):
    review = start(lead, agent, quarter=Q4)
    services.review_update(review=review, by=review.reviewer, summary="Calm", strengths="")
    assert services.review_share(review=review, by=review.reviewer).held_on == datetime.date(
        2026, 11, 20
    )


@time_machine.travel(DURING_Q4, tick=False)
def test_a_late_review_of_an_earlier_quarter_needs_its_meeting_date(lead, agent):
    review = start(lead, agent, quarter=Quarter(2026, 2))
    services.review_update(review=review, by=review.reviewer, summary="Calm", strengths="")
    with pytest.raises(ValidationError) as error:
        services.review_share(review=review, by=review.reviewer)
    assert (
        f"between {short(datetime.date(2026, 4, 1))} and {short(datetime.date(2026, 7, 30))}"
        in str(error.value)
    )
    services.review_update(
        review=review,
        by=review.reviewer,
        summary="Calm",
        strengths="",
        held_on=datetime.date(2026, 7, 10),
    )
    assert services.review_share(review=review, by=review.reviewer).status == Review.Status.SHARED
