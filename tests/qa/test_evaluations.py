"""Evaluations: who may evaluate whom, bad input refused with nothing half-saved, the score as defined,
sharing, acknowledging, and the monthly cap of the works agreement."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from qa import services
from qa.models import Answer, Evaluation, EvaluationQuota, ScoreVersion, Status

from .factories import GOOD, NA, answer, make_scorecard, questions, shared_evaluation, start

pytestmark = pytest.mark.django_db


def test_the_score_of_a_shared_evaluation_is_the_hand_computed_value(lead, agent, chat_card):
    """Greeting (40): name 1, tone 4 of 5 = 3/4 -> 1.75 / 2 = 0.875; solution (60): solved 1 (weight 2),
    next steps 1 of 4 = 1/4 -> 2.25 / 3 = 0.75; 40 x 0.875 + 60 x 0.75 = 35 + 45 = 80.00 %."""
    evaluation = shared_evaluation(lead, agent, chat_card)
    assert evaluation.status == Status.SHARED
    assert evaluation.score == Decimal("80.00")
    history = list(evaluation.score_history.values_list("number", "score"))
    assert history == [(1, Decimal("80.00"))]


def test_a_failed_critical_question_makes_the_score_zero(lead, agent, chat_card):
    evaluation = shared_evaluation(lead, agent, chat_card, {**GOOD, "Solves the issue": 0})
    assert (evaluation.score, evaluation.failed_all) == (Decimal("0.00"), True)


def test_na_and_the_bonus_count_as_the_readme_says(lead, agent, chat_card):
    """Next steps N/A: solution 2/2 = 1; 40 x 0.875 + 60 x 1 = 95; the extra mile adds 5 -> 100."""
    values = {**GOOD, "Explains next steps": NA, "Goes the extra mile": 1}
    assert shared_evaluation(lead, agent, chat_card, values).score == Decimal("100.00")


def test_leads_and_assigned_specialists_evaluate_others_do_not(
    cast, specialist, chat_card, other_lead
):
    agent = cast["agent"]
    assert start(cast["lead"], agent, chat_card, reference="A").evaluator == cast["lead"]
    assert start(specialist, agent, chat_card, reference="B").evaluator == specialist
    for outsider in (other_lead, cast["hr"], cast["colleague"]):
        with pytest.raises(ValidationError):
            start(outsider, agent, chat_card, reference="C")


def test_an_evaluation_of_a_channel_the_scorecard_does_not_cover_is_refused(lead, agent, chat_card):
    with pytest.raises(ValidationError, match="does not cover this channel"):
        start(lead, agent, chat_card, channel="phone")
    assert not Evaluation.objects.exists()
    assert EvaluationQuota.objects.filter(used__gt=0).count() == 0


def test_an_interaction_in_the_future_or_long_ago_is_refused(lead, agent, chat_card):
    with pytest.raises(ValidationError, match="future"):
        start(lead, agent, chat_card, hours_ago=-1)
    with pytest.raises(ValidationError, match="older than"):
        start(lead, agent, chat_card, hours_ago=24 * 400)


def test_the_same_interaction_is_evaluated_once(lead, specialist, agent, chat_card):
    start(lead, agent, chat_card, reference="CHAT-7")
    with pytest.raises(ValidationError, match="evaluated already"):
        start(specialist, agent, chat_card, reference="CHAT-7")
    assert Evaluation.objects.count() == 1


def test_an_answer_the_question_does_not_allow_is_refused_and_nothing_is_saved(
    lead, agent, chat_card
):
    evaluation = start(lead, agent, chat_card)
    with pytest.raises(ValidationError, match="cannot be answered like that"):
        answer(lead, evaluation, chat_card, {"Greets by name": 1, "Tone": 9})
    with pytest.raises(ValidationError):
        answer(lead, evaluation, chat_card, {"Greets by name": NA})  # N/A not allowed there
    assert not Answer.objects.exists()


def test_an_evaluation_is_shared_only_when_every_question_is_answered(lead, agent, chat_card):
    evaluation = start(lead, agent, chat_card)
    answer(lead, evaluation, chat_card, {"Greets by name": 1})
    with pytest.raises(ValidationError, match="Still open"):
        services.evaluation_share(by=lead, evaluation=evaluation)
    assert Evaluation.objects.get().status == Status.DRAFT
    assert not ScoreVersion.objects.exists()


def test_only_the_evaluator_changes_a_draft(lead, specialist, agent, chat_card):
    evaluation = start(lead, agent, chat_card)
    with pytest.raises(ValidationError):
        answer(specialist, evaluation, chat_card, GOOD)
    with pytest.raises(ValidationError):
        services.evaluation_delete(by=specialist, evaluation=evaluation)


def test_the_agent_acknowledges_a_shared_evaluation_and_nobody_else_does(lead, agent, chat_card):
    evaluation = shared_evaluation(lead, agent, chat_card)
    with pytest.raises(ValidationError):
        services.evaluation_acknowledge(by=lead, evaluation=evaluation)
    acknowledged = services.evaluation_acknowledge(
        by=agent, evaluation=evaluation, comment="Thanks"
    )
    assert (acknowledged.status, acknowledged.agent_comment) == (Status.ACKNOWLEDGED, "Thanks")


@time_machine.travel("2026-03-10 09:00 +01:00", tick=False)
def test_improvement_items_open_the_feedback_window_from_the_evaluation(lead, agent, chat_card):
    evaluation = shared_evaluation(lead, agent, chat_card)
    assert timezone.localtime(evaluation.feedback_due_at).isoformat() == "2026-03-13T09:00:00+01:00"
    given = services.evaluation_record_feedback(by=lead, evaluation=evaluation, method="call")
    assert given.feedback_given_at == timezone.now()


def test_without_improvement_items_no_feedback_is_due(lead, agent, chat_card):
    evaluation = start(lead, agent, chat_card)
    answer(lead, evaluation, chat_card, GOOD)
    shared = services.evaluation_share(by=lead, evaluation=evaluation)
    assert shared.feedback_due_at is None


@time_machine.travel("2026-03-20 12:00 +01:00", tick=False)
def test_the_monthly_cap_is_never_exceeded(settings, lead, specialist, agent, chat_card):
    """A test that tries: the lead fills the cap, then the lead and a QA specialist try once more."""
    settings.QA_MAX_PER_MONTH = 3
    for number in range(3):
        start(lead, agent, chat_card, reference=f"R-{number}", hours_ago=number + 1)
    for evaluator in (lead, specialist):
        with pytest.raises(ValidationError, match="the most the works agreement allows"):
            start(evaluator, agent, chat_card, reference=f"R-{evaluator.pk}-more")
    assert Evaluation.objects.filter(agent=agent).count() == 3
    assert EvaluationQuota.objects.get(agent=agent).used == 3


@time_machine.travel("2026-03-20 12:00 +01:00", tick=False)
def test_the_cap_counts_the_month_of_the_interaction_and_a_deleted_draft_frees_its_place(
    settings, lead, agent, chat_card
):
    settings.QA_MAX_PER_MONTH = 1
    draft = start(lead, agent, chat_card, reference="March")
    start(lead, agent, chat_card, reference="February", hours_ago=24 * 25)  # 23 February
    with pytest.raises(ValidationError):
        start(lead, agent, chat_card, reference="March again")
    services.evaluation_delete(by=lead, evaluation=draft)
    assert start(lead, agent, chat_card, reference="March again").reference == "March again"


def test_a_retired_or_outdated_scorecard_takes_no_new_evaluations(hr, lead, agent, chat_card):
    shared_evaluation(lead, agent, chat_card)
    old = chat_card.versions.get()
    services.scorecard_edit(
        by=hr,
        scorecard=chat_card,
        name_en="Chat",
        name_de="Chat",
        channels=["chat"],
        sections=services.scorecards.structure_of(old),
    )
    with pytest.raises(ValidationError, match="current scorecard"):
        services.evaluation_start(
            evaluator=lead,
            agent=agent,
            version=old,
            reference="X",
            channel="chat",
            interaction_at=timezone.now() - datetime.timedelta(hours=1),
        )
    services.scorecard_retire(by=hr, scorecard=chat_card)
    with pytest.raises(ValidationError, match="current scorecard"):
        start(lead, agent, chat_card, reference="Y")


def test_a_blind_evaluation_hides_the_agent_from_its_evaluator_until_shared(lead, agent, chat_card):
    from qa.selectors.evaluations import evaluation_for

    evaluation = start(lead, agent, chat_card, blind=True)
    assert not evaluation_for(lead, evaluation.pk)[1].sees_agent_name
    answer(lead, evaluation, chat_card, GOOD)
    services.evaluation_share(by=lead, evaluation=evaluation)
    assert evaluation_for(lead, evaluation.pk)[1].sees_agent_name


def test_questions_keep_their_text_per_scorecard(hr, chat_card):
    assert set(questions(chat_card)) == set(GOOD)
    assert make_scorecard(hr, name="Phone", channels=("phone",)).name == "Phone"
