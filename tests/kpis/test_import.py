from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from kpis import reading, services
from kpis.models import KpiRecord

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parent / "files"
MAPPING = {
    "agent": "agent_email",
    "period_start": "week",
    "channel": "channel",
    "contacts": "contacts",
    "aht_seconds": "aht",
    "fcr": "fcr",
    "csat": "csat",
    "csat_answers": "csat_answers",
    "qa_score": "qa",
}
GERMAN = {
    "agent": "Mitarbeiter",
    "period_start": "Woche",
    "channel": "Kanal",
    "contacts": "Kontakte",
    "aht_seconds": "AHT",
    "fcr": "FCR",
    "csat": "CSAT",
    "csat_answers": "Antworten",
    "qa_score": "QA",
}


def table(name):
    with (FILES / name).open("rb") as handle:
        sheet = reading.read_all(name, handle)
        return sheet.headers, list(sheet.rows)


def import_bytes(content: bytes, name="x.csv", mapping=None, source="test", **options):
    import io

    report = services.import_file(
        io.BytesIO(content), name, source=services.source_for(source), mapping=mapping, **options
    )
    assert not report.problems, report.problems
    return report


def run(name, mapping=None, **options):
    report = import_bytes((FILES / name).read_bytes(), name, mapping, **options)
    return report.records, report.errors


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-06-20 12:00 +02:00", tick=False):
        yield


def test_a_comma_separated_file_is_imported(cast):
    imported, errors = run("comma.csv")
    assert (imported, errors) == (2, [])
    record = KpiRecord.objects.get(agent=cast["agent"])
    assert (record.period_start, record.channel, record.contacts, record.aht_seconds) == (
        date(2026, 6, 1),
        "phone",
        210,
        345,
    )
    assert (record.fcr, record.csat, record.qa_score) == (0.81, 4.4, 86.5)


def test_semicolons_german_decimals_percentages_and_german_channel_names(cast):
    imported, errors = run("semicolon_german.csv", GERMAN)
    assert errors == [] and imported == 2
    agent = KpiRecord.objects.get(agent=cast["agent"])
    assert (agent.contacts, agent.fcr, agent.csat, agent.qa_score) == (1210, 0.81, 4.4, 86.5)
    assert KpiRecord.objects.get(agent=cast["colleague"]).fcr == 0.74  # "74" means 74 %


def test_a_latin1_file_from_an_old_system_is_read(cast):
    headers, rows = table("latin1.csv")
    assert rows[0][1][headers.index("Bemerkung")] == "Überlänge"
    assert run("latin1.csv") == (1, [])
    assert KpiRecord.objects.get().fcr == 0.7


def test_an_xlsx_file_is_imported(cast):
    assert run("export.xlsx") == (1, [])
    assert KpiRecord.objects.get().channel == "email"


def test_reimporting_the_same_file_changes_nothing(cast):
    run("comma.csv")
    before = list(KpiRecord.objects.order_by("pk").values())
    run("comma.csv")
    assert list(KpiRecord.objects.order_by("pk").values()) == before


def test_an_update_overwrites_the_figures_of_the_same_agent_period_and_channel(cast):
    run("comma.csv")
    changed = (FILES / "comma.csv").read_text().replace(",210,", ",222,")
    assert import_bytes(changed.encode()).changed == 1
    assert KpiRecord.objects.count() == 2
    assert KpiRecord.objects.get(agent=cast["agent"]).contacts == 222


@pytest.mark.parametrize(
    "line,problem",
    [
        ("nobody@example.test,2026-06-01,phone,1,1,0.5,4,1,80", "unknown agent"),
        ("agent@example.test,2026-06-01,phone,many,1,0.5,4,1,80", "contacts"),
        ("agent@example.test,2026-06-01,phone,10,1,250,4,1,80", "share"),
        ("agent@example.test,2026-07-06,phone,10,1,0.5,4,1,80", "future"),
        ("agent@example.test,2026-06-01,fax,10,1,0.5,4,1,80", "unknown channel"),
        ("agent@example.test,2026-06-01,phone,=1+1,1,0.5,4,1,80", "formula"),
        ("agent@example.test,June,phone,10,1,0.5,4,1,80", "not a date"),
    ],
)
def test_every_bad_row_is_reported_and_nothing_is_imported(cast, line, problem):
    good = "agent@example.test,2026-06-08,phone,10,1,0.5,4,1,80"
    content = (
        f"agent_email,week,channel,contacts,aht,fcr,csat,csat_answers,qa\n{good}\n{line}\n".encode()
    )
    report = import_bytes(content, mapping=MAPPING)
    errors = report.errors
    assert report.changed == 0
    assert {number for number, _ in errors} == {3}
    assert any(problem in message for _, message in errors)
    assert not KpiRecord.objects.exists()


def test_a_duplicate_row_in_the_file_is_an_error(cast):
    line = "agent@example.test,2026-06-01,phone,10,1,0.5,4,1,80"
    content = (
        f"agent_email,week,channel,contacts,aht,fcr,csat,csat_answers,qa\n{line}\n{line}\n".encode()
    )
    report = import_bytes(content, mapping=MAPPING)
    assert report.changed == 0 and report.errors == [[3, "duplicate of line 2"]]


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.csv", b"", "empty"),
        ("figures.pdf", b"%PDF", "CSV or XLSX"),
        ("broken.xlsx", b"not a zip", "not a readable XLSX"),
    ],
)
def test_unusable_files_give_a_clear_message(name, content, message):
    import io

    with pytest.raises(reading.FileProblem, match=message):
        reading.read_all(name, io.BytesIO(content))


def test_a_file_over_the_size_limit_is_refused(settings):
    import io

    settings.KPI_IMPORT_MAX_BYTES = 10
    with pytest.raises(reading.FileProblem, match="larger than"):
        reading.read_all("big.csv", io.BytesIO(b"x" * 11))


def test_a_missing_required_column_is_named(cast):
    import io

    report = services.import_file(
        io.BytesIO((FILES / "comma.csv").read_bytes()),
        "comma.csv",
        source=services.source_for("t"),
        mapping={**MAPPING, "contacts": "no such column"},
    )
    assert any("no such column" in p and "Contacts" in p for p in report.problems)


def test_the_command_imports_with_a_guessed_mapping_and_saves_it(cast, capsys):
    from kpis.models import ImportSource

    call_command("import_kpis", str(FILES / "comma.csv"), "--source", "Genesys")
    assert "2 record(s) imported, 2 new or changed." in capsys.readouterr().out
    assert ImportSource.objects.get(name="Genesys").mapping["agent"] == "agent_email"


def test_the_command_fails_without_importing_when_a_row_is_bad(cast, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("agent_email,week,channel,contacts\nnobody@example.test,2026-06-01,phone,3\n")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_kpis", str(bad), "--source", "x")
    assert not KpiRecord.objects.exists()


def test_the_snapshot_sums_and_averages_a_period(cast):
    from kpis.selectors import kpi_snapshot

    run("comma.csv")
    snapshot = kpi_snapshot(cast["agent"], date(2026, 4, 1), date(2026, 7, 1))
    assert snapshot == {
        "contacts": 210,
        "aht_seconds": 345.0,
        "fcr": 0.81,
        "csat": 4.4,
        "qa_score": 86.5,
    }


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_bom_utf16_and_windows_1252_files_are_read(cast, encoding):
    content = (
        "Mitarbeiter;Woche;Kanal;Kontakte;AHT\nagent@example.test;01.06.2026;Telefon;12;5:00\n"
    )
    report = import_bytes(content.encode(encoding))
    assert (report.records, report.errors) == (1, [])
    assert KpiRecord.objects.get().aht_seconds == 300


def test_an_xlsx_with_title_lines_and_clock_durations(cast, tmp_path):
    import io
    from datetime import time

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Agent performance, week 23"])
    sheet.append([])
    sheet.append(["agent_email", "week", "channel", "contacts", "aht"])
    sheet.append(["agent@example.test", date(2026, 6, 1), "Chat", 9, time(0, 8, 20)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = import_bytes(buffer.getvalue(), name="week.xlsx")
    assert (report.records, report.errors) == (1, [])
    assert KpiRecord.objects.get().aht_seconds == 500
