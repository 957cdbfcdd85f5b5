"""Turning an uploaded file into a header and rows, within limits, without trusting the file.

CSV (`,` `;` tab or `|`; UTF-8 with or without BOM, UTF-16, Windows-1252) and XLSX. Title lines
above the header are found and skipped ("Split/Skill: …", "Date: …"); a "Date:" title line above
a block gives every row of that block a "Date" column (Avaya CMS writes one block per day).
Limits hold before anything is parsed: the file's size, an XLSX's uncompressed size (a zip bomb
is refused from its directory alone), the number of rows, columns and cells.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .presets import KNOWN_HEADERS, Preset, normalise
from .values import as_text as _text

SAMPLE_BYTES = 64 * 1024
SAMPLE_ROWS = 20
HEADER_SEARCH_ROWS = 30
TITLE_DATE_COLUMN = "Date"
_TITLE_DATE = re.compile(r"^\s*(?:date|datum|day|tag)\s*[:=]\s*(.+?)\s*$", re.IGNORECASE)
_DELIMITERS = (",", ";", "\t", "|")
csv.field_size_limit(1024 * 1024)


class FileProblem(Exception):
    """The whole file cannot be used; the message says why."""


def limit(name: str) -> int:
    defaults = {
        "MAX_BYTES": 50 * 1024 * 1024,
        "MAX_ROWS": 500_000,
        "MAX_COLUMNS": 200,
        "MAX_CELLS": 10_000_000,
        "MAX_XLSX_UNCOMPRESSED": 100 * 1024 * 1024,
    }
    return getattr(settings, f"KPI_IMPORT_{name}", defaults[name])


@dataclass
class Sheet:
    headers: list
    rows: Iterator  # (line number, list of cells)
    has_header_row: bool = True
    title_lines: list = field(default_factory=list)


def kind_of(name: str) -> str:
    lower = (name or "").lower()
    if lower.endswith(".xlsx"):
        return "xlsx"
    if lower.endswith((".csv", ".txt", ".tsv")):
        return "csv"
    raise FileProblem(_("Please upload a CSV or XLSX file."))


def read_all(name: str, handle, *, preset: Preset | None = None) -> Sheet:
    """The whole file from an open binary handle, checked against every limit."""
    kind = kind_of(name)
    content = handle.read(limit("MAX_BYTES") + 1)
    if not content:
        raise FileProblem(_("The file is empty."))
    if len(content) > limit("MAX_BYTES"):
        raise FileProblem(
            _("The file is larger than %(size)s MB. Please split it.")
            % {"size": limit("MAX_BYTES") // (1024 * 1024)}
        )
    if kind == "xlsx":
        return _xlsx_sheet(content, preset=preset)
    encoding = _encoding(content)
    # Decoded as the rows are read: the whole text is never held in memory next to the bytes.
    stream = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
    head = content[:SAMPLE_BYTES].decode(encoding, errors="ignore")
    return _csv_sheet(head, preset=preset, stream=stream)


def read_sample(name: str, handle, *, preset: Preset | None = None) -> dict:
    """Headers and the first rows, reading only the beginning of a CSV (an XLSX streams its first rows)."""
    kind = kind_of(name)
    if kind == "xlsx":
        content = handle.read(limit("MAX_BYTES") + 1)
        if len(content) > limit("MAX_BYTES"):
            raise FileProblem(
                _("The file is larger than %(size)s MB. Please split it.")
                % {"size": limit("MAX_BYTES") // (1024 * 1024)}
            )
        sheet = _xlsx_sheet(content, preset=preset, sample=True)
    else:
        head = handle.read(SAMPLE_BYTES)
        if not head:
            raise FileProblem(_("The file is empty."))
        complete = len(head) < SAMPLE_BYTES
        if not complete and b"\n" in head:
            head = head[: head.rfind(b"\n") + 1]  # never a half line or half a character
        sheet = _csv_sheet(decode(head), preset=preset)
    rows = []
    try:
        for number, cells in sheet.rows:
            rows.append([number, [_text(c)[:200] for c in cells]])
            if len(rows) >= SAMPLE_ROWS:
                break
    except FileProblem:
        if not rows:
            raise
    return {"headers": sheet.headers, "rows": rows, "has_header_row": sheet.has_header_row}


def decode(content: bytes) -> str:
    return content.decode(_encoding(content))


def _encoding(content: bytes) -> str:
    """UTF-16 (by its BOM), UTF-8 with or without BOM, Windows-1252, else Latin-1 (every byte decodes)."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            content.decode("utf-16")
        except UnicodeDecodeError:
            raise FileProblem(_("The file's text encoding cannot be read.")) from None
        return "utf-16"
    if b"\x00" in content[:8192]:
        raise FileProblem(_("This is not a text file (CSV). Please export CSV or XLSX."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            content.decode(encoding)  # a check only; the text is decoded again while reading
        except UnicodeDecodeError:
            continue
        return encoding
    return "latin-1"


def _csv_sheet(text: str, *, preset: Preset | None, stream=None) -> Sheet:
    head_lines = [
        line for line in text[:SAMPLE_BYTES].splitlines()[:HEADER_SEARCH_ROWS] if line.strip()
    ]
    if not head_lines:
        raise FileProblem(_("The file is empty."))
    delimiter = _sniff(head_lines)
    reader = csv.reader(stream if stream is not None else io.StringIO(text), delimiter=delimiter)

    def numbered():
        for cells in reader:
            yield reader.line_num, cells

    return _locate_header(numbered(), preset=preset)


def _sniff(lines) -> str:
    best = (-1, -1, ",")
    for delimiter in _DELIMITERS:
        for line in lines:
            try:
                cells = next(csv.reader([line], delimiter=delimiter))
            except (csv.Error, StopIteration):
                continue
            known = sum(normalise(c) in KNOWN_HEADERS for c in cells)
            best = max(best, (known, len(cells), delimiter), key=lambda t: (t[0], t[1]))
    return best[2]


def _xlsx_sheet(content: bytes, *, preset: Preset | None, sample: bool = False) -> Sheet:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileProblem(_("This is not a readable XLSX file.")) from None
    if unpacked > limit("MAX_XLSX_UNCOMPRESSED"):
        raise FileProblem(
            _("The XLSX file unpacks to more than %(size)s MB. Please export CSV or split it.")
            % {"size": limit("MAX_XLSX_UNCOMPRESSED") // (1024 * 1024)}
        )
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception:  # openpyxl raises many kinds for damaged files
        raise FileProblem(_("This is not a readable XLSX file.")) from None

    def numbered():
        try:
            for number, row in enumerate(
                sheet.iter_rows(values_only=True, max_col=limit("MAX_COLUMNS")), start=1
            ):
                cells = list(row)
                # openpyxl pads every row to max_col: only cells up to the last filled one are real
                while cells and cells[-1] is None:
                    cells.pop()
                yield number, cells
        except FileProblem:
            raise
        except Exception:
            raise FileProblem(_("This is not a readable XLSX file.")) from None
        finally:
            workbook.close()

    return _locate_header(numbered(), preset=preset)


def _locate_header(numbered, *, preset: Preset | None) -> Sheet:
    """Find the header among the first rows; everything above it is a title line."""
    head = []
    for item in numbered:
        head.append(item)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    filled = [(n, cells) for n, cells in head if _filled(cells)]
    if not filled:
        raise FileProblem(_("The file is empty."))
    scored = [
        (sum(normalise(c) in KNOWN_HEADERS for c in cells), -i)
        for i, (n, cells) in enumerate(filled)
    ]
    best, position = max(scored)
    position = -position
    has_header_row = True
    if best < 2:
        if preset and preset.header_order and _looks_like_data(filled[0][1]):
            position, has_header_row = -1, False
        else:
            position = next(
                (i for i, (n, cells) in enumerate(filled) if _looks_like_header(cells)), None
            )
            if position is None:
                raise FileProblem(_("No table with column headers was found in the file."))
    if has_header_row:
        header_number, header_cells = filled[position]
        headers = _unique_headers(header_cells)
        title_lines = [
            " ".join(_text(c) for c in cells if _text(c)) for n, cells in filled[:position]
        ]
        rest = [item for item in head if item[0] > header_number]
    else:
        headers = list(preset.header_order)
        title_lines, rest = [], [item for item in head if _filled(item[1])]
    title_date = _title_date(title_lines)
    add_date = title_date is not None and normalise(TITLE_DATE_COLUMN) not in {
        normalise(h) for h in headers
    }
    if add_date:
        headers = headers + [TITLE_DATE_COLUMN]
    return Sheet(
        headers,
        _data_rows(rest, numbered, headers, add_date, title_date),
        has_header_row,
        title_lines,
    )


def _data_rows(rest, numbered, headers, add_date, title_date):
    """Rows padded to the header's width; repeated headers skipped; "Date:" lines update the block's date."""
    width = len(headers) - (1 if add_date else 0)
    header_keys = [normalise(h) for h in headers[:width]]
    first_key = header_keys[0] if header_keys else None
    max_rows, max_cells = limit("MAX_ROWS"), limit("MAX_CELLS")
    rows = cells_seen = 0

    def all_rows():
        yield from rest
        yield from numbered

    for number, cells in all_rows():
        if not _filled(cells):
            continue
        if add_date:  # a report of blocks: single-cell lines are the blocks' titles
            text = [_text(c) for c in cells if _text(c)]
            if len(text) == 1 and width > 2:
                if match := _TITLE_DATE.match(text[0]):
                    title_date = match[1]
                continue
        if (
            cells
            and str(cells[0]).strip().casefold() == first_key
            and [normalise(c) for c in cells[:width]] == header_keys
        ):
            continue  # the header again, above the next block
        rows += 1
        cells_seen += max(len(cells), width)
        if rows > max_rows:
            raise FileProblem(
                _("The file has more than %(rows)s rows. Please split it.")
                % {"rows": number_format(max_rows, force_grouping=True)}
            )
        if cells_seen > max_cells:
            raise FileProblem(
                _(
                    "The file has more than %(cells)s cells. Please export fewer columns or split it."
                )
                % {"cells": number_format(max_cells, force_grouping=True)}
            )
        row = cells if len(cells) == width else list(cells[:width]) + [None] * (width - len(cells))
        if add_date:
            row.append(title_date)
        yield number, row


def _title_date(lines):
    for line in lines:
        for part in re.split(r"\s{2,}|\t|;|,(?=\s*[A-Za-zÄÖÜäöü/ ]+:)", line):
            if match := _TITLE_DATE.match(part):
                return match[1]
    return None


def _filled(cells) -> bool:
    first = cells[0] if cells else None
    if first.__class__ is str and first.strip():
        return True  # the common case, without looking further
    return any(_text(c) for c in cells)


def _looks_like_header(cells) -> bool:
    texts = [_text(c) for c in cells if _text(c)]
    return len(texts) >= 2 and sum(not _numeric(t) for t in texts) >= len(texts) * 0.8


def _looks_like_data(cells) -> bool:
    return any(_numeric(_text(c)) for c in cells)


def _numeric(text: str) -> bool:
    return re.fullmatch(r"[+-]?[\d.,:/ %-]+", text) is not None and any(ch.isdigit() for ch in text)


def _unique_headers(cells) -> list:
    seen: dict = {}
    headers = []
    for index, cell in enumerate(cells[: limit("MAX_COLUMNS")]):
        name = _text(cell) or _("Column %(number)s") % {"number": index + 1}
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        headers.append(name[:100])
    while headers and headers[-1].startswith(_("Column %(number)s") % {"number": len(headers)}):
        headers.pop()  # trailing empty header cells (a trailing delimiter)
    return headers
