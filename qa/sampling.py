"""The weekly random draw of interactions to evaluate, as a works council can check it.

Pure and deterministic: the same seed and the same inputs give the same picks, so HR can repeat a
stored draw and show that nothing was chosen by hand. How a week is drawn:

1. Every agent still below the monthly minimum N is owed evaluations: of what is missing, this week
   takes its share of the weeks left in the month (rounded up), so the minimum is reached by month's
   end. These picks come first and are not random in number.
2. The rest of the evaluator's capacity for the week is drawn at random, weighted: an agent whose
   key figures dropped weighs more (the reason is given in words), everyone else weighs 1. No agent is
   drawn twice in one week beyond what they are owed.
3. Nobody is ever drawn beyond the monthly cap M, counting the evaluations of the month so far.
4. Each pick names a moment: a random working day of the week (Monday to Friday) and a time between
   08:00 and 18:00 local time; the interaction to evaluate is the agent's first contact in the drawn
   channel after that moment (so the evaluator cannot choose a convenient one).
"""

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

WORKING_DAYS = 5
FIRST_HOUR, LAST_HOUR = 8, 18


@dataclass(frozen=True)
class Candidate:
    agent_id: int
    used: int  # evaluations of the month so far (drafts included)
    channels: tuple[str, ...]
    weight: Decimal = Decimal(1)
    reason: str = ""


@dataclass(frozen=True)
class Pick:
    agent_id: int
    channel: str
    moment: datetime  # naive local time; the caller makes it aware
    weight: Decimal
    reason: str
    owed: bool  # drawn to reach the monthly minimum


def weeks_left_in_month(monday: date) -> int:
    """Weeks from this one to the month's end, counting the weeks whose Monday lies in the month."""
    count, day = 0, monday
    while day.month == monday.month:
        count += 1
        day += timedelta(weeks=1)
    return count


def draw(
    *,
    seed: str,
    monday: date,
    candidates: list[Candidate],
    minimum: int,
    maximum: int,
    capacity: int,
) -> list[Pick]:
    rng = random.Random(seed)  # nosec B311  # a reproducible sample, not a secret
    candidates = sorted(candidates, key=lambda c: c.agent_id)
    weeks_left = weeks_left_in_month(monday)
    planned = {c.agent_id: 0 for c in candidates}
    order: list[tuple[Candidate, bool]] = []
    for candidate in candidates:
        missing = max(0, minimum - candidate.used)
        owed = min(math.ceil(missing / weeks_left), maximum - candidate.used)
        for _n in range(max(0, owed)):
            order.append((candidate, True))
            planned[candidate.agent_id] += 1
    open_places = max(0, capacity - len(order))
    pool = [c for c in candidates if planned[c.agent_id] == 0 and c.used < maximum]
    while open_places and pool:
        chosen = _weighted_choice(rng, pool)
        pool.remove(chosen)
        order.append((chosen, False))
        planned[chosen.agent_id] += 1
        open_places -= 1
    return [_moment(rng, monday, candidate, owed) for candidate, owed in order]


def _weighted_choice(rng: random.Random, pool: list[Candidate]) -> Candidate:
    total = float(sum(c.weight for c in pool))
    point = rng.random() * total
    for candidate in pool:
        point -= float(candidate.weight)
        if point < 0:
            return candidate
    return pool[-1]


def _moment(rng: random.Random, monday: date, candidate: Candidate, owed: bool) -> Pick:
    day = monday + timedelta(days=rng.randrange(WORKING_DAYS))
    minutes = rng.randrange((LAST_HOUR - FIRST_HOUR) * 60)
    moment = datetime.combine(day, time(FIRST_HOUR)) + timedelta(minutes=minutes)
    channel = rng.choice(sorted(candidate.channels)) if candidate.channels else "phone"
    return Pick(candidate.agent_id, channel, moment, candidate.weight, candidate.reason, owed)
