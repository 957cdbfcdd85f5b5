"""Reading single cells as contact-center systems write them: numbers, shares, durations, dates, flags.

Every parser takes the raw cell (a string from a CSV, or a number/date from an XLSX) and returns
the value, None for "no data" (empty, "-", "n/a": never 0), or raises CellError with a message
that a person understands. The common formats go through a fast path first (int(), float(),
date.fromisoformat()), the rest through the slower patterns.
"""

import math
import re
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext as _

MISSING = frozenset({"", "-", "--", "–", "—", "n/a", "na", "null", "none", "k. a.", "k.a.", "#n/a"})
YES = frozenset({"yes", "y", "true", "1", "ja", "j", "x", "wahr", "resolved", "gelöst"})
NO = frozenset({"no", "n", "false", "0", "nein", "falsch", "unresolved", "nicht gelöst"})
# Zendesk writes satisfaction as words; a good rating counts as 5 and a bad one as 1 on the portal's scale.
CSAT_WORDS = {
    "good": 5.0,
    "gut": 5.0,
    "bad": 1.0,
    "schlecht": 1.0,
    "offered": None,
    "unoffered": None,
    "angeboten": None,
    "nicht angeboten": None,
}
LARGEST_NUMBER = 1e9
DURATION_UNITS = {"ms": 0.001, "s": 1.0, "min": 60.0, "h": 3600.0}


class CellError(ValueError):
    """A cell that cannot be read; the message names what was expected."""


def is_missing(raw) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return raw.strip().casefold() in MISSING
    return False


def number(raw, *, integer: bool = False, allow_negative: bool = False):
    """87, 1.210 (German thousands), 1,234.5, 4,4, 87 % (the % is dropped here)."""
    kind = raw.__class__
    if (kind is int or kind is float) and 0 <= raw <= LARGEST_NUMBER:
        # fast path: numbers as JSON and XLSX cells carry them (bool is neither class; NaN fails 0 <= raw)
        if not integer:
            return float(raw)
        if kind is int or raw == int(raw):
            return int(raw)
    if raw.__class__ is str:
        text = raw.strip()
        if text.endswith("%"):
            text = text[:-1].rstrip(" \u00a0")  # 87 % (the % is dropped here, as below)
        if text.isdigit() and text.isascii():  # fast path: 210
            value = int(text)
            if value > LARGEST_NUMBER:
                raise CellError(_("is too large"))
            return value if integer else float(value)
        if not integer:
            if "," in text:  # float() never takes a comma: spare it the exception
                whole, _comma, fraction = text.partition(",")
                if (
                    whole.isdigit()
                    and fraction.isdigit()
                    and whole.isascii()
                    and fraction.isascii()
                ):
                    value = float(f"{whole}.{fraction}")  # fast path: 4,4 (a German decimal comma)
                    if value <= LARGEST_NUMBER:
                        return value
            else:
                try:
                    value = float(text)  # fast path: 345.5
                except ValueError:
                    pass
                else:
                    if 0 <= value <= LARGEST_NUMBER:
                        return value
    if is_missing(raw):
        return None
    if isinstance(raw, bool):
        raise CellError(_("is not a number"))
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        text = raw.strip()
        if integer and ("." in text or "," in text):
            value = _slow_number(text, integer=True)  # 1.210 contacts
        else:
            try:
                value = float(text)
            except ValueError:
                value = _slow_number(text, integer=integer)
    if not math.isfinite(value):
        raise CellError(_("is not a finite number"))
    if value < 0 and not allow_negative:
        raise CellError(_("must not be negative"))
    if abs(value) > LARGEST_NUMBER:
        raise CellError(_("is too large"))
    if integer:
        if value != int(value):
            raise CellError(_("is not a whole number"))
        return int(value)
    return value


def _slow_number(text: str, *, integer: bool) -> float:
    text = text.replace("\u00a0", "").replace(" ", "").rstrip("%")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")  # 1.234,5
        else:
            text = text.replace(",", "")  # 1,234.5
    elif integer and re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")  # 1.210 contacts: a German thousands separator
    elif re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+", text) and integer:
        text = text.replace(",", "")  # 1,210 contacts
    else:
        text = text.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", text, flags=re.IGNORECASE):
        raise CellError(_("is not a number"))
    return float(text)


def share(raw):
    """A share between 0 and 1 from 0.87, 87, "87 %" or "98,63"; a value above 1 is read as a percentage."""
    percent = False
    kind = raw.__class__
    if (kind is int or kind is float) and 0 <= raw <= 1:
        return float(raw)  # fast path: 0.87 as JSON and XLSX cells carry it (NaN fails 0 <= raw)
    if kind is str:
        if "%" in raw or "," in raw:  # float() takes neither: spare it the exception
            percent = raw.rstrip().endswith("%")  # 87 %: a percentage, whatever its size
        else:
            try:
                value = float(raw)  # fast path: 0.87
            except ValueError:
                pass
            else:
                if 0 <= value <= 1:
                    return value
    if not percent and is_missing(raw):
        return None
    value = number(raw)
    if percent or value > 1:
        value = value / 100
    if not 0 <= value <= 1:
        raise CellError(_("is not a share between 0 and 100 %"))
    return value


def score(raw, *, low: float, high: float):
    value = number(raw)
    if value is not None and not low <= value <= high:
        raise CellError(
            _("is not between %(low)s and %(high)s") % {"low": _plain(low), "high": _plain(high)}
        )
    return value


def csat(raw):
    """A rating 1–5, or a word such as Zendesk's "Good" and "Bad" ("Offered" means no answer)."""
    if isinstance(raw, str):
        word = raw.strip().casefold()
        if word in CSAT_WORDS:
            return CSAT_WORDS[word]
    return score(raw, low=1, high=5)


def flag(raw):
    """yes/no, true/false, 1/0, ja/nein, x; None when empty."""
    if is_missing(raw) and raw not in ("-",):
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)):
        if raw in (0, 1):
            return bool(raw)
        raise CellError(_("is not yes or no"))
    text = str(raw).strip().casefold()
    if text in YES:
        return True
    if text in NO or text == "-":
        return False
    raise CellError(_("is not yes or no"))


def zero_is_yes(raw):
    """A count where 0 means "resolved the first time" (Zendesk's Reopens)."""
    value = number(raw, integer=True)
    return None if value is None else value == 0


_CLOCK = re.compile(r"^(\d+):(\d{1,2})(?::(\d{1,2}))?([.,]\d+)?$")
_WORDS = re.compile(
    r"^(?:(\d+(?:[.,]\d+)?)\s*h)?\s*(?:(\d+(?:[.,]\d+)?)\s*m(?:in)?)?\s*(?:(\d+(?:[.,]\d+)?)\s*s(?:ec)?)?$"
)


def duration(raw, *, unit: str = "s") -> float | None:
    """Seconds from ms/s/min numbers (unit), mm:ss with minutes past 59, hh:mm:ss past 24 h, or "1h 2m 3s"."""
    kind = raw.__class__
    if kind is int or kind is float:  # fast path: numbers as JSON and XLSX cells carry them
        return _checked_seconds(float(raw) * DURATION_UNITS[unit])
    if kind is str:
        try:
            seconds = float(raw) * DURATION_UNITS[unit]  # fast path: 345, 345.5, 345000
        except ValueError:
            pass
        else:
            return _checked_seconds(seconds)
    if is_missing(raw):
        return None
    if isinstance(raw, timedelta):
        return raw.total_seconds()
    if isinstance(raw, time):
        return raw.hour * 3600 + raw.minute * 60 + raw.second + raw.microsecond / 1e6
    if isinstance(raw, datetime):
        raise CellError(_("is not a duration"))
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _checked_seconds(float(raw) * DURATION_UNITS[unit])
    text = str(raw).strip()
    try:
        seconds = float(text) * DURATION_UNITS[unit]  # fast path: 345, 345.5, 345000
    except ValueError:
        pass
    else:
        return _checked_seconds(seconds)
    clock = _CLOCK.match(text)
    if clock:
        first, second, third, fraction = clock.groups()
        if third is None:  # mm:ss, minutes may pass 59 (Avaya CMS)
            if int(second) > 59:
                raise CellError(_("is not a duration"))
            seconds = int(first) * 60 + int(second)
        else:  # hh:mm:ss, hours may pass 24
            if int(second) > 59 or int(third) > 59:
                raise CellError(_("is not a duration"))
            seconds = int(first) * 3600 + int(second) * 60 + int(third)
        return _checked_seconds(seconds + (float("0." + fraction[1:]) if fraction else 0.0))
    words = (
        _WORDS.match(text.casefold().replace(" ", "")) if any(c.isalpha() for c in text) else None
    )
    if words and any(words.groups()):
        h, m, s = (float(g.replace(",", ".")) if g else 0.0 for g in words.groups())
        return _checked_seconds(h * 3600 + m * 60 + s)
    try:
        return _checked_seconds(number(text) * DURATION_UNITS[unit])
    except CellError:
        raise CellError(_("is not a duration")) from None


def _checked_seconds(seconds: float) -> float:
    if not math.isfinite(seconds):
        raise CellError(_("is not a finite number"))
    if seconds < 0:
        raise CellError(_("must not be negative"))
    if seconds > LARGEST_NUMBER:
        raise CellError(_("is too large"))
    return seconds


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_DAY_FIRST = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\b")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def day(raw, *, slash_order: str = "dmy") -> date | None:
    """The calendar day as written in the file (an offset is not converted: the interval's own day counts).

    ISO dates and timestamps with or without offset, German dd.mm.yyyy, slashed dates in the
    preset's order (US systems write mm/dd/yyyy, with AM/PM times after them), and 20260601.
    """
    if is_missing(raw):
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float)):
        raise CellError(_("is not a date"))
    text = str(raw).strip().strip('"')
    match = _ISO.match(text)
    if match:
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := _DAY_FIRST.match(text):
        parts = (_year(match[3]), int(match[2]), int(match[1]))
    elif match := _SLASH.match(text):
        first, second = int(match[1]), int(match[2])
        month, dom = (first, second) if slash_order == "mdy" else (second, first)
        parts = (_year(match[3]), month, dom)
    elif match := _COMPACT.match(text):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    else:
        raise CellError(_("is not a date"))
    try:
        value = date(*parts)
    except ValueError:
        raise CellError(_("is not a date")) from None
    if not 2000 <= value.year <= 2100:
        raise CellError(_("is not a plausible date"))
    return value


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def as_text(value) -> str:
    """A cell as the text a person sees (XLSX numbers, dates and durations included)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip().replace("\ufeff", "")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if (
        isinstance(value, float) and value.is_integer() and abs(value) < 1e15
    ):  # NaN, inf: as they are
        return str(int(value))
    return str(value)
