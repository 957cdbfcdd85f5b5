"""Briefings, confirmations, questions and team meetings: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry

SOURCES = [
    Source("briefings.Briefing", "author", _("briefings written by you")),
    Source("briefings.TeamMeeting", "lead", _("team meetings you led")),
    Source("briefings.TeamMeeting", "attendees", _("team meetings you attended")),
    Source("briefings.Acknowledgement", "agent", _("briefings you confirmed"), about=True),
    Source("briefings.Reading", "agent", _("briefings you marked as read"), about=True),
    Source("briefings.Question", "agent", _("questions you asked"), about=True),
    Source("briefings.Question", "answered_by", _("questions you answered")),
]

REGISTER = RegisterEntry(
    title=_("Team briefings"),
    purpose=_("Which agents confirmed a briefing and which questions they asked."),
    recipients=_("The team's lead; HR."),
)
