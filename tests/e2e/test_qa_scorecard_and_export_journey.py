"""A new scorecard and the XLSX export in the browser, in German and in English: HR creates a scorecard
on /qa/scorecards/new/ (weights that do not add up to 100 are refused with the message and nothing is
saved; corrected, it is saved as version 1), then downloads the evaluations as XLSX from the QA page and
the workbook holds the header row and the demo's evaluations. One sign-in, four page loads."""

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from qa.models import Evaluation, Scorecard

pytestmark = pytest.mark.e2e


def test_hr_creates_a_scorecard_after_a_refused_weight_and_downloads_the_xlsx_export(
    demo, sign_in, live_server, page, t, lang
):
    sign_in("hr@demo.example")
    page.goto(f"{live_server.url}/qa/scorecards/new/")
    expect(page.get_by_role("heading", name=t("New scorecard"))).to_be_visible()
    page.get_by_label(t("Name (German)")).fill("E-Mail Basis")
    page.get_by_label(t("Name (English)")).fill("E-mail basics")
    page.locator('input[name="channels"][value="email"]').check()
    page.locator("#id_s0-title_de").fill("Antwort")
    page.locator("#id_s0-title_en").fill("Answer")
    page.locator("#id_s0-weight").fill("90")
    page.locator("#id_s0-q0-text_de").fill("Beantwortet alle Fragen")
    page.locator("#id_s0-q0-text_en").fill("Answers every question")
    save = page.get_by_role("button", name=t("Save the scorecard")).last
    save.click()
    expect(page.locator(".error-summary")).to_contain_text(
        t(
            "The weights of the regular sections add up to %(total)s; they must add up to 100.",
        ).split("%(total)s")[0]
    )
    assert not Scorecard.objects.filter(name_en="E-mail basics").exists()  # nothing half-saved
    expect(page.locator("#id_s0-q0-text_en")).to_have_value("Answers every question")
    page.locator("#id_s0-weight").fill("100")
    save.click()
    expect(page.get_by_text(t("The scorecard is saved as version 1."))).to_be_visible()
    card = Scorecard.objects.get(name_en="E-mail basics", name_de="E-Mail Basis")
    (version,) = card.versions.all()
    assert list(version.channels.values_list("code", flat=True)) == ["email"]

    page.goto(f"{live_server.url}/qa/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX", exact=True).click()
    download = download_info.value
    assert download.suggested_filename.startswith("quality-evaluations-")
    assert download.suggested_filename.endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(download.path().read_bytes()), read_only=True)
    rows = [list(row) for row in workbook["QA"].iter_rows(values_only=True)]
    assert rows[0][:4] == [t("Agent"), t("E-mail"), t("Evaluator"), t("Scorecard")]
    assert rows[0][9] == t("Score (%)")
    data = rows[1:]
    assert len(data) == Evaluation.objects.filter(status__in=("shared", "acknowledged")).count()
    first = Evaluation.objects.filter(status__in=("shared", "acknowledged")).earliest(
        "interaction_at", "id"
    )
    assert data[0][1] == first.agent.email
    assert data[0][6] == first.reference
    assert data[0][9] == str(first.score)
