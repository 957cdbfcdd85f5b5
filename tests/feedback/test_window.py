"""The three-day feedback window, with frozen time and Europe/Berlin's calendar."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from feedback.window import feedback_due_at

BERLIN = ZoneInfo("Europe/Berlin")
UTC = UTC


def hours_between(start, end):
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 3600


def test_tuesday_nine_oclock_is_due_on_friday_nine_oclock_72_hours_later():
    observed = datetime(2026, 6, 9, 9, 0, tzinfo=BERLIN)  # a Tuesday
    due = feedback_due_at(observed)
    assert due.astimezone(BERLIN) == datetime(2026, 6, 12, 9, 0, tzinfo=BERLIN)
    assert hours_between(observed, due) == 72


def test_across_the_autumn_change_of_2025_10_26_the_window_is_73_hours():
    observed = datetime(2025, 10, 24, 9, 0, tzinfo=BERLIN)
    due = feedback_due_at(observed)
    assert due.astimezone(BERLIN).replace(tzinfo=None) == datetime(2025, 10, 27, 9, 0)
    assert hours_between(observed, due) == 73


def test_across_the_spring_change_of_2026_03_29_the_window_is_71_hours():
    observed = datetime(2026, 3, 27, 9, 0, tzinfo=BERLIN)
    due = feedback_due_at(observed)
    assert due.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 3, 30, 9, 0)
    assert hours_between(observed, due) == 71


def test_an_observation_given_in_utc_keeps_its_local_wall_clock_time():
    observed = datetime(2026, 6, 9, 7, 0, tzinfo=UTC)  # 09:00 in Berlin
    assert feedback_due_at(observed).astimezone(BERLIN).hour == 9


def test_the_window_length_is_a_setting(settings):
    settings.FEEDBACK_WINDOW_DAYS = 2
    observed = datetime(2026, 6, 9, 9, 0, tzinfo=BERLIN)
    assert feedback_due_at(observed).astimezone(BERLIN).day == 11


class TestWorkingDays:
    @pytest.fixture(autouse=True)
    def working_days(self, settings):
        settings.FEEDBACK_WINDOW_WORKING_DAYS = True
        settings.HOLIDAY_REGION = "DE-NW"

    def test_a_friday_observation_skips_the_weekend(self):
        observed = datetime(2026, 6, 12, 9, 0, tzinfo=BERLIN)  # Friday
        assert (
            feedback_due_at(observed).astimezone(BERLIN).date() == datetime(2026, 6, 17).date()
        )  # Wednesday

    def test_the_friday_before_easter_is_not_due_on_easter_monday(self):
        observed = datetime(2026, 3, 27, 9, 0, tzinfo=BERLIN)  # Friday before Easter week
        due = feedback_due_at(observed).astimezone(BERLIN)
        assert due.date() == datetime(2026, 4, 1).date()  # Mon 30, Tue 31, Wed 1

    def test_an_observation_on_good_friday_is_not_due_on_easter_monday(self, settings):
        observed = datetime(
            2026, 4, 3, 9, 0, tzinfo=BERLIN
        )  # Good Friday: contact centers are open
        assert feedback_due_at(observed).astimezone(BERLIN).date() == datetime(2026, 4, 9).date()
        settings.FEEDBACK_WINDOW_WORKING_DAYS = False
        assert (
            feedback_due_at(observed).astimezone(BERLIN).date() == datetime(2026, 4, 6).date()
        )  # calendar days

    def test_good_friday_and_easter_monday_do_not_count(self):
        observed = datetime(2026, 4, 2, 9, 0, tzinfo=BERLIN)  # Maundy Thursday
        due = feedback_due_at(observed).astimezone(BERLIN)
        # Good Friday 3rd, weekend, Easter Monday 6th are skipped: Tue 7, Wed 8, Thu 9
        assert due.date() == datetime(2026, 4, 9).date()
        assert due.hour == 9

    def test_corpus_christi_counts_only_where_it_is_a_holiday(self, settings):
        observed = datetime(
            2026, 6, 3, 9, 0, tzinfo=BERLIN
        )  # Wednesday before Corpus Christi (4 June)
        assert feedback_due_at(observed).astimezone(BERLIN).date() == datetime(2026, 6, 9).date()
        settings.HOLIDAY_REGION = "DE-HH"  # no Corpus Christi in Hamburg
        assert feedback_due_at(observed).astimezone(BERLIN).date() == datetime(2026, 6, 8).date()

    def test_without_a_region_only_weekends_are_skipped(self, settings):
        settings.HOLIDAY_REGION = ""
        observed = datetime(2026, 4, 2, 9, 0, tzinfo=BERLIN)
        assert feedback_due_at(observed).astimezone(BERLIN).date() == datetime(2026, 4, 7).date()


def test_the_traffic_light_turns_amber_at_the_24_hour_mark_and_red_when_overdue(db):
    from feedback.models import CoachingNote

    due = datetime(2026, 6, 12, 9, 0, tzinfo=BERLIN)
    note = CoachingNote(feedback_due_at=due)
    assert note.traffic_light(now=due - timedelta(hours=24, seconds=1)) == "green"
    assert note.traffic_light(now=due - timedelta(hours=24) + timedelta(seconds=1)) == "amber"
    assert note.traffic_light(now=due - timedelta(seconds=1)) == "amber"
    assert note.traffic_light(now=due + timedelta(seconds=1)) == "red"
    note.delivered_at = due
    assert note.traffic_light(now=due + timedelta(days=3)) == "done"
    assert note.delivered_in_time is True
