"""Calibration sessions: blind until each submits, revealed by the owner, a benchmark recorded; results
with alignment, alpha and leniency; never shown to agents, never counted."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from qa import services
from qa.alpha import Level
from qa.models import CalibrationSession, Evaluation
from qa.selectors import calibration as selectors

from ..factories import make_lead
from .factories import GOOD, NA, questions, version_of

pytestmark = pytest.mark.django_db


def open_session(owner, evaluators, card, **kwargs):
    return services.calibration_create(
        owner=owner,
        version=version_of(card),
        title="Chat calibration",
        reference="CAL-1",
        channel="chat",
        interaction_at=timezone.now() - datetime.timedelta(days=1),
        evaluators=evaluators,
        **kwargs,
    )


def submit(evaluator, session, card, values):
    by_text = questions(card)
    return services.calibration_submit(
        by=evaluator,
        session=session,
        answers={by_text[text].pk: value for text, value in values.items()},
    )


@pytest.fixture
def trio(team, lead, specialist):
    """Three evaluators: the lead (also the owner), the QA specialist and a second lead."""
    return [lead, specialist, make_lead(team, email="second.lead@example.test")]


def test_a_calibration_needs_at_least_two_evaluators(lead, chat_card):
    with pytest.raises(ValidationError, match="at least two evaluators"):
        open_session(lead, [lead], chat_card)
    assert not CalibrationSession.objects.exists()


def test_agents_cannot_be_invited_and_never_see_a_session(lead, specialist, agent, chat_card):
    with pytest.raises(ValidationError, match="team leads and QA specialists"):
        open_session(lead, [specialist, agent], chat_card)
    session = open_session(lead, [lead, specialist], chat_card, agent=agent)
    with pytest.raises(Http404):
        selectors.session_for(agent, session.pk)


def test_answers_stay_blind_until_one_submits(trio, chat_card):
    lead, specialist, _second = trio
    session = open_session(lead, trio, chat_card)
    assert not selectors.session_for(specialist, session.pk)[1].sees_others_answers
    submit(specialist, session, chat_card, GOOD)
    assert selectors.session_for(specialist, session.pk)[1].sees_others_answers
    assert not selectors.session_for(lead, session.pk)[1].sees_others_answers


def test_a_blind_session_hides_the_agent_from_participants_not_from_its_owner(
    trio, agent, chat_card
):
    lead, specialist, _second = trio
    session = open_session(lead, trio, chat_card, agent=agent, blind=True)
    assert selectors.session_for(lead, session.pk)[1].sees_agent_name
    assert not selectors.session_for(specialist, session.pk)[1].sees_agent_name


def test_every_question_is_answered_once_and_only_while_open(trio, chat_card):
    lead, specialist, second = trio
    session = open_session(lead, trio, chat_card)
    with pytest.raises(ValidationError, match="not answered"):
        submit(specialist, session, chat_card, {"Greets by name": 1})
    submit(specialist, session, chat_card, GOOD)
    with pytest.raises(ValidationError, match="already"):
        submit(specialist, session, chat_card, GOOD)
    with pytest.raises(ValidationError, match="At least two"):
        services.calibration_reveal(by=lead, session=session)
    submit(second, session, chat_card, GOOD)
    services.calibration_reveal(by=lead, session=session)
    with pytest.raises(ValidationError, match="revealed"):
        submit(lead, session, chat_card, GOOD)


def test_results_show_alignment_alpha_and_leniency_against_the_benchmark(trio, chat_card):
    """Benchmark = the owner's answers (GOOD). The specialist agrees everywhere; the second lead gives
    tone 5 (share 1 against 3/4) and next steps N/A against 1 of 4.
    Question weights in the scorecard: name 20, tone 20, solved 40, next steps 20, extra mile 5.
    Second lead's alignment: (20 + 20 x 3/4 + 40 + 20 x 0 + 5) / 105 = 80 / 105 = 0.7619.
    Leniency over the compared questions (0, +25, 0, 0): mean +6.25 points."""
    lead, specialist, second = trio
    session = open_session(lead, trio, chat_card)
    submit(lead, session, chat_card, GOOD)
    submit(specialist, session, chat_card, GOOD)
    submit(second, session, chat_card, {**GOOD, "Tone": 5, "Explains next steps": NA})
    services.calibration_reveal(by=lead, session=session)
    services.calibration_record_benchmark(by=lead, session=session, source="owner")
    session.refresh_from_db()
    results = selectors.results(session)
    by_evaluator = {f.evaluator_id: f for f in results.figures.evaluators}
    assert by_evaluator[specialist.pk].alignment == pytest.approx(1)
    assert by_evaluator[second.pk].alignment == pytest.approx(80 / 105)
    assert by_evaluator[second.pk].leniency.mean == pytest.approx(6.25)
    assert by_evaluator[specialist.pk].leniency.mean == pytest.approx(0)
    assert set(results.figures.alpha) == {Level.NOMINAL, Level.ORDINAL}


def test_a_question_with_low_alpha_over_three_sessions_is_flagged(trio, chat_card):
    lead, specialist, second = trio
    for number in range(3):
        session = open_session(lead, trio, chat_card)
        submit(lead, session, chat_card, {**GOOD, "Tone": 1 + number})
        submit(specialist, session, chat_card, {**GOOD, "Tone": 5 - number})
        submit(second, session, chat_card, {**GOOD, "Tone": 3})
        services.calibration_reveal(by=lead, session=session)
        services.calibration_record_benchmark(by=lead, session=session, source="owner")
    session.refresh_from_db()
    figures = {f.question_id: f for f in selectors.results(session).figures.questions}
    tone = questions(chat_card)["Tone"]
    assert figures[tone.pk].sessions == 3
    assert figures[tone.pk].flagged


def test_the_benchmark_can_be_a_consensus_and_the_owner_must_have_answered_to_use_their_own(
    lead, specialist, chat_card
):
    second = make_lead(specialist.memberships.get().team, email="another@example.test")
    session = open_session(lead, [specialist, second], chat_card)
    submit(specialist, session, chat_card, GOOD)
    submit(second, session, chat_card, GOOD)
    services.calibration_reveal(by=lead, session=session)
    with pytest.raises(ValidationError, match="consensus"):
        services.calibration_record_benchmark(by=lead, session=session, source="owner")
    by_text = questions(chat_card)
    services.calibration_record_benchmark(
        by=lead,
        session=session,
        source="consensus",
        answers={by_text[t].pk: v for t, v in GOOD.items()},
    )
    assert CalibrationSession.objects.get().phase == CalibrationSession.Phase.CLOSED


def test_calibration_never_counts_as_an_evaluation(trio, agent, chat_card):
    lead, specialist, _second = trio
    session = open_session(lead, trio, chat_card, agent=agent)
    submit(specialist, session, chat_card, GOOD)
    assert not Evaluation.objects.exists()
