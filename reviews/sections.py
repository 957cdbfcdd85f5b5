"""What the reviews app adds to the shared pages (see portal/sections.py)."""

from types import SimpleNamespace

from django.urls import reverse
from django.utils.translation import gettext as _

from people import access
from people.periods import Quarter

from . import selectors
from .models import Review


def agent_page(viewer, agent):
    quarter = Quarter.current()
    reviews = list(selectors.reviews_visible_to(viewer).filter(agent=agent).order_by("-cycle__label"))
    is_self = viewer.pk == agent.pk
    drafts = list(Review.objects.filter(agent=agent, status=Review.Status.DRAFT).select_related("cycle")) if is_self else []
    return [SimpleNamespace(template="reviews/_agent_reviews.html", order=50, column="main", context={
        "agent": agent, "reviews": reviews, "quarter": quarter, "drafts_for_self": drafts,
        "can_coach": access.can_coach(viewer, agent),
        "current_review": any(r.cycle.label == quarter.label for r in reviews),
    })]


def completion(viewer):
    """This quarter's reviews per team the viewer may see: the lead's dashboard and HR's overview alike."""
    quarter = Quarter.current()
    return [SimpleNamespace(template="reviews/_completion.html", order=20, column="main", context={
        "quarter": quarter, "completion": selectors.completion_by_team(quarter, access.teams_visible_to(viewer)),
    })]


def for_you(agent):
    """A shared review to read and acknowledge; a self-assessment the lead asked for."""
    shared, asked = selectors.awaiting_agent(agent)
    return [
        SimpleNamespace(kind="review", label=_("Review to read and acknowledge"), url=review.get_absolute_url(),
                        title=_("Quarterly review %(quarter)s") % {"quarter": review.cycle.label},
                        when=review.shared_at, action=_("Read and acknowledge"))
        for review in shared
    ] + [
        SimpleNamespace(kind="self_assessment", label=_("Self-assessment asked for"),
                        url=reverse("reviews:self_assess", args=[review.pk]),
                        title=_("Before your %(quarter)s review") % {"quarter": review.cycle.label},
                        when=review.self_assessment_requested_at, action=_("Write self-assessment"))
        for review in asked
    ]


lead_dashboard = completion
hr_overview = completion
