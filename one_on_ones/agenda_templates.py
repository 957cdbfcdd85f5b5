"""Agenda templates in German and English: a set of points to start a meeting's agenda with."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class AgendaTemplate:
    key: str
    name: str
    points: tuple


TEMPLATES = {
    t.key: t
    for t in (
        AgendaTemplate(
            "check_in",
            _("Check-in"),
            (
                _("How are you, and how was your week?"),
                _("What went well since we last spoke?"),
                _("Where are you stuck, and what would help?"),
            ),
        ),
        AgendaTemplate(
            "wellbeing",
            _("Wellbeing"),
            (
                _("How is your workload at the moment?"),
                _("Breaks, shifts and recovery: what works, what does not?"),
                _("What would make your working day easier?"),
            ),
        ),
        AgendaTemplate(
            "career",
            _("Career conversation"),
            (
                _("Where do you want to be in a year?"),
                _("Which skills do you want to build next?"),
                _("Which training, mentoring or project would help?"),
            ),
        ),
        AgendaTemplate(
            "difficult_contact",
            _("After a difficult contact"),
            (
                _("What happened, in your words?"),
                _("How are you now?"),
                _("What would help you next time, and what do you need from me?"),
            ),
        ),
    )
}
