"""Reading KPI files as contact-center systems export them, and validating every row.

CSV with `,` or `;`, UTF-8 (with or without BOM) or Latin-1, German decimal
commas, percentages as 87, 87 % or 0.87; XLSX through openpyxl. Nothing is
imported unless every row is valid.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import ChannelCode
from people.spreadsheets import FORMULA_STARTS

MAX_BYTES = 50 * 1024 * 1024
FIELDS = ["agent", "period_start", "channel", "contacts", "aht_seconds", "fcr", "csat", "csat_answers", "qa_score"]
REQUIRED = ["agent", "period_start", "channel", "contacts"]
CHANNELS = {"phone": "phone", "telefon": "phone", "voice": "phone", "email": "email", "e-mail": "email",
            "mail": "email", "chat": "chat", "social": "social", "social media": "social"}


class FileProblem(Exception):
    """The whole file cannot be used; the message says why."""


@dataclass
class Table:
    headers: list
    rows: list = field(default_factory=list)  # list of dicts header → raw value


def read_table(name: str, content: bytes) -> Table:
    if not content:
        raise FileProblem(_("The file is empty."))
    if len(content) > MAX_BYTES:
        raise FileProblem(_("The file is larger than 50 MB. Please split it."))
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return _read_xlsx(content)
    if lower.endswith((".csv", ".txt")):
        return _read_csv(content)
    raise FileProblem(_("Please upload a CSV or XLSX file."))


def _read_csv(content: bytes) -> Table:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")  # old systems export Latin-1; every byte decodes
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = [r for r in reader if any(cell.strip() for cell in r)]
    if not rows:
        raise FileProblem(_("The file is empty."))
    headers = [h.strip() for h in rows[0]]
    return Table(headers, [dict(zip(headers, r)) for r in rows[1:]])


def _read_xlsx(content: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=False).worksheets[0]
    except Exception as error:
        raise FileProblem(_("This is not a readable XLSX file.")) from error
    rows = [r for r in sheet.iter_rows(values_only=True) if any(v not in (None, "") for v in r)]
    if not rows:
        raise FileProblem(_("The file is empty."))
    headers = [str(h or "").strip() for h in rows[0]]
    return Table(headers, [dict(zip(headers, r)) for r in rows[1:]])


def check_mapping(table: Table, mapping: dict) -> list[str]:
    """Messages for required fields without a column."""
    missing = [f for f in REQUIRED if not mapping.get(f) or mapping[f] not in table.headers]
    return [_("No column for the required field “%(field)s”.") % {"field": f} for f in missing]


def guess_mapping(headers) -> dict:
    normalised = {h.lower().replace(" ", "_"): h for h in headers}
    aliases = {"agent": ["agent", "agent_email", "email", "e-mail", "mitarbeiter"], "period_start": ["period_start", "date", "week", "datum", "woche"],
               "channel": ["channel", "kanal"], "contacts": ["contacts", "contacts_handled", "kontakte", "calls"],
               "aht_seconds": ["aht", "aht_seconds", "handling_time"], "fcr": ["fcr", "first_contact_resolution"],
               "csat": ["csat", "satisfaction"], "csat_answers": ["csat_answers", "responses"], "qa_score": ["qa", "qa_score"]}
    return {f: next((normalised[a] for a in names if a in normalised), "") for f, names in aliases.items()}


@dataclass
class RowResult:
    number: int  # line in the file (header is 1)
    values: dict
    errors: list


def _number(raw, *, integer=False):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        text = raw.strip().replace("%", "").replace(" ", "")
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".")  # 1.234,5 → 1234.5
        elif integer and re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")  # 1.210 contacts: a German thousands separator
        else:
            text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError as error:
            raise ValueError(_("is not a number")) from error
    if integer:
        if value != int(value):
            raise ValueError(_("is not a whole number"))
        return int(value)
    return value


def _share(raw):
    value = _number(raw)
    if value is None:
        return None
    if value > 1:
        value = value / 100  # 87 or 87 % means 0.87
    if not 0 <= value <= 1:
        raise ValueError(_("is not a share between 0 and 100 %"))
    return round(value, 4)


def _date(raw):
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw or "").strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("is not a date (2026-06-01 or 01.06.2026)"))


def _is_number(text: str) -> bool:
    """-5 or +3 are numbers, not formulas."""
    return re.fullmatch(r"[+-]?\d+([.,]\d+)?\s*%?", text.strip()) is not None


def validate(table: Table, mapping: dict, agents_by_email: dict) -> list[RowResult]:
    """Every row, validated; duplicates (agent, period, channel) within the file are errors too."""
    today = timezone.localdate()
    seen: dict = {}
    results = []
    for number, raw_row in enumerate(table.rows, start=2):
        errors, values = [], {}

        def get(name):
            return raw_row.get(mapping.get(name, ""), None)

        formulas = [name for name in FIELDS
                    if isinstance(get(name), str) and get(name).strip().startswith(FORMULA_STARTS)
                    and not _is_number(get(name))]
        errors += [_("%(field)s contains a formula") % {"field": name} for name in formulas]
        email = str(get("agent") or "").strip().lower()
        agent = agents_by_email.get(email)
        if agent is None:
            errors.append(_("unknown agent “%(email)s”") % {"email": email})
        values["agent"] = agent
        try:
            values["period_start"] = _date(get("period_start"))
            if values["period_start"] > today:
                errors.append(_("the period lies in the future"))
        except ValueError as error:
            errors.append(f"period_start {error}")
        channel = CHANNELS.get(str(get("channel") or "").strip().lower())
        if channel is None:
            errors.append(_("unknown channel “%(channel)s”") % {"channel": get("channel")})
        values["channel"] = channel
        for name, parse in (("contacts", lambda r: _number(r, integer=True)), ("aht_seconds", lambda r: _number(r, integer=True)),
                            ("fcr", _share), ("csat", _number), ("csat_answers", lambda r: _number(r, integer=True)),
                            ("qa_score", _number)):
            if name in formulas:
                continue
            try:
                values[name] = parse(get(name))
            except (ValueError, TypeError) as error:
                errors.append(f"{name} “{get(name)}” {error}" if str(error) else f"{name} “{get(name)}”")
        if values.get("contacts") is None and not any("contacts" in e for e in errors):
            errors.append(_("contacts is missing"))
        key = (email, values.get("period_start"), channel)
        if not errors and key in seen:
            errors.append(_("duplicate of line %(line)s") % {"line": seen[key]})
        seen.setdefault(key, number)
        results.append(RowResult(number, values, errors))
    return results
