import pytest
from django.utils.text import capfirst
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

TITLE = {"de": "Öffnungszeiten an Weihnachten", "en": "Christmas opening hours"}


def test_hr_publishes_the_lead_covers_the_agent_confirms_and_hr_sees_100_percent(
    demo, sign_in, sign_out, live_server, page, lang, t
):
    sign_in("hr@demo.example")
    page.get_by_role("link", name=t("Briefings")).click()
    page.get_by_role("link", name=t("New briefing")).click()
    page.get_by_label(capfirst(t("title (English)"))).fill(TITLE["en"])
    page.get_by_label(capfirst(t("title (German)"))).fill(TITLE["de"])
    page.locator("#id_points-0-text_en").fill("We close at 14:00 on 24 December.")
    page.locator("#id_points-0-text_de").fill("Am 24. Dezember schließen wir um 14 Uhr.")
    page.get_by_label("Privatkunden Telefon").check()
    page.get_by_role("button", name=t("Save")).click()
    expect(page.get_by_text(t("The briefing was saved."))).to_be_visible()
    page.get_by_role("button", name=t("Publish")).click()
    page.get_by_role("dialog").get_by_role("button", name=t("Publish the briefing")).click()
    expect(
        page.get_by_text(
            t("The briefing is published. The leads of its teams see it on their dashboard.")
        )
    ).to_be_visible()
    sign_out()

    sign_in("lead@demo.example")
    section = page.locator("section").filter(has_text=t("Briefings to cover in team meetings"))
    expect(section.get_by_role("link", name=TITLE[lang])).to_be_visible()
    section.get_by_role("link", name=t("Record a team meeting")).click()
    page.get_by_label("Jonas Weber").check()
    page.get_by_role("button", name=t("Save")).click()
    expect(page.get_by_text(t("The team meeting was recorded."))).to_be_visible()
    sign_out()

    sign_in("agent@demo.example")
    # The agent's page starts with what awaits them.
    page.locator("#for-you li").filter(has_text=TITLE[lang]).get_by_role(
        "link", name=t("Read and confirm")
    ).click()
    page.get_by_role("button", name=t("I have read this briefing")).click()
    expect(
        page.get_by_text(t("Thank you for confirming that you have read the briefing."))
    ).to_be_visible()
    sign_out()

    sign_in("hr@demo.example")
    page.get_by_role("link", name=t("Briefings")).click()
    page.get_by_role("link", name=TITLE[lang], exact=True).click()
    expect(
        page.get_by_text(t("%(share)s %% of the agents present confirmed", share=100))
    ).to_be_visible()
