from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import events
from feedback.selectors import skills_with_feedback
from kpis.selectors import kpi_snapshot
from notifications.services import notify
from people import access, features
from people.models import User
from people.periods import Quarter
from qa.selectors.evaluations import skills_with_evaluations
from skills.models import Skill

from .models import Review, ReviewArea, ReviewCycle


def cycle_for(quarter: Quarter) -> ReviewCycle:
    return ReviewCycle.objects.get_or_create(label=quarter.label)[0]


@transaction.atomic
def review_start(*, reviewer: User, agent: User, quarter: Quarter) -> Review:
    if not access.can_coach(reviewer, agent):
        raise ValidationError(_("You can only review agents of the teams you lead."))
    cycle = cycle_for(quarter)
    if Review.objects.filter(cycle=cycle, agent=agent).exists():
        raise ValidationError(
            _("%(agent)s already has a review for %(quarter)s.")
            % {"agent": agent, "quarter": quarter.display}
        )
    try:
        with transaction.atomic():
            return Review.objects.create(cycle=cycle, agent=agent, reviewer=reviewer)
    except IntegrityError as error:
        raise ValidationError(
            _("%(agent)s already has a review for %(quarter)s.")
            % {"agent": agent, "quarter": quarter.display}
        ) from error


def _editable(review: Review) -> None:
    if review.status == Review.Status.ACKNOWLEDGED:
        raise ValidationError(
            _("This review was acknowledged; its content can no longer be changed.")
        )


def _check_meeting_date(review: Review, held_on: date | None) -> None:
    first, last = review.meeting_window
    if held_on is not None and not review.is_plausible_meeting_date(held_on):
        raise ValidationError(
            {
                "held_on": _(
                    "The meeting of the %(quarter)s review takes place between %(first)s and %(last)s "
                    "(within the quarter or up to %(days)s days after it)."
                )
                % {
                    "quarter": review.cycle.quarter.display,
                    "first": date_format(first, "SHORT_DATE_FORMAT"),
                    "last": date_format(last, "SHORT_DATE_FORMAT"),
                    "days": Review.MEETING_GRACE_DAYS,
                }
            }
        )


@transaction.atomic
def review_update(
    *,
    review: Review,
    by: User,
    summary: str,
    strengths: str,
    held_on: date | None = None,
    areas: Iterable[tuple[str, Skill | None]] = (),
) -> Review:
    """Save the lead's text; `areas` is a list of (text, skill or None)."""
    _require_changeable(review, by)
    _editable(review)
    _check_meeting_date(review, held_on)
    review.summary, review.strengths, review.held_on = summary, strengths, held_on
    review.save(update_fields=["summary", "strengths", "held_on"])
    review.areas.all().delete()
    ReviewArea.objects.bulk_create(
        ReviewArea(review=review, text=text, skill=skill) for text, skill in areas if text
    )
    return review


def _require_changeable(review: Review, by: User) -> None:
    """The reviewer alone changes and shares their review, while they still lead the agent."""
    changeable = access.private_records_changeable_by(
        by, Review.objects.filter(pk=review.pk), author_field="reviewer"
    )
    access.require(changeable.exists())


def surprises(review: Review, areas: Iterable[ReviewArea] | None = None) -> list[ReviewArea]:
    """Areas to improve naming a skill the agent heard no feedback about in the quarter: no coaching note
    and no shared quality evaluation with a question on the skill.

    `areas`: the review's areas with their skills, if the caller has read them already (the review page).
    """
    quarter = review.cycle.quarter
    heard = set(  # one query for both
        skills_with_feedback(review.agent, quarter.start, quarter.end).union(
            skills_with_evaluations(review.agent, quarter.start, quarter.end)
        )
    )
    areas = review.areas.select_related("skill") if areas is None else areas
    return [area for area in areas if area.skill_id and area.skill_id not in heard]


@transaction.atomic
def review_share(*, review: Review, by: User, confirmed: bool = False) -> Review:
    """Share with the agent. Areas the agent has not heard of before need the lead's explicit confirmation."""
    _require_changeable(review, by)
    held_on = review_check_shareable(review=review, confirmed=confirmed)
    review.status, review.shared_at = Review.Status.SHARED, timezone.now()
    review.held_on = held_on
    quarter = review.cycle.quarter
    # Individual key figures only where the works agreement allows them (people.features).
    review.kpi_snapshot = (
        kpi_snapshot(review.agent, quarter.first_day, quarter.next().first_day)
        if features.is_on(features.INDIVIDUAL_KPIS)
        else {}
    )
    review.save(update_fields=["status", "shared_at", "held_on", "kpi_snapshot"])
    events.publish(
        events.REVIEW_SHARED,
        subject=("review", review.pk),
        agent_id=review.agent_id,
        data={
            "reviewer": review.reviewer_id,
            "quarter": str(quarter),
            "shared_at": review.shared_at,
        },
    )
    return review


def review_check_shareable(*, review: Review, confirmed: bool = False) -> date:
    """Raise what stands in the way of sharing (asked before the confirm step, too); the meeting date it takes."""
    _editable(review)
    if review.status != Review.Status.DRAFT:
        raise ValidationError(_("This review has been shared already."))
    if not review.summary.strip():
        raise ValidationError(_("Please write a summary before sharing the review."))
    if surprises(review) and not confirmed:
        raise ValidationError(
            _(
                "Some areas to improve name skills the agent received no feedback about this "
                "quarter. Talk about them first, or confirm that you want to share anyway."
            )
        )
    held_on = review.held_on or timezone.localdate()
    _check_meeting_date(review, held_on)
    if held_on > timezone.localdate():
        raise ValidationError(
            _("The meeting is planned for %(day)s: share the review once it has taken place.")
            % {"day": date_format(held_on, "SHORT_DATE_FORMAT")}
        )
    return held_on


@transaction.atomic
def review_request_self_assessment(*, review: Review, by: User) -> Review:
    _require_changeable(review, by)
    if review.status == Review.Status.ACKNOWLEDGED:
        raise ValidationError(
            _("This review was acknowledged; its content can no longer be changed.")
        )
    review.self_assessment_requested_at = timezone.now()
    review.save(update_fields=["self_assessment_requested_at"])
    transaction.on_commit(
        lambda: notify(
            recipient=review.agent,
            kind="self_assessment_requested",
            template="reviews/mail/self_assessment_requested",
            url=reverse("reviews:detail", args=[review.pk]),
            context={"review": review, "quarter": review.cycle.label},
        )
    )
    return review


@transaction.atomic
def review_self_assess(*, review: Review, by: User, text: str) -> Review:
    """The agent's own view of the quarter, written before or after the meeting."""
    access.require(access.is_own(by, review.agent_id))
    _editable(review)
    review.self_assessment = text.strip()
    review.save(update_fields=["self_assessment"])
    return review


@transaction.atomic
def review_acknowledge(*, review: Review, by: User, comment: str = "") -> Review:
    access.require(access.is_own(by, review.agent_id))
    if review.status != Review.Status.SHARED:
        raise ValidationError(_("Only a shared review can be acknowledged."))
    review.status, review.acknowledged_at = Review.Status.ACKNOWLEDGED, timezone.now()
    review.agent_comment = comment.strip()
    review.save(update_fields=["status", "acknowledged_at", "agent_comment"])
    return review
