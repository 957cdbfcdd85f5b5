"""Krippendorff's alpha as qa/alpha.py computed it before the fast path (commit 10651fe, verbatim but
for `_order_key`, whose fix - fractions ordered as numbers, not by their text - was made in both): the
reference that tests/qa/test_fast_statistics.py proves the fast path equal to."""

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import combinations

RELIABLE = 0.800
TENTATIVE = 0.667


class Level(StrEnum):
    NOMINAL = "nominal"
    ORDINAL = "ordinal"
    INTERVAL = "interval"
    RATIO = "ratio"


def alpha(units: Iterable[Sequence[Hashable | None]], level: Level = Level.NOMINAL) -> float | None:
    """Krippendorff's alpha of `units`, each a sequence of the values the coders gave (None: missing)."""
    coincidences, totals = _coincidences(units)
    n = sum(totals.values())
    if n < 2:
        return None
    delta = _difference(level, totals)
    values = sorted(totals, key=_order_key) if level != Level.NOMINAL else list(totals)
    observed = sum(count * delta(c, k) for (c, k), count in coincidences.items() if c != k)
    expected = sum(
        2 * totals[c] * totals[k] * delta(c, k) for c, k in combinations(values, 2)
    )  # the sum over ordered pairs, each unordered pair twice
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def meaning(value: float | None) -> str:
    """Which of Krippendorff's bands the value falls in: "reliable", "tentative", "unreliable" or "undefined"."""
    if value is None:
        return "undefined"
    if value >= RELIABLE:
        return "reliable"
    if value >= TENTATIVE:
        return "tentative"
    return "unreliable"


def _coincidences(units) -> tuple[Counter, Counter]:
    # Counted on small ints standing for the values (a value such as a Fraction is slow to hash and
    # compare), then keyed by the values again: the same sums, far fewer costly hashes.
    codes: dict = {}
    by_code: Counter = Counter()
    for unit in units:
        present = Counter(
            codes.setdefault(value, len(codes)) for value in unit if value is not None
        )
        pairable = sum(present.values())
        if pairable < 2:
            continue
        for c, count_c in present.items():
            for k, count_k in present.items():
                pairs = count_c * (count_c - 1) if c == k else count_c * count_k
                if pairs:
                    by_code[(c, k)] += pairs / (pairable - 1)
    values = list(codes)
    coincidences: Counter = Counter(
        {(values[c], values[k]): count for (c, k), count in by_code.items()}
    )
    totals: Counter = Counter()
    for (c, _k), count in coincidences.items():
        totals[c] += count
    return coincidences, totals


def _order_key(value):
    """Numbers in their order (the coded shares of scales and points are Fractions), labels after them
    in the order of their text."""
    return (0, value) if isinstance(value, (int, float, Fraction, Decimal)) else (1, str(value))


def _difference(level: Level, totals: Counter):
    if level == Level.NOMINAL:
        return lambda c, k: 0.0 if c == k else 1.0
    if level == Level.INTERVAL:
        return lambda c, k: float(c - k) ** 2
    if level == Level.RATIO:
        return lambda c, k: ((c - k) / (c + k)) ** 2 if c + k else 0.0
    return _ordinal_difference(totals)


def _ordinal_difference(totals: Counter):
    """delta²_ck for ordered values: the marginal counts from c to k, less half of both ends, squared."""
    ordered = sorted(totals, key=_order_key)
    position = {value: index for index, value in enumerate(ordered)}
    cumulative = [0.0]
    for value in ordered:
        cumulative.append(cumulative[-1] + totals[value])

    def delta(c, k):
        low, high = sorted((position[c], position[k]))
        between = cumulative[high + 1] - cumulative[low]
        return (between - (totals[c] + totals[k]) / 2) ** 2

    return delta
