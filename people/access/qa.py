"""Quality evaluations of customer contacts (the qa app).

- who evaluates: the leads of the agent's current team and the QA specialists assigned to it (a current
  team membership of kind "qa"): `agents_evaluable_by`;
- an evaluation is its evaluator's alone while it is a draft; once shared, the agent, whoever may evaluate
  the agent now, and HR see it (`evaluations_visible_to`); a blind draft hides whose contact it is from
  its evaluator (`EvaluationRights.sees_agent_name`);
- disputes are raised by the agent only and, with QA_DISPUTE_ARBITRATION, decided by someone other than
  the evaluator (`EvaluationRights.may_decide_disputes`);
- calibration: its owner, its participants and HR see a session, never an agent; a participant sees the
  others' answers only after submitting their own; where the session is blind only its owner knows whose
  contact it was (`calibrations_visible_to`, `CalibrationRights`);
- scorecards are managed by HR and QA specialists, by leads where QA_LEADS_MANAGE_SCORECARDS allows;
- the feedback due on a shared evaluation's improvement items is reminded to its evaluator while they
  may still evaluate the agent, else to the agent's active leads now (`qa_feedback_reminder_recipients`);
- an open dispute is reminded to whoever may decide it: without QA_DISPUTE_ARBITRATION its evaluator
  while they may still evaluate the agent; with it, or once the evaluator cannot decide, the agent's
  active leads now other than the evaluator, and HR where there is none (`open_dispute_deciders`);
- what the works agreement switches off (features.QA) is off everywhere: every rule here answers "no".
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .. import features
from ..models import Role, TeamMembership, User
from .agents import TeamIds, agents_visible_to
from .roles import agents, evaluators, is_agent, is_hr_or_admin, is_qa_specialist, is_team_lead

if TYPE_CHECKING:  # the rulebook imports no app at run time
    from qa.models import SampleDraw

_M = TypeVar("_M", bound=Model)  # evaluations, sessions or draws: a rule keeps the queryset's type


def qa_is_on() -> bool:
    return features.is_on(features.QA)


def require_qa() -> None:
    """Every QA page answers 404 while the works agreement switches QA off."""
    if not qa_is_on():
        raise Http404


def may_evaluate(user: User) -> bool:
    """Leads and QA specialists evaluate contacts (of the agents `agents_evaluable_by` names)."""
    return (
        qa_is_on()
        and user.is_authenticated
        and user.is_active
        and (is_team_lead(user) or is_qa_specialist(user))
    )


def may_manage_scorecards(user: User) -> bool:
    """HR and QA specialists; leads too where QA_LEADS_MANAGE_SCORECARDS allows it."""
    if not qa_is_on() or not user.is_authenticated or not user.is_active:
        return False
    if is_hr_or_admin(user) or is_qa_specialist(user):
        return True
    return is_team_lead(user) and settings.QA_LEADS_MANAGE_SCORECARDS


def may_see_qa_reports(user: User) -> bool:
    """The disputes page, the overview figures: leads, QA specialists and HR."""
    return qa_is_on() and user.is_authenticated and (may_evaluate(user) or is_hr_or_admin(user))


def may_export_qa(user: User) -> bool:
    return qa_is_on() and is_hr_or_admin(user)


def evaluating_team_ids(user: User, on: date | None = None) -> TeamIds:
    """Teams whose agents' contacts the user evaluates: the teams a lead leads, a specialist's assignment."""
    memberships = TeamMembership.objects.current(on).filter(user=user)
    if is_team_lead(user):
        return memberships.filter(
            kind__in=(TeamMembership.Kind.LEAD, TeamMembership.Kind.QA)
        ).values("team_id")
    return memberships.qa().values("team_id")


def agents_evaluable_by(user: User) -> QuerySet[User]:
    """The agents whose contacts the user may evaluate now; nobody while QA is switched off."""
    if not may_evaluate(user):
        return agents().none()
    return agents().filter(_currently_in(evaluating_team_ids(user)))


def evaluations_visible_to(
    user: User,
    queryset: QuerySet[_M],
    *,
    shared_q: Q,
    evaluator_field: str = "evaluator",
    agent_field: str = "agent",
) -> QuerySet[_M]:
    """A draft to its evaluator alone; a shared evaluation to the agent, to whoever may evaluate the
    agent now (their leads, the QA specialists assigned to their team) and to HR."""
    if not qa_is_on() or not user.is_authenticated or not user.is_active:
        return queryset.none()
    written_by_user = Q(**{evaluator_field: user})
    if is_hr_or_admin(user):
        return queryset.filter(written_by_user | shared_q)
    if is_agent(user):
        return queryset.filter(shared_q, **{agent_field: user})
    evaluable = Q(**{f"{agent_field}__in": agents_evaluable_by(user)})
    return queryset.filter(written_by_user | (shared_q & evaluable))


@dataclass(frozen=True)
class EvaluationRights:
    """What the viewer may do with one evaluation they may see, decided once for the page."""

    is_evaluator: bool
    is_agent: bool
    evaluable: bool  # the viewer may evaluate the agent now (their lead, an assigned specialist)
    is_hr: bool
    is_draft: bool
    blind: bool

    @property
    def may_edit(self) -> bool:
        """Change, share or delete: the evaluator's draft, while they may still evaluate the agent."""
        return self.is_draft and self.is_evaluator and self.evaluable

    @property
    def may_acknowledge(self) -> bool:
        return self.is_agent and not self.is_draft

    @property
    def may_dispute(self) -> bool:
        """Only the agent disputes, and only what was shared (the service checks the deadline)."""
        return self.is_agent and not self.is_draft

    @property
    def may_record_feedback(self) -> bool:
        """That the feedback on the improvement items was given: who may evaluate the agent now."""
        return self.evaluable and not self.is_draft

    @property
    def may_decide_disputes(self) -> bool:
        """The agent's leads and assigned QA specialists, or HR; with QA_DISPUTE_ARBITRATION never the
        evaluator of the evaluation (an arbitrator decides)."""
        if self.is_draft or self.is_agent:
            return False
        if settings.QA_DISPUTE_ARBITRATION and self.is_evaluator:
            return False
        return self.evaluable or self.is_hr or self.is_evaluator

    @property
    def sees_agent_name(self) -> bool:
        """A blind evaluation hides whose interaction it is from its evaluator until it is shared."""
        return not (self.blind and self.is_draft and self.is_evaluator)


def evaluation_rights(
    user: User,
    *,
    evaluator_id: int | None,
    agent_id: int,
    is_draft: bool,
    blind: bool,
    evaluable: bool,
) -> EvaluationRights:
    """`evaluable`: whether `agents_evaluable_by(user)` holds the agent (read with the evaluation)."""
    return EvaluationRights(
        is_evaluator=user.pk == evaluator_id,
        is_agent=user.pk == agent_id,
        evaluable=evaluable,
        is_hr=is_hr_or_admin(user),
        is_draft=is_draft,
        blind=blind,
    )


def evaluator_evaluates_agent_now(
    *, evaluator_field: str = "evaluator", agent_field: str = "agent"
) -> Q:
    """`agents_evaluable_by(evaluator)` holds the agent, as a filter on evaluations (one query for any
    number of them): the evaluator is active and today a lead with a lead or QA membership, or a QA
    specialist with a QA membership, in a team the agent belongs to today."""
    today = timezone.localdate()
    agent_teams = (
        TeamMembership.objects.current(today)
        .members()
        .filter(user_id=OuterRef(OuterRef(f"{agent_field}_id")))
        .values("team_id")
    )
    evaluating = TeamMembership.objects.current(today).filter(
        user_id=OuterRef(f"{evaluator_field}_id"), team_id__in=agent_teams
    )
    as_lead = evaluating.filter(kind__in=(TeamMembership.Kind.LEAD, TeamMembership.Kind.QA))
    as_specialist = evaluating.filter(kind=TeamMembership.Kind.QA)
    return Q(**{f"{evaluator_field}__is_active": True}) & (
        Q(Exists(as_lead), **{f"{evaluator_field}__role": Role.LEAD})
        | Q(Exists(as_specialist), **{f"{evaluator_field}__role": Role.QA})
    )


def qa_feedback_reminder_recipients(
    *, evaluator: User | None, evaluator_evaluates_agent: bool, current_leads: list[User]
) -> list[User]:
    """Who is reminded of the feedback due on a shared evaluation's improvement items: its evaluator
    while they may still evaluate the agent (and so record the feedback), otherwise the agent's active
    leads now (`current_leads`). HR may not record it, so is not asked; nobody while QA is off."""
    if not qa_is_on():
        return []
    if evaluator is not None and evaluator.is_active and evaluator_evaluates_agent:
        return [evaluator]
    return [lead for lead in current_leads if lead.is_active]


def open_dispute_deciders(
    *,
    evaluator: User | None,
    evaluator_evaluates_agent: bool,
    current_leads: list[User],
    hr: list[User],
) -> list[User]:
    """Who is reminded of an open dispute: who may decide it (`EvaluationRights.may_decide_disputes`).
    Without QA_DISPUTE_ARBITRATION its evaluator while they may still evaluate the agent; with it (never
    the evaluator), or once the evaluator left or no longer evaluates the agent, the agent's active leads
    now (`current_leads`) other than the evaluator, and where there is none active HR (`hr`). Nobody
    while QA is off."""
    if not qa_is_on():
        return []
    evaluator_id = evaluator.pk if evaluator is not None else None
    if (
        not settings.QA_DISPUTE_ARBITRATION
        and evaluator is not None
        and evaluator.is_active
        and evaluator_evaluates_agent
    ):
        return [evaluator]
    leads = [lead for lead in current_leads if lead.is_active and lead.pk != evaluator_id]
    return leads or [user for user in hr if user.is_active and user.pk != evaluator_id]


def calibration_candidates() -> QuerySet[User]:
    """Who may be invited to a calibration: active leads and QA specialists."""
    return evaluators().filter(is_active=True)


def calibrations_visible_to(
    user: User, queryset: QuerySet[_M], *, owner_field: str = "owner", participant_field: str
) -> QuerySet[_M]:
    """Its owner and its participants see a calibration session, and HR; agents never."""
    if not qa_is_on() or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if is_agent(user):
        return queryset.none()
    if is_hr_or_admin(user):
        return queryset
    taking_part = queryset.filter(**{participant_field: user}).values("pk")
    return queryset.filter(Q(**{owner_field: user}) | Q(pk__in=taking_part))


@dataclass(frozen=True)
class CalibrationRights:
    is_owner: bool
    is_participant: bool
    has_submitted: bool
    is_hr: bool
    is_open: bool  # still collecting answers
    is_revealed: bool  # revealed or closed
    blind: bool

    @property
    def may_answer(self) -> bool:
        return self.is_participant and not self.has_submitted and self.is_open

    @property
    def sees_others_answers(self) -> bool:
        """Blind until each submits: a participant after submitting, the owner and HR once revealed."""
        return (self.is_participant and self.has_submitted) or (
            (self.is_owner or self.is_hr) and self.is_revealed
        )

    @property
    def may_reveal(self) -> bool:
        return self.is_owner and self.is_open

    @property
    def may_record_benchmark(self) -> bool:
        return self.is_owner and self.is_revealed

    @property
    def sees_agent_name(self) -> bool:
        """Where the session is blind, only its owner (who chose the interaction) knows whose it is."""
        return not self.blind or self.is_owner


def calibration_rights(
    user: User,
    *,
    owner_id: int | None,
    participant_submitted: bool | None,
    is_open: bool,
    blind: bool,
) -> CalibrationRights:
    """`participant_submitted`: None when the user does not take part, else whether they submitted."""
    return CalibrationRights(
        is_owner=user.pk == owner_id,
        is_participant=participant_submitted is not None,
        has_submitted=bool(participant_submitted),
        is_hr=is_hr_or_admin(user),
        is_open=is_open,
        is_revealed=not is_open,
        blind=blind,
    )


def sample_draws_visible_to(
    user: User, queryset: QuerySet[_M], *, drawn_by_field: str = "drawn_by"
) -> QuerySet[_M]:
    """A draw to whoever drew it; every draw to HR, who show the works council how each was made."""
    if not qa_is_on() or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if is_hr_or_admin(user):
        return queryset
    if not may_evaluate(user):
        return queryset.none()
    return queryset.filter(**{drawn_by_field: user})


def may_replace_drawn_interaction(user: User, draw: "SampleDraw") -> bool:
    """Only whoever made a draw replaces one of its interactions (with a reason); HR, who see every
    draw, only look: the works council is shown the draw as it was made."""
    return may_evaluate(user) and draw.drawn_by_id == user.pk


def agents_with_evaluations_visible_to(user: User) -> QuerySet[User]:
    """Agents whose evaluations the user may list: themselves, the agents they see or evaluate; HR all."""
    if not qa_is_on() or not user.is_authenticated or not user.is_active:
        return agents().none()
    if is_hr_or_admin(user):
        return agents()
    if is_agent(user):
        return agents().filter(pk=user.pk)
    return agents().filter(
        Q(pk__in=agents_visible_to(user).values("pk"))
        | Q(pk__in=agents_evaluable_by(user).values("pk"))
    )


def may_run_calibrations(user: User) -> bool:
    """Leads and QA specialists run calibration sessions, and HR."""
    return may_evaluate(user) or (qa_is_on() and is_hr_or_admin(user))


def _currently_in(team_ids: TeamIds | Iterable[int]) -> Exists:
    today = timezone.localdate()
    return Exists(
        TeamMembership.objects.current(today)
        .members()
        .filter(user=OuterRef("pk"), team_id__in=team_ids)
    )
