"""What the confirm step says before a briefing goes out (see core.confirmation)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.confirmation import Confirmation


def publish(briefing) -> Confirmation:
    teams = briefing.teams.count()
    return Confirmation(
        title=_("Publish “%(title)s”?") % {"title": briefing.title},
        consequence=ngettext(
            "The leads of %(count)s team see it on their dashboard and its agents are asked to confirm it. "
            "A published briefing cannot be withdrawn.",
            "The leads of %(count)s teams see it on their dashboard and their agents are asked to confirm it. "
            "A published briefing cannot be withdrawn.",
            teams,
        )
        % {"count": teams},
        confirm_label=_("Publish the briefing"),
        cancel_url=briefing.get_absolute_url(),
    )
