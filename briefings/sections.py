"""What the briefings app adds to the shared pages (see portal/sections.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.contracts import MAIN, ForYouItem, Section
from people import access

from . import selectors
from .models import Briefing

RECENT = 5


def lead_dashboard(viewer, teams):
    if not access.is_team_lead(viewer):
        return []
    open_ = selectors.open_briefings_for(teams)
    return [
        Section(
            template="briefings/_lead_briefings.html",
            order=8,
            column=MAIN,
            context={"open": open_, "any_open": any(b for _t, b in open_)},
        )
    ]


def hr_overview(viewer):
    published = Briefing.objects.filter(status=Briefing.Status.PUBLISHED)
    briefings = selectors.with_coverage_counts(published).order_by("-applies_from")[:RECENT]
    return [
        Section(
            template="briefings/_hr_briefings.html",
            order=30,
            column=MAIN,
            context={"rows": [(b, b.covered, b.total) for b in briefings]},
        )
    ]


def for_you(agent):
    """Published briefings for the agent's team that they have not confirmed yet."""
    unread = (
        selectors.briefings_visible_to(agent)
        .exclude(acknowledgements__agent=agent)
        .exclude(readings__agent=agent)
        .prefetch_related(None)
        .order_by("published_at")
    )
    return [
        ForYouItem(
            kind="briefing",
            label=_("Briefing to confirm"),
            url=briefing.get_absolute_url(),
            title=briefing.title,
            when=briefing.published_at,
            action=_("Read and confirm"),
            dismiss_url=reverse("briefings:mark_read", args=[briefing.pk]),
            dismiss_action=_("Mark as read"),
        )
        for briefing in unread
    ]
