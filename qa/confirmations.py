"""What the confirm step says before an evaluation is shared or a calibration revealed (core.confirmation)."""

from django.utils.translation import gettext as _

from core.confirmation import Confirmation


def share(evaluation) -> Confirmation:
    return Confirmation(
        title=_("Share this evaluation with %(agent)s?") % {"agent": evaluation.agent},
        consequence=_(
            "%(agent)s can read it from now on, is asked to acknowledge it and may dispute single "
            "answers within %(days)s days. Sharing cannot be undone; the score is kept as its first "
            "version."
        )
        % {"agent": evaluation.agent, "days": evaluation.dispute_days},
        confirm_label=_("Share the evaluation"),
        cancel_url=evaluation.get_absolute_url(),
    )


def delete(evaluation) -> Confirmation:
    return Confirmation(
        title=_("Delete this draft evaluation?"),
        consequence=_(
            "Its answers and comments are deleted; this cannot be undone. The agent never saw it; "
            "its place under the monthly cap is free again."
        ),
        confirm_label=_("Delete the draft"),
        cancel_url=evaluation.get_absolute_url(),
        danger=True,
    )


def reveal(session) -> Confirmation:
    return Confirmation(
        title=_("Reveal the answers of “%(session)s”?") % {"session": session},
        consequence=_(
            "Everyone taking part sees everyone's answers; whoever has not submitted by now no longer "
            "can. This cannot be undone."
        ),
        confirm_label=_("Reveal the answers"),
        cancel_url=session.get_absolute_url(),
    )
