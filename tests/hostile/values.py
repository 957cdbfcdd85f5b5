"""Hostile values, as a careless or malicious user would type or post them."""

import string

from hypothesis import strategies as st

MISSING = object()

CONTROL = "".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0)]))

hostile_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40),
    st.text(alphabet=CONTROL + "ab \t\n\r", min_size=1, max_size=20),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "\x1b[31mred",
            "\x0b\x0c",
            "\ufeff",
            "\ufffe\uffff",
            "\u202eevil",
            '=HYPERLINK("x")',
            "+1",
            "-1",
            "@SUM(A1)",
            "<script>alert(1)</script>",
            "{{ 7*7 }}",
            "%s%s%n",
            "' OR 1=1 --",
            "../../etc/passwd",
            " ",
            "",
            "\n",
            "💥" * 50,
        ]
    ),
    st.integers(min_value=1_000, max_value=120_000).map(lambda n: "x" * n),
)

hostile_number = st.sampled_from(
    [
        "-1",
        "0",
        "1.5",
        "1e309",
        "1e20",
        "-5",
        "inf",
        "-inf",
        "nan",
        "NaN",
        "Infinity",
        "9223372036854775808",
        "99999999999999999999999999",
        "-9223372036854775809",
        "0x10",
        "١٢",
        "²",
        "½",
        "3 ",
        " 3",
        "3,5",
        "1_000",
        "",
        "true",
        "[]",
        "{}",
        "null",
    ]
)

hostile_date = st.one_of(
    st.sampled_from(
        [
            "0001-01-01",
            "9999-12-31",
            "0000-00-00",
            "2026-02-30",
            "10000-01-01",
            "-2026-01-01",
            "31.12.9999",
            "01.01.0001",
            "2026-13-01",
            "yesterday",
            "1-1-1",
            "2026-01-01T00:00",
            "0001-01-01T00:00",
            "9999-12-31T23:59",
            "9999-12-31 23:59:59",
            "0001-01-01 00:00:00",
            "2026-03-29T02:30",
            "2026-10-25T02:30",
        ]
    ),
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
)

hostile_quarter = st.one_of(
    st.sampled_from(
        [
            "9999-Q4",
            "0000-Q1",
            "0001-Q1",
            "2026-Q0",
            "2026-Q5",
            "Q4 2026",
            "2026-q4",
            "2026-Q4\x00",
            "99999-Q1",
            "-001-Q1",
            "٢٠٢٦-Q4",
        ]
    ),
    st.builds(lambda y, q: f"{y:04d}-Q{q}", st.integers(0, 9999), st.integers(1, 4)),
)

hostile_id = st.sampled_from(
    [
        "abc",
        "0",
        "-1",
        "99999999999",
        "9223372036854775807",
        "9223372036854775808",
        "1" * 40,
        "1.0",
        "1e3",
        " 1",
        "١",
        "²",
        "",
        "null",
        "1 OR 1=1",
    ]
)

anything = st.one_of(hostile_text, hostile_number, hostile_date, hostile_quarter, hostile_id)


def hostile_for(found):
    """A hostile value of the field's kind, of any kind, or several values for one name."""
    typed = {
        "number": hostile_number,
        "date": hostile_date,
        "datetime-local": hostile_date,
        "select": hostile_id,
        "checkbox": hostile_id,
        "radio": hostile_id,
    }.get(found.kind, hostile_text)
    single = st.one_of(typed, anything)
    return st.one_of(single, st.lists(single, min_size=2, max_size=3))


def plausible(found) -> str:
    if found.kind == "select" and found.options:
        return next((o for o in found.options if o), "")
    return found.value or {
        "date": "2026-03-10",
        "datetime-local": "2026-03-10T09:30",
        "number": "3",
        "email": "new.person@example.test",
        "checkbox": "on",
    }.get(found.kind, "A plain text")


junk_names = st.sampled_from(
    [
        "id",
        "pk",
        "next",
        "page",
        "quarter",
        "team",
        "status",
        "agent",
        "q",
        "kind",
        "language",
        "action",
    ]
    + list(string.ascii_lowercase[:3])
)


# The known troublemakers, tried one field at a time (the others plausible) before hypothesis
# generates its own mixes.
CRITICAL = {
    "text": ["\x00", "a\x07b\x1bc\x0c", "x" * 100_000],
    "date": ["0001-01-01", "9999-12-31"],
    "datetime-local": ["0001-01-01T00:00", "9999-12-31T23:59"],
    "number": ["-1", "1e309", "nan", "99999999999999999999"],
    "select": ["abc", "99999999999999999999", "-1"],
}
CRITICAL_QUERY = [
    "abc",
    "-1",
    "99999999999999999999",
    "²",
    "\x00",
    "9999-Q4",
    "0000-Q1",
    "0001-Q1",
    "x" * 3000,
]


def critical_for(found) -> list[str]:
    kind = {
        "textarea": "text",
        "email": "text",
        "password": "text",
        "hidden": "text",
        "checkbox": "select",
        "radio": "select",
        "button": "text",
    }.get(found.kind, found.kind)
    return CRITICAL.get(kind, CRITICAL["text"])
