"""Calibration statistics for one session of 10 evaluators × 40 questions (issue 26: under 50 ms).

Everything a session's result page computes from the answers (qa.calibration_stats.session_figures):
alignment and leniency with its interval per evaluator, alignment and Krippendorff's alpha per question
over its last three sessions, alpha per level across the session. The answers are generated in memory
(a fixed seed), so the figure measures the statistics, not the database.
"""

import random
import statistics
import time
from decimal import Decimal

from qa import calibration_stats
from qa.scoring import NOT_APPLICABLE, Kind, QuestionSpec, SectionSpec

EVALUATORS = 10
QUESTIONS = 40
SESSIONS = 3
TARGET_MS = 50


def _scorecard():
    sections = [SectionSpec(s, Decimal(25)) for s in range(4)]
    questions = []
    for q in range(QUESTIONS):
        kind = (Kind.YES_NO, Kind.SCALE, Kind.POINTS)[q % 3]
        top = {Kind.YES_NO: 1, Kind.SCALE: 5, Kind.POINTS: 4}[kind]
        questions.append(
            QuestionSpec(q, q % 4, kind, Decimal(1 + q % 3), top=top, allows_na=q % 7 == 0)
        )
    return sections, questions


def _answers(rng, questions):
    answers = {}
    for question in questions:
        if question.allows_na and rng.random() < 0.1:
            answers[question.id] = NOT_APPLICABLE
        else:
            answers[question.id] = rng.randint(question.lowest, question.top)
    return answers


def measure(repeats: int = 50) -> dict:
    rng = random.Random(26)
    sections, questions = _scorecard()
    sessions = [{e: _answers(rng, questions) for e in range(EVALUATORS)} for _s in range(SESSIONS)]
    current, benchmark = sessions[-1], _answers(rng, questions)
    recent = {
        q.id: [
            [calibration_stats.coded(q, s[e].get(q.id)) for e in range(EVALUATORS)]
            for s in sessions
        ]
        for q in questions
    }
    timings = []
    for _n in range(repeats):
        started = time.perf_counter()
        calibration_stats.session_figures(sections, questions, current, benchmark, recent)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "evaluators": EVALUATORS,
        "questions": QUESTIONS,
        "repeats": repeats,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(0.95 * (len(timings) - 1))],
        "target_ms": TARGET_MS,
    }
