"""Uploads with limits and hostile content: a clear answer, a visible failed state, nothing half-saved."""

import io
import zipfile

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kpis import reading, services
from kpis.models import KpiImport, KpiRecord

pytestmark = pytest.mark.django_db
HEADER = "agent_email,week,channel,contacts,aht,fcr,csat,csat_answers,qa\n"
GOOD = "agent@example.test,2026-06-01,phone,10,300,0.8,4.5,3,90\n"


@pytest.fixture(autouse=True)
def frozen(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel("2026-06-20 12:00 +02:00", tick=False):
        yield


def zip_bomb(unpacked_bytes: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * unpacked_bytes)
    return buffer.getvalue()


def test_an_xlsx_zip_bomb_is_refused_from_its_directory_alone(settings):
    settings.KPI_IMPORT_MAX_XLSX_UNCOMPRESSED = 1024 * 1024
    bomb = zip_bomb(5 * 1024 * 1024)
    assert len(bomb) < 20_000
    with pytest.raises(reading.FileProblem, match="unpacks to more than 1 MB"):
        reading.read_all("bomb.xlsx", io.BytesIO(bomb))


def test_the_upload_refuses_a_zip_bomb_and_stores_nothing(cast, login, settings):
    settings.KPI_IMPORT_MAX_XLSX_UNCOMPRESSED = 1024 * 1024
    response = login(cast["hr"]).post(
        "/kpis/imports/",
        {"source": "x", "file": SimpleUploadedFile("b.xlsx", zip_bomb(3 * 1024 * 1024))},
    )
    assert "unpacks to more than" in response.content.decode()
    assert not KpiImport.objects.exists()


def test_the_size_cap_holds_before_anything_is_read(cast, login, settings):
    settings.KPI_IMPORT_MAX_BYTES = 100
    response = login(cast["hr"]).post(
        "/kpis/imports/",
        {"source": "x", "file": SimpleUploadedFile("a.csv", (HEADER + GOOD * 5).encode())},
    )
    assert "larger than" in response.content.decode() and not KpiImport.objects.exists()


def test_the_row_cap_and_the_cell_cap(settings):
    settings.KPI_IMPORT_MAX_ROWS = 3
    with pytest.raises(reading.FileProblem, match="more than 3 rows"):
        list(reading.read_all("a.csv", io.BytesIO((HEADER + GOOD * 4).encode())).rows)
    settings.KPI_IMPORT_MAX_ROWS, settings.KPI_IMPORT_MAX_CELLS = 100, 20
    with pytest.raises(reading.FileProblem, match="more than 20 cells"):
        list(reading.read_all("a.csv", io.BytesIO((HEADER + GOOD * 3).encode())).rows)


def test_random_bytes_give_a_clear_file_error(cast, login):
    response = login(cast["hr"]).post(
        "/kpis/imports/",
        {"source": "x", "file": SimpleUploadedFile("r.csv", bytes(range(256)) * 20)},
    )
    assert "not a text file" in response.content.decode() and not KpiImport.objects.exists()
    response = login(cast["hr"]).post(
        "/kpis/imports/",
        {"source": "x", "file": SimpleUploadedFile("r.xlsx", bytes(range(256)) * 20)},
    )
    assert "not a readable XLSX" in response.content.decode()


def test_the_mapping_page_reads_no_file_after_the_upload(cast, login, monkeypatch):
    client = login(cast["hr"])
    client.post(
        "/kpis/imports/",
        {"source": "x", "file": SimpleUploadedFile("a.csv", (HEADER + GOOD).encode())},
    )
    kpi_import = KpiImport.objects.get()
    monkeypatch.setattr(
        reading, "read_all", lambda *a, **k: pytest.fail("the page parsed the file")
    )
    monkeypatch.setattr(
        reading, "read_sample", lambda *a, **k: pytest.fail("the page parsed the file")
    )
    assert client.get(kpi_import.get_absolute_url()).status_code == 200
    assert (
        client.post(
            kpi_import.get_absolute_url(),
            {
                "preview": "1",
                "agent": "agent_email",
                "period_start": "week",
                "channel": "channel",
                "contacts": "contacts",
            },
        ).status_code
        == 200
    )


def _worker_import(content: bytes, name="a.csv", **fields) -> KpiImport:
    kpi_import = KpiImport(
        source=services.source_for("w"),
        file_name=name,
        status=KpiImport.Status.QUEUED,
        confirmed=True,
        **fields,
    )
    kpi_import.file.save(name, ContentFile(content), save=True)
    services.kpi_import_run(kpi_import.pk)
    kpi_import.refresh_from_db()
    return kpi_import


@pytest.mark.parametrize(
    "cell,problem",
    [
        ("inf", "not a finite number"),
        ("nan", "not a finite number"),
        ("1e20", "too large"),
        ("-5", "must not be negative"),
    ],
)
def test_hostile_kpi_cells_end_the_import_as_failed_with_row_errors(cast, cell, problem):
    kpi_import = _worker_import(
        (HEADER + GOOD + GOOD.replace(",300,", f",{cell},").replace("06-01", "06-08")).encode()
    )
    assert kpi_import.status == "failed" and kpi_import.error_count == 1
    assert kpi_import.errors[0][0] == 3 and problem in kpi_import.errors[0][1]
    assert (
        "Average handling time" in kpi_import.errors[0][1] and "aht" in kpi_import.errors[0][1]
    )  # names the cell
    assert not KpiRecord.objects.exists()


def test_random_bytes_in_the_worker_end_as_failed_with_a_message(cast):
    kpi_import = _worker_import(bytes(range(256)) * 50)
    assert kpi_import.status == "failed" and "not a text file" in kpi_import.message


def test_at_most_the_first_1000_errors_are_stored_with_the_total(cast):
    bad = "".join(f"nobody{i}@example.test,2026-06-01,phone,1,1,0.5,4,1,80\n" for i in range(1500))
    kpi_import = _worker_import((HEADER + bad).encode())
    assert (
        kpi_import.status == "failed"
        and kpi_import.error_count == 1500
        and len(kpi_import.errors) == 1000
    )
    assert len(kpi_import.result["unmatched"]) == 500  # the list of unknown agents is bounded too


def test_an_unexpected_failure_in_the_worker_ends_visibly_and_writes_nothing(cast, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "write_records", broken)
    kpi_import = _worker_import((HEADER + GOOD).encode())
    assert kpi_import.status == "failed" and "unexpected problem" in kpi_import.message
    assert not KpiRecord.objects.exists()


def test_a_redelivered_message_for_an_interrupted_import_marks_it_failed(cast):
    kpi_import = _worker_import((HEADER + GOOD).encode())
    KpiImport.objects.filter(pk=kpi_import.pk).update(status=KpiImport.Status.IMPORTING)
    assert services.kpi_import_run(kpi_import.pk) == "failed"
    kpi_import.refresh_from_db()
    assert "interrupted" in kpi_import.message


def test_imports_left_running_by_a_lost_worker_are_failed_by_the_sweep(cast):
    from datetime import timedelta

    from django.utils import timezone

    kpi_import = _worker_import((HEADER + GOOD).encode())
    KpiImport.objects.filter(pk=kpi_import.pk).update(
        status=KpiImport.Status.VALIDATING, started_at=timezone.now() - timedelta(hours=2)
    )
    assert services.fail_stale_imports() == 1
    kpi_import.refresh_from_db()
    assert kpi_import.status == "failed"


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.lists(
            st.one_of(
                st.text(max_size=12),
                st.sampled_from(
                    [
                        "inf",
                        "nan",
                        "-5",
                        "1e20",
                        "",
                        "-",
                        "=1+1",
                        "1.210",
                        "87 %",
                        "2026-06-01",
                        "01.06.2026",
                        "agent@example.test",
                        "phone",
                        "\x00",
                        "0001-01-01",
                    ]
                ),
            ),
            min_size=9,
            max_size=9,
        ),
        max_size=6,
    ),
    delimiter=st.sampled_from([",", ";"]),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-8-sig"]),
)
def test_any_uploaded_content_gives_records_row_errors_or_a_file_problem(
    cast, rows, delimiter, encoding
):
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADER.strip().split(","))
    writer.writerows(rows)
    content = buffer.getvalue().encode(encoding, errors="replace")
    before = KpiRecord.objects.count()
    try:
        report = services.import_file(
            io.BytesIO(content), "fuzz.csv", source=services.source_for("fuzz")
        )
    except reading.FileProblem:
        assert KpiRecord.objects.count() == before
        return
    if report.problems or report.error_count:
        assert KpiRecord.objects.count() == before  # all or nothing
        assert report.changed == 0
    for record in KpiRecord.objects.all():
        assert record.fcr is None or 0 <= record.fcr <= 1
