"""Cells as the systems write them."""

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kpis import values


@pytest.mark.parametrize(
    "raw,unit,seconds",
    [
        ("345", "s", 345),
        ("345.5", "s", 345.5),
        ("345000", "ms", 345),
        ("5", "min", 300),
        ("05:45", "s", 345),
        ("125:30", "s", 7530),  # mm:ss, minutes past 59 (Avaya CMS)
        ("00:05:45", "s", 345),
        ("122:45:10", "s", 441910),  # hh:mm:ss past 24 hours
        ("1h 2m 3s", "s", 3723),
        ("2m 5s", "s", 125),
        ("45s", "s", 45),
        ("1,5", "s", 1.5),
        (timedelta(hours=30), "s", 108000),
        (time(0, 5, 45), "s", 345),
        (12.5, "s", 12.5),
    ],
)
def test_durations_in_every_common_form(raw, unit, seconds):
    assert values.duration(raw, unit=unit) == pytest.approx(seconds)


@pytest.mark.parametrize("raw", ["", "-", "  ", None, "n/a", "–"])
def test_missing_is_missing_never_zero(raw):
    assert values.duration(raw) is None
    assert values.number(raw) is None
    assert values.share(raw) is None


@pytest.mark.parametrize("raw", ["abc", "5:75", "1:2:3:4", "inf", "nan", "-5", "1e20", "12:99:00"])
def test_what_is_not_a_duration_is_said_so(raw):
    with pytest.raises(values.CellError):
        values.duration(raw)


@pytest.mark.parametrize(
    "raw,share",
    [
        ("0.87", 0.87),
        ("87", 0.87),
        ("87 %", 0.87),
        ("87%", 0.87),
        ("98,63", 0.9863),
        ("0,5", 0.5),
        (0.87, 0.87),
        ("1", 1.0),
        ("0.5 %", 0.005),
    ],
)
def test_percentages_in_every_common_form(raw, share):
    assert values.share(raw) == pytest.approx(share)


@pytest.mark.parametrize(
    "raw,number", [("1.210", 1210), ("1,210", 1210), ("1.234,5", 1234.5), ("210", 210)]
)
def test_numbers_with_thousands_separators(raw, number):
    assert values.number(raw, integer=isinstance(number, int)) == number


@pytest.mark.parametrize("raw", ["inf", "nan", "-inf", "1e20", "-5", "12abc", "1.5"])
def test_hostile_counts_are_errors(raw):
    with pytest.raises(values.CellError):
        values.number(raw, integer=True)


@pytest.mark.parametrize(
    "raw,order,day",
    [
        ("2026-06-01", "dmy", date(2026, 6, 1)),
        ("2026-06-01T23:30:00-07:00", "dmy", date(2026, 6, 1)),
        ("2026-06-01T00:00:00.000Z", "dmy", date(2026, 6, 1)),
        ("01.06.2026", "dmy", date(2026, 6, 1)),
        ("1.6.26 08:00", "dmy", date(2026, 6, 1)),
        ("6/1/2026 12:00 AM", "mdy", date(2026, 6, 1)),
        ("06/01/2026 11:59 PM", "mdy", date(2026, 6, 1)),
        ("01/06/2026", "dmy", date(2026, 6, 1)),
        ("20260601", "dmy", date(2026, 6, 1)),
    ],
)
def test_dates_iso_with_offsets_us_with_am_pm_and_german(raw, order, day):
    assert values.day(raw, slash_order=order) == day


@pytest.mark.parametrize("raw", ["June", "0001-01-01", "9999-12-31", "31.02.2026", "13/13/2026"])
def test_implausible_dates_are_errors(raw):
    with pytest.raises(values.CellError):
        values.day(raw)


@pytest.mark.parametrize(
    "raw,score", [("Good", 5.0), ("bad", 1.0), ("Offered", None), ("Unoffered", None), ("4,5", 4.5)]
)
def test_satisfaction_as_words_or_numbers(raw, score):
    assert values.csat(raw) == score


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    st.one_of(st.text(max_size=30), st.floats(allow_nan=True, allow_infinity=True), st.integers())
)
def test_any_cell_gives_a_value_none_or_a_cell_error(raw):
    for parse in (
        values.duration,
        values.share,
        values.number,
        values.csat,
        values.flag,
        values.day,
        lambda r: values.number(r, integer=True),
    ):
        try:
            result = parse(raw)
        except values.CellError:
            continue
        if isinstance(result, float):
            assert (
                result == result and abs(result) < 1e10
            )  # finite, bounded: never nan or inf in the database


@pytest.mark.parametrize("raw", [0, 1, 0.87, 0.5, 87, 98.63, 4.2])
def test_shares_as_json_carries_them_read_as_their_text_does(raw):
    assert values.share(raw) == values.share(str(raw))
    assert isinstance(values.share(raw), float)


@pytest.mark.parametrize("raw", [0, 1, 0.5, 345, 345.5, 86400])
def test_durations_as_json_carries_them_read_as_their_text_does(raw):
    assert values.duration(raw) == values.duration(str(raw))
    assert values.duration(raw, unit="min") == values.duration(str(raw), unit="min")
    assert isinstance(values.duration(raw), float)


@pytest.mark.parametrize("raw", [True, False, -1, -0.5, float("nan"), float("inf")])
def test_flags_and_hostile_numbers_are_no_share_and_no_duration(raw):
    with pytest.raises(values.CellError):
        values.share(raw)
    with pytest.raises(values.CellError):
        values.duration(raw)
