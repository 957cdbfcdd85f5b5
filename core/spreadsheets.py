"""Spreadsheet-safe CSV: every app's downloads go through here."""

import csv
from collections.abc import Iterable, Iterator, Sequence

from .text import strip_control_characters

FORMULA_STARTS = ("=", "+", "-", "@")


def neutralise(value: object) -> str:
    """A cell that starts like a formula is prefixed so spreadsheets show it as text (CSV injection);
    control characters are dropped."""
    text = "" if value is None else strip_control_characters(str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """Lines of CSV for a StreamingHttpResponse: UTF-8 with BOM and `;`, so German Excel opens it right."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([neutralise(h) for h in header])
    for row in rows:
        yield writer.writerow([neutralise(cell) for cell in row])
