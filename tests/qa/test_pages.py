"""The qa pages: what each shows, and that bad input is refused with a clear message and nothing saved."""

import pytest
from django.urls import reverse

from audit.models import AccessEvent
from people.periods import Quarter
from qa.models import Evaluation, SampleDraw
from qa.selectors.scorecards import current_versions
from reviews import services as review_services

from ..factories import TeamFactory, make_lead
from .factories import GOOD, make_scorecard, questions, shared_evaluation, start
from .test_calibration import open_session, submit

pytestmark = pytest.mark.django_db


def test_the_evaluator_fills_in_a_draft_and_the_score_is_shown_as_computed(
    login, lead, agent, chat_card
):
    evaluation = start(lead, agent, chat_card)
    by_text = questions(chat_card)
    data = {f"q{by_text[text].pk}": str(value) for text, value in GOOD.items()}
    response = login(lead).post(reverse("qa:evaluation", args=[evaluation.pk]), data, follow=True)
    evaluation.refresh_from_db()
    # Greeting 40: (1 + 3/4) / 2; solution 60: (2 + 1/4) / 3; 40 x 0.875 + 60 x 0.75 = 80.
    assert str(evaluation.score) == "80.00"
    assert '<strong id="qa-score">80.00 %</strong>' in response.content.decode()


def test_an_answer_the_question_does_not_allow_is_refused_and_nothing_is_saved(
    login, lead, agent, chat_card
):
    evaluation = start(lead, agent, chat_card)
    tone = questions(chat_card)["Tone"]
    response = login(lead).post(
        reverse("qa:evaluation", args=[evaluation.pk]), {f"q{tone.pk}": "9"}
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not evaluation.answers.exists()


def test_the_lead_cannot_decide_a_dispute_on_their_own_evaluation_but_the_specialist_can(
    login, lead, agent, chat_card, specialist
):
    evaluation = shared_evaluation(lead, agent, chat_card)
    by_text = questions(chat_card)
    login(agent).post(
        reverse("qa:dispute_raise", args=[evaluation.pk, by_text["Tone"].pk]),
        {"proposed": "5", "reason": "It was warm."},
    )
    dispute = evaluation.disputes.get()
    page = login(lead).get(reverse("qa:evaluation", args=[evaluation.pk])).content.decode()
    assert "Partly accept: another answer" not in page
    decide = reverse("qa:dispute_decide", args=[dispute.pk])
    assert login(lead).post(decide, {f"d{dispute.pk}-outcome": "rejected"}).status_code == 404
    response = login(specialist).post(
        decide, {f"d{dispute.pk}-outcome": "accepted", f"d{dispute.pk}-reason": "Warm indeed."}
    )
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.state == "accepted"
    evaluation.refresh_from_db()
    assert evaluation.score_history.count() == 2


def test_the_disputes_page_lists_the_open_dispute_with_its_question(
    login, lead, agent, chat_card, hr
):
    evaluation = shared_evaluation(lead, agent, chat_card)
    login(agent).post(
        reverse("qa:dispute_raise", args=[evaluation.pk, questions(chat_card)["Tone"].pk]),
        {"proposed": "5", "reason": "It was warm."},
    )
    page = login(hr).get(reverse("qa:disputes")).content.decode()
    assert "1 open dispute" in page and "Tone" in page and "Decide" in page


def test_a_calibration_stays_blind_until_the_participant_submits(
    login, lead, chat_card, specialist
):
    session = open_session(lead, [lead, specialist], chat_card)
    submit(lead, session, chat_card, GOOD)
    url = reverse("qa:calibration", args=[session.pk])
    before = login(specialist).get(url).content.decode()
    assert "Agreement between the evaluators" not in before
    submit(specialist, session, chat_card, GOOD)
    after = login(specialist).get(url).content.decode()
    assert "Agreement between the evaluators" in after and "α =" in after


def test_a_calibration_with_one_evaluator_is_refused_with_a_clear_message(login, lead, chat_card):
    version = current_versions().get(scorecard=chat_card)
    response = login(lead).post(
        reverse("qa:calibration_create"),
        {
            "title": "Alone",
            "version": version.pk,
            "channel": "chat",
            "reference": "CAL-9",
            "interaction_at": "2020-01-01T10:00",
            "evaluators": [lead.pk],
        },
    )
    assert "A calibration needs at least two evaluators" in response.content.decode()


def test_a_sampling_cap_above_the_works_agreement_is_refused_and_nothing_is_drawn(
    login, lead, agent, settings
):
    response = login(lead).post(
        reverse("qa:sampling"),
        {
            "week": "2026-06-08",
            "minimum": 1,
            "maximum": settings.QA_MAX_PER_MONTH + 1,
            "capacity": 5,
        },
    )
    assert "The works agreement allows at most" in response.content.decode()
    assert not SampleDraw.objects.exists()


def test_a_lead_of_another_team_does_not_see_the_evaluation(login, lead, agent, chat_card):
    evaluation = shared_evaluation(lead, agent, chat_card)
    stranger = make_lead(TeamFactory(name="Another team"))
    assert login(stranger).get(evaluation.get_absolute_url()).status_code == 404
    assert Evaluation.objects.count() == 1


def test_a_shared_evaluation_counts_as_feedback_in_the_reviews_no_surprises_check(
    lead, agent, hr, skill
):
    card = make_scorecard(hr, skill=skill, name="Chat with a skill")
    quarter = Quarter.current()
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=quarter)
    review_services.review_update(
        review=review,
        by=lead,
        summary="A good quarter.",
        strengths="Calm",
        areas=[("Explain the next steps", skill)],
    )
    assert [area.skill for area in review_services.surprises(review)] == [skill]
    shared_evaluation(lead, agent, card)  # "Explains next steps" is tied to the skill
    assert review_services.surprises(review) == []


def test_hr_exports_the_shared_evaluations_of_a_period_and_the_export_is_recorded(
    login, lead, agent, chat_card, hr
):
    shared_evaluation(lead, agent, chat_card)
    start(
        lead, agent, chat_card, reference="DRAFT-1"
    )  # a draft is nobody's business but its writer's
    response = login(hr).get(reverse("qa:export_csv"))
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and "T-1" in lines[1] and "80.00" in lines[1]
    assert AccessEvent.objects.filter(actor=hr, subject=agent, record="qa_export").exists()
    bad = login(hr).get(
        reverse("qa:export_xlsx"), {"date_from": "2026-05-01", "date_to": "2020-01-01"}
    )
    assert bad.status_code == 400


def test_the_agent_page_shows_the_lead_the_shared_evaluations_read_with_the_agent(
    login, lead, agent, chat_card
):
    evaluation = shared_evaluation(lead, agent, chat_card)
    page = login(lead).get(reverse("agent_detail", args=[agent.pk])).content.decode()
    assert "1 shared evaluation" in page
    assert reverse("qa:evaluation", args=[evaluation.pk]) in page
