"""What the confirm step says before a note is shown to the agent (see core.confirmation)."""

from django.utils.translation import gettext as _

from core.confirmation import Confirmation


def share(note) -> Confirmation:
    return Confirmation(
        title=_("Share this note with %(agent)s?") % {"agent": note.agent},
        consequence=_(
            "%(agent)s can read it from now on and is asked to acknowledge it; sharing cannot be undone. "
            "Changes you make afterwards stay visible as earlier versions."
        )
        % {"agent": note.agent},
        confirm_label=_("Share the note"),
        cancel_url=note.get_absolute_url(),
    )


def acknowledge(note) -> Confirmation:
    return Confirmation(
        title=_("Confirm that you have read this feedback?"),
        consequence=_(
            "Your lead sees that you have read it, with your comment if you wrote one. The "
            "confirmation cannot be taken back."
        ),
        confirm_label=_("Confirm reading"),
        cancel_url=note.get_absolute_url(),
    )
