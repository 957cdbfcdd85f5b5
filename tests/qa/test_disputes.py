"""Disputes: per question, within the deadline, decided by someone other than the evaluator where the
setting asks for it; a changed answer rescores, and the score history keeps every version."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from qa import services
from qa.models import Dispute

from .factories import NA, questions, shared_evaluation

pytestmark = pytest.mark.django_db


def dispute(
    agent, evaluation, card, text="Explains next steps", proposed=3, reason="I did explain"
):
    return services.dispute_raise(
        by=agent,
        evaluation=evaluation,
        question=questions(card)[text],
        reason=reason,
        proposed=proposed,
    )


def test_the_agent_disputes_one_question_with_a_reason_and_a_proposed_answer(
    lead, agent, chat_card
):
    evaluation = shared_evaluation(lead, agent, chat_card)
    raised = dispute(agent, evaluation, chat_card)
    assert (raised.state, raised.original_value, raised.proposed_value) == ("open", 1, 3)


def test_a_dispute_needs_a_reason_and_an_allowed_different_answer(lead, agent, chat_card):
    evaluation = shared_evaluation(lead, agent, chat_card)
    with pytest.raises(ValidationError, match="reason"):
        dispute(agent, evaluation, chat_card, reason="  ")
    with pytest.raises(ValidationError, match="allows"):
        dispute(agent, evaluation, chat_card, proposed=7)
    with pytest.raises(ValidationError, match="other than the one given"):
        dispute(agent, evaluation, chat_card, proposed=1)
    assert not Dispute.objects.exists()


def test_a_question_is_disputed_once(lead, agent, chat_card):
    evaluation = shared_evaluation(lead, agent, chat_card)
    dispute(agent, evaluation, chat_card)
    with pytest.raises(ValidationError, match="disputed already"):
        dispute(agent, evaluation, chat_card, proposed=4)
    assert Dispute.objects.count() == 1


def test_a_dispute_after_the_deadline_is_refused(lead, agent, chat_card):
    evaluation = shared_evaluation(lead, agent, chat_card)
    with (
        time_machine.travel(evaluation.shared_at + datetime.timedelta(days=7, minutes=1)),
        pytest.raises(ValidationError, match="time to dispute"),
    ):
        dispute(agent, evaluation, chat_card)
    with time_machine.travel(evaluation.shared_at + datetime.timedelta(days=6, hours=23)):
        assert dispute(agent, evaluation, chat_card).is_open


def test_only_the_agent_disputes(lead, colleague, agent, chat_card):
    evaluation = shared_evaluation(lead, agent, chat_card)
    for other in (lead, colleague):
        with pytest.raises(ValidationError):
            dispute(other, evaluation, chat_card)


def test_with_arbitration_the_evaluator_does_not_decide_but_an_arbitrator_does(
    settings, lead, specialist, agent, chat_card
):
    settings.QA_DISPUTE_ARBITRATION = True
    evaluation = shared_evaluation(lead, agent, chat_card)
    raised = dispute(agent, evaluation, chat_card)
    with pytest.raises(ValidationError, match="may not decide"):
        services.dispute_decide(by=lead, dispute=raised, outcome="accepted", reason="Fair")
    services.dispute_decide(
        by=specialist, dispute=raised, outcome="partly", reason="Half explained", value=2
    )
    evaluation.refresh_from_db()
    # Next steps 2 of 4 = 1/2: solution (2 + 1/2) / 3 = 5/6 -> 40 x 0.875 + 60 x 5/6 = 35 + 50 = 85.00.
    assert evaluation.score == Decimal("85.00")
    assert list(evaluation.score_history.values_list("number", "score")) == [
        (1, Decimal("80.00")),
        (2, Decimal("85.00")),
    ]


def test_without_arbitration_the_evaluator_decides(settings, lead, agent, chat_card):
    settings.QA_DISPUTE_ARBITRATION = False
    evaluation = shared_evaluation(lead, agent, chat_card)
    raised = dispute(agent, evaluation, chat_card, proposed=4)
    decided = services.dispute_decide(by=lead, dispute=raised, outcome="accepted", reason="Right")
    evaluation.refresh_from_db()
    assert (decided.state, decided.final_value) == ("accepted", 4)
    # Next steps 4 of 4: solution 3/3 -> 35 + 60 = 95.00.
    assert evaluation.score == Decimal("95.00")


def test_a_rejected_dispute_is_closed_and_keeps_the_score(settings, hr, lead, agent, chat_card):
    evaluation = shared_evaluation(lead, agent, chat_card)
    raised = dispute(agent, evaluation, chat_card)
    with pytest.raises(ValidationError, match="reason"):
        services.dispute_decide(by=hr, dispute=raised, outcome="rejected", reason="")
    services.dispute_decide(by=hr, dispute=raised, outcome="rejected", reason="Not explained")
    with pytest.raises(ValidationError, match="decided already"):
        services.dispute_decide(by=hr, dispute=raised, outcome="accepted", reason="Changed my mind")
    evaluation.refresh_from_db()
    assert evaluation.score == Decimal("80.00")
    assert evaluation.score_history.count() == 1


def test_partly_accepting_needs_an_answer_between_given_and_proposed(hr, lead, agent, chat_card):
    evaluation = shared_evaluation(lead, agent, chat_card)
    raised = dispute(agent, evaluation, chat_card)
    for value in (1, 3, None, 9):
        with pytest.raises(ValidationError):
            services.dispute_decide(
                by=hr, dispute=raised, outcome="partly", reason="Half", value=value
            )
    assert Dispute.objects.get().is_open


def test_an_accepted_na_takes_the_question_out_of_the_score(hr, lead, agent, chat_card):
    evaluation = shared_evaluation(lead, agent, chat_card)
    raised = dispute(agent, evaluation, chat_card, proposed=NA, reason="No next steps existed")
    services.dispute_decide(by=hr, dispute=raised, outcome="accepted", reason="Right")
    evaluation.refresh_from_db()
    # Solution without next steps: 2/2 = 1 -> 35 + 60 = 95.00.
    assert evaluation.score == Decimal("95.00")
