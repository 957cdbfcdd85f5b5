"""Which skill gaps already have a goal.

Goals live in `plans`, an app above `skills`, so skills never imports plans. Instead plans
registers a function here (in its AppConfig.ready) that answers, for some agents, which
(agent id, skill id) pairs have a goal already; the matrix and the profile then stop offering
"make a goal" for them. A finder may also give the same answer as an SQL expression for one agent,
so a page that reads the agent's skills learns which have a goal in the same query.
"""

from collections.abc import Callable, Iterable

from django.db.models import BooleanField, Value

GoalFinder = Callable[[list[int]], set[tuple[int, int]]]
GoalExists = Callable[
    [int, object], object
]  # (agent id, skill id expression) -> boolean expression

_finders: list[GoalFinder] = []
_exists: list[GoalExists] = []


def register(finder: GoalFinder, exists: GoalExists | None = None) -> None:
    if finder not in _finders:
        _finders.append(finder)
    if exists is not None and exists not in _exists:
        _exists.append(exists)


def has_goal(agent_id: int, skill_ref):
    """Whether the agent has a goal for the skill `skill_ref` (for example OuterRef("pk")), as an expression."""
    expressions = [exists(agent_id, skill_ref) for exists in _exists]
    if not expressions:
        return Value(False, output_field=BooleanField())
    combined = expressions[0]
    for expression in expressions[1:]:
        combined = combined | expression
    return combined


def with_goal(agent_ids: Iterable[int]) -> set[tuple[int, int]]:
    agent_ids = list(agent_ids)
    found: set[tuple[int, int]] = set()
    if not agent_ids:
        return found
    for finder in _finders:
        found |= finder(agent_ids)
    return found
