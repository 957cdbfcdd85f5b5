import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from people.periods import Quarter

pytestmark = pytest.mark.e2e


def test_hr_opens_the_overview_and_downloads_the_quarters_xlsx(
    demo, sign_in, live_server, page, tmp_path, t
):
    sign_in("hr@demo.example")
    expect(page).to_have_url(f"{live_server.url}/hr/")
    expect(page.get_by_role("heading", name=t("Overview"))).to_be_visible()
    page.get_by_role("button", name=t("Reports")).click()
    page.get_by_role("link", name=t("Exports")).click()
    last_quarter = Quarter.current().previous()
    page.get_by_label(t("Quarter")).select_option(label=last_quarter.display)
    with page.expect_download() as download_info:
        page.get_by_role("button", name=t("Download XLSX")).click()
    download = download_info.value
    assert download.suggested_filename == f"reviews-{last_quarter.label}.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    rows = list(load_workbook(io.BytesIO(path.read_bytes())).active.iter_rows(values_only=True))
    assert rows[0][:5] == (t("Agent"), t("E-mail"), t("Team"), t("Reviewer"), t("Quarter"))
    assert len(rows) > 30  # the demo's reviews of last quarter
    assert all(row[4] == last_quarter.display for row in rows[1:])
