"""What the confirm step says before a review goes out (see core.confirmation)."""

from django.utils.translation import gettext as _

from core.confirmation import Confirmation


def share(review) -> Confirmation:
    names = {"agent": review.agent, "quarter": review.cycle.quarter.display}
    return Confirmation(
        title=_("Share the %(quarter)s review with %(agent)s?") % names,
        consequence=_(
            "%(agent)s can read it at once and is asked to acknowledge it. A shared review can no longer "
            "be taken back; until it is acknowledged you can still change its text."
        )
        % names,
        confirm_label=_("Share the review"),
        cancel_url=review.get_absolute_url(),
    )


def request_self_assessment(review) -> Confirmation:
    return Confirmation(
        title=_("Ask %(agent)s for a self-assessment?") % {"agent": review.agent},
        consequence=_(
            "%(agent)s gets a notification and an e-mail asking for a self-assessment before the "
            "meeting."
        )
        % {"agent": review.agent},
        confirm_label=_("Send the request"),
        cancel_url=review.get_absolute_url(),
    )


def acknowledge(review) -> Confirmation:
    return Confirmation(
        title=_("Acknowledge the %(quarter)s review?") % {"quarter": review.cycle.quarter.display},
        consequence=_(
            "Your lead sees that you have read it, with your comment if you wrote one. The "
            "acknowledgement cannot be taken back and the review's text no longer changes."
        ),
        confirm_label=_("Acknowledge the review"),
        cancel_url=review.get_absolute_url(),
    )
