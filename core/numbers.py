"""Small figures the pages show."""


def percent(part: float, whole: float) -> int | None:
    """`part` of `whole` as a whole percentage; None when there is no whole to speak of."""
    return round(100 * part / whole) if whole else None


def minutes_seconds(seconds: float | None) -> str:
    """A duration as people read it: 354.5 s is "5:55", 3725 s is "1:02:05"; None is "–"."""
    if seconds is None:
        return "–"
    whole = round(float(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
