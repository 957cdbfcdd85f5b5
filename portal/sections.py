"""Sections that each app contributes to the shared pages.

The agent page (`/me/`, `/agents/<id>/`), the lead's dashboard and HR's overview
gather from every app. Each app's `sections.py` may define any of the providers typed in
`core.contracts` (`Section`, `ForYouItem`):

    def agent_page(viewer, agent, rights) -> list[Section]
    def lead_dashboard(viewer, teams) -> list[Section]
    def hr_overview(viewer) -> list[Section]
    def for_you(agent) -> list[ForYouItem]     # what awaits the agent on top of `/me/`
    def agent_row(viewer) -> dict              # annotations read with the page's agent (`annotate`)
    def team_row(viewer) -> dict               # annotations read with the dashboard's or HR's teams

What awaits the agent is gathered from two places: an app whose agent-page section already read
the records puts the items it found there in the section's `waiting` (only when the viewer is the
agent), so nothing is read twice; an app with nothing to read for its section defines `for_you`.

A section is a template and its context; the page includes the templates in
`order`. Each provider reads its own data with its own (prefetching) selectors
and must scope it with people.access. On the agent page the viewer's rights over
the agent (`people.access.AgentRights`: is_self, can_coach, can_note) are decided
once per request and passed in; sections use them instead of asking the policy again.
Likewise the lead's dashboard passes the teams the lead may see, read once.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings

from core.contracts import ForYouItem, Section

SECTION_MODULES = [
    "skills.sections",
    "plans.sections",
    "training.sections",
    "kpis.sections",
    "feedback.sections",
    "qa.sections",
    "reviews.sections",
    "reports.sections",
    "briefings.sections",
    "objectives.sections",
    "one_on_ones.sections",
    "notifications.sections",
]

PAGES = ("agent_page", "lead_dashboard", "hr_overview")


def collect(page: str, *args) -> list[Section]:
    sections = []
    for module_name in SECTION_MODULES:
        provider = getattr(import_module(module_name), page, None)
        if provider is not None:
            sections.extend(_checked(provider(*args), Section, provider))
    return sorted(sections, key=lambda s: s.order)


ROWS = ("agent_row", "team_row")


def annotate(row: str, viewer, queryset):
    """The page's agent (`agent_row`) or teams (`team_row`) with what apps read in the same query
    (`<app>.sections.agent_row(viewer)` returns annotations): their sections add no query."""
    if row not in ROWS:
        raise ValueError(f"{row!r} is not one of {ROWS}")
    for module_name in SECTION_MODULES:
        provider = getattr(import_module(module_name), row, None)
        if provider is not None:
            queryset = queryset.annotate(**provider(viewer))
    return queryset


def for_you(agent, agent_page_sections=()) -> list[ForYouItem]:
    """What awaits the agent, gathered from every app: the newest first, undated ones last."""
    items = [item for section in agent_page_sections for item in section.waiting]
    for module_name in SECTION_MODULES:
        provider = getattr(import_module(module_name), "for_you", None)
        if provider is not None:
            items.extend(_checked(provider(agent), ForYouItem, provider))
    return sorted(
        items, key=lambda item: (item.when is None, -item.when.timestamp() if item.when else 0)
    )


@dataclass(frozen=True)
class ForYouGroup:
    label: str  # the kind's words, e.g. "Feedback to acknowledge"
    items: list


def for_you_grouped(items: list[ForYouItem], now: datetime) -> dict:
    """ "For you" kept short: grouped by kind (the kind with the newest item first, newest first in
    each), and what waits longer than FOR_YOU_RECENT_DAYS folded into "earlier"."""
    since = now - timedelta(days=settings.FOR_YOU_RECENT_DAYS)
    recent = [item for item in items if item.when is None or item.when >= since]
    earlier = [item for item in items if item.when is not None and item.when < since]
    return {"recent": _groups(recent), "earlier": _groups(earlier), "earlier_count": len(earlier)}


def _groups(items: list[ForYouItem]) -> list[ForYouGroup]:
    by_kind: dict[str, list[ForYouItem]] = {}
    for item in items:  # already newest first: a kind's place is that of its newest item
        by_kind.setdefault(item.kind, []).append(item)
    return [ForYouGroup(label=group[0].label, items=group) for group in by_kind.values()]


def _checked(contributed, kind, provider) -> list:
    """A provider that returns anything but the contract's type fails here, not in a template."""
    contributed = list(contributed)
    for item in contributed:
        if not isinstance(item, kind):
            raise TypeError(
                f"{provider.__module__}.{provider.__name__} returned {item!r}, not a {kind.__name__}"
            )
    return contributed
