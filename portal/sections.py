"""Sections that each app contributes to the shared pages.

The agent page (`/me/`, `/agents/<id>/`), the lead's dashboard and HR's overview
gather from every app. Each app's `sections.py` may define any of:

    def agent_page(viewer, agent, rights) -> list[Section]
    def lead_dashboard(viewer, teams) -> list[Section]
    def hr_overview(viewer) -> list[Section]
    def for_you(agent) -> list[item]     # what awaits the agent on top of `/me/`

What awaits the agent is gathered from two places: an app whose agent-page section already read
the records puts the items it found there in the section's `waiting` (only when the viewer is the
agent), so nothing is read twice; an app with nothing to read for its section defines `for_you`.
An item of "For you" has `kind`, `label` (what it is), `title`, `when` (datetime or None),
`url` (one click to where it is done) and `action` (the button's words).

A section is a template and its context; the page includes the templates in
`order`. Each provider reads its own data with its own (prefetching) selectors
and must scope it with people.access. On the agent page the viewer's rights over
the agent (`people.access.AgentRights`: is_self, can_coach, can_note) are decided
once per request and passed in; sections use them instead of asking the policy again.
Likewise the lead's dashboard passes the teams the lead may see, read once.
"""

from dataclasses import dataclass, field
from importlib import import_module

SECTION_MODULES = [
    "skills.sections",
    "plans.sections",
    "training.sections",
    "kpis.sections",
    "feedback.sections",
    "reviews.sections",
    "reports.sections",
    "briefings.sections",
    "notifications.sections",
]

MAIN = "main"
SIDE = "side"


@dataclass
class Section:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50
    column: str = MAIN
    waiting: list = field(default_factory=list)


def collect(page: str, *args) -> list[Section]:
    sections = []
    for module_name in SECTION_MODULES:
        provider = getattr(import_module(module_name), page, None)
        if provider is not None:
            sections.extend(provider(*args))
    return sorted(sections, key=lambda s: s.order)


def for_you(agent, agent_page_sections=()) -> list:
    """What awaits the agent, gathered from every app: the oldest first, undated ones last."""
    items = [item for section in agent_page_sections for item in getattr(section, "waiting", ())]
    for module_name in SECTION_MODULES:
        provider = getattr(import_module(module_name), "for_you", None)
        if provider is not None:
            items.extend(provider(agent))
    return sorted(
        items, key=lambda item: (item.when is None, item.when.timestamp() if item.when else 0)
    )
