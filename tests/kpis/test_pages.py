from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from kpis.models import KpiImport, KpiRecord

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parent / "files"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    "role,status", [("agent", 404), ("lead", 404), ("hr", 200), ("admin", 200)]
)
def test_imports_are_for_hr_and_admins(cast, login, role, status):
    assert login(cast[role]).get("/kpis/imports/").status_code == status


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


@time_machine.travel("2026-06-20 12:00 +02:00", tick=False)
def test_upload_map_preview_and_import_in_the_background(
    cast, login, django_capture_on_commit_callbacks
):
    client = login(cast["hr"])
    upload = SimpleUploadedFile("comma.csv", (FILES / "comma.csv").read_bytes())
    response = client.post("/kpis/imports/", {"source": "ACD", "file": upload})
    kpi_import = KpiImport.objects.get()
    assert response.url == f"/kpis/imports/{kpi_import.pk}/"
    page = client.get(response.url)
    assert page.context["form"].initial["agent"] == "agent_email"  # detected
    rows = page.context["preview"]["rows"]
    assert [(r["agent"], r["errors"]) for r in rows] == [
        ("Jonas Agent", []),
        ("Clara Colleague", []),
    ]
    assert "Jonas Agent" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url, {**MAPPING, "preset": "portal", "import": "1"})
    kpi_import.refresh_from_db()
    assert (kpi_import.status, kpi_import.imported_rows, kpi_import.changed_rows) == ("done", 2, 2)
    assert KpiRecord.objects.count() == 2
    assert (
        "2 record(s) imported, 2 of them new or changed."
        in client.get(f"/kpis/imports/{kpi_import.pk}/status/").content.decode()
    )


@time_machine.travel("2026-06-20 12:00 +02:00", tick=False)
def test_a_failed_import_is_red_with_its_first_problems_on_the_page(
    cast, login, django_capture_on_commit_callbacks
):
    client = login(cast["hr"])
    content = b"agent_email,week,channel,contacts\nagent@example.test,2026-06-01,phone,3\nagent@example.test,2026-06-08,fax,3\n"
    client.post("/kpis/imports/", {"source": "ACD", "file": SimpleUploadedFile("bad.csv", content)})
    kpi_import = KpiImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/kpis/imports/{kpi_import.pk}/",
            {
                "agent": "agent_email",
                "period_start": "week",
                "channel": "channel",
                "contacts": "contacts",
                "check": "1",
            },
        )
    kpi_import.refresh_from_db()
    assert kpi_import.status == "failed" and not KpiRecord.objects.exists()
    page = client.get(f"/kpis/imports/{kpi_import.pk}/").content.decode()
    assert "alert-danger" in page and "Line 3" in page and "unknown channel “fax”" in page
    errors = client.get(f"/kpis/imports/{kpi_import.pk}/errors.csv").content.decode("utf-8-sig")
    assert "unknown channel" in errors and errors.startswith("Line;Problem")


def test_an_upload_that_is_not_csv_or_xlsx_is_refused(cast, login):
    response = login(cast["hr"]).post(
        "/kpis/imports/", {"source": "ACD", "file": SimpleUploadedFile("x.pdf", b"%PDF")}
    )
    assert "Please upload a CSV or XLSX file." in response.content.decode()
    assert not KpiImport.objects.exists()


def test_the_agent_page_shows_weekly_trends_with_the_team_median(cast, login):
    from datetime import timedelta

    from django.utils import timezone

    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 7)
    for who, aht in ((cast["agent"], 300), (cast["colleague"], 400)):
        KpiRecord.objects.create(
            agent=who, period_start=monday, channel="phone", contacts=100, aht_seconds=aht
        )
    response = login(cast["agent"]).get("/me/")
    kpi = next(
        s for s in response.context["main_sections"] if s.template == "kpis/_agent_kpis.html"
    )
    assert kpi.context["weeks"][0]["aht_seconds"] == 300
    assert kpi.context["weeks"][0]["aht_seconds_median"] == 350


@time_machine.travel("2026-06-20 12:00 +02:00", tick=False)
def test_an_unknown_format_gets_the_manual_mapping_page_not_an_error(cast, login):
    client = login(cast["hr"])
    content = b"Wer;Wann;Wie viele\nagent@example.test;01.06.2026;12\n"
    client.post(
        "/kpis/imports/", {"source": "Eigenbau", "file": SimpleUploadedFile("x.csv", content)}
    )
    page = client.get(KpiImport.objects.get().get_absolute_url())
    assert page.status_code == 200 and "was not recognised" in page.content.decode()
    assert page.context["preview"]["problems"]  # required columns still to choose
    assert 'name="import" disabled' in page.content.decode()


@time_machine.travel("2026-06-20 12:00 +02:00", tick=False)
def test_the_german_page_names_columns_as_a_person_would(cast, login):
    cast["hr"].preferred_language = "de"
    cast["hr"].save()
    client = login(cast["hr"])
    client.post(
        "/kpis/imports/",
        {
            "source": "ACD",
            "file": SimpleUploadedFile("comma.csv", (FILES / "comma.csv").read_bytes()),
        },
        HTTP_ACCEPT_LANGUAGE="de",
    )
    page = client.get(
        KpiImport.objects.get().get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert (
        "Zeitraum von" in page
        and "Kontakte" in page
        and "period_start" not in page.split("<table")[1]
    )


@time_machine.travel("2026-06-20 12:00 +02:00", tick=False)
def test_choosing_another_export_format_shows_its_columns(cast, login):
    client = login(cast["hr"])
    client.post(
        "/kpis/imports/",
        {
            "source": "ACD",
            "file": SimpleUploadedFile("comma.csv", (FILES / "comma.csv").read_bytes()),
        },
    )
    kpi_import = KpiImport.objects.get()
    page = client.post(kpi_import.get_absolute_url(), {"preset": "zendesk", "preset_changed": "1"})
    assert page.context["preset"].name == "zendesk" and not page.context["form"].is_bound


@time_machine.travel("2026-06-20 12:00 +02:00", tick=False)
def test_check_then_import_then_the_history_shows_it_done(
    cast, login, django_capture_on_commit_callbacks
):
    client = login(cast["hr"])
    client.post(
        "/kpis/imports/",
        {
            "source": "ACD",
            "file": SimpleUploadedFile("comma.csv", (FILES / "comma.csv").read_bytes()),
        },
    )
    kpi_import = KpiImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(kpi_import.get_absolute_url(), {**MAPPING, "preset": "portal", "check": "1"})
    kpi_import.refresh_from_db()
    assert kpi_import.status == "checked" and not KpiRecord.objects.exists()
    page = client.get(kpi_import.get_absolute_url()).content.decode()
    assert "Jonas Agent" in page and "2 records for the portal" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kpis/imports/{kpi_import.pk}/import/")
    kpi_import.refresh_from_db()
    assert kpi_import.status == "done" and KpiRecord.objects.count() == 2
    assert "text-bg-success" in client.get("/kpis/imports/").content.decode()


@time_machine.travel("2026-06-20 12:00 +02:00", tick=False)
def test_a_checked_import_can_be_mapped_again(cast, login, django_capture_on_commit_callbacks):
    client = login(cast["hr"])
    client.post(
        "/kpis/imports/",
        {
            "source": "ACD",
            "file": SimpleUploadedFile("comma.csv", (FILES / "comma.csv").read_bytes()),
        },
    )
    kpi_import = KpiImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(kpi_import.get_absolute_url(), {**MAPPING, "preset": "portal", "check": "1"})
    client.post(f"/kpis/imports/{kpi_import.pk}/remap/")
    kpi_import.refresh_from_db()
    assert kpi_import.status == "uploaded"
    assert (
        client.get(kpi_import.get_absolute_url()).context["form"].initial["contacts"] == "contacts"
    )


@pytest.mark.parametrize("path", ["link/", "import/", "remap/"])
def test_the_import_actions_are_for_hr_and_need_post(cast, login, path):
    from kpis import services

    kpi_import = KpiImport.objects.create(source=services.source_for("x"), file_name="x.csv")
    assert login(cast["lead"]).post(f"/kpis/imports/{kpi_import.pk}/{path}").status_code == 404
    assert login(cast["hr"]).get(f"/kpis/imports/{kpi_import.pk}/{path}").status_code == 405
    assert login(cast["hr"]).post(f"/kpis/imports/999999/{path}").status_code == 404
