"""Small figures the pages show."""


def percent(part: float, whole: float) -> int | None:
    """`part` of `whole` as a whole percentage; None when there is no whole to speak of."""
    return round(100 * part / whole) if whole else None
