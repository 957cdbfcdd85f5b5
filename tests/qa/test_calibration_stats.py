"""Calibration statistics (qa/calibration_stats.py) against values computed by hand."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.alpha import Level, alpha
from qa.calibration_stats import (
    alignment,
    leniency,
    question_alignment,
    question_alpha,
    question_weights,
    session_alpha,
    t_quantile,
)
from qa.scoring import NOT_APPLICABLE, Kind, QuestionSpec, SectionSpec

NA = NOT_APPLICABLE
SECTIONS = [SectionSpec(1, Decimal(60)), SectionSpec(2, Decimal(40))]
YES_NO = QuestionSpec(1, 1, Kind.YES_NO, Decimal(2))
SCALE = QuestionSpec(2, 1, Kind.SCALE, Decimal(1), top=5)
POINTS = QuestionSpec(3, 2, Kind.POINTS, Decimal(1), top=10, allows_na=True)
QUESTIONS = [YES_NO, SCALE, POINTS]
BENCHMARK = {1: 1, 2: 4, 3: 5}


def test_each_question_weighs_its_section_weight_times_its_share_of_the_section():
    """60 x 2/3 = 40, 60 x 1/3 = 20, 40 x 1/1 = 40."""
    assert question_weights(SECTIONS, QUESTIONS) == {1: 40, 2: 20, 3: 40}


def test_alignment_per_question_is_one_less_the_share_difference():
    assert question_alignment(SCALE, 5, 4) == Fraction(3, 4)  # shares 1 and 3/4
    assert question_alignment(POINTS, NA, NA) == 1
    assert question_alignment(POINTS, NA, 5) == 0
    assert question_alignment(POINTS, None, 5) is None


def test_alignment_is_weighted_up_to_the_scorecard():
    """Yes/no agrees (1), the scale is 5 against 4 (3/4), points N/A against 5 (0):
    (40 x 1 + 20 x 3/4 + 40 x 0) / 100 = 0.55."""
    weights = question_weights(SECTIONS, QUESTIONS)
    assert alignment(QUESTIONS, weights, {1: 1, 2: 5, 3: NA}, BENCHMARK) == pytest.approx(0.55)


def test_leniency_is_the_mean_signed_deviation_with_a_t_interval():
    """Compared: yes/no 0 and scale +25 points (N/A left out): mean 12.5; standard deviation
    sqrt(((0 - 12.5)² + (25 - 12.5)²) / 1) = 17.678; margin t(1) 12.706 x 17.678 / sqrt(2) = 158.825."""
    result = leniency(QUESTIONS, {1: 1, 2: 5, 3: NA}, BENCHMARK)
    assert result.compared == 2
    assert result.mean == pytest.approx(12.5)
    assert result.low == pytest.approx(12.5 - 158.825)
    assert result.high == pytest.approx(12.5 + 158.825)


def test_a_single_comparison_has_a_mean_but_no_interval():
    result = leniency(QUESTIONS, {1: 0}, BENCHMARK)
    assert (result.mean, result.low, result.high) == (-100.0, None, None)


def test_t_quantiles_come_from_the_table_and_approach_the_normal_distribution():
    assert [t_quantile(n) for n in (1, 9, 30, 35, 100, 1000)] == [
        12.706,
        2.262,
        2.042,
        2.021,
        1.980,
        1.960,
    ]


def test_session_alpha_is_nominal_over_yes_no_and_ordinal_over_scales():
    """Yes/no: three evaluators say yes, yes, yes to one question and yes, yes, no to another:
    o(1,1) = 3 + 1, o(1,0) = o(0,1) = 1, n(1) = 5, n(0) = 1, n = 6: alpha = 1 - 5 x 2 / (2 x 5 x 1) = 0."""
    second = QuestionSpec(4, 1, Kind.YES_NO, Decimal(1))
    answers = [{1: 1, 4: 1, 2: 4}, {1: 1, 4: 1, 2: 4}, {1: 1, 4: 0, 2: 5}]
    result = session_alpha([YES_NO, second, SCALE], answers)
    assert result[Level.NOMINAL] == pytest.approx(0)
    # One scale question is one unit: whatever disagreement it shows is all there is to expect, alpha 0.
    assert result[Level.ORDINAL] == pytest.approx(0)


def test_question_alpha_takes_each_session_as_a_unit_and_na_as_missing():
    """Three sessions of the scale: (4, 4, 4), (2, 2, 3), (5, 5, N/A): alpha in ordinal terms by share."""
    perfect = question_alpha(SCALE, [(4, 4), (2, 2), (5, 5)])
    assert perfect == 1
    mixed = question_alpha(SCALE, [(4, 4, 4), (2, 2, 3), (5, 5, NA)])
    assert 0 < mixed < 1


def test_ordinal_alpha_orders_the_shares_as_numbers_not_as_text():
    """Ordinal alpha depends only on the answers' order and counts, so coding a scale's answers as
    shares (0, 1/4, 1/2, 3/4, 1) must give the alpha of the answers themselves. Ordered by their text
    ("1" before "1/2" before "1/4") the shares gave 0.279 here instead of 0.856."""
    sessions = [(1, 2), (3, 4), (5, 5), (4, 5), (1, 1)]
    by_share = question_alpha(SCALE, sessions)
    assert by_share == alpha(sessions, Level.ORDINAL)
    assert by_share == pytest.approx(0.856, abs=0.001)


@given(st.lists(st.lists(st.one_of(st.none(), st.integers(1, 5)), max_size=5), max_size=6))
def test_ordinal_alpha_of_a_scale_is_the_same_by_share_and_by_answer(sessions):
    assert question_alpha(SCALE, sessions) == alpha(sessions, Level.ORDINAL)
