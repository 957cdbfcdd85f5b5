"""Krippendorff's alpha: how far evaluators agree beyond what chance would produce.

Written from Krippendorff, K. (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School
for Communication, University of Pennsylvania (repository.upenn.edu/asc_papers/43); the tests in
tests/qa/test_alpha.py reproduce that paper's worked examples to three decimals.

Reliability data are *units* (here: a question of one calibrated interaction) each coded by several
*coders* (evaluators); a coder may leave a unit out (`None`, e.g. an N/A answer). Only units with at
least two values are pairable. From them:

    o_ck  coincidences of values c and k:  sum over units u of (number of c-k pairs in u) / (m_u - 1),
          where m_u is the number of values in u and pairs are ordered (c-k and k-c both count);
    n_c   = sum over k of o_ck (how often c was used in pairable units);  n = sum over c of n_c;

    alpha = 1 - D_o / D_e = 1 - (n - 1) * sum_c,k o_ck * delta²_ck  /  sum_c,k n_c * n_k * delta²_ck

with the difference function delta² of the level of measurement:

    nominal   0 when c = k, else 1 (yes/no answers: any two different answers disagree equally);
    ordinal   (sum of n_g for g from c to k, minus (n_c + n_k) / 2)², over the values in their order
              (scales: how far apart two answers are, counted in how many answers lie between them);
    interval  (c - k)²;
    ratio     ((c - k) / (c + k))².

alpha is 1 for perfect agreement, 0 when the evaluators agree as much as chance would have them,
and below 0 for systematic disagreement. It is undefined (None here) when there is nothing to
compare: fewer than two pairable values, or every pairable value the same (D_e = 0).
Krippendorff's rule of thumb: rely on data with alpha >= 0.800, draw tentative conclusions from
0.667 on, and not below.
"""

import math
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
    values, coincidences, totals = _coincidences(units)
    n = sum(totals.values())
    if n < 2:
        return None
    delta = _difference(level, values, totals)
    codes = (
        sorted(totals, key=lambda code: _order_key(values[code]))
        if level != Level.NOMINAL
        else list(totals)
    )
    observed = sum(count * delta(c, k) for (c, k), count in coincidences.items() if c != k)
    expected = sum(
        2 * totals[c] * totals[k] * delta(c, k) for c, k in combinations(codes, 2)
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


def _coincidences(units) -> tuple[list, dict, dict]:
    """(values, coincidences, totals): the distinct values in the order first seen, and the
    coincidences and marginal totals keyed by each value's index in that list.

    Everything is counted on those small ints (a value such as a Fraction is slow to hash and compare:
    a modular inverse per hash) and each value is looked up once per occurrence by a cheap key
    (`_key`); the sums are the same, added in the same order."""
    codes: dict = {}
    values: list = []
    coincidences: dict = {}
    for unit in units:
        present: dict = {}
        for value in unit:
            if value is None:
                continue
            key = _key(value)
            code = codes.get(key)
            if code is None:
                code = codes[key] = len(values)
                values.append(value)
            present[code] = present.get(code, 0) + 1
        pairable = sum(present.values())
        if pairable < 2:
            continue
        for c, count_c in present.items():
            for k, count_k in present.items():
                pairs = count_c * (count_c - 1) if c == k else count_c * count_k
                if pairs:
                    coincidences[(c, k)] = coincidences.get((c, k), 0) + pairs / (pairable - 1)
    totals: dict = {}
    for (c, _k), count in coincidences.items():
        totals[c] = totals.get(c, 0) + count
    return values, coincidences, totals


_RATIO = (
    object()
)  # marks a key made of a numerator and a denominator (no value of the caller's is one)


def _key(value):
    """A dict key for `value` that is equal exactly when the values are equal, and cheap to hash:
    a Fraction (and a float or Decimal that may equal one) by its numerator and denominator, a whole
    number as the int it equals, anything else as itself."""
    if isinstance(value, Fraction):
        numerator, denominator = value.numerator, value.denominator
    elif (isinstance(value, float) and math.isfinite(value)) or (
        isinstance(value, Decimal) and value.is_finite()
    ):
        numerator, denominator = value.as_integer_ratio()
    else:
        return value
    return numerator if denominator == 1 else (_RATIO, numerator, denominator)


def _order_key(value):
    """Numbers in their order (the coded shares of scales and points are Fractions), labels after them
    in the order of their text."""
    return (0, value) if isinstance(value, (int, float, Fraction, Decimal)) else (1, str(value))


def _difference(level: Level, values: list, totals: dict):
    """delta²(c, k) of the level, for two values given by their index in `values`."""
    if level == Level.NOMINAL:
        return lambda c, k: 0.0 if c == k else 1.0
    if level == Level.INTERVAL:
        return lambda c, k: float(values[c] - values[k]) ** 2
    if level == Level.RATIO:

        def ratio(c, k):
            low, high = values[c], values[k]
            return ((low - high) / (low + high)) ** 2 if low + high else 0.0

        return ratio
    return _ordinal_difference(values, totals)


def _ordinal_difference(values: list, totals: dict):
    """delta²_ck for ordered values: the marginal counts from c to k, less half of both ends, squared."""
    ordered = sorted(totals, key=lambda code: _order_key(values[code]))
    position = {code: index for index, code in enumerate(ordered)}
    cumulative = [0.0]
    for code in ordered:
        cumulative.append(cumulative[-1] + totals[code])

    def delta(c, k):
        low, high = sorted((position[c], position[k]))
        between = cumulative[high + 1] - cumulative[low]
        return (between - (totals[c] + totals[k]) / 2) ** 2

    return delta
