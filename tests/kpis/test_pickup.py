"""The nightly pick-up: a file dropped in a source's folder is imported once, failures reach HR once."""

from pathlib import Path

import pytest
import time_machine
from django.core import mail

from kpis import services
from kpis.models import KpiImport, KpiRecord
from notifications.models import Notification

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parent / "files" / "presets"


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "kpi-drop": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "drop")},
        },
    }
    (tmp_path / "drop" / "genesys").mkdir(parents=True)
    with time_machine.travel("2026-06-20 02:30 +02:00", tick=False):
        yield tmp_path / "drop" / "genesys"


@pytest.fixture
def source(db):
    source = services.source_for("Genesys nightly")
    source.pickup_storage, source.pickup_prefix = "kpi-drop", "genesys/"
    source.save()
    return source


def test_the_nightly_task_imports_a_file_dropped_in_the_folder_once(cast, source, storage):
    from kpis.tasks import pick_up_files

    (storage / "agents-2026-06-01.csv").write_bytes((FILES / "genesys_en.csv").read_bytes())
    (storage / "readme.pdf").write_bytes(b"%PDF")
    assert pick_up_files.delay().get() == {"found": 1, "imported": 1, "failed": 0}
    kpi_import = KpiImport.objects.get()
    assert (kpi_import.origin, kpi_import.status, kpi_import.pickup_path) == (
        "pickup",
        "done",
        "genesys/agents-2026-06-01.csv",
    )
    assert KpiRecord.objects.get(agent=cast["agent"]).aht_seconds == 330
    assert pick_up_files.delay().get() == {
        "found": 0,
        "imported": 0,
        "failed": 0,
    }  # the next night: nothing new
    assert KpiImport.objects.count() == 1


def test_a_failed_pickup_is_in_the_history_and_hr_is_told_once(
    cast, source, storage, login, django_capture_on_commit_callbacks
):
    (storage / "broken.csv").write_bytes(
        b"Agent Name,Interval Start,Answered,Avg Handle\nNobody Known,6/1/2026,5,300000\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.pickup_run()
    kpi_import = KpiImport.objects.get()
    assert kpi_import.status == "failed" and kpi_import.failure_notified_at is not None
    assert Notification.objects.filter(recipient=cast["hr"], kind="kpi_import_failed").count() == 1
    assert len(mail.outbox) == 1 and "broken.csv" in mail.outbox[0].subject
    services.notify_failure(kpi_import)
    assert Notification.objects.filter(kind="kpi_import_failed").count() == 1  # once
    page = login(cast["hr"]).get("/kpis/imports/").content.decode()
    assert "broken.csv" in page and "Nightly pick-up" in page and "text-bg-danger" in page


def test_a_missing_folder_is_logged_not_fatal(cast, source, settings, tmp_path):
    source.pickup_prefix = "does-not-exist"
    source.save()
    assert services.pickup_run() == {"found": 0, "imported": 0, "failed": 0}
