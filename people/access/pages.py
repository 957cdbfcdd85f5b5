"""Which pages a user opens at all: lead-only pages, HR pages, one's own growth pages.

Each `require_*` answers 404 to everyone else, as if the page did not exist; `pages_open_to` is the
same answer for the navigation, so a link shows exactly where the page opens.
A works-council switch that is off closes its pages to everyone (see `people.features`).
"""

from dataclasses import dataclass

from django.http import Http404

from .. import features
from ..models import User
from .directory import opens_the_admin
from .qa import may_see_qa_reports
from .roles import is_agent, is_hr_or_admin, is_qa_specialist, is_team_lead


def require(allowed: bool) -> None:
    """404 unless `allowed`: what a user may not see does not exist for them."""
    if not allowed:
        raise Http404


def require_own_growth_pages(user: User) -> None:
    """`/me/` and what an agent does for themselves (career wishes, asking to join a session,
    confirming a briefing): agents only."""
    require(is_agent(user))


def require_lead_pages(user: User) -> None:
    """The lead's dashboard, the feedback inbox, writing a note, recording a team meeting: team leads."""
    require(is_team_lead(user))


def require_hr(user: User) -> None:
    """HR's overview, exports, the audit, the works-council page: HR and admins."""
    require(is_hr_or_admin(user))


def opens_team_overviews(user: User) -> bool:
    """Figures across the agents one may see (skills matrix, career wishes, training needs, setting up a
    new hire): leads, HR and admins, never agents."""
    return is_team_lead(user) or is_hr_or_admin(user)


def require_team_overviews(user: User) -> None:
    require(opens_team_overviews(user))


def may_give_upward_feedback(user: User) -> bool:
    """An agent, about their own lead, while the works agreement allows upward feedback."""
    return features.is_on(features.UPWARD_FEEDBACK) and is_agent(user)


def sees_upward_feedback_received(user: User) -> bool:
    """A lead, on themselves (in aggregate), while the works agreement allows upward feedback."""
    return features.is_on(features.UPWARD_FEEDBACK) and is_team_lead(user)


def sees_upward_feedback_by_lead(user: User) -> bool:
    """HR, the aggregates per lead, while the works agreement allows upward feedback."""
    return features.is_on(features.UPWARD_FEEDBACK) and is_hr_or_admin(user)


def sees_lead_timeliness(user: User) -> bool:
    """Feedback timeliness figures per lead, while the works agreement allows them."""
    return features.is_on(features.LEAD_TIMELINESS) and (is_team_lead(user) or is_hr_or_admin(user))


def home_of(user: User) -> str:
    """The name of the user's own home page: agents `/me/`, leads their teams, HR and admins the overview."""
    if is_agent(user):
        return "me"
    if is_team_lead(user):
        return "lead_dashboard"
    if is_qa_specialist(user):
        return "qa:home"
    return "hr_overview"


def sees_the_portal_version(user: User) -> bool:
    """Administrators, who open the Django admin, see which version runs (in the page footer)."""
    return user.is_authenticated and user.is_active and user.is_staff


@dataclass(frozen=True)
class Pages:
    """What the navigation offers the user: the same answers the pages give."""

    own_growth: bool
    lead: bool
    hr: bool
    team_overviews: bool
    upward_feedback_give: bool
    upward_feedback_received: bool
    upward_feedback_by_lead: bool
    qa: bool  # quality evaluations: leads, QA specialists and HR, while the works agreement allows
    admin: bool  # the Django admin


def pages_open_to(user: User) -> Pages:
    return Pages(
        own_growth=is_agent(user),
        lead=is_team_lead(user),
        hr=is_hr_or_admin(user),
        team_overviews=opens_team_overviews(user),
        upward_feedback_give=may_give_upward_feedback(user),
        upward_feedback_received=sees_upward_feedback_received(user),
        upward_feedback_by_lead=sees_upward_feedback_by_lead(user),
        qa=may_see_qa_reports(user),
        admin=opens_the_admin(user),
    )
