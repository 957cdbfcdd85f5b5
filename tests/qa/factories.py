"""Scorecards, evaluations and QA specialists for the qa tests."""

import datetime
from decimal import Decimal

from django.utils import timezone

from people.models import Role, TeamMembership
from qa import services
from qa.scoring import NOT_APPLICABLE
from qa.services import AnswerInput, QuestionInput, SectionInput

from ..factories import MembershipFactory, UserFactory

NA = NOT_APPLICABLE


def make_qa_specialist(team, **kwargs):
    """A QA specialist assigned to the team."""
    specialist = UserFactory(role=Role.QA, **kwargs)
    MembershipFactory(team=team, user=specialist, kind=TeamMembership.Kind.QA)
    return specialist


def chat_sections(skill=None) -> list[SectionInput]:
    """The chat scorecard of the tests: greeting (weight 40) and solution (weight 60), a bonus of 5.

    Greeting: "Greets by name" yes/no (weight 1), "Tone" scale 1-5 (weight 1).
    Solution: "Solves the issue" yes/no (weight 2, fails all when "no"), "Explains next steps" points
    0-4 (weight 1, N/A allowed, tied to `skill`). Bonus: "Goes the extra mile" yes/no.
    """
    return [
        SectionInput(
            title_en="Greeting",
            title_de="Begrüßung",
            weight=Decimal(40),
            questions=[
                QuestionInput("Greets by name", "Begrüßt mit Namen", "yes_no"),
                QuestionInput(
                    "Tone",
                    "Tonfall",
                    "scale",
                    top=5,
                    guidance={"1": {"en": "Rude", "de": "Unhöflich"}, "5": {"en": "Warm"}},
                ),
            ],
        ),
        SectionInput(
            title_en="Solution",
            title_de="Lösung",
            weight=Decimal(60),
            questions=[
                QuestionInput(
                    "Solves the issue",
                    "Löst das Anliegen",
                    "yes_no",
                    weight=Decimal(2),
                    critical="all",
                ),
                QuestionInput(
                    "Explains next steps",
                    "Erklärt die nächsten Schritte",
                    "points",
                    top=4,
                    allows_na=True,
                    skill_id=skill.pk if skill else None,
                ),
            ],
        ),
        SectionInput(
            title_en="Extra mile",
            title_de="Extra-Meile",
            weight=Decimal(5),
            is_bonus=True,
            questions=[QuestionInput("Goes the extra mile", "Tut mehr als nötig", "yes_no")],
        ),
    ]


def make_scorecard(by, *, channels=("chat",), skill=None, name="Chat"):
    return services.scorecard_create(
        by=by,
        name_en=name,
        name_de=name,
        channels=list(channels),
        sections=chat_sections(skill),
    )


def version_of(scorecard):
    return scorecard.versions.order_by("-number").first()


def questions(scorecard) -> dict:
    """Question text (English) -> question of the scorecard's current version."""
    from qa.models import Question

    return {q.text_en: q for q in Question.objects.filter(section__version=version_of(scorecard))}


def start(evaluator, agent, scorecard, *, reference="T-1", channel="chat", hours_ago=2, **kwargs):
    return services.evaluation_start(
        evaluator=evaluator,
        agent=agent,
        version=version_of(scorecard),
        reference=reference,
        channel=channel,
        interaction_at=timezone.now() - datetime.timedelta(hours=hours_ago),
        **kwargs,
    )


def answer(evaluator, evaluation, scorecard, values: dict, *, improvement=(), summary=""):
    """`values`: question text -> answer value (or NA)."""
    by_text = questions(scorecard)
    return services.evaluation_save_answers(
        by=evaluator,
        evaluation=evaluation,
        answers={
            by_text[text].pk: AnswerInput(value, improvement=text in improvement)
            for text, value in values.items()
        },
        summary=summary,
    )


GOOD = {
    "Greets by name": 1,
    "Tone": 4,
    "Solves the issue": 1,
    "Explains next steps": 1,
    "Goes the extra mile": 0,
}


def shared_evaluation(evaluator, agent, scorecard, values=None, **kwargs):
    evaluation = start(evaluator, agent, scorecard, **kwargs)
    answer(evaluator, evaluation, scorecard, values or GOOD, improvement=("Explains next steps",))
    return services.evaluation_share(by=evaluator, evaluation=evaluation)
