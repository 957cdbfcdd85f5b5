"""One-on-ones (the one_on_ones app): only the two people of a series see its meetings.

- a lead sets up a series with an agent of a team they lead now (`may_start_one_on_ones_with`);
- a meeting is seen by its lead and its agent, nobody else: not another lead, not a later lead of the
  agent (who starts a series of their own), not HR, not an admin (`meetings_visible_to`);
- both add to its agenda, notes and action items while the series runs: while both are active and
  its lead still leads the agent (`MeetingRights.may_change`); once the agent has a new lead, the
  earlier meetings stay readable to their two people and change no more;
- a private note is its writer's alone, for ever (`records.writer_only`);
- HR sees how many agents of a team had a one-on-one lately, as a count only, never content, and only
  while the works agreement allows it (`sees_one_on_one_cadence_per_team`);
- what the works agreement switches off (features.ONE_ON_ONES) is off everywhere: every rule answers no.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404

from .. import features
from ..models import User
from .agents import agents_coached_by, can_coach
from .pages import require
from .records import annotate_author_leads_agent, writer_only
from .roles import is_agent, is_hr_or_admin, is_team_lead

if TYPE_CHECKING:  # the rulebook imports no app at run time
    from one_on_ones.models import Meeting

_M = TypeVar("_M", bound=Model)  # meetings, series or notes: a rule keeps the queryset's type


def one_on_ones_are_on() -> bool:
    return features.is_on(features.ONE_ON_ONES)


def require_one_on_ones() -> None:
    """Every one-on-one page answers 404 while the works agreement switches them off."""
    require(one_on_ones_are_on())


def _takes_part(user: User) -> bool:
    return one_on_ones_are_on() and user.is_authenticated and user.is_active


def opens_one_on_ones(user: User) -> bool:
    """The list of one's own one-on-ones: leads and agents, who hold them."""
    return _takes_part(user) and (is_team_lead(user) or is_agent(user))


def may_start_one_on_ones_with(user: User, agent: User) -> bool:
    """A lead, with an agent of a team they lead now."""
    return _takes_part(user) and can_coach(user, agent)


def agents_for_one_on_ones(user: User) -> QuerySet[User]:
    """The agents a lead may set up a series with."""
    if not _takes_part(user):
        return agents_coached_by(user).none()
    return agents_coached_by(user)


def meetings_visible_to(
    user: User,
    queryset: QuerySet[_M],
    *,
    lead_field: str = "series__lead",
    agent_field: str = "series__agent",
) -> QuerySet[_M]:
    """Meetings (or series, with `lead_field="lead", agent_field="agent"`) of which the user is one of
    the two people."""
    if not _takes_part(user):
        return queryset.none()
    return queryset.filter(Q(**{lead_field: user}) | Q(**{agent_field: user}))


def private_notes_visible_to(user: User, queryset: QuerySet[_M]) -> QuerySet[_M]:
    """A private note: its writer's alone, while the feature is on."""
    if not one_on_ones_are_on():
        return queryset.none()
    return writer_only(user, queryset, writer_field="author")


@dataclass(frozen=True)
class MeetingRights:
    """The viewer's part in one meeting, read with it."""

    is_lead: bool
    is_agent: bool
    may_change: bool  # add points, notes, action items; move it

    @property
    def may_close(self) -> bool:
        """Finishing a meeting carries its open points over: either participant who may change it."""
        return self.may_change


def access_meeting(
    user: User, queryset: "QuerySet[Meeting]", pk: int | str, *, need_change: bool = False
) -> "tuple[Meeting, MeetingRights]":
    """The meeting `pk` with the viewer's part in it, in one query; 404 for anyone but its two people
    (and, with `need_change`, for a participant who may no longer change it)."""
    visible = annotate_author_leads_agent(
        meetings_visible_to(user, queryset),
        author_field="series__lead",
        agent_field="series__agent",
    )
    meeting = get_object_or_404(visible, pk=pk)
    series = meeting.series
    is_lead = series.lead_id == user.pk
    is_agent_of_it = series.agent_id == user.pk
    running = series.ended_at is None and bool(meeting.author_leads_agent)  # type: ignore[attr-defined]  # annotated above
    rights = MeetingRights(
        is_lead=is_lead,
        is_agent=is_agent_of_it,
        may_change=running and (is_agent_of_it or is_lead),
    )
    require(rights.may_change or not need_change)
    return meeting, rights


def may_change_own_entry(user: User, rights: MeetingRights, author_id: int | None) -> bool:
    """A talking point, a shared note or an action item is changed or deleted by its writer alone,
    while they may still change the meeting (never by the other participant, never after the series
    has passed to a new lead)."""
    return rights.may_change and author_id is not None and author_id == user.pk


def may_own_action_item(meeting: "Meeting", owner: User | None) -> bool:
    """An action item belongs to one of the meeting's two people, never to a third person."""
    return owner is not None and owner.pk in (meeting.series.lead_id, meeting.series.agent_id)


def sees_one_on_one_cadence_per_team(user: User) -> bool:
    """HR, how many agents of each team had a one-on-one lately: a count, while the works agreement
    allows it."""
    return (
        one_on_ones_are_on()
        and features.is_on(features.ONE_ON_ONE_CADENCE_FOR_HR)
        and is_hr_or_admin(user)
    )


def sees_one_on_one_cadence_of_own_agents(user: User) -> bool:
    """A lead, which of their agents had no one-on-one lately (their dashboard)."""
    return _takes_part(user) and is_team_lead(user)
