"""The fast calibration statistics equal the exact ones, to the last bit.

`qa/alpha.py` counts coincidences on small ints keyed cheaply instead of hashing Fractions, and
`qa/calibration_stats.py` computes alignment and leniency in integers instead of Fractions (issue 26:
a session of 10 evaluators × 40 questions in under 50 ms). The reference is the code as it was before,
kept verbatim in `exact_alpha.py` and `exact_calibration_stats.py`; hypothesis generates scorecards,
answers (N/A and missing included) and reliability data, and every figure must be *equal*, not
approximately equal: the same sums in the same order, the same single rounding."""

from dataclasses import astuple
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from qa import alpha as fast_alpha
from qa import calibration_stats as fast
from qa.scoring import NOT_APPLICABLE, Kind, QuestionSpec, SectionSpec

from . import exact_alpha
from . import exact_calibration_stats as exact

TOPS = {Kind.YES_NO: st.just(1), Kind.SCALE: st.integers(2, 10), Kind.POINTS: st.integers(1, 12)}


@st.composite
def scorecards(draw):
    section_count = draw(st.integers(1, 4))
    sections = [
        SectionSpec(s, Decimal(draw(st.integers(1, 100))) / draw(st.sampled_from([1, 2, 3, 4])))
        for s in range(section_count)
    ]
    questions = []
    for q in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(list(Kind)))
        questions.append(
            QuestionSpec(
                q,
                draw(st.integers(0, section_count - 1)),
                kind,
                Decimal(draw(st.integers(1, 300))) / 100,
                top=draw(TOPS[kind]),
                allows_na=draw(st.booleans()),
            )
        )
    return sections, questions


def answers_to(draw, questions):
    given = {}
    for question in questions:
        choice = draw(st.integers(0, 9))
        if choice == 0:
            continue  # not answered at all
        if choice == 1 and question.allows_na:
            given[question.id] = NOT_APPLICABLE
        else:
            given[question.id] = draw(st.integers(question.lowest, question.top))
    return given


@st.composite
def sessions(draw):
    sections, questions = draw(scorecards())
    answers = {e: answers_to(draw, questions) for e in range(draw(st.integers(1, 10)))}
    benchmark = answers_to(draw, questions) if draw(st.booleans()) else None
    recent = {
        q.id: [
            [exact.coded(q, a.get(q.id)) for a in answers.values()]
            for _s in range(draw(st.integers(1, 3)))
        ]
        for q in questions
        if draw(st.booleans())
    }
    return sections, questions, answers, benchmark, recent


def same(fast_value, exact_value):
    """Equal, NaN-safe: both None, or the very same number."""
    assert type(fast_value) is type(exact_value) or {type(fast_value), type(exact_value)} <= {
        int,
        float,
    }, (fast_value, exact_value)
    assert fast_value == exact_value or (fast_value != fast_value and exact_value != exact_value)


@given(sessions())
def test_every_figure_of_a_session_equals_the_exact_computation(session):
    sections, questions, answers, benchmark, recent = session
    got = fast.session_figures(sections, questions, answers, benchmark, recent)
    want = exact.session_figures(sections, questions, answers, benchmark, recent)
    assert len(got.evaluators) == len(want.evaluators)
    for mine, theirs in zip(got.evaluators, want.evaluators, strict=True):
        assert mine.evaluator_id == theirs.evaluator_id
        same(mine.alignment, theirs.alignment)
        for field in ("mean", "low", "high", "compared"):
            same(getattr(mine.leniency, field), getattr(theirs.leniency, field))
    assert [astuple(q) for q in got.questions] == [astuple(q) for q in want.questions]
    assert got.alpha == want.alpha


@given(scorecards(), st.data())
def test_alignment_and_question_alignment_equal_the_exact_fractions(card, data):
    sections, questions = card
    weights = fast.question_weights(sections, questions)
    answers = answers_to(data.draw, questions)
    benchmark = answers_to(data.draw, questions)
    same(
        fast.alignment(questions, weights, answers, benchmark),
        exact.alignment(questions, weights, answers, benchmark),
    )
    for question in questions:
        mine = fast.question_alignment(
            question, answers.get(question.id), benchmark.get(question.id)
        )
        theirs = exact.question_alignment(
            question, answers.get(question.id), benchmark.get(question.id)
        )
        assert mine == theirs and type(mine) is type(theirs)


VALUES = st.one_of(
    st.none(),
    st.integers(-3, 6),
    st.fractions(min_value=-2, max_value=3, max_denominator=6),
    st.sampled_from([0.5, 1.0, 0.25, 2.0, Decimal("0.5"), Decimal(1), True, "a", "b"]),
)


@given(
    st.lists(st.lists(VALUES, max_size=6), max_size=8),
    st.sampled_from(list(fast_alpha.Level)),
)
def test_alpha_equals_the_exact_computation_for_any_values(units, level):
    if level != fast_alpha.Level.NOMINAL:  # labels only at the nominal level
        units = [[v for v in unit if not isinstance(v, str)] for unit in units]
    try:
        expected = exact_alpha.alpha(units, level)
    except (TypeError, ZeroDivisionError) as error:  # e.g. a ratio of -1 and 1
        expected = type(error)
    try:
        got = fast_alpha.alpha(units, level)
    except (TypeError, ZeroDivisionError) as error:
        got = type(error)
    if isinstance(expected, type):
        assert got is expected
    else:
        same(got, expected)
