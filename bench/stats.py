import math
import statistics


def median(values) -> float:
    return statistics.median(values)


def p95(values) -> float:
    """The 95th percentile by nearest rank: of 20 values, the 19th smallest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
