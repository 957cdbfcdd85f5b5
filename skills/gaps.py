"""Which skill gaps already have a goal.

Goals live in `plans`, an app above `skills`, so skills never imports plans. Instead plans
registers a function here (in its AppConfig.ready) that answers, for some agents, which
(agent id, skill id) pairs have a goal already; the matrix and the profile then stop offering
"make a goal" for them.
"""

from collections.abc import Callable, Iterable

GoalFinder = Callable[[list[int]], set[tuple[int, int]]]

_finders: list[GoalFinder] = []


def register(finder: GoalFinder) -> None:
    if finder not in _finders:
        _finders.append(finder)


def with_goal(agent_ids: Iterable[int]) -> set[tuple[int, int]]:
    agent_ids = list(agent_ids)
    found: set[tuple[int, int]] = set()
    if not agent_ids:
        return found
    for finder in _finders:
        found |= finder(agent_ids)
    return found
