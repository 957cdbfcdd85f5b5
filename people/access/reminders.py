"""Who is reminded: the reminder recipient rule.

About a record with an author (a coaching note): its author, while active and still leading the agent
(`records.author_leads_agent_now`, the same rule that lets them change it). Otherwise, for a shared
record, whoever leads the agent now, or HR when the agent's team has no active lead. A private record
goes to nobody, since nobody else may read it (HR counts such notes as lapsed, without content).
Never a deactivated user.
"""

from collections.abc import Callable

from ..models import User


def reminder_recipients(
    *,
    author: User | None,
    author_leads_agent: bool,
    shared: bool,
    current_leads: list[User],
    hr: Callable[[], list[User]],
) -> list[User]:
    """`author_leads_agent` comes from `annotate_author_leads_agent`; `current_leads` are the agent's
    active leads now; `hr` is asked only when nobody leads the agent."""
    if author is not None and author_leads_agent:
        return [author]
    if not shared:
        return []
    return current_leads or hr()
