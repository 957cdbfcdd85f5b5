"""An XLSX file's rows count as rows and its cells as the cells it has (openpyxl pads every row to
the column cap); a request too large is refused from its Content-Length before its body is read;
the ingress and the portal agree on the size."""

import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from openpyxl import Workbook
from ruamel.yaml import YAML

from kpis import reading

ROOT = Path(__file__).resolve().parents[2]


def xlsx(rows: int) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Agent", "Date", "AHT"])
    for n in range(rows):
        sheet.append([f"agent{n % 7}@example.test", "2026-03-02", 300 + n % 50])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def limits(settings):
    """The production ratio of cells to rows (10,000,000 to 500,000: 20), at a thousandth of the size."""
    settings.KPI_IMPORT_MAX_ROWS = 500
    settings.KPI_IMPORT_MAX_CELLS = 500 * 20
    return settings


def test_an_xlsx_just_under_the_row_limit_is_read_whole(limits):
    sheet = reading.read_all("a.xlsx", io.BytesIO(xlsx(499)))
    rows = list(sheet.rows)
    assert len(rows) == 499
    assert all(len(cells) == 3 for _, cells in rows)


def test_an_xlsx_over_the_row_limit_is_refused_with_the_row_message(limits):
    with pytest.raises(reading.FileProblem, match="more than 500 rows"):
        list(reading.read_all("a.xlsx", io.BytesIO(xlsx(501))).rows)


def test_the_defaults_keep_the_ratio_the_small_limits_test():
    assert django_settings.KPI_IMPORT_MAX_ROWS == 500_000
    assert django_settings.KPI_IMPORT_MAX_CELLS == 500_000 * 20


def test_a_request_too_large_is_refused_before_its_body_is_read(client, settings, db):
    settings.MAX_REQUEST_BYTES = 1000

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the body was read")

        readline = read

    response = client.generic(
        "POST",
        "/kpis/imports/",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH="1001",
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "larger than" in response.content.decode()
    api = client.generic(
        "POST", "/api/v1/kpis/bulk/", b"", CONTENT_LENGTH="5000", **{"wsgi.input": Unreadable()}
    )
    assert api.status_code == 413 and api["Content-Type"] == "application/problem+json"


def test_the_ingress_lets_through_exactly_what_the_portal_accepts():
    ingress = YAML(typ="safe").load(
        (ROOT / "deploy/k8s/overlays/production/ingress.yaml").read_text()
    )
    size = ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-body-size"]
    assert size.endswith("m")
    assert int(size[:-1]) * 1024 * 1024 == django_settings.MAX_REQUEST_BYTES
    configmap = YAML(typ="safe").load((ROOT / "deploy/k8s/base/configmap.yaml").read_text())
    assert "MAX_REQUEST_BYTES" not in configmap["data"]
    assert "KPI_IMPORT_MAX_BYTES" not in configmap["data"]
