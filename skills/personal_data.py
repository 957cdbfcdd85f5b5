"""Skill ratings, levels, targets and career wishes: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry

SOURCES = [
    Source("skills.SkillRating", "agent", _("ratings of your skills"), about=True),
    Source("skills.SkillRating", "rated_by", _("ratings given by you")),
    Source("skills.CurrentLevel", "agent", _("your current skill levels"), about=True),
    Source("skills.TargetLevel", "agent", _("your target levels"), about=True),
    Source("skills.TargetLevel", "set_by", _("target levels set by you")),
    Source("skills.CareerWish", "agent", _("your career wishes"), about=True),
]

NOT_EXPORTED = {
    "skills.CurrentLevel.agent": "Derived from the skill ratings and target levels, which are exported.",
}

REGISTER = RegisterEntry(
    title=_("Skills, targets and career wishes"),
    purpose=_(
        "Development: skill levels against targets, the team's skills matrix, career wishes."
    ),
    recipients=_("The agent; their current team leads; HR."),
)
