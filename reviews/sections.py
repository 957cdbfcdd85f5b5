"""What the reviews app adds to the shared pages (see portal/sections.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.contracts import MAIN, ForYouItem, Section
from core.site_figures import site_figure
from people import access
from people.periods import Quarter

from . import selectors
from .models import Review


def agent_page(viewer, agent, rights):
    quarter = Quarter.current()
    read = selectors.on_agent_page(viewer, agent, is_self=rights.is_self)
    # The agent's own drafts are only announced (for the self-assessment); a lead's drafts stay in the list.
    drafts = [r for r in read if r.status == Review.Status.DRAFT] if rights.is_self else []
    reviews = [r for r in read if r not in drafts]
    return [
        Section(
            template="reviews/_agent_reviews.html",
            order=50,
            column=MAIN,
            context={
                "agent": agent,
                "reviews": reviews,
                "quarter": quarter,
                "drafts_for_self": drafts,
                "can_coach": rights.can_coach,
                "current_review": any(r.cycle.label == quarter.label for r in reviews),
            },
            waiting=_waiting(reviews, drafts) if rights.is_self else [],
        )
    ]


def lead_dashboard(viewer, teams):
    """This quarter's reviews in each of the lead's teams."""
    quarter = Quarter.current()
    return [
        Section(
            template="reviews/_completion.html",
            order=20,
            column=MAIN,
            context={
                "quarter": quarter,
                "completion": selectors.completion_by_team(quarter, teams),
            },
        )
    ]


def hr_overview(viewer):
    """This quarter's reviews across the site, and the teams furthest behind (not every team)."""
    quarter = Quarter.current()

    def summary_of_site():
        return selectors.completion_summary(quarter, access.teams_visible_to(viewer))

    summary = (
        site_figure(f"review-completion:{quarter.label}", summary_of_site)
        if access.is_hr_or_admin(viewer)
        else summary_of_site()
    )
    return [
        Section(
            template="reviews/_completion.html",
            order=20,
            column=MAIN,
            context={
                "quarter": quarter,
                "completion": summary.behind,
                "site": summary,
            },
        )
    ]


def _waiting(reviews, drafts) -> list:
    """A shared review to read and acknowledge; a self-assessment the lead asked for."""
    return [
        ForYouItem(
            kind="review",
            label=_("Review to read and acknowledge"),
            url=review.get_absolute_url(),
            title=_("Quarterly review %(quarter)s") % {"quarter": review.cycle.quarter.display},
            when=review.shared_at,
            action=_("Read and acknowledge"),
        )
        for review in filter(
            selectors.awaits_acknowledgement, reviews
        )  # portal.sections orders them by date
    ] + [
        ForYouItem(
            kind="self_assessment",
            label=_("Self-assessment asked for"),
            url=reverse("reviews:self_assess", args=[review.pk]),
            title=_("Before your %(quarter)s review") % {"quarter": review.cycle.quarter.display},
            when=review.self_assessment_requested_at,
            action=_("Write self-assessment"),
        )
        for review in filter(selectors.asks_self_assessment, drafts)
    ]
