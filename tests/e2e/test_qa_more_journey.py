"""More of quality evaluations in the browser, in German and in English: HR edits a scorecard in use in
the editor (weights that do not add up are refused, then the edit becomes the next version), reads the
disputes page and downloads the CSV export; the lead draws the week's interactions and replaces one only
with a reason."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from qa.models import SampleItem, Scorecard

pytestmark = pytest.mark.e2e


def test_hr_edits_a_scorecard_in_use_reads_disputes_and_exports_and_the_lead_replaces_a_draw(
    demo, sign_in, sign_out, live_server, page, t, lang
):
    card = Scorecard.objects.get(name_de="Telefon Basis")
    sign_in("hr@demo.example")
    page.goto(f"{live_server.url}/qa/scorecards/{card.pk}/")
    page.get_by_role("link", name=t("Edit"), exact=True).click()
    expect(page.locator("#qa-new-version-note")).to_be_visible()
    weight = page.locator("#id_s0-weight")
    original = weight.input_value()
    weight.fill("1")
    page.get_by_role("button", name=t("Save the scorecard")).first.click()
    expect(page.locator(".error-summary")).to_contain_text(
        t("The weights of the regular sections add up to %(total)s; they must add up to 100.")[:20]
    )
    page.locator("#id_s0-weight").fill(original)
    page.get_by_role("button", name=t("Save the scorecard")).first.click()
    expect(
        page.get_by_text(t("The scorecard is saved as version %(number)s.", number=2))
    ).to_be_visible()
    assert card.versions.count() == 2

    page.goto(f"{live_server.url}/qa/disputes/")
    expect(page.get_by_role("heading", name=t("Disputes")).first).to_be_visible()
    export = page.request.get(f"{live_server.url}/qa/export.csv")  # the browser's session
    assert export.ok and export.headers["content-type"].startswith("text/csv")
    assert ".csv" in export.headers["content-disposition"]
    sign_out()

    sign_in("lead@demo.example")
    page.goto(f"{live_server.url}/qa/sampling/")
    page.get_by_label(t("Evaluations you can do this week")).fill("3")
    page.get_by_role("button", name=t("Draw this week's interactions")).click()
    expect(page.get_by_text(t("The interactions of the week are drawn."))).to_be_visible()
    page.get_by_role("link", name=t("Replace"), exact=True).first.click()
    page.get_by_role("button", name=t("Replace the interaction")).click()
    expect(page.locator(".error-summary")).to_be_visible()
    page.get_by_label(t("Why is this interaction replaced?")).fill("Testanruf")
    page.get_by_role("button", name=t("Replace the interaction")).click()
    expect(
        page.get_by_text(t("The interaction is replaced; the reason is kept with the draw."))
    ).to_be_visible()
    expect(page.get_by_text("Testanruf")).to_be_visible()
    assert SampleItem.objects.filter(
        replacement_reason="Testanruf", replaced_at__lte=timezone.now()
    ).exists()
