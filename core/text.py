"""Text as people type it, made safe to store and export.

Control characters (NUL, escape, bell, form feed, ... and the C1 range) have no place in what
people write; in an XLSX or XML export they make the whole file unreadable. Tabs and line breaks stay.
"""

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def strip_control_characters(value: str) -> str:
    return _CONTROL.sub("", value)


def clean_cell(value: object) -> object:
    """A value for a spreadsheet or PDF cell: text without control characters; other types unchanged."""
    return strip_control_characters(value) if isinstance(value, str) else value
