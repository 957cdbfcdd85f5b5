"""What the confirm step says before a plan changes for good (see core.confirmation)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.confirmation import Confirmation


def action_complete(action, viewer) -> Confirmation:
    agent = action.plan.agent
    back = reverse("me") if viewer.pk == agent.pk else agent.get_absolute_url()
    return Confirmation(
        title=_("Mark “%(action)s” as done?") % {"action": action.title},
        consequence=_("It is recorded as done today and cannot be reopened."),
        confirm_label=_("Mark as done"),
        cancel_url=back,
    )
