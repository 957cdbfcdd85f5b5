"""A low-scoring question tied to a skill becomes a development goal in one click."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from people import access
from people.models import User
from plans import services as plan_services
from plans.models import Goal
from skills.selectors import current_levels

from ..models import Question

HIGHEST_LEVEL = 5


@transaction.atomic
def goal_from_question(*, by: User, agent: User, question: Question) -> Goal:
    """A goal on the question's skill, one level above the agent's current level (at most 5)."""
    if not access.can_coach(by, agent):
        raise ValidationError(_("Only the agent's team lead turns evidence into a goal."))
    if question.skill_id is None:
        raise ValidationError(_("This question is tied to no skill."))
    level = current_levels([agent.pk]).get(agent.pk, {}).get(question.skill_id)
    target = min(HIGHEST_LEVEL, (level or 0) + 1)
    return plan_services.goal_create(
        agent=agent,
        by=by,
        title=f"{question.skill}: {question}"[:200],
        skill=question.skill,
        target_level=max(target, 1),
        success_measure=_("The question “%(question)s” is answered well in the next evaluations.")
        % {"question": question},
    )
