from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import notify
from people import access
from people.access import Need
from people.models import User
from people.selectors import current_leads_of_agent
from skills import services as skill_services
from skills.models import Skill

from .models import Action, DevelopmentPlan, Goal, ProgressNote


def active_plan_of(agent: User) -> DevelopmentPlan | None:
    return DevelopmentPlan.objects.filter(agent=agent, status=DevelopmentPlan.Status.ACTIVE).first()


@transaction.atomic
def plan_start(*, agent: User, by: User, title: str = "") -> DevelopmentPlan:
    """Start a new plan (the agent's lead); an agent has one active plan at a time."""
    access.require_rights(by, agent, Need.COACH)
    return _plan_start(agent=agent, by=by, title=title)


def _plan_start(*, agent: User, by: User, title: str = "") -> DevelopmentPlan:
    if active_plan_of(agent) is not None:
        raise ValidationError(
            _("This agent already has an active development plan. Close it first.")
        )
    try:
        with transaction.atomic():
            return DevelopmentPlan.objects.create(agent=agent, title=title, created_by=by)
    except IntegrityError as error:  # a concurrent request started one a moment ago
        raise ValidationError(
            _("This agent already has an active development plan. Close it first.")
        ) from error


def _plan_for(agent: User, by: User) -> DevelopmentPlan:
    """The active plan, started when there is none (the caller has checked `by`)."""
    return active_plan_of(agent) or _plan_start(agent=agent, by=by)


@transaction.atomic
def plan_close(*, plan: DevelopmentPlan, by: User) -> DevelopmentPlan:
    """Close the plan (the agent's lead); it stays in the agent's history."""
    access.require_rights(by, plan.agent, Need.COACH)
    plan.status = DevelopmentPlan.Status.CLOSED
    plan.closed_at = timezone.now()
    plan.save(update_fields=["status", "closed_at"])
    return plan


def _check_goal(
    *, due_on: date | None, skill: Skill | None, target_level: int | None, is_new: bool
) -> None:
    errors: dict[str, str] = {}
    if is_new and due_on and due_on < timezone.localdate():
        errors["due_on"] = _("The due date of a new goal cannot be in the past.")
    if target_level is not None and not 1 <= target_level <= 5:
        errors["target_level"] = _("A level must be between 1 and 5.")
    if target_level is not None and skill is None:
        errors["skill"] = _("Choose the skill the target level is for.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def goal_create(
    *,
    agent: User,
    by: User,
    title: str,
    skill: Skill | None = None,
    target_level: int | None = None,
    success_measure: str = "",
    due_on: date | None = None,
) -> Goal:
    """A lead sets a goal; an agent proposes one, which their lead accepts or edits."""
    access.require_rights(by, agent, Need.NOTE)
    _check_goal(due_on=due_on, skill=skill, target_level=target_level, is_new=True)
    proposed = by.pk == agent.pk
    goal = Goal(
        plan=_plan_for(agent, by),
        title=title,
        skill=skill,
        target_level=target_level,
        success_measure=success_measure,
        due_on=due_on,
        proposed_by=by,
        status=Goal.Status.PROPOSED if proposed else Goal.Status.OPEN,
    )
    goal.full_clean()
    goal.save()
    if not proposed and skill and target_level:
        skill_services.target_set(agent=agent, skill=skill, level=target_level, set_by=by)
    if proposed:
        transaction.on_commit(lambda: _tell_the_leads_of_a_proposal(goal))
    return goal


def _tell_the_leads_of_a_proposal(goal: Goal) -> None:
    """The agent's leads now hear of the proposal in the bell (and by e-mail); the dashboard lists it."""
    agent = goal.plan.agent
    for lead in current_leads_of_agent(agent).filter(is_active=True):
        notify(
            recipient=lead,
            kind="goal_proposed",
            template="plans/mail/goal_proposed",
            url=reverse("agent_detail", args=[agent.pk]) + f"#goal-{goal.pk}",
            context={"goal": goal, "agent_name": str(agent)},
        )


def _decided(goal: Goal, by: User) -> None:
    if goal.status == Goal.Status.PROPOSED:
        goal.decided_by, goal.decided_at = by, timezone.now()


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    by: User,
    title: str,
    skill: Skill | None = None,
    target_level: int | None = None,
    success_measure: str = "",
    due_on: date | None = None,
) -> Goal:
    """The lead edits a goal; editing a proposal accepts it."""
    access.require_rights(by, goal.plan.agent, Need.COACH)
    _check_goal(due_on=due_on, skill=skill, target_level=target_level, is_new=False)
    goal.title, goal.skill, goal.target_level = title, skill, target_level
    goal.success_measure, goal.due_on = success_measure, due_on
    if goal.status == Goal.Status.PROPOSED:
        _decided(goal, by)
        goal.status = Goal.Status.OPEN
    goal.full_clean()
    goal.save()
    if skill and target_level:
        skill_services.target_set(agent=goal.plan.agent, skill=skill, level=target_level, set_by=by)
    return goal


@transaction.atomic
def goal_accept(*, goal: Goal, by: User) -> Goal:
    if goal.status != Goal.Status.PROPOSED:
        raise ValidationError(_("Only a proposed goal can be accepted."))
    return goal_update(
        goal=goal,
        by=by,
        title=goal.title,
        skill=goal.skill,
        target_level=goal.target_level,
        success_measure=goal.success_measure,
        due_on=goal.due_on,
    )


@transaction.atomic
def goal_set_status(*, goal: Goal, by: User, status: str) -> Goal:
    access.require_rights(by, goal.plan.agent, Need.COACH)
    if status not in Goal.Status.values or status == Goal.Status.PROPOSED:
        raise ValidationError(_("This status is not possible."))
    _decided(goal, by)
    goal.status = status
    goal.save(update_fields=["status", "decided_by", "decided_at"])
    return goal


@transaction.atomic
def progress_note_add(*, goal: Goal, author: User, text: str) -> ProgressNote:
    """The agent or their lead notes what has happened."""
    access.require_rights(author, goal.plan.agent, Need.NOTE)
    if not text.strip():
        raise ValidationError(_("Please write what has happened."))
    note = ProgressNote(goal=goal, author=author, text=text.strip())
    note.full_clean()  # the text's limit
    note.save()
    return note


@transaction.atomic
def action_add(
    *,
    agent: User,
    by: User,
    kind: str,
    title: str,
    due_on: date | None = None,
    completed_on: date | None = None,
    note: str = "",
    goal: Goal | None = None,
) -> Action:
    """Add an action (the agent or their lead) to the agent's active plan, starting a plan when none is
    active."""
    access.require_rights(by, agent, Need.NOTE)
    action = Action(
        plan=_plan_for(agent, by),
        kind=kind,
        title=title,
        due_on=due_on,
        completed_on=completed_on,
        note=note,
        goal=goal,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_complete(*, action: Action, by: User, on: date | None = None) -> Action:
    access.require_rights(by, action.plan.agent, Need.NOTE)
    action.completed_on = on or timezone.localdate()
    action.save(update_fields=["completed_on"])
    return action
