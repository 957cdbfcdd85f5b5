import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def sign_out(page):
    page.locator("#nav-main .dropdown-toggle").click()
    page.get_by_role("button", name="Sign out").click()


def test_hr_publishes_the_lead_covers_the_agent_confirms_and_hr_sees_100_percent(demo, sign_in, live_server, page):
    sign_in("hr@demo.example")
    page.get_by_role("link", name="Briefings").click()
    page.get_by_role("link", name="New briefing").click()
    page.get_by_label("Title (English)").fill("Christmas opening hours")
    page.get_by_label("Title (German)").fill("Öffnungszeiten an Weihnachten")
    page.locator("#id_points-0-text_en").fill("We close at 14:00 on 24 December.")
    page.locator("#id_points-0-text_de").fill("Am 24. Dezember schließen wir um 14 Uhr.")
    page.get_by_label("Privatkunden Telefon").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("dialog").get_by_role("button", name="Publish the briefing").click()
    expect(page.get_by_text("The briefing is published.")).to_be_visible()
    sign_out(page)

    sign_in("lead@demo.example")
    section = page.locator("section").filter(has_text="Briefings to cover in team meetings")
    expect(section.get_by_role("link", name="Christmas opening hours")).to_be_visible()
    section.get_by_role("link", name="Record a team meeting").click()
    page.get_by_label("Jonas Weber").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The team meeting was recorded.")).to_be_visible()
    sign_out(page)

    sign_in("agent@demo.example")
    page.get_by_role("link", name="Christmas opening hours", exact=True).click()
    page.get_by_role("button", name="I have read this briefing").click()
    expect(page.get_by_text("Thank you for confirming that you have read the briefing.")).to_be_visible()
    sign_out(page)

    sign_in("hr@demo.example")
    page.get_by_role("link", name="Briefings").click()
    page.get_by_role("link", name="Christmas opening hours", exact=True).click()
    expect(page.get_by_text("100 % of the agents present confirmed")).to_be_visible()
