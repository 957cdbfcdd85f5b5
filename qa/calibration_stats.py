"""Calibration statistics: alignment with the benchmark, agreement between evaluators, leniency.

Pure arithmetic on the answers of one calibration session (see README "Calibration"):

- **Alignment** (MaestroQA's definition, so users recognise it): per question
  1 - |share of the evaluator's answer - share of the benchmark's answer|, where a share is the part
  of the question's points the answer earns (qa.scoring); both N/A aligns fully, one N/A not at all.
  Per evaluator it is weighted up to the scorecard with each question's weight in it
  (section weight x question weight / the section's question weights).
- **Agreement between evaluators**: Krippendorff's alpha (qa.alpha): nominal over the yes/no
  questions, ordinal over the scale and points questions (their answers compared by share, so a 4 of 5
  sits above a 2 of 3); N/A counts as missing. Per question, alpha is taken over its last sessions,
  each session one unit.
- **Leniency**: the mean signed deviation of the evaluator's shares from the benchmark's over the
  questions both answered, in percentage points (positive: more lenient than the benchmark), with a
  95 % confidence interval from Student's t distribution (t quantiles from the table below).
"""

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .alpha import TENTATIVE, Level, alpha
from .scoring import NOT_APPLICABLE, Kind, QuestionSpec, SectionSpec

# Two-sided 95 % quantiles of Student's t distribution by degrees of freedom (any statistics table).
T_975 = {
    1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
    10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110,
    18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.060,
    26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045, 30: 2.042,
}  # fmt: skip
T_975_BEYOND = (
    (40, 2.021),
    (60, 2.000),
    (120, 1.980),
)  # up to these degrees of freedom; then 1.960

Answers = Mapping[int, int | str]  # question id -> answer value or NOT_APPLICABLE


def t_quantile(degrees_of_freedom: int) -> float:
    if degrees_of_freedom in T_975:
        return T_975[degrees_of_freedom]
    for upto, value in T_975_BEYOND:
        if degrees_of_freedom <= upto:
            return value
    return 1.960


def question_alignment(question: QuestionSpec, answer, benchmark) -> Fraction | None:
    """1 - |share difference|; None when either side did not answer at all."""
    points = _aligned_points(question, answer, benchmark)
    return None if points is None else Fraction(points, _span(question))


def _span(question: QuestionSpec) -> int:
    """The answers' range: an answer's share is (answer - lowest) / span (qa.scoring); at least 1,
    since the scorecard service refuses a question with a single answer."""
    return question.top - question.lowest


def _aligned_points(question: QuestionSpec, answer, benchmark) -> int | None:
    """The alignment in points of the question's span: 1 - |share(a) - share(b)| is
    (span - |a - b|) / span, counted in integers (both N/A: span; one N/A: 0)."""
    if answer is None or benchmark is None:
        return None
    if answer == NOT_APPLICABLE or benchmark == NOT_APPLICABLE:
        return _span(question) if answer == benchmark else 0
    return _span(question) - abs(answer - benchmark)


def question_weights(
    sections: Iterable[SectionSpec], questions: Sequence[QuestionSpec]
) -> dict[int, Fraction]:
    """Each question's weight in the whole scorecard: section weight x its share of the section's weights."""
    section_weight = {s.id: Fraction(s.weight) for s in sections}
    per_section: dict[int, Fraction] = {}
    for question in questions:
        per_section[question.section_id] = per_section.get(question.section_id, 0) + Fraction(
            question.weight
        )
    return {
        q.id: section_weight[q.section_id] * Fraction(q.weight) / per_section[q.section_id]
        for q in questions
    }


def alignment(
    questions: Sequence[QuestionSpec],
    weights: Mapping[int, Fraction],
    answers: Answers,
    benchmark: Answers,
) -> float | None:
    """The evaluator's alignment with the benchmark over the scorecard, from 0 to 1."""
    return _alignment(_AlignmentScale.of(questions, weights), answers, benchmark)


@dataclass(frozen=True)
class _AlignmentScale:
    """The weighted alignment `Σ w·a / Σ w` in integers: every weight w (a Fraction) and every
    alignment a = points / span over one common denominator L, so that w·a·L = factor·points and
    w·L = whole; the quotient of the two integer sums is the exact Fraction's, and Python's integer
    division rounds it to the same float."""

    rows: tuple  # (question, factor, whole) per question

    @classmethod
    def of(cls, questions: Sequence[QuestionSpec], weights: Mapping[int, Fraction]):
        spans = {q.id: _span(q) for q in questions}
        common = math.lcm(*(weights[q.id].denominator * spans[q.id] for q in questions), 1)
        rows = []
        for q in questions:
            weight = weights[q.id]
            rows.append(
                (
                    q,
                    weight.numerator * (common // (weight.denominator * spans[q.id])),
                    weight.numerator * (common // weight.denominator),
                )
            )
        return cls(tuple(rows))


def _alignment(scale: _AlignmentScale, answers: Answers, benchmark: Answers) -> float | None:
    total = weighted = 0
    for question, factor, whole in scale.rows:
        points = _aligned_points(question, answers.get(question.id), benchmark.get(question.id))
        if points is None:
            continue
        total += whole
        weighted += factor * points
    return weighted / total if total else None


@dataclass(frozen=True)
class Leniency:
    mean: float | None  # percentage points; positive: more lenient than the benchmark
    low: float | None  # the 95 % interval, when at least two questions could be compared
    high: float | None
    compared: int


def leniency(questions: Sequence[QuestionSpec], answers: Answers, benchmark: Answers) -> Leniency:
    deviations = []
    for question in questions:
        answer, reference = answers.get(question.id), benchmark.get(question.id)
        if answer in (None, NOT_APPLICABLE) or reference in (None, NOT_APPLICABLE):
            continue
        # share(a) - share(b) is (a - b) / span; Python divides the integers with a single rounding,
        # so this is the float of that exact Fraction
        deviations.append((answer - reference) / _span(question) * 100)
    if not deviations:
        return Leniency(None, None, None, 0)
    mean = statistics.fmean(deviations)
    if len(deviations) < 2:
        return Leniency(mean, None, None, 1)
    margin = (
        t_quantile(len(deviations) - 1) * statistics.stdev(deviations) / math.sqrt(len(deviations))
    )
    return Leniency(mean, mean - margin, mean + margin, len(deviations))


def level_of(question: QuestionSpec) -> Level:
    return Level.NOMINAL if question.kind == Kind.YES_NO else Level.ORDINAL


def coded(question: QuestionSpec, answer):
    """An answer as alpha compares it: yes/no as given, scales and points by share; N/A as missing."""
    if answer in (None, NOT_APPLICABLE):
        return None
    return answer if question.kind == Kind.YES_NO else question.share(answer)


def session_alpha(
    questions: Sequence[QuestionSpec], answers_by_evaluator: Iterable[Answers]
) -> dict[Level, float | None]:
    """Alpha across the evaluators over the session's questions: nominal for yes/no, ordinal for the rest."""
    answer_sets = list(answers_by_evaluator)
    units: dict[Level, list] = {Level.NOMINAL: [], Level.ORDINAL: []}
    for question in questions:
        units[level_of(question)].append(
            [coded(question, answers.get(question.id)) for answers in answer_sets]
        )
    return {level: alpha(rows, level) for level, rows in units.items()}


def question_alpha(question: QuestionSpec, sessions: Iterable[Sequence]) -> float | None:
    """Alpha for one question over several sessions; `sessions` holds the evaluators' answers of each."""
    return alpha(
        ([coded(question, answer) for answer in answers] for answers in sessions),
        level_of(question),
    )


FLAG_BELOW = TENTATIVE  # alpha below this over the last sessions flags a question
FLAG_SESSIONS = 3


@dataclass(frozen=True)
class EvaluatorFigures:
    evaluator_id: int
    alignment: float | None
    leniency: Leniency


@dataclass(frozen=True)
class QuestionFigures:
    question_id: int
    alignment: float | None  # the evaluators' mean alignment with the benchmark on this question
    alpha: float | None  # over the question's last FLAG_SESSIONS sessions (this one included)
    sessions: int  # how many sessions that alpha covers
    flagged: bool  # "unclear question: rewrite the guidance"


@dataclass(frozen=True)
class SessionFigures:
    evaluators: list[EvaluatorFigures]
    questions: list[QuestionFigures]
    alpha: dict  # Level -> alpha across the evaluators over this session's questions


def session_figures(
    sections: Sequence[SectionSpec],
    questions: Sequence[QuestionSpec],
    answers: Mapping[int, Answers],
    benchmark: Answers | None,
    recent_sessions: Mapping[int, Sequence[Sequence]] | None = None,
) -> SessionFigures:
    """Everything the results of one session show. `answers`: evaluator id -> their answers;
    `benchmark`: None until recorded (then alignment and leniency are None); `recent_sessions`:
    question id -> the evaluators' answers in each of the question's last sessions, this one included,
    already coded for alpha (`coded`, with the question as it was asked then)."""
    recent_sessions = recent_sessions or {}
    scale = _AlignmentScale.of(questions, question_weights(sections, questions))
    evaluators = [
        EvaluatorFigures(
            evaluator_id,
            _alignment(scale, given, benchmark) if benchmark else None,
            leniency(questions, given, benchmark) if benchmark else Leniency(None, None, None, 0),
        )
        for evaluator_id, given in answers.items()
    ]
    figures = []
    for question in questions:
        aligned = (
            [
                _aligned_points(question, given.get(question.id), benchmark.get(question.id))
                for given in answers.values()
            ]
            if benchmark
            else []
        )
        aligned = [a for a in aligned if a is not None]  # in points of the span: the mean is their
        # sum over span × count, which integer division rounds as the float of the exact mean
        sessions = recent_sessions.get(question.id)
        if sessions:
            value = alpha(sessions, level_of(question))
        else:
            sessions = [[given.get(question.id) for given in answers.values()]]
            value = question_alpha(question, sessions)
        figures.append(
            QuestionFigures(
                question.id,
                sum(aligned) / (_span(question) * len(aligned)) if aligned else None,
                value,
                len(sessions),
                len(sessions) >= FLAG_SESSIONS and value is not None and value < FLAG_BELOW,
            )
        )
    return SessionFigures(evaluators, figures, session_alpha(questions, answers.values()))
