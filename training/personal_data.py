"""Trainings, onboarding, the calendar feed and the skills a mentoring is about: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry

SOURCES = [
    Source(
        "training.PairingFocusSkill",
        "pairing__mentee",
        _("the skills your mentoring is about"),
        about=True,
    ),
    Source("training.Enrollment", "agent", _("your trainings"), about=True),
    Source("training.CalendarFeed", "user", _("your calendar link"), omit=("token",), about=True),
    Source("training.OnboardingAssignment", "agent", _("your onboarding"), about=True),
]

REGISTER = RegisterEntry(
    title=_("Training and onboarding"),
    purpose=_("Course enrollments, attendance, onboarding, the calendar feed."),
    recipients=_("The agent; their current team leads; HR."),
)
