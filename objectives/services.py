"""Changes to objectives: each takes the acting user and checks it through the rulebook (people.access).

What a user may not touch answers 404; input that cannot be right (an objective without a measure, a
target in the wrong direction, a period that ended, a team the lead does not lead) is a ValidationError
with a clear message, and nothing is saved.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.i18n import local_date
from people import access
from people.models import User
from plans.models import Goal
from skills.models import Skill

from .models import (
    Confirmation,
    Direction,
    GoalLink,
    Measure,
    Proposal,
    ServiceObjective,
    TeamObjective,
    period_bounds,
)
from .selectors import OPEN_GOALS, PUBLISHED, team_objectives_visible_to

# The direction in which each key figure gets better; contacts and figures reported by hand go either way.
BETTER = {
    Measure.FCR: Direction.AT_LEAST,
    Measure.CSAT: Direction.AT_LEAST,
    Measure.QA_SCORE: Direction.AT_LEAST,
    Measure.AHT: Direction.AT_MOST,
}
RANGES = {
    Measure.FCR: (0.0, 100.0),
    Measure.CSAT: (1.0, 5.0),
    Measure.QA_SCORE: (0.0, 100.0),
    Measure.AHT: (1.0, 36000.0),
    Measure.CONTACTS: (0.0, 1_000_000.0),
    Measure.MANUAL: (-1_000_000_000.0, 1_000_000_000.0),
}
NUMBERS = {"quarter": 4, "half_year": 2, "year": 1}


def _check_target(measure: str, direction: str, target: float | None, field: str) -> None:
    if target is None:
        return
    low, high = RANGES[Measure(measure)]
    if not low <= target <= high:
        raise ValidationError(
            {
                field: _("For %(measure)s the target lies between %(low)s and %(high)s.")
                % {"measure": Measure(measure).label, "low": f"{low:g}", "high": f"{high:g}"}
            }
        )


def _validate_objective(objective: ServiceObjective, today: date) -> None:
    errors: dict[str, str] = {}
    if not (objective.title_en.strip() or objective.title_de.strip()):
        errors["title_en"] = _("Give the objective a title in at least one language.")
    if not objective.measure:
        errors["measure"] = _(
            "Say how progress is measured: a key figure with its target, or a figure reported by hand."
        )
    elif objective.target is None:
        errors["target"] = _("Give the target the measure should reach.")
    if errors:
        raise ValidationError(errors)
    better = BETTER.get(Measure(objective.measure))
    if better and objective.direction != better:
        raise ValidationError(
            {
                "direction": _(
                    "For %(measure)s the target is wrong way round: choose “%(direction)s”."
                )
                % {"measure": Measure(objective.measure).label, "direction": better.label}
            }
        )
    _check_target(objective.measure, objective.direction, objective.target, "target")
    _check_target(objective.measure, objective.direction, objective.baseline, "baseline")
    if objective.baseline is not None and objective.target is not None:
        wrong_way = (
            objective.target <= objective.baseline
            if objective.direction == Direction.AT_LEAST
            else objective.target >= objective.baseline
        )
        if wrong_way:
            raise ValidationError(
                {
                    "target": _(
                        "The target lies in the wrong direction: with “%(direction)s” it must be "
                        "beyond where we start (%(baseline)s)."
                    )
                    % {
                        "direction": Direction(objective.direction).label,
                        "baseline": f"{objective.baseline:g}",
                    }
                }
            )
    if not 1 <= objective.number <= NUMBERS[objective.period_kind]:
        raise ValidationError(
            {"number": _("This period has no number %(number)s.") % {"number": objective.number}}
        )
    if not 2000 <= objective.year <= 2199:
        raise ValidationError({"year": _("Choose a year between 2000 and 2199.")})
    objective.starts_on, objective.ends_on = period_bounds(
        objective.period_kind, objective.year, objective.number
    )
    if objective.ends_on < today:
        raise ValidationError(
            {
                "year": _("This period ended on %(day)s: choose a current or a coming period.")
                % {"day": local_date(objective.ends_on)}
            }
        )


@transaction.atomic
def objective_save(*, objective: ServiceObjective, by: User) -> ServiceObjective:
    """Write or change a service objective (HR); the period's dates follow from its kind and number."""
    access.require(access.may_write_service_objectives(by))
    _validate_objective(objective, timezone.localdate())
    if objective.author_id is None:
        objective.author = by
    objective.full_clean()
    objective.save()
    return objective


@transaction.atomic
def objective_publish(*, objective: ServiceObjective, by: User) -> ServiceObjective:
    """Publish to every team: leads may then propose their team's part, agents read it on /me/."""
    access.require(access.may_write_service_objectives(by))
    _validate_objective(objective, timezone.localdate())
    if objective.is_published:
        return objective
    objective.status, objective.published_at = ServiceObjective.Status.PUBLISHED, timezone.now()
    objective.save(update_fields=["status", "published_at", "starts_on", "ends_on"])
    return objective


def objective_confirm(*, objective: ServiceObjective, by: User) -> Confirmation:
    """The agent confirms having read the objective; confirming again changes nothing."""
    access.require(access.may_confirm_service_objective(by, published=objective.is_published))
    confirmation, _created = Confirmation.objects.get_or_create(objective=objective, agent=by)
    return confirmation


@transaction.atomic
def team_objective_save(
    *, team_objective: TeamObjective, by: User, skills: Iterable[Skill] | None = None
) -> TeamObjective:
    """The team's lead proposes (or changes, until HR agrees) the team's part in a service objective."""
    service = team_objective.service_objective
    access.require(
        access.service_objectives_visible_to(
            by, ServiceObjective.objects.filter(pk=service.pk), published_q=PUBLISHED
        ).exists()
    )
    if not access.may_propose_team_objective(by, team_objective.team):
        raise ValidationError(
            {"team": _("You can only propose objectives for teams you lead now.")}
        )
    if not service.is_published:
        raise ValidationError(_("The service objective is not published yet."))
    if service.ends_on < timezone.localdate():
        raise ValidationError(_("The period of this objective has ended."))
    if team_objective.pk and team_objective.is_agreed:
        raise ValidationError(_("HR has agreed this team objective; it can no longer be changed."))
    if not team_objective.title.strip():
        raise ValidationError({"title": _("Say in one sentence what the team contributes.")})
    _check_target(
        service.measure or Measure.MANUAL, service.direction, team_objective.target, "target"
    )
    team_objective.proposed_by = by
    team_objective.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            team_objective.save()
            if skills is not None:
                team_objective.skills.set(skills)
    except IntegrityError:
        raise ValidationError(
            {"team": _("This team already has its part in this objective: change that one.")}
        ) from None
    return team_objective


@transaction.atomic
def team_objective_agree(*, team_objective: TeamObjective, by: User) -> TeamObjective:
    """HR agrees the team's part: from now its agents see it on /me/."""
    access.require(access.may_agree_team_objectives(by))
    if team_objective.service_objective.ends_on < timezone.localdate():
        raise ValidationError(_("The period of this objective has ended."))
    if team_objective.is_agreed:
        return team_objective
    team_objective.status = TeamObjective.Status.AGREED
    team_objective.agreed_by, team_objective.agreed_at = by, timezone.now()
    team_objective.save(update_fields=["status", "agreed_by", "agreed_at"])
    return team_objective


@transaction.atomic
def team_objective_report(
    *, team_objective: TeamObjective, by: User, value: float, on: date
) -> TeamObjective:
    """The lead reports the figure of an objective that no key figure measures."""
    access.require(access.may_propose_team_objective(by, team_objective.team))
    service = team_objective.service_objective
    if service.measured_by_key_figure:
        raise ValidationError(_("This objective is measured from the key figures, not by hand."))
    if on > timezone.localdate() or on < service.starts_on:
        raise ValidationError({"on": _("Report a figure for a day of the period, up to today.")})
    _check_target(Measure.MANUAL, service.direction, value, "value")
    team_objective.reported_value, team_objective.reported_on = value, on
    team_objective.save(update_fields=["reported_value", "reported_on"])
    return team_objective


@transaction.atomic
def goal_link(*, goal: Goal, team_objective: TeamObjective | None, by: User) -> Goal:
    """The agent names the team objective their development goal serves (None: it serves none)."""
    access.require(access.may_link_goal(by, goal.plan.agent_id))
    if goal.status not in OPEN_GOALS:
        raise ValidationError(_("Only an open goal can be linked to an objective."))
    if team_objective is None:
        GoalLink.objects.filter(goal=goal).delete()
        return goal
    if not team_objectives_visible_to(by).filter(pk=team_objective.pk).exists():
        raise ValidationError({"team_objective": _("Choose one of your team's objectives.")})
    GoalLink.objects.update_or_create(
        goal=goal, defaults={"team_objective": team_objective, "linked_by": by}
    )
    return goal


@transaction.atomic
def proposal_create(*, team_objective: TeamObjective, by: User, text: str) -> Proposal:
    """An agent proposes an improvement for their team's objective."""
    access.require(team_objectives_visible_to(by).filter(pk=team_objective.pk).exists())
    access.require(access.may_propose_improvement(by, team_objective.team_id))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Please write your proposal.")})
    if len(text) > 2000:
        raise ValidationError({"text": _("A proposal may be at most 2,000 characters long.")})
    return Proposal.objects.create(team_objective=team_objective, agent=by, text=text)


@transaction.atomic
def proposal_answer(*, proposal: Proposal, by: User, answer: str, reason: str) -> Proposal:
    """The team's lead answers: taken up, or not now, and why."""
    access.require(access.may_answer_proposals(by, proposal.team_objective.team))
    if answer not in (Proposal.Answer.TAKEN_UP, Proposal.Answer.NOT_NOW):
        raise ValidationError({"answer": _("Choose “Taken up” or “Not now”.")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, in a sentence or two.")})
    proposal.answer, proposal.reason = answer, reason
    proposal.answered_by, proposal.answered_at = by, timezone.now()
    proposal.save(update_fields=["answer", "reason", "answered_by", "answered_at"])
    return proposal
