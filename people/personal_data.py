"""Accounts, memberships, profiles and mentoring: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry

SOURCES = [
    Source("people.User", "pk", _("your account"), omit=("password",)),
    Source("people.TeamMembership", "user", _("your team memberships"), about=True),
    Source("people.AgentProfile", "user", _("your profile"), about=True),
    Source("people.MentorPairing", "mentee", _("as mentee"), about=True),
    Source("people.MentorPairing", "mentor", _("as mentor")),
    Source("people.MentorPairing", "created_by", _("arranged by you")),
    Source("people.MentorCheckIn", "pairing__mentee", _("check-ins of your mentoring"), about=True),
    Source("people.MentorCheckIn", "pairing__mentor", _("check-ins as mentor")),
    Source("people.MentorCheckIn", "author", _("written by you")),
]

REGISTER = RegisterEntry(
    title=_("Accounts, teams and mentoring"),
    purpose=_(
        "Sign-in; who belongs to which team and who leads it, with history; mentor pairings."
    ),
    recipients=_(
        "The person; their current team leads; mentor and mentee of a pairing; HR; administrators."
    ),
)
