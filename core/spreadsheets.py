"""Spreadsheet-safe CSV and Excel: every app's downloads go through here."""

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


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[object]], *, title: str) -> bytes:
    """An Excel workbook of one sheet, written row by row; every value is text (never evaluated as a
    formula, control characters dropped), the header bold."""
    import io

    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(title)[:31])
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    cells = []
    for label in header:
        cell = WriteOnlyCell(sheet, value=strip_control_characters(str(label)))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        cells = []
        for value in row:
            text = "" if value is None else strip_control_characters(str(value))
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"
            cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
