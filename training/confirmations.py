"""What the confirm step says before an enrollment changes for good (see core.confirmation)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.confirmation import Confirmation


def enrollment_action(enrollment, action: str) -> Confirmation | None:
    """The confirmation an enrollment action needs; every action needs one."""
    names = {"agent": enrollment.agent, "course": enrollment.session.course.title}
    back = enrollment.session.get_absolute_url()
    if action == "approve":
        return Confirmation(
            title=_("Give %(agent)s a place in “%(course)s”?") % names,
            consequence=_(
                "%(agent)s is told at once and the place is taken; freeing it again means cancelling "
                "the enrollment."
            )
            % names,
            confirm_label=_("Approve the place"),
            cancel_url=back,
        )
    if action == "cancel":
        return Confirmation(
            title=_("Cancel the enrollment of %(agent)s in “%(course)s”?") % names,
            consequence=_(
                "The place goes to the first person on the waiting list. The enrollment cannot be restored; "
                "%(agent)s would have to be enrolled again, if a place is free."
            )
            % names,
            confirm_label=_("Cancel the enrollment"),
            cancel_url=back,
            danger=True,
        )
    if action == "attended":
        return Confirmation(
            title=_("Mark %(agent)s as attended in “%(course)s”?") % names,
            consequence=_(
                "Attendance cannot be taken back. It allows completing the training, which adds it to "
                "the development plan and proposes higher skill levels."
            ),
            confirm_label=_("Mark as attended"),
            cancel_url=back,
        )
    if action == "complete":
        return Confirmation(
            title=_("Mark “%(course)s” as completed by %(agent)s?") % names,
            consequence=_(
                "Completion cannot be taken back: the training is added to the development plan of "
                "%(agent)s and you are asked to confirm the skill levels the course raises."
            )
            % names,
            confirm_label=_("Mark as completed"),
            cancel_url=back,
        )
    return None


def calendar_link_renewal() -> Confirmation:
    return Confirmation(
        title=_("Make a new calendar link?"),
        consequence=_(
            "The old link stops working at once: calendars that subscribed to it no longer update "
            "until you subscribe to the new one."
        ),
        confirm_label=_("Make a new link"),
        cancel_url=reverse("training:calendar"),
        danger=True,
    )


def pairing_create(mentor, mentee) -> Confirmation:
    return Confirmation(
        title=_("Choose %(mentor)s to mentor %(mentee)s?") % {"mentor": mentor, "mentee": mentee},
        consequence=_(
            "Both are told at once and the mentoring starts; another mentor means ending this "
            "mentoring first."
        ),
        confirm_label=_("Choose as mentor"),
        cancel_url=reverse("training:mentor_suggestions", args=[mentee.pk]),
    )


def pairing_end(pairing) -> Confirmation:
    return Confirmation(
        title=_("End the mentoring of %(mentee)s by %(mentor)s?")
        % {"mentee": pairing.mentee, "mentor": pairing.mentor},
        consequence=_(
            "An ended mentoring cannot be restarted and takes no more check-ins; a new pairing would be "
            "needed."
        ),
        confirm_label=_("End the mentoring"),
        cancel_url=reverse("training:pairing", args=[pairing.pk]),
        danger=True,
    )
