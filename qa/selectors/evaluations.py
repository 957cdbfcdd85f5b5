"""Reads of evaluations: what each user may see with their rights, the page of one evaluation, the agent
page's list, the weekly scores for the key-figure trends, and low answers as evidence on skills."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    Exists,
    Expression,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from people import access
from people.models import User
from skills.models import Skill
from training.models import CourseSkill
from training.selectors import mentor_suggestions

from .. import scoring
from ..models import (
    SHARED_STATUSES,
    Answer,
    Dispute,
    Evaluation,
    Question,
    ScorecardVersion,
    ScoreVersion,
    Status,
)

SHARED = Q(status__in=SHARED_STATUSES)
LOW_SHARE = Decimal("0.5")  # an answer earning less than half its points is a low answer


def _evaluations() -> QuerySet[Evaluation]:
    return Evaluation.objects.select_related("agent", "evaluator", "version__scorecard")


def visible_to(user: User) -> QuerySet[Evaluation]:
    """A draft to its evaluator alone; shared ones to the agent, their leads and QA specialists, HR."""
    return access.evaluations_visible_to(user, _evaluations(), shared_q=SHARED)


def with_viewer_flag(user: User, evaluations: QuerySet[Evaluation]) -> QuerySet[Evaluation]:
    """Each evaluation with `evaluable_by_viewer`: whether the user may evaluate its agent now."""
    return evaluations.annotate(
        evaluable_by_viewer=Exists(access.agents_evaluable_by(user).filter(pk=OuterRef("agent_id")))
    )


def rights(user: User, evaluation: Evaluation) -> access.EvaluationRights:
    evaluable = getattr(evaluation, "evaluable_by_viewer", None)
    if evaluable is None:
        evaluable = access.agents_evaluable_by(user).filter(pk=evaluation.agent_id).exists()
    return access.evaluation_rights(
        user,
        evaluator_id=evaluation.evaluator_id,
        agent_id=evaluation.agent_id,
        is_draft=evaluation.status == Status.DRAFT,
        blind=evaluation.blind,
        evaluable=evaluable,
    )


def evaluation_for(user: User, pk: int) -> tuple[Evaluation, access.EvaluationRights]:
    """The evaluation and what the user may do with it, in one query; 404 when they may not see it."""
    evaluation = get_object_or_404(with_viewer_flag(user, visible_to(user)), pk=pk)
    return evaluation, rights(user, evaluation)


@dataclass
class QuestionRow:
    question: Question
    answer: Answer | None
    share: Fraction | None = None
    dispute: Dispute | None = None
    guidance: str = ""

    @property
    def is_low(self) -> bool:
        return self.share is not None and self.share < scoring.PASS_SHARE


@dataclass
class SectionRow:
    section: object
    percent: Decimal | None
    failed: bool
    rows: list[QuestionRow] = field(default_factory=list)


@dataclass
class EvaluationPage:
    sections: list[SectionRow]
    result: scoring.Result
    history: list[ScoreVersion]
    disputes: list[Dispute]

    @property
    def open_disputes(self) -> list[Dispute]:
        return [d for d in self.disputes if d.is_open]

    @property
    def improvement_items(self) -> list[QuestionRow]:
        return [r for s in self.sections for r in s.rows if r.answer and r.answer.improvement]


def questions_of(version: ScorecardVersion) -> list[Question]:
    return list(
        Question.objects.filter(section__version=version)
        .select_related("section", "skill")
        .order_by("section__position", "section_id", "position", "id")
    )


def evaluation_page(evaluation: Evaluation, language: str) -> EvaluationPage:
    """Sections with their questions, answers, guidance and disputes; the score explained; the history."""
    questions = questions_of(evaluation.version)
    answers = {a.question_id: a for a in evaluation.answers.all()}
    disputes = list(evaluation.disputes.select_related("question", "decided_by", "raised_by"))
    by_question = {d.question_id: d for d in disputes}
    result = scoring.score(
        _section_specs(questions),
        [q.spec for q in questions],
        {qid: a.scoring_value for qid, a in answers.items() if a.scoring_value is not None},
        bonus_cap=settings.QA_BONUS_CAP,
    )
    sections: dict[int, SectionRow] = {}
    for question in questions:
        section = sections.setdefault(
            question.section_id,
            SectionRow(
                question.section,
                result.section_percent.get(question.section_id),
                question.section_id in result.failed_sections,
            ),
        )
        answer = answers.get(question.pk)
        section.rows.append(
            QuestionRow(
                question=question,
                answer=answer,
                share=result.question_share.get(question.pk),
                dispute=by_question.get(question.pk),
                guidance=question.guidance_for(answer.value, language)
                if answer and answer.value is not None
                else "",
            )
        )
    history = list(evaluation.score_history.select_related("changed_by").order_by("number"))
    return EvaluationPage(list(sections.values()), result, history, disputes)


def _section_specs(questions: list[Question]) -> list[scoring.SectionSpec]:
    seen: dict[int, scoring.SectionSpec] = {}
    for question in questions:
        seen.setdefault(question.section_id, question.section.spec)
    return list(seen.values())


def on_agent_page(viewer: User, agent: User, *, recent: int) -> list[Evaluation]:
    """The `recent` latest evaluations of the agent the viewer may see, and besides every shared one the
    agent has not acknowledged yet, with their open disputes counted; one query. A blind draft is not
    listed on the agent's page (it would name whose interaction it is)."""
    mine = visible_to(viewer).filter(agent=agent).exclude(blind=True, status=Status.DRAFT)
    latest = mine.order_by("-interaction_at", "-id").values("pk")[:recent]
    return list(
        mine.filter(Q(pk__in=latest) | Q(status=Status.SHARED))
        .select_related(None)
        .select_related("version__scorecard")
        .annotate(open_disputes=Count("disputes", filter=Q(disputes__state=Dispute.State.OPEN)))
        .order_by("-interaction_at", "-id")
    )


def awaits_acknowledgement(evaluation: Evaluation) -> bool:
    return evaluation.status == Status.SHARED


def weekly_score_rows(agents: QuerySet[User], first: date) -> tuple[QuerySet[Evaluation], Cast]:
    """For the key-figure trends (kpis.trends): shared evaluations per agent and week of the interaction,
    and the expression of their mean score (a float, like the other figures)."""
    evaluations = Evaluation.objects.filter(
        SHARED, agent__in=agents, interaction_week__gte=first
    ).order_by()
    return evaluations, Cast(Avg("score"), FloatField())


def low_answers(agent_id: int | None = None) -> QuerySet[Answer]:
    """Answers of shared evaluations, tied to a skill, that earned less than half of their points within
    the evidence period (QA_EVIDENCE_DAYS)."""
    since = timezone.now() - timedelta(days=settings.QA_EVIDENCE_DAYS)
    answers = Answer.objects.filter(
        evaluation__status__in=SHARED_STATUSES,
        evaluation__interaction_at__gte=since,
        question__skill__isnull=False,
        share__lt=LOW_SHARE,
    )
    return answers if agent_id is None else answers.filter(evaluation__agent_id=agent_id)


def low_answer_count(
    agent_id: int, skill_ref: Expression | OuterRef | int, viewer: User | None = None
) -> Coalesce:
    """How many low answers the agent had on the skill (`skill_ref`, e.g. OuterRef("pk")), as a subquery;
    with `viewer`, only in the evaluations the viewer may see."""
    answers = low_answers(agent_id)
    if viewer is not None:
        answers = answers.filter(evaluation__in=visible_to(viewer).values("pk"))
    counted = (
        answers.filter(question__skill_id=skill_ref)
        .order_by()
        .values("question__skill_id")
        .annotate(count=Count("id"))
        .values("count")
    )
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), 0)


def low_answers_by_agent_and_skill(
    agent_ids: Iterable[int], viewer: User | None = None
) -> dict[tuple[int, int], int]:
    """(agent id, skill id) -> number of low answers, for a team's matrix; one query. With `viewer`,
    only in the evaluations the viewer may see."""
    answers = low_answers()
    if viewer is not None:
        answers = answers.filter(evaluation__in=visible_to(viewer).values("pk"))
    rows = (
        answers.filter(evaluation__agent_id__in=list(agent_ids))
        .order_by()
        .values("evaluation__agent_id", "question__skill_id")
        .annotate(count=Count("id"))
    )
    return {(r["evaluation__agent_id"], r["question__skill_id"]): r["count"] for r in rows}


def evidence(viewer: User, agent: User, skill: Skill) -> list[Answer]:
    """The low answers on the skill in the evaluations of the agent the viewer may see, newest first."""
    return list(
        low_answers(agent.pk)
        .filter(question__skill=skill, evaluation__in=visible_to(viewer).values("pk"))
        .select_related("question", "evaluation__version__scorecard")
        .order_by("-evaluation__interaction_at", "-id")
    )


def shared_in_period(viewer: User, agent: User, start: datetime, end: datetime) -> list[Evaluation]:
    """Shared evaluations of the agent's interactions in [start, end) that the viewer may see, oldest first."""
    return list(
        visible_to(viewer)
        .filter(SHARED, agent=agent, interaction_at__gte=start, interaction_at__lt=end)
        .select_related(None)
        .select_related("version__scorecard", "evaluator")
        .order_by("interaction_at", "id")
    )


def skill_ids_with_evaluations(agent: User, start: datetime, end: datetime) -> set[int]:
    """Skills the agent heard about in shared evaluations of [start, end): the questions tied to a skill
    that were answered (not N/A). The review's "no surprises" check counts them as feedback."""
    return set(skills_with_evaluations(agent, start, end))


def skills_with_evaluations(agent: User, start: datetime, end: datetime) -> QuerySet[Answer, int]:
    """`skill_ids_with_evaluations` as a query, to be combined with others into one."""
    return (
        Answer.objects.filter(
            evaluation__agent=agent,
            evaluation__status__in=SHARED_STATUSES,
            evaluation__shared_at__gte=start,
            evaluation__shared_at__lt=end,
            question__skill__isnull=False,
            not_applicable=False,
        )
        .order_by()
        .values_list("question__skill_id", flat=True)
    )


def feedback_waiting(user: User) -> QuerySet[Evaluation]:
    """Shared evaluations with improvement items whose feedback is not given yet, about agents the user may
    evaluate now; the closest due first."""
    return (
        Evaluation.objects.filter(
            SHARED,
            feedback_due_at__isnull=False,
            feedback_given_at__isnull=True,
            agent__in=access.agents_evaluable_by(user),
        )
        .select_related("agent", "version__scorecard")
        .order_by("feedback_due_at", "id")
    )


def drafts_of(user: User) -> QuerySet[Evaluation]:
    return _evaluations().filter(evaluator=user, status=Status.DRAFT).order_by("-created_at", "-id")


def goal_suggestions(agent: User, skill: Skill, limit: int = 3) -> tuple[list[str], list[str]]:
    """What could help with a goal on `skill`: courses that raise it, and possible mentors of the agent
    (the training app's ranking), `limit` of each, as names."""
    courses = [
        link.course.title
        for link in CourseSkill.objects.filter(skill=skill)
        .select_related("course")
        .order_by("-level", "course_id")[:limit]
    ]
    mentors = [str(s.mentor) for s in mentor_suggestions(agent, limit=limit)]
    return courses, mentors
