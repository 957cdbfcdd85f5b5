"""Each preset with a file made from the vendor's documentation, against records computed by hand.

The same week's numbers (Jonas: 40 calls at 300 s on Monday, 60 at 350 s on Tuesday; Clara: 50
at 400 s on Monday, 30 at 320 s on Wednesday) are written the way each system exports them, so
every phone preset must give Jonas 100 contacts at (40·300 + 60·350) / 100 = 330 s and Clara 80
contacts at (50·400 + 30·320) / 80 = 370 s for the week of 01.06.2026.
"""

from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from kpis import presets, reading, services
from kpis.models import ImportSource, KpiRecord

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parent / "files" / "presets"
WEEK = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-06-20 12:00 +02:00", tick=False):
        yield


def headers_of(name):
    with (FILES / name).open("rb") as handle:
        return reading.read_all(name, handle).headers


def run(name, source="test", **options):
    with (FILES / name).open("rb") as handle:
        report = services.import_file(handle, name, source=services.source_for(source), **options)
    assert not report.problems, report.problems
    assert report.errors == [], report.errors
    return report


def records():
    return {
        (r.agent.first_name, r.period_start, r.channel): (
            r.contacts,
            r.aht_seconds,
            r.fcr,
            r.csat,
            r.csat_answers,
            r.qa_score,
        )
        for r in KpiRecord.objects.select_related("agent")
    }


PHONE_WEEK = {
    ("Jonas", WEEK, "phone"): (100, 330, None, None, 0, None),
    ("Clara", WEEK, "phone"): (80, 370, None, None, 0, None),
}


@pytest.mark.parametrize(
    "name,preset",
    [
        ("amazon_connect.csv", "amazon_connect"),
        ("genesys_en.csv", "genesys_en"),
        ("genesys_de.csv", "genesys_de"),
        ("avaya_cms.csv", "avaya_cms"),
        ("nice_cxone.csv", "nice_cxone"),
        ("zendesk_tickets.csv", "zendesk"),
        ("per_contact.csv", "per_contact"),
    ],
)
def test_each_export_is_recognised_by_its_headers(name, preset):
    assert presets.detect(headers_of(name)).name == preset


def test_the_portals_own_format_is_recognised_too():
    assert presets.detect(["agent_email", "week", "channel", "contacts", "aht"]).name == "portal"


def test_a_file_without_known_headers_is_not_guessed():
    assert presets.detect(["Foo", "Bar", "Baz"]) is None


def test_amazon_connect_rows_per_queue_and_interval_add_up_to_the_week(cast):
    report = run("amazon_connect.csv", channel="phone")
    assert records() == PHONE_WEEK
    assert (report.rows, report.records) == (6, 2)  # "-" for no data is missing, not 0 s


def test_amazon_connect_without_a_channel_asks_for_one(cast):
    with (FILES / "amazon_connect.csv").open("rb") as handle:
        report = services.import_file(
            handle, "amazon_connect.csv", source=services.source_for("connect")
        )
    assert report.problems == [
        "The file has no channel column: choose one channel for the whole file."
    ]
    assert not KpiRecord.objects.exists()


def test_genesys_in_milliseconds_with_us_dates_skips_the_summary_row(cast):
    report = run("genesys_en.csv")
    assert records() == PHONE_WEEK
    assert report.skipped_count == 1 and "Summary" in report.skipped[0][1]


def test_genesys_german_in_windows_1252_with_clock_durations_and_a_chat_row(cast):
    report = run("genesys_de.csv")
    assert records() == {**PHONE_WEEK, ("Clara", WEEK, "chat"): (10, 500, None, None, 0, None)}
    assert report.skipped_count == 1


def test_avaya_cms_blocks_per_day_with_title_lines_totals_and_minutes_past_59(cast):
    report = run("avaya_cms.csv")
    assert records() == PHONE_WEEK  # the preset's channel: phone
    assert report.skipped_count == 3  # one Totals row per block
    assert all("Totals" in reason for _line, reason in report.skipped)


def test_nice_cxone_with_and_without_a_header_row(cast):
    run("nice_cxone.csv")
    assert records() == PHONE_WEEK
    KpiRecord.objects.all().delete()
    run("nice_cxone_no_header.csv", preset_name="nice_cxone", force_preset=True)
    assert records() == PHONE_WEEK


def test_zendesk_tickets_count_solved_tickets_with_reopens_and_satisfaction_words(cast):
    report = run("zendesk_tickets.csv")
    # Clara: 3 solved e-mail tickets, one reopened (FCR 2/3), Good = 5 and Bad = 1 (Offered is no answer).
    assert records() == {
        ("Clara", WEEK, "email"): (3, None, 0.6667, 3.0, 2, None),
        ("Jonas", WEEK, "chat"): (1, None, 1.0, 5.0, 1, None),
    }
    assert report.skipped_count == 1  # ticket 104 is not solved yet


def test_a_per_contact_log_gives_averages_over_answered_contacts(cast):
    report = run("per_contact.csv")
    # Jonas: 300 s, 400 s and 200 s answered (c3 was not), resolved 2 of 3, ratings 5 and 4.
    assert records() == {
        ("Jonas", WEEK, "phone"): (3, 300, 0.6667, 4.5, 2, None),
        ("Clara", WEEK, "chat"): (1, 3723, 0.0, 3.0, 1, None),
    }
    assert report.skipped == [[4, "not answered"]]


def test_the_same_numbers_from_two_systems_give_identical_records(cast):
    run("genesys_en.csv", source="Genesys")
    first = records()
    run("avaya_cms.csv", source="Avaya")
    assert records() == first == PHONE_WEEK
    assert KpiRecord.objects.count() == 2


def test_a_reimport_of_an_overlapping_file_changes_nothing_twice(cast):
    assert run("nice_cxone.csv").changed == 2
    before = list(KpiRecord.objects.order_by("pk").values())
    assert run("nice_cxone.csv").changed == 0
    assert run("genesys_en.csv").changed == 0  # the same numbers from another system
    assert list(KpiRecord.objects.order_by("pk").values()) == before


@pytest.mark.parametrize(
    "name,arguments",
    [
        ("amazon_connect.csv", ["--channel", "phone"]),
        ("genesys_en.csv", []),
        ("genesys_de.csv", []),
        ("avaya_cms.csv", []),
        ("nice_cxone.csv", []),
        ("nice_cxone_no_header.csv", ["--preset", "nice_cxone"]),
    ],
)
def test_the_command_detects_or_is_told_the_preset(cast, capsys, name, arguments):
    call_command("import_kpis", str(FILES / name), "--source", f"cmd-{name}", *arguments)
    assert "record(s) imported" in capsys.readouterr().out
    assert {k: v for k, v in records().items() if k[2] == "phone"} == PHONE_WEEK
    assert ImportSource.objects.get(name=f"cmd-{name}").mapping  # saved for the next file


def test_a_forced_preset_wins_over_a_saved_mapping(cast, capsys):
    source = services.source_for("mixed")
    source.mapping, source.preset = (
        {"agent": "nope", "period_start": "nope", "contacts": "nope"},
        "portal",
    )
    source.save()
    call_command(
        "import_kpis", str(FILES / "nice_cxone.csv"), "--source", "mixed", "--preset", "nice_cxone"
    )
    assert records() == PHONE_WEEK
