"""The score of an evaluation, exactly as README "Quality evaluations: the score" defines it.

Pure arithmetic on plain data (no database), in exact fractions; the result is rounded once, at the
end, half up to two decimals. In short:

1. Each answered question earns a share f of its points: yes/no 1 or 0; a scale from 1 to S
   (a - 1) / (S - 1); points from 0 to P a / P. An N/A answer takes the question out: it neither
   earns nor counts towards the maximum (only questions that allow N/A may be answered N/A).
2. A section's share is the weighted mean of its questions' shares, sum(w * f) / sum(w), over the
   questions that are not N/A. A section whose questions are all N/A drops out.
3. A critical question fails when its share is below one half (a "no", or the lower half of a scale).
   "Fail section" sets its section's share to 0; "fail all" sets the whole score to 0 %, bonus and all.
4. The base score is the weighted mean of the regular sections' shares, sum(W * F) / sum(W), over the
   sections that did not drop out, in percent. (The regular sections' weights add up to 100; when a
   section drops out, the others carry its weight in proportion.)
5. Each bonus section adds up to its weight in percentage points, W * F. The total is the base score
   plus the bonus, but a bonus never lifts it above the cap (setting QA_BONUS_CAP, 100 by default);
   a base score already above the cap is not lowered.
6. Without a single regular question answered (all N/A), the evaluation has no score.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

HUNDRED = Fraction(100)
PASS_SHARE = Fraction(1, 2)  # a critical question below this share fails
NOT_APPLICABLE = "na"


class Kind(StrEnum):
    YES_NO = "yes_no"
    SCALE = "scale"
    POINTS = "points"


class Critical(StrEnum):
    NONE = ""
    SECTION = "section"
    ALL = "all"


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    section_id: int
    kind: Kind
    weight: Decimal
    top: int = 1  # the highest answer: 1 for yes/no, S for a scale 1..S, P for points 0..P
    allows_na: bool = False
    critical: Critical = Critical.NONE

    @property
    def lowest(self) -> int:
        return 1 if self.kind == Kind.SCALE else 0

    def allowed(self, answer) -> bool:
        if answer == NOT_APPLICABLE:
            return self.allows_na
        return isinstance(answer, int) and self.lowest <= answer <= self.top

    def share(self, answer: int) -> Fraction:
        """The share of the question's points that `answer` earns, from 0 to 1."""
        if self.kind == Kind.SCALE:
            return Fraction(answer - 1, self.top - 1)
        return Fraction(answer, self.top)


@dataclass(frozen=True)
class SectionSpec:
    id: int
    weight: Decimal
    is_bonus: bool = False


@dataclass
class Result:
    percent: Decimal | None  # the score, or None when nothing could be scored
    base: Decimal | None = None
    bonus: Decimal = Decimal("0.00")
    failed_all: bool = False
    failed_sections: set = field(default_factory=set)
    section_percent: dict = field(
        default_factory=dict
    )  # section id -> its share in percent, or None
    question_share: dict = field(default_factory=dict)  # question id -> Fraction, or None for N/A

    @property
    def is_scored(self) -> bool:
        return self.percent is not None


class AnswerNotAllowed(ValueError):
    def __init__(self, question: QuestionSpec, answer):
        super().__init__(f"Answer {answer!r} is not allowed for question {question.id}.")
        self.question, self.answer = question, answer


def score(
    sections: Iterable[SectionSpec],
    questions: Iterable[QuestionSpec],
    answers: Mapping[int, int | str],
    *,
    bonus_cap: Decimal = Decimal(100),
) -> Result:
    """The score of `answers` (question id -> answer value, or NOT_APPLICABLE); unanswered questions are
    left out like N/A (a draft), but an answer a question does not allow raises AnswerNotAllowed."""
    sections = list(sections)
    by_section: dict[int, list[QuestionSpec]] = {s.id: [] for s in sections}
    for question in questions:
        by_section[question.section_id].append(question)
    result = Result(percent=None)
    shares: dict[int, Fraction | None] = {}
    for section in sections:
        share, failed, failed_all = _section_share(by_section[section.id], answers, result)
        shares[section.id] = share
        result.failed_all |= failed_all
        if failed:
            result.failed_sections.add(section.id)
        result.section_percent[section.id] = None if share is None else _percent(share * HUNDRED)
    regular = [s for s in sections if not s.is_bonus and shares[s.id] is not None]
    if not regular:
        return result
    weight = sum(Fraction(s.weight) for s in regular)
    base = sum(Fraction(s.weight) * shares[s.id] for s in regular) / weight * HUNDRED
    bonus = sum(
        Fraction(s.weight) * shares[s.id]
        for s in sections
        if s.is_bonus and shares[s.id] is not None
    )
    total = max(base, min(base + bonus, Fraction(bonus_cap)))
    result.base, result.bonus = _percent(base), _percent(total - base)
    result.percent = Decimal("0.00") if result.failed_all else _percent(total)
    return result


def _section_share(questions, answers, result) -> tuple[Fraction | None, bool, bool]:
    """(share or None when all N/A, whether a critical question failed the section, ... failed all)."""
    earned = possible = Fraction(0)
    failed_section = failed_all = False
    for question in questions:
        answer = answers.get(question.id)
        if answer is None:
            continue
        if not question.allowed(answer):
            raise AnswerNotAllowed(question, answer)
        if answer == NOT_APPLICABLE:
            result.question_share[question.id] = None
            continue
        share = question.share(answer)
        result.question_share[question.id] = share
        earned += Fraction(question.weight) * share
        possible += Fraction(question.weight)
        if share < PASS_SHARE:
            failed_section |= question.critical == Critical.SECTION
            failed_all |= question.critical == Critical.ALL
    if not possible:
        return None, failed_section, failed_all
    return (Fraction(0) if failed_section else earned / possible), failed_section, failed_all


def _percent(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
