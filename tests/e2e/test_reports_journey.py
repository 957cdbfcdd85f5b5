import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from people.periods import Quarter

pytestmark = pytest.mark.e2e


def test_hr_opens_the_overview_and_downloads_the_quarters_xlsx(demo, sign_in, live_server, page, tmp_path):
    sign_in("hr@demo.example")
    expect(page).to_have_url(f"{live_server.url}/hr/")
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    page.get_by_role("link", name="Exports").click()
    last_quarter = Quarter.current().previous().label
    page.get_by_label("Quarter").select_option(last_quarter)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download XLSX").click()
    download = download_info.value
    assert download.suggested_filename == f"reviews-{last_quarter}.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    rows = list(load_workbook(io.BytesIO(path.read_bytes())).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Agent", "E-mail", "Team")
    assert len(rows) > 30  # the demo's reviews of last quarter
    assert all(row[4] == last_quarter for row in rows[1:])
