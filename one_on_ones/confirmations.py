"""What the confirm step says before a meeting is finished (see core.confirmation)."""

from django.utils.translation import gettext as _

from core.confirmation import Confirmation


def finish(meeting, open_points: int) -> Confirmation:
    return Confirmation(
        title=_("Finish this one-on-one?"),
        consequence=_(
            "Its agenda stays as it is; %(count)d unchecked point(s) move on to the next one-on-one. "
            "Notes and action items can still be added."
        )
        % {"count": open_points},
        confirm_label=_("Finish the one-on-one"),
        cancel_url=meeting.get_absolute_url(),
    )


def delete(title: str, meeting) -> Confirmation:
    """Deleting a talking point, a shared note or an action item: it is gone for both people."""
    return Confirmation(
        title=title,
        consequence=_("It is gone for both of you and cannot be restored."),
        confirm_label=_("Delete"),
        cancel_url=meeting.get_absolute_url(),
    )
