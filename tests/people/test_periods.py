import datetime
from zoneinfo import ZoneInfo

import pytest

from people.periods import Quarter

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_quarter_label_parses_and_prints_back():
    assert Quarter.parse("2026-Q3") == Quarter(2026, 3)
    assert str(Quarter(2026, 3)) == "2026-Q3"


@pytest.mark.parametrize("label", ["", "2026-Q5", "2026Q3", "Q3-2026", "2026-q3x", None])
def test_anything_else_is_not_a_quarter(label):
    with pytest.raises(ValueError):
        Quarter.parse(label)


def test_quarters_begin_and_end_at_local_midnight():
    q = Quarter(2026, 1)
    assert q.start == datetime.datetime(2026, 1, 1, tzinfo=BERLIN)
    assert q.end == datetime.datetime(2026, 4, 1, tzinfo=BERLIN)
    assert q.last_day == datetime.date(2026, 3, 31)
    utc = datetime.UTC
    assert q.end.astimezone(utc) - q.start.astimezone(utc) == datetime.timedelta(
        days=90, hours=-1
    )  # DST


def test_the_quarter_after_q4_is_next_years_q1():
    assert Quarter(2026, 4).next() == Quarter(2027, 1)
    assert Quarter(2027, 1).previous() == Quarter(2026, 4)
    assert Quarter(2026, 2).last(3) == [Quarter(2025, 4), Quarter(2026, 1), Quarter(2026, 2)]


def test_the_quarter_containing_a_moment_uses_local_time():
    # 2026-06-30 23:30 in Berlin is still Q2, though it is 21:30 UTC.
    moment = datetime.datetime(2026, 6, 30, 21, 30, tzinfo=datetime.UTC)
    assert Quarter.containing(moment) == Quarter(2026, 2)
    moment = datetime.datetime(2026, 6, 30, 22, 30, tzinfo=datetime.UTC)
    assert Quarter.containing(moment) == Quarter(2026, 3)


def test_people_read_a_quarter_as_q4_2026_in_both_languages():
    from django.utils import translation

    from people.periods import display_quarter

    for language in ("de", "en"):
        with translation.override(language):
            assert Quarter(2026, 4).display == "Q4 2026"
            assert display_quarter("2026-Q4") == "Q4 2026"


def test_a_quarter_written_as_people_read_it_parses_too():
    assert Quarter.parse("Q4 2026") == Quarter(2026, 4)
    assert Quarter.parse(" q1 2027 ") == Quarter(2027, 1)
