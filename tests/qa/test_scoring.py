"""The score, as README "Quality evaluations: the score" defines it, against values computed by hand."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.scoring import (
    NOT_APPLICABLE,
    AnswerNotAllowed,
    Critical,
    Kind,
    QuestionSpec,
    SectionSpec,
    score,
)

NA = NOT_APPLICABLE
GREETING, RESOLUTION, BONUS = 1, 2, 3


def card(*, critical_scale=Critical.NONE, critical_yes=Critical.NONE, bonus=False):
    """Greeting (weight 60): a yes/no question of weight 2, a 1-5 scale of weight 1, an optional yes/no
    of weight 1; resolution (weight 40): points 0-10, N/A allowed; optionally a bonus section of 10."""
    sections = [SectionSpec(GREETING, Decimal(60)), SectionSpec(RESOLUTION, Decimal(40))]
    questions = [
        QuestionSpec(11, GREETING, Kind.YES_NO, Decimal(2), critical=critical_yes),
        QuestionSpec(12, GREETING, Kind.SCALE, Decimal(1), top=5, critical=critical_scale),
        QuestionSpec(13, GREETING, Kind.YES_NO, Decimal(1), allows_na=True),
        QuestionSpec(21, RESOLUTION, Kind.POINTS, Decimal(1), top=10, allows_na=True),
    ]
    if bonus:
        sections.append(SectionSpec(BONUS, Decimal(10), is_bonus=True))
        questions.append(QuestionSpec(31, BONUS, Kind.YES_NO, Decimal(1)))
    return sections, questions


def test_na_answers_leave_the_maximum_and_weights_count():
    """Greeting: (2 x 1 + 1 x 3/4) / (2 + 1) = 11/12, the N/A question left out;
    resolution: 5 of 10 = 1/2; score = 60 x 11/12 + 40 x 1/2 = 55 + 20 = 75.00 %."""
    result = score(*card(), {11: 1, 12: 4, 13: NA, 21: 5})
    assert result.percent == Decimal("75.00")
    assert result.section_percent == {GREETING: Decimal("91.67"), RESOLUTION: Decimal("50.00")}
    assert result.question_share[13] is None


def test_a_section_answered_all_na_drops_out_and_the_others_carry_its_weight():
    """Resolution N/A: only greeting counts, 11/12 = 91.67 %."""
    assert score(*card(), {11: 1, 12: 4, 13: NA, 21: NA}).percent == Decimal("91.67")


def test_a_bonus_adds_its_weight_but_never_lifts_the_score_above_the_cap():
    """Greeting 1, resolution 8/10: 60 + 32 = 92; the bonus "yes" adds 10 -> 102, capped at 100."""
    answers = {11: 1, 12: 5, 13: 1, 21: 8, 31: 1}
    capped = score(*card(bonus=True), answers)
    assert (capped.base, capped.bonus, capped.percent) == (
        Decimal("92.00"),
        Decimal("8.00"),
        Decimal("100.00"),
    )
    assert score(*card(bonus=True), answers, bonus_cap=Decimal(105)).percent == Decimal("102.00")
    assert score(*card(bonus=True), {**answers, 31: 0}).percent == Decimal("92.00")


def test_a_cap_below_the_base_score_does_not_lower_it():
    answers = {11: 1, 12: 5, 13: 1, 21: 8, 31: 1}
    assert score(*card(bonus=True), answers, bonus_cap=Decimal(90)).percent == Decimal("92.00")


def test_a_failed_critical_question_fails_its_section():
    """The critical scale answered 2 (share 1/4, below one half): greeting 0, resolution 10/10 -> 40.00 %.
    Answered 3 (share 1/2) it passes: greeting (2 + 1/2) / 3 = 5/6 -> 50 + 40 = 90.00 %."""
    sections, questions = card(critical_scale=Critical.SECTION)
    failed = score(sections, questions, {11: 1, 12: 2, 13: 1, 21: 10})
    assert failed.percent == Decimal("40.00")
    assert failed.failed_sections == {GREETING}
    assert score(sections, questions, {11: 1, 12: 3, 13: NA, 21: 10}).percent == Decimal("90.00")


def test_a_failed_fail_all_question_makes_the_score_zero_bonus_and_all():
    sections, questions = card(critical_yes=Critical.ALL, bonus=True)
    result = score(sections, questions, {11: 0, 12: 5, 13: 1, 21: 10, 31: 1})
    assert result.failed_all
    assert result.percent == Decimal("0.00")
    assert score(sections, questions, {11: 1, 12: 5, 13: 1, 21: 10, 31: 0}).percent == Decimal(
        "100.00"
    )


def test_rounding_is_half_up_at_the_second_decimal():
    """One point of 32: 3.125 % is shown as 3.13 % (not 3.12 as banker's rounding would)."""
    sections = [SectionSpec(1, Decimal(100))]
    questions = [QuestionSpec(1, 1, Kind.POINTS, Decimal(1), top=32)]
    assert score(sections, questions, {1: 1}).percent == Decimal("3.13")


def test_nothing_answered_but_na_has_no_score():
    assert score(*card(), {13: NA, 21: NA}).percent is None


@pytest.mark.parametrize(
    ("question", "answer"),
    [(12, 6), (12, 0), (11, 2), (11, NA), (21, 11), (21, -1), (12, "4")],
)
def test_an_answer_the_question_does_not_allow_is_refused(question, answer):
    with pytest.raises(AnswerNotAllowed):
        score(*card(), {11: 1, 12: 3, 21: 5, question: answer})


answers_strategy = st.fixed_dictionaries(
    {
        11: st.sampled_from([0, 1]),
        12: st.integers(1, 5),
        13: st.sampled_from([0, 1, NA]),
        21: st.one_of(st.integers(0, 10), st.just(NA)),
        31: st.sampled_from([0, 1]),
    }
)


@given(answers=answers_strategy, cap=st.integers(100, 120))
def test_every_score_lies_between_zero_and_the_cap_whatever_the_answers(answers, cap):
    result = score(*card(bonus=True, critical_scale=Critical.SECTION), answers, bonus_cap=cap)
    assert Decimal(0) <= result.percent <= Decimal(cap)
    assert result.percent >= min(result.base, Decimal(cap))
