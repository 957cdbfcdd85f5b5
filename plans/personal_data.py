"""Development plans, goals, progress and actions: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry

SOURCES = [
    Source("plans.DevelopmentPlan", "agent", _("your development plans"), about=True),
    Source("plans.DevelopmentPlan", "created_by", _("plans started by you")),
    Source("plans.Goal", "plan__agent", _("goals in your plans")),
    Source("plans.Goal", "proposed_by", _("goals proposed by you")),
    Source("plans.Goal", "decided_by", _("goal proposals you decided on")),
    Source("plans.ProgressNote", "goal__plan__agent", _("progress on your goals")),
    Source("plans.ProgressNote", "author", _("written by you")),
    Source("plans.Action", "plan__agent", _("actions in your plans")),
]

REGISTER = RegisterEntry(
    title=_("Development plans"),
    purpose=_("Goals and actions agreed between agent and lead."),
    recipients=_("The agent; their current team leads; a current mentor; HR."),
)
