"""What the reviews app adds to the shared pages (see portal/sections.py)."""

from types import SimpleNamespace

from people import access
from people.periods import Quarter
from people.site_figures import site_figure

from . import selectors
from .models import Review


def agent_page(viewer, agent, rights):
    quarter = Quarter.current()
    reviews = list(selectors.reviews_visible_to(viewer).filter(agent=agent).order_by("-cycle__label"))
    drafts = list(Review.objects.filter(agent=agent, status=Review.Status.DRAFT).select_related("cycle")) \
        if rights.is_self else []
    return [SimpleNamespace(template="reviews/_agent_reviews.html", order=50, column="main", context={
        "agent": agent, "reviews": reviews, "quarter": quarter, "drafts_for_self": drafts,
        "can_coach": rights.can_coach,
        "current_review": any(r.cycle.label == quarter.label for r in reviews),
    })]


def lead_dashboard(viewer, teams):
    """This quarter's reviews in each of the lead's teams."""
    quarter = Quarter.current()
    return [SimpleNamespace(template="reviews/_completion.html", order=20, column="main", context={
        "quarter": quarter, "completion": selectors.completion_by_team(quarter, teams),
    })]


def hr_overview(viewer):
    """This quarter's reviews across the site, and the teams furthest behind (not every team)."""
    quarter = Quarter.current()

    def summary_of_site():
        return selectors.completion_summary(quarter, access.teams_visible_to(viewer))

    summary = site_figure(f"review-completion:{quarter.label}", summary_of_site) \
        if access.is_hr_or_admin(viewer) else summary_of_site()
    return [SimpleNamespace(template="reviews/_completion.html", order=20, column="main", context={
        "quarter": quarter, "completion": summary.behind, "site": summary,
    })]
