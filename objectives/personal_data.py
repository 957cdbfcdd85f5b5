"""Service and team objectives, goal links and improvement proposals: the app's personal data,
gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry, RetentionRule
from core.periods import moment, months_before

from .models import Proposal

SOURCES = [
    Source("objectives.ServiceObjective", "author", _("service objectives written by you")),
    Source("objectives.TeamObjective", "proposed_by", _("team objectives proposed by you")),
    Source("objectives.TeamObjective", "agreed_by", _("team objectives agreed by you")),
    Source("objectives.GoalLink", "goal__plan__agent", _("which team objective your goals serve")),
    Source("objectives.GoalLink", "linked_by", _("goals you linked to a team objective")),
    Source("objectives.Proposal", "agent", _("your improvement proposals"), about=True),
    Source(
        "objectives.Confirmation",
        "agent",
        _("service objectives you confirmed having read"),
        about=True,
    ),
    Source("objectives.Proposal", "answered_by", _("improvement proposals you answered")),
]


def _objective_proposals(today):
    """Improvement proposals, counted from their answer (or, unanswered, from when they were made)."""
    cutoff = moment(months_before(today, settings.RETENTION_MONTHS["objective_proposals"]))
    return Proposal.objects.filter(
        Q(answered_at__lt=cutoff) | Q(answered_at__isnull=True, created_at__lt=cutoff)
    )


RETENTION = [
    RetentionRule(
        key="objective_proposals",
        label=_("Improvement proposals"),
        what_happens=_(
            "deleted with their answer, months after the answer (unanswered: after the proposal)"
        ),
        expired=_objective_proposals,
    ),
]

REGISTER = RegisterEntry(
    title=_("Service objectives and improvement proposals"),
    purpose=_(
        "The service's and each team's objectives with the team's progress from its key figures "
        "(never an individual's); which development goals serve them; agents' improvement "
        "proposals and the lead's answers; which agents confirmed having read a service objective."
    ),
    recipients=_(
        "Proposals: the team reads them without the author's name, its current lead with it; "
        "HR sees only how many. Goal links: the agent and whoever sees their plan. Confirmations of "
        "reading: the team's lead by name, HR as a count per team."
    ),
)
