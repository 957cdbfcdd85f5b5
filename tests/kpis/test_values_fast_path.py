"""The API's rows of plain values take a shortcut through the checker (`Checker.feed_values`); it must
come to exactly what `feed()` makes of the same rows, row by row: the same records and sums, the same
errors in the same words, the same skipped rows and unknown agents."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kpis import presets
from kpis.matching import AgentMatcher
from kpis.validation import RECORD_FIELDS, Checker

pytestmark = pytest.mark.django_db

AGENTS = [
    "agent",  # replaced by the agent's e-mail
    "AGENT",  # the same e-mail in capitals
    "colleague",
    "Total",
    "Summe Team",
    "=HYPERLINK(1)",
    "",
    "   ",
    "nobody@example.test",
    5,
    None,
    True,
]
DAYS = [
    "2026-06-01",
    "2026-06-03",
    "2026-06-19",
    "2026-06-21",  # after today
    "01.06.2026",
    "2026-06-01T10:00:00+02:00",
    "1999-01-01",
    "someday",
    "",
    None,
    20260601,
]
CHANNELS = ["phone", "Phone", "telefon", "email", "chat", "=1+2", "-", "", "fax", None, 1]
EDGES = [
    None,
    True,
    False,
    0,
    -0.0,
    1,
    -1,
    0.5,
    1.0,
    1.5,
    5,
    5.01,
    100,
    100.01,
    86_400,
    86_400.5,
    1_000_000,
    1_000_001,
    10**9,
    10**9 + 1,
    float("nan"),
    float("inf"),
    "12",
    "1,5",
    "87 %",
    "-",
    "",
    "abc",
    "=1+1",
]
numbers = st.one_of(
    st.sampled_from(EDGES),
    st.integers(min_value=-3, max_value=1_100_000),
    st.floats(min_value=-1, max_value=101, allow_nan=False),
)
row = st.tuples(
    st.sampled_from(AGENTS),
    st.sampled_from(DAYS),
    st.sampled_from(CHANNELS),
    *[numbers] * 6,
).map(list)
rows = st.lists(st.one_of(row, row, row, row.map(lambda r: r[:8])), max_size=40)


@pytest.fixture
def matcher(cast):
    return AgentMatcher(None)


def _checker(matcher, period):
    return Checker(
        preset=presets.OWN,
        mapping={name: name for name in RECORD_FIELDS},
        headers=RECORD_FIELDS,
        matcher=matcher,
        today=timezone.localdate(),
        period=period,
    )


def _named(records, cast):
    emails = {"agent": cast["agent"].email, "AGENT": cast["agent"].email.upper()}
    emails["colleague"] = cast["colleague"].email
    return [[emails.get(r[0], r[0]) if r[0].__class__ is str else r[0], *r[1:]] for r in records]


def _outcome(checker):
    o = checker.outcome
    return o.rows, o.errors, o.error_count, o.skipped, o.skipped_count, o.unmatched


@time_machine.travel("2026-06-20 12:00 +02:00", tick=False)
@pytest.mark.parametrize("period", ["day", "week"])
@hypothesis_settings(max_examples=40)
@given(records=rows)
def test_the_shortcut_comes_to_what_feed_makes_of_every_row(cast, matcher, period, records):
    records = _named(records, cast)
    one_by_one, at_once = _checker(matcher, period), _checker(matcher, period)
    assert at_once._takes_values
    for number, cells in enumerate(records):
        one_by_one.feed(number, list(cells))
    at_once.feed_values([list(cells) for cells in records])

    assert at_once.records == one_by_one.records
    assert list(at_once.rows()) == list(one_by_one.rows())
    assert _outcome(at_once) == _outcome(one_by_one)


@time_machine.travel("2026-06-20 12:00 +02:00", tick=False)
def test_plain_rows_are_taken_and_every_doubtful_one_is_left_to_feed(cast, matcher):
    email = cast["agent"].email
    good = [email, "2026-06-01", "phone", 10, 300, 0.8, 4.5, 3, 90]
    checker = _checker(matcher, "week")
    checker.feed_values(
        [
            good,
            [email, "2026-06-02", "phone", 10, 300, 0.8, 4.5, 3, 90],  # the same week: a duplicate
            [email, "2026-06-08", "phone", True, 300, 0.8, 4.5, 3, 90],  # a flag is no count
            [email, "2026-06-08", "chat", 10, 86_401, None, None, None, None],  # over 24 hours
            ["Total", "2026-06-08", "phone", 10, 300, 0.8, 4.5, 3, 90],  # a summary row
        ]
    )
    (key, sums), *_rest = checker.records.items()
    assert (
        key == (cast["agent"].pk, datetime.date(2026, 6, 1), "phone") and len(checker.records) == 1
    )
    assert list(checker.rows()) == [
        (cast["agent"].pk, datetime.date(2026, 6, 1), "phone", 10, 300, 0.8, 4.5, 3, 90.0)
    ]
    assert [line for line, _message in checker.outcome.errors] == [1, 2, 3]
    assert "duplicate of line 0" in checker.outcome.errors[0][1]
    assert checker.outcome.skipped_count == 1 and checker.outcome.rows == 5


def test_other_formats_never_take_the_shortcut(cast, matcher):
    mapping = {name: name for name in RECORD_FIELDS}
    assert not Checker(
        preset=presets.OWN,
        mapping=mapping,
        headers=RECORD_FIELDS,
        matcher=matcher,
        today=datetime.date(2026, 6, 20),
        channel="phone",  # one channel for the whole file
    )._takes_values
    for name in ("zendesk", "per_contact", "genesys_en", "avaya_cms"):
        preset = presets.get(name)
        assert not Checker(
            preset=preset,
            mapping=preset.mapping_for(RECORD_FIELDS),
            headers=RECORD_FIELDS,
            matcher=matcher,
            today=datetime.date(2026, 6, 20),
        )._takes_values
