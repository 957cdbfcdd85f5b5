"""Quarters in local time: reviews, timeliness figures and exports all count by them.

A quarter begins and ends at local midnight (settings.TIME_ZONE), so
`Quarter.parse("2026-Q3").start` is 2026-07-01 00:00 Europe/Berlin.

`label` ("2026-Q3") is the key in URLs, file names and the database; people read
`display` ("Q3 2026", the same in German and English), through the `|quarter`
template filter or `display_quarter()`.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

_LABEL = re.compile(r"^(?P<year>[0-9]{4})-Q(?P<number>[1-4])$")
_DISPLAY = re.compile(r"^Q(?P<number>[1-4])\s+(?P<year>[0-9]{4})$", re.IGNORECASE)
# Quarters people can mean; beyond these, date arithmetic would overflow (9999-Q4 ends in year 10000).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, label: str) -> "Quarter":
        """`2026-Q3` (or, as people write it, `Q3 2026`) → Quarter(2026, 3); ValueError for anything else."""
        text = (label or "").strip()
        match = _LABEL.match(text) or _DISPLAY.match(text)
        if not match or not EARLIEST_YEAR <= int(match["year"]) <= LATEST_YEAR:
            raise ValueError(f"Not a quarter: {label!r} (expected for example Q3 2026)")
        return cls(int(match["year"]), int(match["number"]))

    @classmethod
    def containing(cls, day: date | datetime) -> "Quarter":
        if isinstance(day, datetime):
            day = timezone.localdate(day)
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def current(cls) -> "Quarter":
        return cls.containing(timezone.localdate())

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def display(self) -> str:
        return f"Q{self.number} {self.year}"

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.next().first_day.toordinal() - 1)

    @property
    def start(self) -> datetime:
        """Local midnight at the beginning of the quarter (aware)."""
        return _local_midnight(self.first_day)

    @property
    def end(self) -> datetime:
        """Local midnight at the beginning of the next quarter (aware, exclusive)."""
        return self.next().start

    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def last(self, count: int) -> list["Quarter"]:
        """This quarter and the count-1 before it, oldest first."""
        quarters = [self]
        while len(quarters) < count:
            quarters.insert(0, quarters[0].previous())
        return quarters


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def display_quarter(value) -> str:
    """ "Q3 2026" for a Quarter, anything with a `.quarter` (a review cycle) or a label such as "2026-Q3"."""
    if isinstance(value, Quarter):
        return value.display
    if isinstance(getattr(value, "quarter", None), Quarter):
        return value.quarter.display
    try:
        return Quarter.parse(str(value)).display
    except ValueError:
        return "" if value is None else str(value)
