"""CSV, XLSX and PDF writers for HR exports."""

import io

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from core import spreadsheets
from core.text import clean_cell


def csv_stream(columns, rows):
    """UTF-8 with BOM and `;` as separator: opens correctly in German Excel."""
    return spreadsheets.csv_stream(
        [str(label) for _key, label in columns],
        ([row[key] for key, _label in columns] for row in rows),
    )


def xlsx_bytes(columns, rows, title="Reviews") -> bytes:
    """A write-only workbook; every value is written as text, so nothing is ever evaluated as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    header = []
    for _key, label in columns:
        cell = WriteOnlyCell(sheet, value=str(label))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        cells = []
        for key, _label in columns:
            cell = WriteOnlyCell(sheet, value=clean_cell(row[key]))
            cell.data_type = "s"
            cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(template, context, base_url) -> bytes:
    from weasyprint import HTML

    if "reviews" in context:
        context = {
            **context,
            "reviews": [{k: clean_cell(v) for k, v in row.items()} for row in context["reviews"]],
        }
    return HTML(string=render_to_string(template, context), base_url=base_url).write_pdf()
